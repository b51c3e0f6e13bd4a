// Tasks with a life (done, reassigned, rescheduled, commented), their due-date rules, Today's
// groups (counted and paged), the alert index against the rules, the planned next visit and
// the account's health rescored when its inputs change. Real backend, real store.
import type { Backend } from '../../../main/backend';
import { evaluateScope } from '../../../main/health/alertIndex';
import { compareAlerts } from '../../../shared/domain/health/alerts';
import type { TodayPage, TodayTask } from '../../../shared/api/tasks';
import type { ListedAlert } from '../../../shared/api/health';
import { ApiFailure } from '../../../shared/api/errors';
import { dayFrom, movableClock } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { makeAccount } from '../health/seed';

let dir: string;
let b: Backend;
const clock = movableClock();
let mine: string;
let other: string;

async function refusal(p: Promise<unknown>): Promise<ApiFailure> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof ApiFailure))
    throw new Error(`expected a refusal, got ${String(outcome)}`);
  return outcome;
}

const group = (g: TodayPage['group'], extra: Record<string, unknown> = {}) =>
  b.call('today.group', { group: g, limit: 100, ...extra } as never);
const tasks = async (extra: Record<string, unknown> = {}) =>
  (await group('tasks', extra)).items as TodayTask[];

async function visitWithItems(
  accountId: string,
  date: string,
  items: { title: string; due: string; owner?: string }[],
) {
  return b.call('visit.create', {
    accountId,
    data: {
      purpose: '季度回顾',
      date,
      status: 'done',
      minutes: '讨论了上线计划',
      actionItems: items.map((i, n) => ({
        key: `a${n}`,
        title: i.title,
        owner: i.owner ?? 'zhang.wei',
        dueDate: i.due,
      })),
    },
  });
}

beforeAll(async () => {
  dir = tempDir('tasks');
  b = await openBackend(dir, { clock });
  for (const [login, nameZh] of [
    ['zhang.wei', '张伟'],
    ['li.na', '李娜'],
  ])
    await b.call('directory.create', { data: { login, nameZh } });
  mine = await makeAccount(b, { name: '东方电气', tier: 'strategic', ownerCsm: 'zhang.wei' });
  other = await makeAccount(b, { name: '西部能源', tier: 'ordinary', ownerCsm: 'li.na' });
});
afterAll(async () => {
  await b.close();
  removeDir(dir);
});

describe('due-date rules, errors at the field', () => {
  it("refuses an action item due before its visit's date", async () => {
    const error = await refusal(
      visitWithItems(mine, dayFrom(-2), [{ title: '发送报价', due: dayFrom(-2 - 365 * 6) }]),
    );
    expect(error.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['data', 'actionItems', 0, 'dueDate'],
      messageKey: 'validation.actionDueBeforeVisit',
    });
  });

  it('refuses a risk plan task due before the case was opened', async () => {
    const error = await refusal(
      b.call('riskCase.create', {
        accountId: mine,
        data: {
          level: 'high',
          cause: '使用率下降',
          openedOn: dayFrom(-5),
          actionPlan: [{ key: 'p1', task: '高层拜访', owner: 'zhang.wei', dueDate: dayFrom(-6) }],
        },
      }),
    );
    expect(error.errors[0]).toMatchObject({
      path: ['data', 'actionPlan', 0, 'dueDate'],
      messageKey: 'validation.actionDueBeforeOpened',
    });
  });

  it('accepts an action item due on the visit day', async () => {
    const v = await visitWithItems(mine, dayFrom(-40), [{ title: '当天跟进', due: dayFrom(-40) }]);
    expect(v.actionItems[0].dueDate).toBe(dayFrom(-40));
  });
});

