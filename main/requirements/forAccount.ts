// One account's requirements as its documents tell them: the business review's "needs delivered
// this period" and "in progress for you", and the pre-visit brief's few lines (what to tell the
// customer, which solution to confirm, what is on its way). Read from the projection once, with
// the snapshot (main/deliverables/snapshot.ts); the words are here, the call sites are one line.
import type { FileChild } from 'docx';
import type {
  AskImportance,
  ConfirmationStatus,
  RequirementStatus,
} from '../../shared/domain/entities/requirement';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import { inPeriod, type Period } from '../../shared/rules/period';
import { bullet, heading, para } from '../deliverables/docxKit';
import { formatDate, label } from '../deliverables/format';
import type { Queries } from '../projection/queries';

/** One ask of the account with what its requirement has become. */
export interface AccountRequirement {
  askId: string;
  requirementId: string;
  title: string;
  status: RequirementStatus;
  release?: string;
  releasedOn?: string;
  declineReason?: string;
  hasSolution: boolean;
  askedOn: string;
  importance: AskImportance;
  confirmation?: ConfirmationStatus;
  toldOn?: string;
}

const IN_PROGRESS: readonly RequirementStatus[] = [
  'collected',
  'underReview',
  'planned',
  'inDevelopment',
];
const SHIPPED: readonly RequirementStatus[] = ['released', 'customersTold'];

/** Rows a review list shows before it says how many more there are. */
export const REVIEW_REQUIREMENT_ROWS = 10;

/** The account's asks with their requirements, newest ask first; merged-away ones follow theirs. */
export function accountRequirements(queries: Queries, accountId: string): AccountRequirement[] {
  const q = queries.requirements;
  const out: AccountRequirement[] = [];
  for (const ask of q.asksOfAccount(accountId)) {
    const doc = queries.getDoc(ask.requirement_id);
    if (!doc || doc.type !== 'requirement') continue;
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    // The projection keeps the confirmation's status (the document has its note and day).
    const confirmation = ask.confirmation as ConfirmationStatus | null;
    out.push({
      askId: ask.id,
      requirementId: ask.requirement_id,
      title: String(doc.title),
      status: doc.status as RequirementStatus,
      ...(text(doc.release) ? { release: text(doc.release) } : {}),
      ...(text(doc.releasedOn) ? { releasedOn: text(doc.releasedOn) } : {}),
      ...(text(doc.declineReason) ? { declineReason: text(doc.declineReason) } : {}),
      hasSolution: !!text(doc.solution),
      askedOn: ask.asked_on ?? '',
      importance: (ask.importance ?? 'improvement') as AskImportance,
      ...(confirmation ? { confirmation } : {}),
      ...(ask.told_on ? { toldOn: ask.told_on } : {}),
    });
  }
  return out;
}

/** The review's two lists: shipped in the period (by `asOf`), and still on its way now. */
export function reviewRequirements(
  list: AccountRequirement[],
  period: Period,
  asOf: string,
): { delivered: AccountRequirement[]; inProgress: AccountRequirement[] } {
  const seen = new Set<string>();
  const once = (r: AccountRequirement) => !seen.has(r.requirementId) && !!seen.add(r.requirementId);
  const delivered = list
    .filter(
      (r) =>
        SHIPPED.includes(r.status) &&
        !!r.releasedOn &&
        r.releasedOn <= asOf &&
        inPeriod(r.releasedOn, period),
    )
    .sort((a, b) => (a.releasedOn! < b.releasedOn! ? -1 : 1))
    .filter(once);
  const order = (s: RequirementStatus) => IN_PROGRESS.indexOf(s);
  const inProgress = list
    .filter((r) => IN_PROGRESS.includes(r.status))
    .sort((a, b) => order(b.status) - order(a.status) || a.askedOn.localeCompare(b.askedOn))
    .filter(once);
  return { delivered, inProgress };
}

function quoted(L: Locale, title: string): string {
  return L === 'zh-CN' ? `「${title}」` : `“${title}”`;
}

