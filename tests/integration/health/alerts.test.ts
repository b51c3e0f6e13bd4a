// Alerts from real local data, and their acknowledged/snoozed state kept in documents.
import { dayFrom, movableClock, TODAY } from '../../helpers/clock';
import type { Backend } from '../../../main/backend';
import { ApiFailure } from '../../../shared/api/errors';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { addContract, addPerson, addUsage, addVisit, makeAccount } from './seed';

let dir: string;
let backend: Backend;
const clock = movableClock();
let accountId: string;
let quiet: string;

beforeAll(async () => {
  dir = tempDir('alerts');
  backend = await openBackend(dir, { clock });
  accountId = await makeAccount(backend, { name: '预警测试', tier: 'ordinary', ownerCsm: 'li.na' });
  quiet = await makeAccount(backend, { name: '平稳客户', tier: 'ordinary', ownerCsm: 'wang.fang' });
  for (const id of [accountId, quiet]) await addVisit(backend, id, dayFrom(-22));
  await addContract(backend, quiet, { startDate: dayFrom(-326), endDate: dayFrom(403), amount: 1 });
  await addUsage(backend, quiet, dayFrom(-22), 10, 8);
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

const list = (input: Parameters<Backend['call']>[1] = {}) =>
  backend.call('alerts.list', input as never);
async function rules(id = accountId) {
  return (await list({ accountId: id })).items.map((a) => a.rule).sort();
}

describe("today's alerts from local data", () => {
  it('a quiet account raises none', async () => {
    expect(await rules(quiet)).toEqual([]);
  });

  it('activation below 20% fires, at 20% it does not', async () => {
    await addUsage(backend, accountId, dayFrom(-3), 100, 20);
    expect(await rules()).not.toContain('lowActivation');
    await addUsage(backend, accountId, dayFrom(-2), 100, 19);
    expect(await rules()).toContain('lowActivation');
  });

  it('a decision maker leaving fires; the same person still active does not', async () => {
    const person = await addPerson(backend, accountId, '赵总', 'decisionMaker');
    expect(await rules()).not.toContain('keyPersonLeft');
    const doc = await backend.call('contact.get', { id: person._id });
    await backend.call('contact.update', {
      id: doc._id,
      rev: doc._rev!,
      changes: { active: false, leftOn: dayFrom(-8) },
    });
    const alert = (await list({ accountId, rules: ['keyPersonLeft'] })).items[0];
    expect(alert).toMatchObject({ severity: 'high', targetId: person._id });
    expect(alert.params).toMatchObject({ name: '赵总', role: 'decisionMaker' });
  });

  it('overdue action items (from visit and risk plans) and overdue issues fire the day after they are due', async () => {
    const visit = await backend.call('visit.create', {
      accountId,
      data: {
        purpose: '回访',
        date: dayFrom(-21),
        status: 'done',
        minutes: '记录',
        actionItems: [
          { key: 'a1', title: '发送方案', owner: 'li.na', dueDate: dayFrom(-1) },
          { key: 'a2', title: '安排培训', owner: 'li.na', dueDate: dayFrom(0) },
          { key: 'a3', title: '已完成', owner: 'li.na', dueDate: dayFrom(-20), done: true },
        ],
      },
    });
    await backend.call('issue.create', {
      accountId,
      data: {
        title: '报表导出失败',
        raisedOn: dayFrom(-22),
        priority: 'urgentFault',
        dueDate: dayFrom(-1),
      },
    });
    await backend.call('issue.create', {
      accountId,
      data: {
        title: '今天到期',
        raisedOn: dayFrom(-22),
        priority: 'ordinaryFault',
        dueDate: dayFrom(0),
      },
    });
    const overdue = (await list({ accountId, rules: ['overdueAction', 'overdueIssue'] })).items;
    expect(overdue.map((a) => [a.rule, a.params.title])).toEqual([
      ['overdueAction', '发送方案'],
      ['overdueIssue', '报表导出失败'],
    ]);
    expect(overdue[0].key).toBe(`overdueAction|${accountId}|${visit._id}#a1`);
  });

  it('the renewal window opens at 90 days for an ordinary account', async () => {
    const c = await addContract(backend, accountId, {
      startDate: dayFrom(-326),
      endDate: dayFrom(91),
      amount: 10,
    });
    expect(await rules()).not.toContain('renewalWindow');
    const doc = await backend.call('contract.get', { id: c });
    await backend.call('contract.update', {
      id: c,
      rev: doc._rev!,
      changes: { endDate: dayFrom(90) },
    });
    expect(await rules()).toContain('renewalWindow');
  });

  it('filters by CSM and rule, and counts by severity', async () => {
    const mine = await list({ ownerCsm: 'li.na' });
    expect(mine.items.every((a) => a.ownerCsm === 'li.na')).toBe(true);
    expect(mine.total).toBe(mine.items.length);
    expect(mine.bySeverity.high + mine.bySeverity.medium + mine.bySeverity.low).toBe(mine.total);
    expect((await list({ ownerCsm: 'wang.fang' })).total).toBe(0);
  });
});

describe('acknowledging and snoozing', () => {
  it('an acknowledged alert leaves the list, survives a restart, and can be reopened', async () => {
    const [alert] = (await list({ accountId, rules: ['lowActivation'] })).items;
    await backend.call('alerts.acknowledge', { key: alert.key, note: '已安排挽救计划' });
    const after = await list({ accountId });
    expect(after.items.map((a) => a.key)).not.toContain(alert.key);
    expect(after.hidden).toBe(1);

    await backend.close();
    backend = await openBackend(dir, { clock });
    const all = await list({ accountId, includeHidden: true });
    const kept = all.items.find((a) => a.key === alert.key)!;
    expect(kept.hidden).toBe(true);
    expect(kept.state).toMatchObject({
      status: 'acknowledged',
      note: '已安排挽救计划',
      by: 'zhang.wei',
    });

    await backend.call('alerts.reopen', { key: alert.key });
    expect((await list({ accountId })).items.map((a) => a.key)).toContain(alert.key);
  });

  it('a snoozed alert returns the day after the snooze ends', async () => {
    const [alert] = (await list({ accountId, rules: ['renewalWindow'] })).items;
    await backend.call('alerts.snooze', { key: alert.key, until: dayFrom(7) });
    expect((await list({ accountId, rules: ['renewalWindow'] })).total).toBe(0);
    clock.set(dayFrom(7));
    expect((await list({ accountId, rules: ['renewalWindow'] })).total).toBe(0);
    clock.set(dayFrom(8));
    expect((await list({ accountId, rules: ['renewalWindow'] })).total).toBe(1);
    clock.set(TODAY);
  });

  it('refuses a snooze into the past and keys that are not alerts, changing nothing', async () => {
    const [alert] = (await list({ accountId, rules: ['lowActivation'] })).items;
    const bad = [
      backend.call('alerts.snooze', { key: alert.key, until: dayFrom(-1) }),
      backend.call('alerts.acknowledge', { key: 'not-a-key' }),
      backend.call('alerts.acknowledge', { key: `madeUp|${accountId}|` }),
      backend.call('alerts.acknowledge', { key: 'lowActivation|account:NOPE|' }),
    ];
    const codes = await Promise.all(
      bad.map((p) =>
        p.then(
          () => 'ok',
          (e: ApiFailure) => e.errors[0].code,
        ),
      ),
    );
    expect(codes).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION', 'NOT_FOUND']);
    expect((await list({ accountId })).items.map((a) => a.key)).toContain(alert.key);
  });
});
