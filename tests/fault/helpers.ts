// Shared by the fault suite: a store filled with demo data, counted from PouchDB itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../main/backend';
import { loadDemo } from '../../main/demo/load';
import { openPouch } from '../../main/store/pouch';
import { testClock } from '../helpers/clock';

export const NOW = testClock.now();

export function tempDir(label: string, parent = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(parent, `${label}-`));
}

export function openAt(dataDir: string, reasons: string[] = []): Promise<Backend> {
  return Backend.open({
    dataDir,
    user: 'fault.test',
    clock: testClock,
    onRebuild: (r) => reasons.push(r),
  });
}

/**
 * A store of `accounts` demo accounts, closed right after the writes (so LevelDB's newest log
 * still holds them); returns the ids of its documents.
 */
export async function seededStore(dataDir: string, accounts: number): Promise<Set<string>> {
  const backend = await openAt(dataDir);
  try {
    await loadDemo(backend.ctx.store, accounts, {
      seed: 3,
      today: testClock.today(),
      user: 'demo',
    });
    const { docs } = await backend.ctx.store.readWithHistory();
    return new Set(docs.map((d) => d._id));
  } finally {
    await backend.close();
  }
}

/** Live document ids in the PouchDB of a closed store, read directly (not through the app). */
export async function pouchIds(dataDir: string): Promise<Set<string>> {
  const pouch = openPouch(dataDir);
  try {
    const all = await pouch.allDocs();
    return new Set(all.rows.filter((r) => !r.id.startsWith('_')).map((r) => r.id));
  } finally {
    await pouch.close();
  }
}

/** Every file under a folder with its size, to show nothing was changed. */
export function listing(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) out[name] = fs.statSync(full).size;
  }
  return out;
}