function progressLine(L: Locale, r: AccountRequirement): string {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const parts = [
    r.release
      ? tr('requirementsOps.doc.statusRelease', {
          status: label(L, 'requirementStatus', r.status),
          release: r.release,
        })
      : label(L, 'requirementStatus', r.status),
  ];
  if (r.hasSolution)
    parts.push(
      tr(
        r.confirmation === 'confirmed'
          ? 'requirementsOps.doc.solutionConfirmed'
          : r.confirmation === 'rejected'
            ? 'requirementsOps.doc.solutionRejected'
            : 'requirementsOps.doc.solutionToConfirm',
      ),
    );
  return tr('requirementsOps.doc.progress', {
    title: quoted(L, r.title),
    state: parts.join(L === 'zh-CN' ? '；' : '; '),
    asked: formatDate(L, r.askedOn),
  });
}

/** The review's requirements part (under "Help given"): headings, bullets, "n more". */
export function requirementsReviewSection(
  L: Locale,
  list: AccountRequirement[],
  period: Period,
  asOf: string,
): FileChild[] {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const { delivered, inProgress } = reviewRequirements(list, period, asOf);
  const body: FileChild[] = [heading(tr('requirementsOps.review.delivered'), 2)];
  const more = (shown: number, total: number) =>
    total > shown ? [para(tr('requirementsOps.doc.more', { shown, total }), { indent: true })] : [];
  if (delivered.length) {
    for (const r of delivered.slice(0, REVIEW_REQUIREMENT_ROWS))
      body.push(
        bullet(
          tr(r.toldOn ? 'requirementsOps.review.shippedTold' : 'requirementsOps.review.shipped', {
            title: quoted(L, r.title),
            release: r.release ?? '—',
            date: formatDate(L, r.releasedOn),
            told: formatDate(L, r.toldOn),
          }),
        ),
      );
    body.push(...more(Math.min(REVIEW_REQUIREMENT_ROWS, delivered.length), delivered.length));
  } else body.push(para(tr('requirementsOps.review.noneDelivered'), { indent: true }));
  body.push(heading(tr('requirementsOps.review.inProgress'), 2));
  if (inProgress.length) {
    for (const r of inProgress.slice(0, REVIEW_REQUIREMENT_ROWS))
      body.push(bullet(progressLine(L, r)));
    body.push(...more(Math.min(REVIEW_REQUIREMENT_ROWS, inProgress.length), inProgress.length));
  } else body.push(para(tr('requirementsOps.review.noneInProgress'), { indent: true }));
  return body;
}

/**
 * The brief's lines (at most three, each one line): the shipped needs the customer has not been
 * told of, the solutions waiting for their confirmation, and what is on its way.
 */
export function briefRequirementLines(L: Locale, list: AccountRequirement[]): string[] {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const sep = L === 'zh-CN' ? '、' : ', ';
  const titles = (rows: AccountRequirement[]) => {
    const unique = [...new Map(rows.map((r) => [r.requirementId, r])).values()];
    const shown = unique.slice(0, 2).map((r) => quoted(L, r.title));
    return {
      count: unique.length,
      titles:
        shown.join(sep) +
        (unique.length > 2
          ? tr('requirementsOps.brief.andMore', { count: unique.length - 2 })
          : ''),
    };
  };
  const lines: string[] = [];
  const toTell = list.filter((r) => SHIPPED.includes(r.status) && !r.toldOn);
  if (toTell.length) lines.push(tr('requirementsOps.brief.toTell', titles(toTell)));
  const toConfirm = list.filter(
    (r) => IN_PROGRESS.includes(r.status) && r.hasSolution && r.confirmation !== 'confirmed',
  );
  if (toConfirm.length) lines.push(tr('requirementsOps.brief.toConfirm', titles(toConfirm)));
  const coming = list.filter((r) => IN_PROGRESS.includes(r.status));
  if (coming.length) {
    const planned = new Set(coming.filter((r) => r.release).map((r) => r.requirementId)).size;
    lines.push(
      tr('requirementsOps.brief.open', {
        count: new Set(coming.map((r) => r.requirementId)).size,
        planned,
      }),
    );
  }
  if (!lines.length) lines.push(tr('requirementsOps.brief.none'));
  return lines;
}
