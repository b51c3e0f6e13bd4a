// Health follows writes that arrive by sync (main/health/pulledRescore.ts): a CSM records urgent
// issues and a collapse in usage on her laptop and syncs; the manager's laptop pulls them from a
// real team server process on 127.0.0.1 and its stored score for that account moves, with no
// recompute call, once by a one-off sync and once by live sync, and no document is in conflict.
import type { Backend } from '../../../main/backend';
import { loadDemo } from '../../../main/demo/load';
import { syncServiceOf } from '../../../main/sync/service';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  waitFor,
  type ServerProcess,
} from './teamServerProcess';

jest.setTimeout(120_000);

interface Laptop {
  name: string;
  dir: string;
  backend: Backend;
}

async function openLaptop(name: string): Promise<Laptop> {
  const dir = tempDir(`follows-${name}`);
  return { name, dir, backend: await openBackend(dir, { user: name }) };
}

function credentials(laptop: Laptop, url: string) {
  return {
    url,
    db: TEAM_DB,
    user: laptop.name,
    password: PASSWORDS[laptop.name],
    scope: 'all' as const,
  };
}

async function conflicted(laptop: Laptop): Promise<string[]> {
  const all = await laptop.backend.ctx.store
    .replicationHandle()
    .allDocs({ conflicts: true, include_docs: true });
  return all.rows
    .filter((r) => ((r.doc as { _conflicts?: string[] } | undefined)?._conflicts ?? []).length)
    .map((r) => r.id);
}

/** What a CSM records when an account goes wrong: urgent faults and nobody using the product. */
async function recordTrouble(laptop: Laptop, accountId: string, label: string): Promise<void> {
  for (let n = 1; n <= 4; n++) {
    await laptop.backend.call('issue.create', {
      accountId,
      data: { title: `${label} 紧急故障 ${n}`, raisedOn: TODAY, priority: 'urgentFault' },
    });
  }
  await laptop.backend.call('usageReading.create', {
    accountId,
    data: { date: TODAY, purchasedSeats: 200, activatedUsers: 0, activeUsers: 0 },
  });
}

describe('health follows documents that arrive by sync', () => {
  let server: ServerProcess;
  let mona: Laptop;
  let alice: Laptop;
  let accounts: string[];

  beforeAll(async () => {
    server = await startServerProcess();
    mona = await openLaptop('mona');
    await loadDemo(mona.backend.ctx.store, 6, {
      seed: 23,
      today: mona.backend.ctx.clock.today(),
      user: 'mona',
    });
    accounts = mona.backend.ctx.queries
      .list({ type: 'account', filters: {}, offset: 0, limit: 10 })
      .items.map((a) => String(a._id))
      .sort();
    await prepareTeam(server.url, { alice: accounts });
    alice = await openLaptop('alice');
    await syncServiceOf(mona.backend.ctx).syncOnce(credentials(mona, server.url));
    await syncServiceOf(alice.backend.ctx).syncOnce(credentials(alice, server.url));
    // The manager's stored scores, as the morning's batch recompute left them.
    await mona.backend.call('health.recompute', {});
  });

  afterAll(async () => {
    for (const laptop of [mona, alice]) {
      if (!laptop) continue;
      await syncServiceOf(laptop.backend.ctx).stop();
      await laptop.backend.close();
      removeDir(laptop.dir);
    }
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  /** The account with the best stored score on the manager's laptop among `candidates`. */
  async function healthiest(candidates: string[]) {
    const seen = [];
    for (const accountId of candidates) {
      const h = await mona.backend.call('health.account', { accountId });
      if (!h.live) seen.push({ accountId, score: h.score, band: h.computedBand });
    }
    seen.sort((a, b) => b.score - a.score);
    expect(seen[0]?.band).not.toBe('red');
    return seen[0];
  }

  it('rescores a pulled account after a one-off sync, without a recompute call', async () => {
    const before = await healthiest(accounts.slice(0, 3));
    await recordTrouble(alice, before.accountId, 'A');
    const pushed = await syncServiceOf(alice.backend.ctx).syncOnce(credentials(alice, server.url));
    expect(pushed.rejected).toEqual([]);

    const pulled = await syncServiceOf(mona.backend.ctx).syncOnce(credentials(mona, server.url));
    expect(pulled.pulled).toBeGreaterThanOrEqual(5);
    await syncServiceOf(mona.backend.ctx).settled();

    const after = await mona.backend.call('health.account', { accountId: before.accountId });
    expect(after.live).toBe(false);
    expect(after.computedOn).toBe(TODAY);
    expect(after.score).toBeLessThan(before.score - 10);
    expect(after.computedBand).not.toBe(before.band);
    // The same score the CSM's own laptop gave the account when she wrote the documents.
    const own = await alice.backend.call('health.account', { accountId: before.accountId });
    expect({ score: after.score, band: after.computedBand }).toEqual({
      score: own.score,
      band: own.computedBand,
    });
    const status = await mona.backend.call('sync.status', {});
    expect(status.healthRescore).toMatchObject({ accounts: 1, written: 1, failed: 0 });
    expect(status.healthRescore?.error).toBeUndefined();
    expect(await conflicted(mona)).toEqual([]);
    expect(await conflicted(alice)).toEqual([]);
  });

  it('rescores a pulled account while live sync runs', async () => {
    const before = await healthiest(accounts.slice(3));
    await syncServiceOf(mona.backend.ctx).connect(credentials(mona, server.url));
    await waitFor(
      'the live sync to be up to date',
      () => mona.backend.call('sync.status', {}),
      (s) => s.state === 'upToDate',
    );
    await recordTrouble(alice, before.accountId, 'B');
    await syncServiceOf(alice.backend.ctx).syncOnce(credentials(alice, server.url));

    const after = await waitFor(
      'the pulled account to be rescored',
      () => mona.backend.call('health.account', { accountId: before.accountId }),
      (h) => h.score < before.score - 10,
    );
    expect(after.computedBand).not.toBe(before.band);
    expect(await conflicted(mona)).toEqual([]);
    await syncServiceOf(mona.backend.ctx).disconnect();
  });
});
