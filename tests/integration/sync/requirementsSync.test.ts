// The requirements loop across laptops through a real team server process: a CSM raises a need
// on her scoped laptop and it reaches the team; the product manager plans and releases it on hers
// (the tell tasks and timeline entries pass the server's rules); the CSM pulls the task, tells the
// customer; a status change the CSM's laptop writes anyway is refused by the server and shown.
import type { Backend } from '../../../main/backend';
import { syncServiceOf } from '../../../main/sync/service';
import type { SyncStatus } from '../../../shared/api/sync';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { payingAccount } from '../requirements/seed';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  waitFor,
  type ServerProcess,
} from './teamServerProcess';

jest.setTimeout(180_000);

interface Laptop {
  name: string;
  dir: string;
  backend: Backend;
}

async function laptop(name: string): Promise<Laptop> {
  const dir = tempDir(`req-sync-${name}`);
  // Written as the server user, so what a laptop wrote before connecting is hers on the server.
  return { name, dir, backend: await openBackend(dir, { user: name }) };
}

const status = (l: Laptop): Promise<SyncStatus> => l.backend.call('sync.status', {});
const upToDate = (s: SyncStatus) => s.state === 'upToDate';

describe('the requirements loop across laptops', () => {
  let server: ServerProcess;
  let mona: Laptop;
  let alice: Laptop;
  let pat: Laptop;
  let account: string;
  let other: string;

  const connect = (l: Laptop, scope: 'all' | 'mine') =>
    l.backend.call('sync.connect', {
      url: server.url,
      db: TEAM_DB,
      user: l.name,
      password: PASSWORDS[l.name] ?? `${l.name}-pw`,
      scope,
    });
  const settled = async (l: Laptop) => {
    await waitFor(`${l.name} up to date`, () => status(l), upToDate, 90_000);
    await syncServiceOf(l.backend.ctx).settled();
  };

  beforeAll(async () => {
    server = await startServerProcess();
    mona = await laptop('mona');
    // The manager's laptop holds two accounts: alice's and another CSM's.
    const mine = await payingAccount(
      mona.backend,
      '华东精密制造',
      'strategic',
      900_000,
      'decisionMaker',
    );
    const theirs = await payingAccount(mona.backend, '南方物流', 'ordinary', 200_000);
    account = mine.id;
    other = theirs.id;
    await prepareTeam(
      server.url,
      { alice: [account] },
      { alice: 'csm', mona: 'manager', pat: 'product' },
    );
    await connect(mona, 'all');
    await settled(mona);
    alice = await laptop('alice');
    pat = await laptop('pat');
    await connect(alice, 'mine');
    await connect(pat, 'mine');
    await waitFor(
      'alice has her account',
      () => alice.backend.ctx.queries.getDoc(account),
      Boolean,
    );
    await waitFor('pat has the team', () => pat.backend.ctx.queries.getDoc(other), Boolean);
    await settled(alice);
    await settled(pat);
  });

  afterAll(async () => {
    for (const l of [mona, alice, pat]) {
      if (!l) continue;
      await syncServiceOf(l.backend.ctx).stop();
      await l.backend.close();
      removeDir(l.dir);
    }
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('carries a need from the CSM to the product manager and the release back', async () => {
    // alice's scoped laptop has her account only; the product manager's the whole team.
    expect(alice.backend.ctx.queries.getDoc(other)).toBeNull();
    expect(pat.backend.ctx.queries.getDoc(other)).not.toBeNull();
    const contact = (
      await alice.backend.call('contact.list', { accountId: account, filters: {}, limit: 1 })
    ).items[0];
    const { requirement, ask } = await alice.backend.call('requirements.create', {
      data: {
        title: '按部门导出月度报表',
        scenario: '财务每月初要按部门汇总工时，现在只能逐个导出再手工合并。',
        productArea: 'reporting',
      },
      ask: { accountId: account, contactId: contact._id, importance: 'blocking' },
    });
    await settled(alice);
    expect((await status(alice)).rejected).toEqual([]);
    await waitFor(
      'the product manager sees the need',
      () => pat.backend.ctx.queries.getDoc(ask._id),
      (doc) => doc !== null,
    );
    await waitFor(
      'with its requirement',
      () => pat.backend.ctx.queries.getDoc(requirement._id),
      (doc) => doc !== null,
    );

    // Planned with a release, then released: one tell task for alice's account, pushed.
    let current = await pat.backend.call('requirements.get', { id: requirement._id });
    expect(current.asks.map((a) => a.accountId)).toEqual([account]);
    await pat.backend.call('requirements.setStatus', {
      id: requirement._id,
      rev: current.requirement._rev!,
      status: 'planned',
      release: 'v5.2',
    });
    current = await pat.backend.call('requirements.get', { id: requirement._id });
    const released = await pat.backend.call('requirements.setStatus', {
      id: requirement._id,
      rev: current.requirement._rev!,
      status: 'released',
      release: 'v5.2',
    });
    expect(released.tasksCreated).toHaveLength(1);
    await settled(pat);
    expect((await status(pat)).rejected).toEqual([]);

    // alice pulls the release and her task, and tells the customer.
    const task = await waitFor(
      'alice has the tell task',
      () => alice.backend.ctx.queries.getDoc(released.tasksCreated[0]),
      (doc) => doc !== null,
    );
    expect(task).toMatchObject({ done: false, origin: { kind: 'requirementTell' } });
    await waitFor(
      'alice sees it released',
      () => alice.backend.ctx.queries.getDoc(requirement._id),
      (doc) => doc?.status === 'released',
    );
    const told = await alice.backend.call('requirements.tell', { askId: ask._id, kind: 'call' });
    expect(told.allTold).toBe(true);
    await settled(alice);
    expect((await status(alice)).rejected).toEqual([]);
    await waitFor(
      'the product manager sees it told',
      () => pat.backend.ctx.queries.getDoc(ask._id),
      (doc) => typeof doc?.toldOn === 'string',
    );
  });

  it('refuses on the server the status change a CSM laptop writes, and shows it', async () => {
    const { requirement } = await alice.backend.call('requirements.create', {
      data: {
        title: '审批流按金额分级',
        scenario: '采购审批按金额走不同路线。',
        productArea: 'workflow',
      },
      ask: { accountId: account, importance: 'major' },
    });
    await settled(alice);
    // The create must be on the server first: a new requirement arriving already under review is
    // refused by another rule (a new one must be collected).
    await waitFor(
      'the server has the new requirement',
      () => mona.backend.ctx.queries.getDoc(requirement._id),
      (doc) => doc !== null,
      90_000,
    );
    // Her laptop does not know her role (no directory record), so it lets her write; the
    // server is the judge.
    const current = await alice.backend.call('requirements.get', { id: requirement._id });
    await alice.backend.call('requirements.setStatus', {
      id: requirement._id,
      rev: current.requirement._rev!,
      status: 'underReview',
    });
    const refused = await waitFor(
      'the server refuses it',
      () => status(alice),
      (s) => s.rejected.some((r) => r.id === requirement._id),
      90_000,
    );
    expect(refused.rejected.find((r) => r.id === requirement._id)?.reason).toContain(
      'only a manager or product manager changes status of a requirement',
    );
    const onServer = await waitFor(
      'the server keeps it collected',
      () => mona.backend.ctx.queries.getDoc(requirement._id),
      (doc) => doc !== null,
    );
    expect(onServer?.status).toBe('collected');
  });
});
