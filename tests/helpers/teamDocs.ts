// Structurally valid workbench documents for tests that write straight to a team server: the
// demo generator's documents of each type, moved to a given account and author, dated today.
import { demoBatches } from '../../main/demo/generate';
import { testClock } from './clock';

type Doc = Record<string, unknown> & { _id: string; type: string };

const byType = new Map<string, Doc>();
for (const batch of demoBatches(12, { seed: 11, today: testClock.today(), user: 'demo' })) {
  for (const doc of batch as Doc[]) if (!byType.has(doc.type)) byType.set(doc.type, doc);
}

/** The demo types available (every entity the demo generator writes). */
export const SAMPLE_TYPES = [...byType.keys()];

/**
 * A valid document of `type` in account `accountKey`, created and updated by `user`.
 * `docKey` is the last part of the id (not used for accounts); `extra` overrides fields.
 */
export function teamDoc(
  type: string,
  accountKey: string,
  user: string,
  docKey = '01JX0000000000000000000001',
  extra: Record<string, unknown> = {},
): Doc {
  const sample = byType.get(type);
  if (!sample) throw new Error(`no demo document of type ${type}`);
  const { _rev: _r, ...body } = sample;
  return {
    ...body,
    _id: type === 'account' ? `account:${accountKey}` : `${type}:${accountKey}:${docKey}`,
    accountId: `account:${accountKey}`,
    createdBy: user,
    updatedBy: user,
    ...extra,
  };
}
