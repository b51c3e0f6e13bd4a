// The requirements board and the requirement's page: rows from the projection, each scored by
// the team's model (shared/rules/requirementPriority.ts) over its asks as they are now, so an
// account's tier or ARR or a contact's role change moves the score on the next read.
import { z } from 'zod';
import { apiError } from '../../shared/api/errors';
import {
  RENEWAL_SOON_DAYS,
  type AccountAsk,
  type AskView,
  type RequirementDetail,
  type RequirementDoc,
  type RequirementPage,
  type RequirementRow,
  type RequirementScore,
  type SimilarHit,
  type requirementListSchema,
} from '../../shared/api/requirements';
import type { tiers } from '../../shared/domain/entities/account';
import type {
  AskImportance,
  AskSourceType,
  ConfirmationStatus,
  ProductArea,
  RequirementModel,
  RequirementStatus,
} from '../../shared/domain/entities/requirement';
import type { Locale } from '../../shared/i18n';
import { displayName } from '../../shared/people/displayName';
import { loadDirectory } from '../people/directory';
import {
  explainPriority,
  reasonText,
  scoreRequirement,
  type PriorityAsk,
  type PriorityResult,
} from '../../shared/rules/requirementPriority';
import { addDays } from '../../shared/time/days';
import { snippet, queryTerms } from '../projection/tokenize';
import type { AskDbRow, RequirementDbRow } from '../projection/queries/requirements';
import type { BackendContext } from '../api/context';
import { readRequirementModel } from './model';
import { RequirementTextIndex } from './textIndex';

type Tier = (typeof tiers)[number];
export type ListInput = z.output<typeof requirementListSchema>;

const asList = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** What the model reads of one ask row. */
export function priorityAsk(row: AskDbRow): PriorityAsk {
  const roles = parseJson<unknown[]>(row.roles, []);
  return {
    askId: row.id,
    accountId: row.account_id,
    accountName: row.account_name ?? row.account_id,
    tier: (row.tier ?? 'ordinary') as Tier,
    arr: row.arr ?? 0,
    reference: row.reference === 1,
    ...(row.contact_name ? { contactName: row.contact_name } : {}),
    roles: roles.filter((r): r is string => typeof r === 'string'),
    importance: (row.importance ?? 'improvement') as AskImportance,
  };
}

/** A scored requirement with the figures the board shows. */
export interface Scored {
  row: RequirementDbRow;
  asks: AskDbRow[];
  result: PriorityResult;
  accounts: number;
  arrAtStake: number;
  renewalsSoon: number;
  arrRenewingSoon: number;
  told: number;
}

/** Distinct accounts of the asks, with ARR at stake and the renewals in the window. */
function stakes(asks: AskDbRow[], today: string) {
  const until = addDays(today, RENEWAL_SOON_DAYS);
  const seen = new Set<string>();
  let arrAtStake = 0;
  let renewalsSoon = 0;
  let arrRenewingSoon = 0;
  for (const a of asks) {
    if (seen.has(a.account_id)) continue;
    seen.add(a.account_id);
    const arr = a.arr ?? 0;
    arrAtStake += arr;
    if (a.renewal_date && a.renewal_date >= today && a.renewal_date <= until) {
      renewalsSoon++;
      arrRenewingSoon += arr;
    }
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    accounts: seen.size,
    arrAtStake: round(arrAtStake),
    renewalsSoon,
    arrRenewingSoon: round(arrRenewingSoon),
  };
}

export function scoreOne(
  model: RequirementModel,
  row: RequirementDbRow,
  asks: AskDbRow[],
  today: string,
): Scored {
  const result = scoreRequirement(model, {
    status: row.status as RequirementStatus,
    productArea: row.product_area as ProductArea,
    asks: asks.map(priorityAsk),
  });
  return {
    row,
    asks,
    result,
    ...stakes(asks, today),
    told: asks.filter((a) => a.told_on).length,
  };
}

