// Batch generation: the same deliverable for many accounts (all acceptance reports of a
// consultant, reviews for every strategic account), with progress and a per-account outcome.
import { ApiFailure } from '../../shared/api/errors';
import type { Locale } from '../../shared/i18n';
import type { HealthReader } from '../health/documentHealth';
import type { Clock } from '../../shared/time/clock';
import type { Queries } from '../projection/queries';
import { generate, type DeliverableKind, type Generated } from './generate';
import { missingOf } from './readiness';
import { loginOf, type PeopleDirectory } from '../../shared/people/displayName';
import { loadDirectory } from '../people/directory';

export interface BatchFilter {
  /** Accounts where this user is the owner CSM or the implementation consultant. */
  consultant?: string;
  tier?: 'strategic' | 'ordinary' | 'micro';
  accountIds?: string[];
}

export interface BatchItem {
  accountId: string;
  accountName: string;
  ok: boolean;
  fileName?: string;
  bytes?: number;
  warnings: string[];
  /** Why it failed: the API error code and English message. */
  error?: {
    code: string;
    message: string;
    messageKey?: string;
    params?: Record<string, string | number>;
  };
  /** Not written because the account lacks these (readiness). */
  missing?: { need: string; tab: string; params?: Record<string, string | number> }[];
  /** Written as a draft: the account was not ready and the batch asked for drafts. */
  draft?: boolean;
}

export interface BatchSummary {
  total: number;
  succeeded: number;
  failed: number;
  items: BatchItem[];
}

/** The login a batch's `consultant` names: a login as itself, or a team member's display name. */
export function consultantLogin(people: PeopleDirectory, text: string): string {
  return loginOf(people, text.trim());
}

export function batchAccounts(
  queries: Queries,
  filter: BatchFilter,
): { id: string; name: string }[] {
  const consultant = filter.consultant
    ? consultantLogin(loadDirectory(queries), filter.consultant)
    : undefined;
  const wanted = filter.accountIds ? new Set(filter.accountIds) : null;
  const out: { id: string; name: string }[] = [];
  for (const id of queries.accountIds()) {
    if (wanted && !wanted.has(id)) continue;
    const doc = queries.getDoc(id) as {
      name?: string;
      tier?: string;
      ownerCsm?: string;
      consultant?: string;
    } | null;
    if (!doc) continue;
    if (filter.tier && doc.tier !== filter.tier) continue;
    if (consultant && doc.consultant !== consultant && doc.ownerCsm !== consultant) continue;
    out.push({ id, name: doc.name ?? id });
  }
  return out;
}

export async function generateBatch(
  queries: Queries,
  req: {
    kind: DeliverableKind;
    lang: Locale;
    period?: string;
    week?: string;
    filter: BatchFilter;
    /** Write not-ready accounts as drafts (marked on every page) instead of skipping them. */
    draft?: boolean;
  },
  clock: Clock,
  health: HealthReader,
  onFile?: (account: { id: string; name: string }, file: Generated) => Promise<void> | void,
  onProgress?: (done: number, total: number, item: BatchItem) => void,
): Promise<BatchSummary> {
  const accounts = batchAccounts(queries, req.filter);
  const items: BatchItem[] = [];
  for (const account of accounts) {
    let item: BatchItem;
    try {
      const file = await generate(
        queries,
        {
          kind: req.kind,
          accountId: account.id,
          lang: req.lang,
          period: req.period,
          week: req.week,
          draft: req.draft,
        },
        clock,
        health,
      );
      await onFile?.(account, file);
      item = {
        accountId: account.id,
        accountName: account.name,
        ok: true,
        fileName: file.fileName,
        bytes: file.buffer.length,
        warnings: file.warnings,
        ...(file.draft ? { draft: true } : {}),
      };
    } catch (error) {
      const e = error instanceof ApiFailure ? error.errors[0] : null;
      const missing = missingOf(error);
      item = {
        accountId: account.id,
        accountName: account.name,
        ok: false,
        warnings: [],
        error: e
          ? { code: e.code, message: e.message, messageKey: e.messageKey, params: e.params }
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
        ...(missing.length ? { missing } : {}),
      };
    }
    items.push(item);
    onProgress?.(items.length, accounts.length, item);
  }
  const succeeded = items.filter((i) => i.ok).length;
  return { total: items.length, succeeded, failed: items.length - succeeded, items };
}
