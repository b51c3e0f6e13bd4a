// Two CSMs and a manager replicate through a real team server process: scoped and full pulls,
// offline edits converging, conflicts merged or surfaced and resolved, rejected writes shown.
import { isReplicated } from '../../../main/sync/localOnly';
import fs from 'node:fs';
import net from 'node:net';
import { addUser, assignAccount } from '../../../main/sync/serverAdmin';
import { syncServiceOf } from '../../../main/sync/service';
import { openBackend, removeDir } from '../../helpers/tempBackend';
import {
  PASSWORDS,
  target,
  startServerProcess,
  TEAM_DB,
  waitFor,
  type ServerProcess,
} from './teamServerProcess';
import {
  closeLaptop,
  connect,
  openLaptop,
  openManagerWithTeam,
  status,
  upToDate,
  type Laptop,
} from './laptops';

jest.setTimeout(120_000);

/** A port nothing listens on: bound once, then released. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Every replicated document id with its winning revision and conflicts, as this replica has
 * them (health scores are each laptop's own, rescored on every write: they never converge).
 */
async function revisions(replica: Laptop): Promise<Record<string, string>> {
  const all = await replica.backend.ctx.store.replicationHandle().allDocs({
    conflicts: true,
    include_docs: true,
  });
  const out: Record<string, string> = {};
  for (const row of all.rows) {
    if (row.id.startsWith('_') || !isReplicated(row.id)) continue;
    const conflicts = (row.doc as { _conflicts?: string[] })._conflicts ?? [];
    out[row.id] = [row.value.rev, ...conflicts.sort()].join(' ');
  }
  return out;
}