/**
 * The last scoring per backend, valid while nothing it read changed (the projection's
 * requirement version, bumped by triggers on every account, contact, contract, requirement,
 * ask, model, directory or task write, and new on a rebuild) and the day is the same (renewals
 * soon); with it the requirements' text index, built on first use.
 */
interface Kept {
  version: string;
  today: string;
  scored: Scored[];
  index?: RequirementTextIndex;
}
const cache = new WeakMap<BackendContext, Kept>();

function kept(ctx: BackendContext): Kept {
  const version = ctx.queries.requirements.version();
  const today = ctx.clock.today();
  const hit = cache.get(ctx);
  if (hit && hit.version === version && hit.today === today) return hit;
  const fresh: Kept = { version, today, scored: scoreAllNow(ctx) };
  cache.set(ctx, fresh);
  return fresh;
}

/** Every requirement scored (merged-away duplicates included; callers filter). Read-only. */
export function scoreAll(ctx: BackendContext): readonly Scored[] {
  return kept(ctx).scored;
}

/** The requirements' own full-text index, as of the last change. */
export function textIndex(ctx: BackendContext): RequirementTextIndex {
  const k = kept(ctx);
  k.index ??= new RequirementTextIndex(ctx.queries.requirements.texts());
  return k.index;
}

/** Every requirement scored from the projection now, without the cache (bench baseline). */
export function scoreAllNow(ctx: BackendContext): Scored[] {
  const model = readRequirementModel(ctx.queries).model;
  const today = ctx.clock.today();
  const q = ctx.queries.requirements;
  const byRequirement = new Map<string, AskDbRow[]>();
  for (const ask of q.allAsks()) {
    const list = byRequirement.get(ask.requirement_id);
    if (list) list.push(ask);
    else byRequirement.set(ask.requirement_id, [ask]);
  }
  return q.all().map((row) => scoreOne(model, row, byRequirement.get(row.id) ?? [], today));
}

function rowOf(s: Scored, locale: Locale): RequirementRow {
  return {
    id: s.row.id,
    rev: s.row.rev,
    title: s.row.title,
    status: s.row.status as RequirementStatus,
    productArea: s.row.product_area as ProductArea,
    ...(s.row.release ? { release: s.row.release } : {}),
    ...(s.row.merged_into ? { mergedInto: s.row.merged_into } : {}),
    updatedAt: s.row.updated_at,
    accounts: s.accounts,
    arrAtStake: s.arrAtStake,
    renewalsSoon: s.renewalsSoon,
    arrRenewingSoon: s.arrRenewingSoon,
    told: s.told,
    asks: s.asks.length,
    score: s.result.score,
    rank: s.result.rank,
    paying: s.result.paying,
    why: s.result.reasons.map((r) => reasonText(r, locale)),
  };
}

const SORTS: Record<ListInput['sort'], (a: Scored, b: Scored) => number> = {
  score: (a, b) => a.result.rank - b.result.rank || a.arrAtStake - b.arrAtStake,
  arrAtStake: (a, b) => a.arrAtStake - b.arrAtStake || a.result.rank - b.result.rank,
  updated: (a, b) =>
    a.row.updated_at < b.row.updated_at ? -1 : a.row.updated_at > b.row.updated_at ? 1 : 0,
  asks: (a, b) => a.accounts - b.accounts || a.result.rank - b.result.rank,
};

