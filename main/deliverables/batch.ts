// Batch generation: the same deliverable for many accounts (all acceptance reports of a
// consultant, reviews for every strategic account), with progress and a per-account outcome.
import { ApiFailure } from '../../shared/api/errors';
import type { Locale } from '../../shared/i18n';
import type { HealthReader } from '../health/documentHealth';
import type { Clock } from '../../shared/time/clock';
import type { Queries } from '../projection/queries';
import { generate, type DeliverableKind, type Generated } from './generate';

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
  error?: { code: string; message: string; messageKey?: string };
}

export interface BatchSummary {
  total: number;
  succeeded: number;
  failed: number;
  items: BatchItem[];
}

export function batchAccounts(
  queries: Queries,
  filter: BatchFilter,
): { id: string; name: string }[] {
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
    if (
      filter.consultant &&
      doc.consultant !== filter.consultant &&
      doc.ownerCsm !== filter.consultant
    )
      continue;
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
      };
    } catch (error) {
      const e = error instanceof ApiFailure ? error.errors[0] : null;
      item = {
        accountId: account.id,
        accountName: account.name,
        ok: false,
        warnings: [],
        error: e
          ? { code: e.code, message: e.message, messageKey: e.messageKey }
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      };
    }
    items.push(item);
    onProgress?.(items.length, accounts.length, item);
  }
  const succeeded = items.filter((i) => i.ok).length;
  return { total: items.length, succeeded, failed: items.length - succeeded, items };
}