describe("a task's life", () => {
  let visitId: string;

  it('done takes the task off Today and its overdue alert with it', async () => {
    const v = await visitWithItems(mine, dayFrom(-10), [
      { title: '发送培训材料', due: dayFrom(-3) },
      { title: '确认上线时间', due: dayFrom(4) },
    ]);
    visitId = v._id;
    const before = await group('tasks');
    const item = (before.items as TodayTask[]).find((t) => t.title === '发送培训材料')!;
    expect(item).toMatchObject({ overdue: true, source: 'visit', startsOn: dayFrom(-10) });
    const alertsBefore = await b.call('alerts.list', { accountId: mine, rules: ['overdueAction'] });
    expect(alertsBefore.items.map((a) => a.params.title)).toContain('发送培训材料');

    await b.call('tasks.update', { id: item.docId, key: item.key, rev: item.rev, done: true });
    const after = await group('tasks');
    expect(after.total).toBe(before.total - 1);
    expect((after.items as TodayTask[]).map((t) => t.title)).not.toContain('发送培训材料');
    const alertsAfter = await b.call('alerts.list', { accountId: mine, rules: ['overdueAction'] });
    expect(alertsAfter.items.map((a) => a.params.title)).not.toContain('发送培训材料');
    const stored = await b.call('visit.get', { id: visitId });
    expect(stored.actionItems[0]).toMatchObject({ done: true, doneOn: dayFrom(0) });
  });

  it('reschedules, refusing a day before the visit at the dueDate field', async () => {
    const item = (await tasks()).find((t) => t.title === '确认上线时间')!;
    const error = await refusal(
      b.call('tasks.update', {
        id: item.docId,
        key: item.key,
        rev: item.rev,
        dueDate: dayFrom(-11),
      }),
    );
    expect(error.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['dueDate'],
      messageKey: 'validation.actionDueBeforeVisit',
    });
    await b.call('tasks.update', {
      id: item.docId,
      key: item.key,
      rev: item.rev,
      dueDate: dayFrom(9),
    });
    expect((await tasks()).find((t) => t.title === '确认上线时间')?.dueDate).toBe(dayFrom(9));
  });

  it('reassigns to a team member only, and the task moves to their Today', async () => {
    const item = (await tasks()).find((t) => t.title === '确认上线时间')!;
    const error = await refusal(
      b.call('tasks.update', { id: item.docId, key: item.key, rev: item.rev, owner: 'nobody' }),
    );
    expect(error.errors[0]).toMatchObject({ path: ['owner'], messageKey: 'tasks.ownerUnknown' });
    await b.call('tasks.update', { id: item.docId, key: item.key, rev: item.rev, owner: 'li.na' });
    // Mine: assigned to me, or on my account and not assigned to another team member.
    expect((await tasks({ scope: 'mine' })).map((t) => t.title)).not.toContain('确认上线时间');
    const team = (await tasks({ scope: 'all' })).find((t) => t.title === '确认上线时间')!;
    expect(team.owner).toBe('li.na');
  });

  it('a stale revision is a conflict', async () => {
    const item = (await tasks({ scope: 'all' })).find((t) => t.title === '确认上线时间')!;
    await b.call('tasks.update', {
      id: item.docId,
      key: item.key,
      rev: item.rev,
      comment: '已约客户',
    });
    const error = await refusal(
      b.call('tasks.update', { id: item.docId, key: item.key, rev: item.rev, comment: '再次' }),
    );
    expect(error.code).toBe('CONFLICT');
    const now = (await tasks({ scope: 'all' })).find((t) => t.title === '确认上线时间')!;
    expect(now.comments).toBe(1);
    const stored = await b.call('visit.get', { id: now.docId });
    expect(stored.actionItems[1].comments).toEqual([
      expect.objectContaining({ by: 'zhang.wei', text: '已约客户' }),
    ]);
  });

  it('risk plan tasks, milestones and tasks of their own are tasks too', async () => {
    await b.call('riskCase.create', {
      accountId: mine,
      data: {
        level: 'high',
        cause: '关键用户流失',
        openedOn: dayFrom(-5),
        actionPlan: [{ key: 'p1', task: '高层拜访', owner: 'zhang.wei', dueDate: dayFrom(2) }],
      },
    });
    await b.call('successPlan.create', {
      accountId: mine,
      data: {
        year: Number(dayFrom(0).slice(0, 4)),
        milestones: [{ key: 'm1', title: '二期启动', dueDate: dayFrom(5) }],
      },
    });
    const own = await b.call('task.create', {
      accountId: mine,
      data: { title: '准备续约报价', owner: 'zhang.wei', dueDate: dayFrom(1) },
    });
    const list = await tasks();
    const bySource = Object.fromEntries(list.map((t) => [t.title, t.source]));
    expect(bySource).toMatchObject({
      高层拜访: 'riskCase',
      二期启动: 'milestone',
      准备续约报价: 'task',
    });
    const item = list.find((t) => t.docId === own._id)!;
    await b.call('tasks.update', { id: item.docId, key: '', rev: item.rev, done: true });
    expect((await b.call('task.get', { id: own._id })).done).toBe(true);
    expect((await tasks()).map((t) => t.docId)).not.toContain(own._id);
  });
});

