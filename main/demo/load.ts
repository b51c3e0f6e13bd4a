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

export async function loadDemo(
  store: Store,
  accounts: number,
  opts: DemoOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoReport> {
  const members = demoTeamMembers(opts) as unknown as WriteDoc[];
  const memberIds = new Set(members.map((m) => m._id));
  let done = 0;
  // The team first; then the accounts, 100 at a time from the generator.
  // The requirements library: team-wide requirements, and each account's asks with its batch.
  const requirements = new DemoRequirements(opts, accounts);
  const batches = function* (): Generator<WriteDoc[]> {
    yield members;
    yield requirements.requirementDocs() as unknown as WriteDoc[];
    for (const batch of demoBatches(accounts, opts)) {
      const byAccount = new Map<string, typeof batch>();
      for (const doc of batch) {
        const list = byAccount.get(doc.accountId);
        if (list) list.push(doc);
        else byAccount.set(doc.accountId, [doc]);
      }
      const asks = [...byAccount.values()].flatMap((docs) => requirements.asksFor(docs));
      yield [...batch, ...(asks as unknown as WriteDoc[])];
      done = Math.min(accounts, done + 100);
      onProgress?.(done, accounts);
    }
  };
  const results = await store.bulkWrite(batches(), {
    expectedDocs: accounts * DOCS_PER_ACCOUNT,
  });
  // A member already in the directory keeps their record (409: left as it is).
  const failed = results.find((r) => !r.ok && !(r.status === 409 && memberIds.has(r.id)));
  if (failed && !failed.ok) throw new Error(`demo write failed at ${failed.id}: ${failed.message}`);
  return { accounts, docs: results.filter((r) => r.ok).length };
}
