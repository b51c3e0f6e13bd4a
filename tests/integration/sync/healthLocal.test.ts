// Two laptops recompute health on the same day and sync both ways through a real team server
// process: health scores stay on each machine (main/sync/localOnly.ts), so no document has
// conflicting revisions, and the manager's view still shows every account's health, including
// an override a CSM set on her laptop.
import type { Backend } from '../../../main/backend';
import { loadDemo } from '../../../main/demo/load';
import { syncServiceOf } from '../../../main/sync/service';
import { CouchHttp } from '../../../main/sync/couchHttp';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import {
  ADMIN,
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  type ServerProcess,
} from './teamServerProcess';

jest.setTimeout(120_000);

interface Laptop {
  name: string;
  dir: string;
  backend: Backend;
}

async function openLaptop(name: string): Promise<Laptop> {
  const dir = tempDir(`health-${name}`);
  return { name, dir, backend: await openBackend(dir, { user: name }) };
}

function syncOnce(laptop: Laptop, url: string) {
  return syncServiceOf(laptop.backend.ctx).syncOnce({
    url,
    db: TEAM_DB,
    user: laptop.name,
    password: PASSWORDS[laptop.name],
    scope: 'all',
  });
}

/** Ids of this laptop's documents that carry conflicting revisions. */
async function conflicted(laptop: Laptop): Promise<string[]> {
  const all = await laptop.backend.ctx.store
    .replicationHandle()
    .allDocs({ conflicts: true, include_docs: true });
  return all.rows
    .filter((r) => ((r.doc as { _conflicts?: string[] } | undefined)?._conflicts ?? []).length)
    .map((r) => r.id);
}

function scoreIds(laptop: Laptop): string[] {
  return laptop.backend.ctx.queries
    .list({ type: 'healthScore', filters: {}, offset: 0, limit: 100 })
    .items.map((d) => String(d._id))
    .sort();
}

describe('health scores between two laptops', () => {
  let server: ServerProcess;
  let mona: Laptop;
  let alice: Laptop;
  let accounts: string[];

  beforeAll(async () => {
    server = await startServerProcess();
    mona = await openLaptop('mona');
    await loadDemo(mona.backend.ctx.store, 4, {
      seed: 11,
      today: mona.backend.ctx.clock.today(),
      user: 'mona',
    });
    accounts = mona.backend.ctx.queries
      .list({ type: 'account', filters: {}, offset: 0, limit: 10 })
      .items.map((a) => String(a._id))
      .sort();
    await prepareTeam(server.url, { alice: accounts });
    alice = await openLaptop('alice');
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

  it('recomputes on both, syncs both ways, and leaves no conflict', async () => {
    await syncOnce(mona, server.url);
    await syncOnce(alice, server.url);
    expect(alice.backend.ctx.queries.docCount()).toBeGreaterThan(0);

    // The same day, the same inputs, two machines, two authors.
    await mona.backend.call('health.recompute', {});
    await alice.backend.call('health.recompute', {});
    expect(scoreIds(mona)).toHaveLength(accounts.length);
    expect(scoreIds(alice)).toEqual(scoreIds(mona));

    for (const laptop of [alice, mona, alice, mona]) {
      const report = await syncOnce(laptop, server.url);
      expect(report.rejected).toEqual([]);
    }
    expect(await conflicted(mona)).toEqual([]);
    expect(await conflicted(alice)).toEqual([]);
    expect(await mona.backend.call('conflict.list', {})).toEqual({ items: [] });

    // The team database never holds a computed score.
    const http = new CouchHttp(server.url, ADMIN);
    const onServer = await http.request('GET', `${TEAM_DB}/_all_docs`);
    const ids = (onServer.body.rows as { id: string }[]).map((r) => r.id);
    expect(ids.some((id) => id.startsWith('account:'))).toBe(true);
    expect(ids.filter((id) => id.startsWith('healthScore:'))).toEqual([]);
  });

  it("shows the manager every account's health, a CSM's override included", async () => {
    const target = accounts[0];
    await alice.backend.call('health.override.set', {
      accountId: target,
      band: 'red',
      reason: '客户高层变动，续约存疑',
    });
    await syncOnce(alice, server.url);
    await syncOnce(mona, server.url);
    await mona.backend.call('health.recompute', {});

    const seen = await mona.backend.call('health.account', { accountId: target });
    expect(seen.band).toBe('red');
    expect(seen.override).toMatchObject({ reason: '客户高层变动，续约存疑', by: 'alice' });
    expect(seen.live).toBe(false);

    // Both machines agree account by account on the band shown.
    for (const accountId of accounts) {
      const a = await alice.backend.call('health.account', { accountId });
      const m = await mona.backend.call('health.account', { accountId });
      expect({ accountId, band: m.band, score: m.score }).toEqual({
        accountId,
        band: a.band,
        score: a.score,
      });
    }
    const portfolio = await mona.backend.call('portfolio.get', { filters: {} });
    const scored = portfolio.tierBand
      .filter((c) => c.band !== 'unscored')
      .reduce((n, c) => n + c.accounts, 0);
    expect(scored).toBe(accounts.length);
    expect(await conflicted(mona)).toEqual([]);
  });
});
