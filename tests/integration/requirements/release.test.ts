// Release and telling through the real API: releasing creates one "tell the customer" task per
// asking account for its CSM; telling records a touchpoint, sets the day on the ask, closes the
// task; once all are told the requirement may move to "customers told", not before.
import type { Backend } from '../../../main/backend';
import type { TodayTask } from '../../../shared/api/tasks';
import { dayFrom, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { makeAccount } from '../health/seed';
import { payingAccount, refusal } from './seed';
import { TELL_WITHIN_DAYS } from '../../../main/requirements/write';

let dir: string;
let b: Backend;

beforeAll(async () => {
  dir = tempDir('req-release');
  b = await openBackend(dir);
});

afterAll(async () => {
  await b.close();
  removeDir(dir);
});

test('release creates the tasks and telling closes them', async () => {
  const a = await payingAccount(b, '华东重工', 'strategic', 800_000, 'decisionMaker');
  const bId = await makeAccount(b, { name: '南方食品', tier: 'ordinary', ownerCsm: 'wang.fang' });
  const { requirement, ask } = await b.call('requirements.create', {
    data: {
      title: '审批流支持会签',
      scenario: '采购单要多个部门同时审批',
      productArea: 'workflow',
    },
    ask: { accountId: a.id, contactId: a.contactId, importance: 'blocking' },
  });
  const askB = await b.call('requirements.addAsk', {
    requirementId: requirement._id,
    ask: { accountId: bId, importance: 'moderate' },
  });

  const notYet = await refusal(b.call('requirements.tell', { askId: ask._id }));
  expect(notYet.errors[0].messageKey).toBe('requirement.error.notReleased');

  const planned = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: requirement._rev!,
    status: 'planned',
    release: 'V6.0',
  });
  expect(planned.tasksCreated).toEqual([]);
  const released = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: planned.requirement._rev!,
    status: 'released',
    release: 'V6.0',
  });
  expect(released.requirement.releasedOn).toBe(TODAY);
  expect(released.tasksCreated).toHaveLength(2);

  const tasks = await Promise.all(released.tasksCreated.map((id) => b.call('task.get', { id })));
  const byAccount = Object.fromEntries(tasks.map((t) => [t.accountId, t]));
  expect(byAccount[a.id]).toMatchObject({
    owner: 'li.na',
    dueDate: dayFrom(TELL_WITHIN_DAYS),
    done: false,
    origin: { kind: 'requirementTell', requirementId: requirement._id, askId: ask._id },
  });
  expect(byAccount[a.id].title).toContain('审批流支持会签');
  expect(byAccount[bId].owner).toBe('wang.fang');
  const page = await b.call('requirements.get', { id: requirement._id });
  expect(page.asks.every((x) => x.tellTaskId)).toBe(true);

  const early = await refusal(
    b.call('requirements.setStatus', {
      id: requirement._id,
      rev: released.requirement._rev!,
      status: 'customersTold',
      release: 'V6.0',
    }),
  );
  expect(early.errors[0]).toMatchObject({
    messageKey: 'requirement.error.toldPending',
    params: { count: 2 },
  });

  const told = await b.call('requirements.tell', {
    askId: ask._id,
    kind: 'call',
    notes: '王总确认下周开始使用',
  });
  expect(told.allTold).toBe(false);
  expect(told.ask.toldOn).toBe(TODAY);
  expect(told.taskClosed).toBe(byAccount[a.id]._id);
  const touchpoint = await b.call('touchpoint.get', { id: told.touchpointId });
  expect(touchpoint).toMatchObject({
    accountId: a.id,
    kind: 'call',
    date: TODAY,
    contacts: ['华东重工联系人'],
  });
  expect(touchpoint.subject).toContain('V6.0');
  const closed = await b.call('task.get', { id: byAccount[a.id]._id });
  expect(closed).toMatchObject({ done: true, doneOn: TODAY });

  const twice = await refusal(b.call('requirements.tell', { askId: ask._id }));
  expect(twice.errors[0].messageKey).toBe('requirement.error.alreadyTold');

  const last = await b.call('requirements.tell', { askId: askB._id, locale: 'en-US' });
  expect(last.allTold).toBe(true);
  const lastTouch = await b.call('touchpoint.get', { id: last.touchpointId });
  expect(lastTouch.subject).toContain('Requirement shipped');

  const current = await b.call('requirements.get', { id: requirement._id });
  expect(current.told).toBe(2);
  const done = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: current.requirement._rev!,
    status: 'customersTold',
    release: 'V6.0',
  });
  expect(done.requirement.status).toBe('customersTold');
  expect(done.tasksCreated).toEqual([]);
  const open = await b.call('today.group', { group: 'tasks', scope: 'all', limit: 100 });
  expect(
    (open.items as TodayTask[]).filter((t) => released.tasksCreated.includes(t.docId)),
  ).toEqual([]);
});

test('a release creates no task for an account already told', async () => {
  const a = await payingAccount(b, '北方机械', 'ordinary', 100_000);
  const { requirement, ask } = await b.call('requirements.create', {
    data: { title: '报表定时发送', scenario: '每周一早上自动发周报', productArea: 'reporting' },
    ask: { accountId: a.id, importance: 'improvement' },
  });
  const r1 = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: requirement._rev!,
    status: 'released',
    release: 'V6.1',
  });
  expect(r1.tasksCreated).toHaveLength(1);
  await b.call('requirements.tell', { askId: ask._id });
  // Moved back by mistake and released again: the told account gets no second task.
  const back = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: r1.requirement._rev!,
    status: 'inDevelopment',
    release: 'V6.1',
  });
  const r2 = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: back.requirement._rev!,
    status: 'released',
    release: 'V6.1',
  });
  expect(r2.tasksCreated).toEqual([]);
});
