// Timeline entries: one per change, on the account the change belongs to.
import { SCHEMA_VERSION } from '../../shared/domain/common';
import { newDocId } from '../../shared/domain/ids';
import type { EntityDoc } from '../../shared/domain/entities';

type Doc = Record<string, unknown>;
type Change = { field: string; from?: string; to?: string };

const SHOWN = 200;
const IGNORED = new Set(['_id', '_rev', '_conflicts', 'updatedAt', 'updatedBy', 'schemaVersion']);

function shown(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}

/** Top-level fields whose values differ between two versions of a document. */
export function diffFields(before: Doc, after: Doc): Change[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: Change[] = [];
  for (const field of [...fields].sort()) {
    if (IGNORED.has(field)) continue;
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    changes.push({ field, from: shown(before[field]), to: shown(after[field]) });
  }
  return changes;
}

export function timelineEntry(args: {
  accountId: string;
  user: string;
  at: string;
  action: EntityDoc<'timeline'>['action'];
  target: { _id: string; type: string };
  targetTitle?: string;
  changes?: Change[];
}): EntityDoc<'timeline'> {
  return {
    _id: newDocId('timeline', args.accountId),
    type: 'timeline',
    accountId: args.accountId,
    schemaVersion: SCHEMA_VERSION,
    createdAt: args.at,
    createdBy: args.user,
    updatedAt: args.at,
    updatedBy: args.user,
    at: args.at,
    by: args.user,
    action: args.action,
    targetId: args.target._id,
    targetType: args.target.type,
    targetTitle: args.targetTitle || undefined,
    changes: args.changes ?? [],
  };
}
