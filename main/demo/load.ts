// Writes demo accounts into a store through the bulk path (Store.bulkWrite), reporting progress.
import type { Store, WriteDoc } from '../store/store';
import { demoBatches, type DemoOptions } from './generate';
import { demoTeamMembers } from './people';
import { DemoRequirements } from './requirements';

export interface DemoReport {
  accounts: number;
  docs: number;
}

/** Documents per demo account, about (for the bulk path's choice of a loader thread). */
const DOCS_PER_ACCOUNT = 46;
/** Accounts the generator makes at a time. */
const ACCOUNTS_PER_BATCH = 100;

/**
 * Every document a demo load writes, batch by batch: the team, the team-wide requirements,
 * then the accounts 100 at a time, each batch with its accounts' asks. The bench writes the
 * same batches bare, for its baseline. `onAccounts` hears how many accounts are done.
 */
export function* demoLoadBatches(
  accounts: number,
  opts: DemoOptions,
  onAccounts?: (done: number) => void,
): Generator<WriteDoc[]> {
  yield demoTeamMembers(opts) as unknown as WriteDoc[];
  // The requirements library: team-wide requirements, and each account's asks with its batch.
  const requirements = new DemoRequirements(opts, accounts);
  yield requirements.requirementDocs() as unknown as WriteDoc[];
  let done = 0;
  for (const batch of demoBatches(accounts, opts, ACCOUNTS_PER_BATCH)) {
    const byAccount = new Map<string, typeof batch>();
    for (const doc of batch) {
      const list = byAccount.get(doc.accountId);
      if (list) list.push(doc);
      else byAccount.set(doc.accountId, [doc]);
    }
    const asks = [...byAccount.values()].flatMap((docs) => requirements.asksFor(docs));
    const out = batch as unknown as WriteDoc[];
    for (const ask of asks) out.push(ask as unknown as WriteDoc);
    yield out;
    done = Math.min(accounts, done + ACCOUNTS_PER_BATCH);
    onAccounts?.(done);
  }
}

export async function loadDemo(
  store: Store,
  accounts: number,
  opts: DemoOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoReport> {
  const members = new Set(demoTeamMembers(opts).map((m) => m._id));
  const batches = demoLoadBatches(accounts, opts, (done) => onProgress?.(done, accounts));
  const results = await store.bulkWrite(batches, {
    expectedDocs: accounts * DOCS_PER_ACCOUNT,
  });
  // A member already in the directory keeps their record (409: left as it is).
  const failed = results.find((r) => !r.ok && !(r.status === 409 && members.has(r.id)));
  if (failed && !failed.ok) throw new Error(`demo write failed at ${failed.id}: ${failed.message}`);
  return { accounts, docs: results.filter((r) => r.ok).length };
}
