// Author and time of a new issue comment or handover signature come from the backend: the acting
// user and the one clock (shared/rules/stamps.ts), whatever the caller sends; an entry already
// stored keeps its own. Real PouchDB + SQLite stores, a clock the test sets.
import type { Backend } from '../../../main/backend';
import type { Clock } from '../../../shared/time/clock';
import { dayFrom, instantFrom, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let instant = instantFrom(-2, '09:15');
const clock: Clock = {
  now: () => new Date(instant.getTime()),
  today: () => TODAY,
};

const dirs: string[] = [];
const backends: Backend[] = [];
async function workbench(user: string): Promise<Backend> {
  const dir = tempDir('csm-stamps');
  dirs.push(dir);
  const b = await openBackend(dir, { user, clock });
  backends.push(b);
  return b;
}
afterAll(async () => {
  for (const b of backends) await b.close();
  for (const d of dirs) removeDir(d);
});

const ok = async (b: Backend, method: string, input: unknown): Promise<Any> => {
  const r = (await b.dispatch(method as never, input as never)) as Any;
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

const account = { name: '苏州恒信电子有限公司', tier: 'strategic', ownerCsm: 'zhang.wei' };

describe('entries the backend stamps', () => {
  it('stamps a new comment with the acting user and the clock, keeps saved ones', async () => {
    const a = await workbench('zhang.wei');
    const acc = await ok(a, 'account.create', { data: account });
    const first = instantFrom(-2, '09:15');
    instant = first;
    let issue = await ok(a, 'issue.create', {
      accountId: acc._id,
      data: {
        title: '报表导出超时',
        raisedOn: dayFrom(-2),
        priority: 'ordinaryFault',
        comments: [{ key: 'c1', text: '已远程复现' }],
      },
    });
    expect(issue.comments).toEqual([
      { key: 'c1', text: '已远程复现', by: 'zhang.wei', at: first.toISOString() },
    ]);

    // A day later: a second comment whose caller claims another author and time, and a saved
    // comment whose author the caller tries to change.
    const second = instantFrom(-1, '16:40');
    instant = second;
    issue = await ok(a, 'issue.update', {
      id: issue._id,
      rev: issue._rev,
      changes: {
        comments: [
          { key: 'c1', text: '已远程复现', by: 'li.na', at: second.toISOString() },
          { key: 'c2', text: '等待研发排期', by: 'li.na', at: '2001-01-01T00:00:00.000Z' },
        ],
      },
    });
    expect(issue.comments).toEqual([
      { key: 'c1', text: '已远程复现', by: 'zhang.wei', at: first.toISOString() },
      { key: 'c2', text: '等待研发排期', by: 'zhang.wei', at: second.toISOString() },
    ]);
    expect(issue.updatedAt).toBe(second.toISOString());
  });

  it('stamps each signature when it is given, and keeps it while the other side signs', async () => {
    const a = await workbench('wang.fang');
    const acc = await ok(a, 'account.create', { data: account });
    let h = await ok(a, 'handover.create', {
      accountId: acc._id,
      data: { sales: { products: 'CRM 100 席', quantity: 100 } },
    });
    const salesAt = instantFrom(-1, '10:05');
    instant = salesAt;
    h = await ok(a, 'handover.update', {
      id: h._id,
      rev: h._rev,
      changes: { signOff: { sales: {} } },
    });
    expect(h.signOff).toEqual({ sales: { by: 'wang.fang', at: salesAt.toISOString() } });

    const csmAt = instantFrom(0, '11:20');
    instant = csmAt;
    h = await ok(a, 'handover.update', {
      id: h._id,
      rev: h._rev,
      changes: {
        signOff: { ...h.signOff, csm: { by: 'someone.else', at: salesAt.toISOString() } },
      },
    });
    expect(h.signOff).toEqual({
      sales: { by: 'wang.fang', at: salesAt.toISOString() },
      csm: { by: 'wang.fang', at: csmAt.toISOString() },
    });
  });
});
