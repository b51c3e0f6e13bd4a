// Laptops for the sync tests: each a real backend in its own temporary data folder, connected to
// the team server process as one of its users; and the manager's laptop that starts with the
// team's demo portfolio, the CSMs assigned their accounts on the server.
import type { Backend } from '../../../main/backend';
import { loadDemo } from '../../../main/demo/load';
import { syncServiceOf } from '../../../main/sync/service';
import type { SyncStatus } from '../../../shared/api/sync';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { PASSWORDS, prepareTeam, TEAM_DB } from './teamServerProcess';

export interface Laptop {
  /** The team server user it connects as by default. */
  name: string;
  dir: string;
  backend: Backend;
}

/** A laptop in a fresh folder `<prefix>-<name>`, acting as `<name>-local` until it connects. */
export async function openLaptop(prefix: string, name: string): Promise<Laptop> {
  const dir = tempDir(`${prefix}-${name}`);
  return { name, dir, backend: await openBackend(dir, { user: `${name}-local` }) };
}

/** Stops its sync, closes its backend and removes its folder. */
export async function closeLaptop(laptop: Laptop): Promise<void> {
  await syncServiceOf(laptop.backend.ctx).stop();
  await laptop.backend.close();
  removeDir(laptop.dir);
}

export function status(laptop: Laptop): Promise<SyncStatus> {
  return laptop.backend.call('sync.status', {});
}

export function upToDate(s: SyncStatus): boolean {
  return s.state === 'upToDate';
}

/** Connects to the team database as `user` (the laptop's own name by default). */
export function connect(
  laptop: Laptop,
  url: string,
  { user = laptop.name, scope = 'all' }: { user?: string; scope?: 'all' | 'mine' } = {},
) {
  return laptop.backend.call('sync.connect', {
    url,
    db: TEAM_DB,
    user,
    password: PASSWORDS[user],
    scope,
  });
}

/**
 * The manager's laptop (mona) holding a three-account demo portfolio made with `seed`, and the
 * team on the server: alice owns the first account and bob the second, by sorted id.
 */
export async function openManagerWithTeam(
  serverUrl: string,
  prefix: string,
  seed: number,
): Promise<{ mona: Laptop; accounts: string[] }> {
  const mona = await openLaptop(prefix, 'mona');
  try {
    await loadDemo(mona.backend.ctx.store, 3, { seed, today: TODAY, user: 'mona' });
    const accounts = mona.backend.ctx.queries
      .list({ type: 'account', filters: {}, offset: 0, limit: 10 })
      .items.map((a) => String(a._id))
      .sort();
    await prepareTeam(serverUrl, { alice: [accounts[0]], bob: [accounts[1]] });
    return { mona, accounts };
  } catch (error) {
    // The caller never gets the laptop to close: close it here.
    await closeLaptop(mona);
    throw error;
  }
}