/** The scored requirements passing the board's filters, in the asked order. */
export function filteredScored(
  ctx: BackendContext,
  input: Omit<ListInput, 'offset' | 'limit'>,
): Scored[] {
  const status = asList(input.status);
  const area = asList(input.productArea);
  const tier = asList(input.tier);
  const csm = asList(input.csm);
  let matches: Set<string> | null = null;
  if (input.q) {
    matches = new Set(
      textIndex(ctx)
        .search(input.q, 'all')
        .map((h) => h.id),
    );
  }
  let renewing: Set<string> | null = null;
  if (input.renewingSoon) {
    const today = ctx.clock.today();
    renewing = ctx.queries.requirements.renewingBetween(today, addDays(today, RENEWAL_SOON_DAYS));
  }
  const out = scoreAll(ctx).filter((s) => {
    if (renewing && !renewing.has(s.row.id)) return false;
    if (!input.includeMerged && s.row.merged_into) return false;
    if (status && !status.includes(s.row.status as RequirementStatus)) return false;
    if (area && !area.includes(s.row.product_area as ProductArea)) return false;
    if (tier && !s.asks.some((a) => a.tier && tier.includes(a.tier as Tier))) return false;
    if (csm && !s.asks.some((a) => a.owner_csm && csm.includes(a.owner_csm))) return false;
    if (input.accountId && !s.asks.some((a) => a.account_id === input.accountId)) return false;
    if (matches && !matches.has(s.row.id)) return false;
    return true;
  });
  const compare = SORTS[input.sort];
  const sign = input.dir === 'asc' ? 1 : -1;
  out.sort((a, b) => sign * compare(a, b) || (a.row.id < b.row.id ? -1 : 1));
  return out;
}

export function listRequirements(ctx: BackendContext, input: ListInput): RequirementPage {
  const all = filteredScored(ctx, input);
  const byStatus: RequirementPage['byStatus'] = {};
  for (const s of all) {
    const st = s.row.status as RequirementStatus;
    byStatus[st] = (byStatus[st] ?? 0) + 1;
  }
  return {
    items: all.slice(input.offset, input.offset + input.limit).map((s) => rowOf(s, input.locale)),
    total: all.length,
    offset: input.offset,
    limit: input.limit,
    byStatus,
  };
}

export function loadRequirementDoc(ctx: BackendContext, id: string): RequirementDoc {
  const doc = ctx.queries.getDoc(id);
  if (!doc)
    throw apiError('NOT_FOUND', 'requirement.error.notFound', `no requirement ${id}`, { id }, [
      'id',
    ]);
  if (doc.type !== 'requirement')
    throw apiError(
      'VALIDATION',
      'requirement.error.notRequirement',
      `${id} is not a requirement`,
      {
        id,
      },
      ['id'],
    );
  return doc as unknown as RequirementDoc;
}

function scoreView(result: PriorityResult): RequirementScore {
  return {
    score: result.score,
    rank: result.rank,
    paying: result.paying,
    dimensions: result.dimensions,
    breadth: result.breadth,
    reasons: result.reasons,
    explanation: explainPriority(result),
  };
}

export function askViews(
  ctx: BackendContext,
  asks: AskDbRow[],
  locale: Locale,
  tellTasks: Map<string, string> = new Map(),
): AskView[] {
  const today = ctx.clock.today();
  const until = addDays(today, RENEWAL_SOON_DAYS);
  const directory = loadDirectory(ctx.queries);
  // Everything from the ask's projection row (migration 0060): no document is read.
  return asks.map((a) => {
    const confirmation = parseJson<
      { status: ConfirmationStatus; note?: string; on: string; by: string } | undefined
    >(a.confirmation_json, undefined);
    const view: AskView = {
      id: a.id,
      rev: a.rev ?? '',
      accountId: a.account_id,
      accountName: a.account_name ?? a.account_id,
      tier: a.tier ?? '',
      arr: a.arr ?? 0,
      renewalDate: a.renewal_date,
      renewalSoon: !!a.renewal_date && a.renewal_date >= today && a.renewal_date <= until,
      csm: a.owner_csm,
      csmName: displayName(directory, a.owner_csm, locale),
      contactRoles: parseJson<string[]>(a.roles, []),
      askedOn: a.asked_on ?? '',
      importance: (a.importance ?? 'improvement') as AskImportance,
      sourceType: (a.source_type ?? 'other') as AskSourceType,
    };
    if (a.contact_id) view.contactId = a.contact_id;
    if (a.contact_name) view.contactName = a.contact_name;
    if (a.source_id) view.sourceId = a.source_id;
    if (a.source_title !== null) view.sourceTitle = a.source_title;
    if (typeof a.note === 'string') view.note = a.note;
    if (confirmation) view.confirmation = confirmation;
    if (a.told_on) view.toldOn = a.told_on;
    if (typeof a.told_touchpoint_id === 'string') view.toldTouchpointId = a.told_touchpoint_id;
    const task = tellTasks.get(a.id);
    if (task) view.tellTaskId = task;
    return view;
  });
}

