// Writes demo accounts into a store, batch by batch, reporting progress.
import type { Store } from '../store/store';
import { demoBatches, type DemoOptions } from './generate';

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
  let docs = 0;
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