describe('replication between two CSMs and a manager', () => {
  let server: ServerProcess;
  let mona: Laptop;
  let alice: Laptop;
  let bob: Laptop;
  let accounts: string[];

  beforeAll(async () => {
    server = await startServerProcess();
    // The manager's laptop holds the team's portfolio at first.
    ({ mona, accounts } = await openManagerWithTeam(server.url, 'sync', 7));
    alice = await openLaptop('sync', 'alice');
    bob = await openLaptop('sync', 'bob');
  });

  afterAll(async () => {
    for (const r of [mona, alice, bob]) if (r) await closeLaptop(r);
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('pushes the manager portfolio, pulls it everywhere, projection included', async () => {
    const connected = await connect(mona, server.url);
    expect(connected).toMatchObject({ connected: true, user: 'mona', scope: 'all' });
    expect(mona.backend.actor().login).toBe('mona');
    await waitFor('mona up to date', () => status(mona), upToDate);
    await connect(alice, server.url);
    await connect(bob, server.url);
    const want = await revisions(mona);
    for (const r of [alice, bob]) {
      await waitFor(
        `${r.name} has everything`,
        () => revisions(r),
        (revs) => JSON.stringify(revs) === JSON.stringify(want),
      );
      await waitFor(`${r.name} up to date`, () => status(r), upToDate);
      expect(r.backend.ctx.queries.docCount()).toBe(Object.keys(want).length);
    }
  });

  async function converged(): Promise<void> {
    await waitFor(
      'all three replicas converge',
      async () => {
        const [m, a, b] = await Promise.all([revisions(mona), revisions(alice), revisions(bob)]);
        const states = await Promise.all([mona, alice, bob].map(status));
        const ids = new Set([...Object.keys(m), ...Object.keys(a), ...Object.keys(b)]);
        const differing = [...ids].filter((id) => m[id] !== a[id] || m[id] !== b[id]);
        return {
          states: states.map((st) => ({ state: st.state })),
          differing: differing.map((id) => ({ id, m: m[id], a: a[id], b: b[id] })),
        };
      },
      ({ states, differing }) =>
        differing.length === 0 && states.every((st) => st.state === 'upToDate'),
      60_000,
    );
    for (const r of [mona, alice, bob]) await syncServiceOf(r.backend.ctx).settled();
  }

  function firstOf(replica: Laptop, type: 'issue' | 'contact', accountId: string) {
    return replica.backend.ctx.queries.list({ type, accountId, filters: {}, offset: 0, limit: 1 })
      .items[0] as unknown as { _id: string; _rev: string };
  }

  it('merges offline edits of different fields and surfaces a real clash until resolved', async () => {
    await converged();
    const account = accounts[1];
    const issue = firstOf(bob, 'issue', account);
    for (const r of [mona, alice, bob]) await syncServiceOf(r.backend.ctx).stop();

    // Offline: bob and mona change different fields of the account, and the same issue title.
    const bobAccount = await bob.backend.call('account.get', { id: account });
    await bob.backend.call('account.update', {
      id: account,
      rev: String(bobAccount._rev),
      changes: { industry: 'Bob industry' },
    });
    const monaAccount = await mona.backend.call('account.get', { id: account });
    await mona.backend.call('account.update', {
      id: account,
      rev: String(monaAccount._rev),
      changes: { region: 'Mona region' },
    });
    await bob.backend.call('issue.update', {
      id: issue._id,
      rev: issue._rev,
      changes: { title: 'Title by Bob' },
    });
    await mona.backend.call('issue.update', {
      id: issue._id,
      rev: issue._rev,
      changes: { title: 'Title by Mona' },
    });
    // And alice works on her own account.
    const created = await alice.backend.call('contact.create', {
      accountId: accounts[0],
      data: { name: '王芳' },
    });

    for (const r of [mona, alice, bob])
      expect(await syncServiceOf(r.backend.ctx).resume()).toBe(true);
    await converged();

    for (const r of [mona, alice, bob]) {
      const merged = await r.backend.call('account.get', { id: account });
      expect(merged).toMatchObject({ industry: 'Bob industry', region: 'Mona region' });
      expect(merged._conflicts).toBeUndefined();
      expect((await r.backend.call('contact.get', { id: created._id }))._id).toBe(created._id);
      const timeline = r.backend.ctx.queries
        .accountDocs(account)
        .filter((d) => d.type === 'timeline' && d.action === 'merged');
      expect(timeline.map((t) => t.targetId)).toContain(account);
      const conflicts = await r.backend.call('conflict.list', {});
      expect(conflicts.items).toEqual([
        expect.objectContaining({ id: issue._id, clashes: ['title'] }),
      ]);
      expect((await status(r)).conflicts).toBe(1);
    }

    // Bob opens the clash, sees both titles side by side and keeps Mona's.
    const detail = await bob.backend.call('conflict.get', { id: issue._id });
    expect(detail.clashes).toEqual(['title']);
    expect(detail.versions.map((v) => v.doc.title).sort()).toEqual([
      'Title by Bob',
      'Title by Mona',
    ]);
    expect(detail.fields.find((f) => f.field === 'title')).toMatchObject({ clash: true });
    const monaVersion = detail.versions.find((v) => v.doc.title === 'Title by Mona')!;
    const loser = detail.versions.find((v) => v.doc.title === 'Title by Bob')!;
    await expect(
      bob.backend.call('conflict.resolve', {
        id: issue._id,
        revs: detail.versions.map((v) => v.rev),
        choices: {},
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      errors: [expect.objectContaining({ messageKey: 'conflict.error.undecided' })],
    });
    const resolved = await bob.backend.call('conflict.resolve', {
      id: issue._id,
      revs: detail.versions.map((v) => v.rev),
      choices: { title: monaVersion.rev },
    });
    // The merged winner is written on top of one version; the other leaves become tombstones.
    expect(resolved.removed).toHaveLength(1);
    expect(detail.versions.map((v) => v.rev)).toEqual(
      expect.arrayContaining([loser.rev, ...resolved.removed]),
    );
    await converged();

    for (const r of [mona, alice, bob]) {
      expect((await r.backend.call('conflict.list', {})).items).toEqual([]);
      expect((await r.backend.call('issue.get', { id: issue._id })).title).toBe('Title by Mona');
      const leaves = await r.backend.ctx.store
        .replicationHandle()
        .get(issue._id, { open_revs: 'all' });
      const live = leaves.filter((l) => 'ok' in l && !(l.ok as { _deleted?: boolean })._deleted);
      expect(live).toHaveLength(1);
      expect((live[0] as { ok: { _rev: string } }).ok._rev).toBe(resolved.rev);
    }
  });

  it('shows a write the server rejects, keeps it locally and does not retry it forever', async () => {
    // Alice is not assigned to bob's account, but her laptop lets her edit it.
    const foreign = await alice.backend.call('account.get', { id: accounts[1] });
    await alice.backend.call('account.update', {
      id: accounts[1],
      rev: String(foreign._rev),
      changes: { notes: 'Alice was here' },
    });
    const rejected = await waitFor(
      'rejection in status',
      () => status(alice),
      (st) => st.rejected.length > 0,
    );
    expect(rejected.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: accounts[1],
          reason: expect.stringContaining('not assigned'),
        }),
      ]),
    );
    // Kept on the laptop, absent from the server and from the others.
    expect((await alice.backend.call('account.get', { id: accounts[1] })).notes).toBe(
      'Alice was here',
    );
    await waitFor('alice settles', () => status(alice), upToDate);
    expect((await bob.backend.call('account.get', { id: accounts[1] })).notes).toBeUndefined();
    const again = await status(alice);
    expect(again.rejected.filter((r) => r.id === accounts[1])).toHaveLength(1);
  });

  it('refuses wrong credentials, an unreachable server and a non-member with the right errors', async () => {
    const eve = await openLaptop('sync', 'eve');
    try {
      await expect(
        eve.backend.call('sync.connect', {
          url: server.url,
          db: TEAM_DB,
          user: 'alice',
          password: 'wrong',
        }),
      ).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        errors: [expect.objectContaining({ messageKey: 'sync.error.wrongPassword' })],
      });
      await expect(
        eve.backend.call('sync.connect', {
          url: `http://127.0.0.1:${await freePort()}`,
          db: TEAM_DB,
          user: 'alice',
          password: 'x',
        }),
      ).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        errors: [expect.objectContaining({ messageKey: 'sync.error.refused' })],
      });
      await expect(
        eve.backend.call('sync.connect', {
          url: server.url,
          db: 'nothere',
          user: 'alice',
          password: PASSWORDS.alice,
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await status(eve)).toMatchObject({ state: 'offline', connected: false });
      expect(fs.existsSync(`${eve.dir}/sync-credentials.json`)).toBe(false);
    } finally {
      await closeLaptop(eve);
    }
  });

  it('pulls only her own accounts when a CSM chooses her scope', async () => {
    const laptop = await openLaptop('sync', 'alice');
    try {
      await connect(laptop, server.url, { scope: 'mine' });
      await waitFor('scoped pull done', () => status(laptop), upToDate);
      const ids = Object.keys(await revisions(laptop));
      expect(ids.length).toBeGreaterThan(5);
      const key = accounts[0].slice('account:'.length);
      // Her accounts' documents, and the team-wide ones every scope brings: the directory and
      // the requirements library with its priority model.
      const teamWide = /^(teamMember:|requirement:TEAM:|requirementModel:TEAM:)/;
      expect(ids.filter((id) => !id.includes(key) && !teamWide.test(id))).toEqual([]);
      expect(ids.some((id) => id.startsWith('teamMember:'))).toBe(true);
      expect(ids).toContain(accounts[0]);
      expect(laptop.backend.ctx.queries.docCount()).toBe(ids.length);
    } finally {
      await closeLaptop(laptop);
    }
  });

  it('resumes with the stored credentials when the app starts again', async () => {
    await alice.backend.close();
    alice.backend = await openBackend(alice.dir, { user: 'alice-local' });
    expect(alice.backend.actor().login).toBe('alice-local');
    // The host resumes sync at start (main/worker/backendProcess.ts serve()).
    expect(await syncServiceOf(alice.backend.ctx).resume()).toBe(true);
    const resumed = await waitFor('resumed sync', () => status(alice), upToDate);
    expect(resumed).toMatchObject({ connected: true, user: 'alice', db: TEAM_DB });
    // The write the server refused earlier is still listed for her to fix.
    expect(resumed.rejected.map((r) => r.id)).toContain(accounts[1]);
    // Once a manager assigns her the account, her next edit goes through and the entry goes.
    await assignAccount(target(server.url), accounts[1], 'alice');
    const current = await alice.backend.call('account.get', { id: accounts[1] });
    await alice.backend.call('account.update', {
      id: accounts[1],
      rev: String(current._rev),
      changes: { notes: 'Alice, now assigned' },
    });
    await waitFor(
      'the fixed write accepted',
      () => status(alice),
      (s) => !s.rejected.some((r) => r.id === accounts[1]),
    );
    // The timeline entry of the refused change is sent again on request.
    const { retried } = await alice.backend.call('sync.retryRejected', {});
    expect(retried.length).toBeGreaterThan(0);
    await waitFor(
      'nothing refused',
      () => status(alice),
      (s) => s.rejected.length === 0,
    );
    await waitFor(
      'bob sees it',
      () => bob.backend.call('account.get', { id: accounts[1] }),
      (doc) => doc.notes === 'Alice, now assigned',
    );
    expect(alice.backend.actor().login).toBe('alice');
  });

  it('forgets the credentials on disconnect and keeps the local data', async () => {
    // Live sync may still be delivering the previous test's retried entries, so the check is
    // that every document Bob held before disconnecting is still there afterwards.
    const before = await bob.backend.ctx.store.allDocs();
    const after = await bob.backend.call('sync.disconnect', {});
    expect(after).toMatchObject({ connected: false, state: 'offline' });
    expect(fs.existsSync(`${bob.dir}/sync-credentials.json`)).toBe(false);
    expect(bob.backend.actor().login).toBe('bob-local');
    const kept = new Set((await bob.backend.ctx.store.allDocs()).map((d) => d._id));
    // One gone since is a deletion that replicated in before the disconnect (a tombstone in
    // Bob's store), never a document the disconnect threw away (missing altogether).
    const gone = before.filter((d) => !kept.has(d._id));
    const reasons = await Promise.all(
      gone.map((d) =>
        bob.backend.ctx.store
          .replicationHandle()
          .get(d._id)
          .then(
            () => 'present',
            (e: { reason?: string }) => e.reason,
          ),
      ),
    );
    expect(reasons.filter((r) => r !== 'deleted')).toEqual([]);
    // The projection follows the store's changes feed: a document that replicated in just before
    // the disconnect reaches it a moment later, and must reach it.
    const projected = before.filter((d) => !d._id.startsWith('_design/'));
    const unprojected = await waitFor(
      'every kept document projected',
      () => projected.filter((d) => !bob.backend.ctx.queries.getDoc(d._id)).map((d) => d._id),
      (ids) => ids.length === 0,
    );
    expect(unprojected).toEqual([]);
  });

  it('stops with "wrong password" when the password changes on the server during live sync', async () => {
    await addUser(target(server.url), 'mona', 'manager', 'a-new-password');
    const account = await mona.backend.call('account.get', { id: accounts[2] });
    await mona.backend.call('account.update', {
      id: accounts[2],
      rev: String(account._rev),
      changes: { notes: 'written after the password change' },
    });
    const stopped = await waitFor(
      'wrong password in status',
      () => status(mona),
      (s) => s.state === 'error',
    );
    expect(stopped).toMatchObject({
      state: 'error',
      reason: 'wrongPassword',
      messageKey: 'sync.error.wrongPassword',
      retrying: false,
    });
    // The edit stays on the laptop until the user signs in again.
    expect((await mona.backend.call('account.get', { id: accounts[2] })).notes).toBe(
      'written after the password change',
    );
  });
});