describe("Today's groups", () => {
  it('count everything and page through it without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++)
      await b.call('task.create', {
        accountId: other,
        data: { title: `批量任务 ${i}`, owner: 'li.na', dueDate: dayFrom(i) },
      });
    const all = await group('tasks', { scope: 'all' });
    const seen: string[] = [];
    for (let offset = 0; offset < all.total; offset += 3) {
      const page = await group('tasks', { scope: 'all', offset, limit: 3 });
      expect(page.total).toBe(all.total);
      seen.push(...(page.items as TodayTask[]).map((t) => `${t.docId}#${t.key}`));
    }
    expect(seen).toEqual((all.items as TodayTask[]).map((t) => `${t.docId}#${t.key}`));
    expect(new Set(seen).size).toBe(all.total);
  });

  it('filter by account or title, and to the overdue only', async () => {
    const filtered = await group('tasks', { scope: 'all', q: '批量任务 3' });
    expect((filtered.items as TodayTask[]).map((t) => t.title)).toEqual(['批量任务 3']);
    const overdue = (await tasks({ scope: 'all', overdueOnly: true })) as TodayTask[];
    expect(overdue.every((t) => t.overdue)).toBe(true);
  });

  it('alerts leave out overdue action items and issues: those are tasks and issues', async () => {
    await b.call('issue.create', {
      accountId: mine,
      data: {
        title: '报表导出失败',
        raisedOn: dayFrom(-20),
        priority: 'ordinaryFault',
        dueDate: dayFrom(-2),
      },
    });
    const alerts = (await group('alerts', { scope: 'all' })).items as ListedAlert[];
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.some((a) => a.rule === 'overdueAction' || a.rule === 'overdueIssue')).toBe(false);
    const issues = await group('issues', { scope: 'all' });
    expect(issues.items.map((i) => (i as { title: string }).title)).toContain('报表导出失败');
  });
});

describe('the alert index', () => {
  const keys = (items: { key: string }[]) => items.map((a) => a.key).sort();

  it('lists what the rules say, after writes and on a new day', async () => {
    const listed = await b.call('alerts.list', { includeHidden: true, limit: 1000 });
    expect(keys(listed.items)).toEqual(keys(evaluateScope(b.ctx, {})));
    // In the rules' own order: severity, rule, account name (zh-CN collation), key.
    expect(listed.items.map((a) => a.key)).toEqual(
      evaluateScope(b.ctx, {})
        .sort(compareAlerts)
        .map((a) => a.key),
    );
    clock.set(dayFrom(30));
    try {
      const later = await b.call('alerts.list', { includeHidden: true, limit: 1000 });
      expect(keys(later.items)).toEqual(keys(evaluateScope(b.ctx, {})));
      expect(later.today).toBe(dayFrom(30));
    } finally {
      clock.set(dayFrom(0));
    }
  });

  it('counts and pages like the list it replaces, acknowledged alerts set aside', async () => {
    const all = await b.call('alerts.list', { limit: 1000 });
    const first = all.items[0];
    await b.call('alerts.acknowledge', { key: first.key });
    const after = await b.call('alerts.list', { limit: 2 });
    expect(after.total).toBe(all.total - 1);
    expect(after.hidden).toBe(all.hidden + 1);
    expect(after.items.map((a) => a.key)).not.toContain(first.key);
    const sum = Object.values(after.bySeverity).reduce((x, y) => x + y, 0);
    expect(sum).toBe(after.total);
  });
});

describe('the next visit', () => {
  it('a recorded visit with a next-visit date plans that visit, once, and moves it', async () => {
    const planned = await b.call('visit.create', {
      accountId: other,
      data: { purpose: '月度拜访', date: dayFrom(-1), place: '成都', status: 'planned' },
    });
    const recorded = await b.call('visit.update', {
      id: planned._id,
      rev: planned._rev!,
      changes: { status: 'done', minutes: '客户满意', nextVisitOn: dayFrom(20) },
    });
    const followUps = async () =>
      (await b.call('visit.list', { accountId: other, limit: 100 })).items.filter(
        (v) => v.followsVisit === planned._id,
      );
    expect(await followUps()).toEqual([
      expect.objectContaining({
        status: 'planned',
        date: dayFrom(20),
        place: '成都',
        purpose: '月度拜访',
      }),
    ]);
    const brief = await b.call('account.brief', { id: other });
    expect(brief.nextVisit?.date).toBe(dayFrom(20));

    await b.call('visit.update', {
      id: recorded._id,
      rev: recorded._rev!,
      changes: { nextVisitOn: dayFrom(25) },
    });
    expect((await followUps()).map((v) => v.date)).toEqual([dayFrom(25)]);
  });
});

describe('health follows its inputs', () => {
  it('a new urgent issue rescores the account without a batch recompute', async () => {
    const account = await makeAccount(b, {
      name: '北方重工',
      tier: 'ordinary',
      ownerCsm: 'zhang.wei',
    });
    await b.call('touchpoint.create', {
      accountId: account,
      data: { kind: 'call', date: dayFrom(-1), subject: '电话回访' },
    });
    const before = await b.call('health.account', { accountId: account });
    expect(before.live).toBe(false);
    await b.call('issue.create', {
      accountId: account,
      data: {
        title: '系统无法登录',
        raisedOn: dayFrom(0),
        priority: 'urgentFault',
        dueDate: dayFrom(1),
      },
    });
    const after = await b.call('health.account', { accountId: account });
    expect(after.live).toBe(false);
    expect(after.score).toBeLessThan(before.score);
    expect(after.computedOn).toBe(dayFrom(0));
  });
});
