// Writes demo accounts into a store, batch by batch, reporting progress.
import type { Store, WriteDoc } from '../store/store';
import { demoBatches, type DemoOptions } from './generate';
import { demoTeamMembers } from './people';

export interface DemoReport {
  accounts: number;
  docs: number;
}

export async function loadDemo(
  store: Store,
  accounts: number,
  opts: DemoOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoReport> {
  // The team first; a member already in the directory keeps their record (409: left as it is).
  const members = await store.write(demoTeamMembers(opts) as unknown as WriteDoc[]);
  const refused = members.find((r) => !r.ok && r.status !== 409);
  if (refused && !refused.ok)
    throw new Error(`demo write failed at ${refused.id}: ${refused.message}`);
  let docs = members.filter((r) => r.ok).length;
  let done = 0;
  for (const batch of demoBatches(accounts, opts)) {
    const results = await store.write(batch);
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok)
      throw new Error(`demo write failed at ${failed.id}: ${failed.message}`);
    docs += batch.length;
    done = Math.min(accounts, done + 100);
    onProgress?.(done, accounts);
  }
  return { accounts, docs };
}