export function getRequirement(
  ctx: BackendContext,
  input: { id: string; locale: Locale },
): RequirementDetail {
  const requirement = loadRequirementDoc(ctx, input.id);
  const q = ctx.queries.requirements;
  const row = q.one(input.id);
  if (!row) throw apiError('NOT_FOUND', 'requirement.error.notFound', `no requirement ${input.id}`);
  const asks = q.asksOf(input.id);
  const model = readRequirementModel(ctx.queries).model;
  const scored = scoreOne(model, row, asks, ctx.clock.today());
  return {
    requirement,
    asks: askViews(ctx, asks, input.locale, q.openTellTasks(input.id)),
    score: scoreView(scored.result),
    arrAtStake: scored.arrAtStake,
    renewalsSoon: scored.renewalsSoon,
    arrRenewingSoon: scored.arrRenewingSoon,
    mergedFrom: q.mergedInto(input.id),
    told: scored.told,
  };
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** The words to mark in a snippet: a Chinese run by its bigrams, as it is matched. */
function highlightTerms(text: string): string[] {
  const out: string[] = [];
  for (const term of queryTerms(text)) {
    const chars = Array.from(term);
    if (!CJK.test(term) || chars.length < 3) out.push(term);
    else for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}

/** Existing requirements like `text` (full-text, any word), so a need is merged, not duplicated. */
export function similarRequirements(
  ctx: BackendContext,
  input: { text: string; accountId?: string; limit: number },
): { hits: SimilarHit[]; total: number } {
  const q = ctx.queries.requirements;
  const found = textIndex(ctx).search(input.text, 'any');
  const merged = new Set(
    scoreAll(ctx)
      .filter((s) => s.row.merged_into)
      .map((s) => s.row.id),
  );
  const live = found.filter((h) => !merged.has(h.id));
  const terms = highlightTerms(input.text);
  const hits: SimilarHit[] = [];
  for (const { id } of live.slice(0, input.limit)) {
    const row = q.one(id);
    const doc = ctx.queries.getDoc(id);
    if (!row || !doc) continue;
    const asks = q.asksOf(id);
    hits.push({
      id,
      title: row.title,
      status: row.status as RequirementStatus,
      productArea: row.product_area as ProductArea,
      snippet: snippet([row.title, doc.scenario, doc.workaround].filter(Boolean).join(' '), terms),
      accounts: new Set(asks.map((a) => a.account_id)).size,
      askedByAccount: !!input.accountId && asks.some((a) => a.account_id === input.accountId),
    });
  }
  return { hits, total: live.length };
}

/** The account's asks with their requirements, best-ranked requirement first. */
export function requirementsForAccount(
  ctx: BackendContext,
  input: { accountId: string; locale: Locale },
): { items: AccountAsk[]; total: number } {
  const q = ctx.queries.requirements;
  const own = q.asksOfAccount(input.accountId);
  const model = readRequirementModel(ctx.queries).model;
  const today = ctx.clock.today();
  const views = askViews(ctx, own, input.locale);
  const items: AccountAsk[] = [];
  own.forEach((ask, i) => {
    const row = q.one(ask.requirement_id);
    if (!row) return;
    const scored = scoreOne(model, row, q.asksOf(row.id), today);
    items.push({ ask: views[i], requirement: rowOf(scored, input.locale) });
  });
  items.sort((a, b) => b.requirement.rank - a.requirement.rank);
  return { items, total: items.length };
}
