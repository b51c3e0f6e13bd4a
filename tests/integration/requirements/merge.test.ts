// Merging a duplicate through the real API: every asking account is kept (also one that asked
// for both), open "tell the customer" tasks follow, the duplicate keeps its text and points to
// the requirement it was merged into, and leaves the board.
import type { Backend } from '../../../main/backend';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { payingAccount, refusal } from './seed';

let dir: string;
let b: Backend;

beforeAll(async () => {
  dir = tempDir('req-merge');
  b = await openBackend(dir);
});

afterAll(async () => {
  await b.close();
  removeDir(dir);
});

test('merge of a duplicate keeps every asking account', async () => {
  const x = await payingAccount(b, '甲公司', 'strategic', 500_000);
  const y = await payingAccount(b, '乙公司', 'ordinary', 100_000);
  const z = await payingAccount(b, '丙公司', 'micro', 20_000);
  const into = await b.call('requirements.create', {
    data: { title: '移动端审批', scenario: '外勤要在手机上审批报销', productArea: 'mobile' },
    ask: { accountId: x.id, importance: 'major' },
  });
  await b.call('requirements.addAsk', {
    requirementId: into.requirement._id,
    ask: { accountId: y.id, importance: 'moderate' },
  });
  const dup = await b.call('requirements.create', {
    data: { title: '手机上审批', scenario: '销售出差时无法审批合同', productArea: 'mobile' },
    ask: { accountId: z.id, importance: 'blocking' },
  });
  // 乙 asked for both: both asks are kept.
  await b.call('requirements.addAsk', {
    requirementId: dup.requirement._id,
    ask: { accountId: y.id, importance: 'major', note: '合同审批' },
  });
  expect((await b.call('requirements.list', {})).total).toBe(2);

  const self = await refusal(
    b.call('requirements.merge', { fromId: dup.requirement._id, intoId: dup.requirement._id }),
  );
  expect(self.errors[0].messageKey).toBe('requirement.error.mergeSelf');

  const merged = await b.call('requirements.merge', {
    fromId: dup.requirement._id,
    intoId: into.requirement._id,
  });
  expect(merged.movedAsks).toBe(2);
  expect(merged.from.mergedInto).toBe(into.requirement._id);
  expect(merged.from.scenario).toBe('销售出差时无法审批合同');

  const page = await b.call('requirements.get', { id: into.requirement._id });
  expect(page.asks).toHaveLength(4);
  expect(new Set(page.asks.map((a) => a.accountName))).toEqual(
    new Set(['甲公司', '乙公司', '丙公司']),
  );
  expect(page.asks.find((a) => a.note === '合同审批')?.accountName).toBe('乙公司');
  expect(page.mergedFrom).toEqual([{ id: dup.requirement._id, title: '手机上审批' }]);
  expect(page.arrAtStake).toBe(620_000);

  const board = await b.call('requirements.list', {});
  expect(board.items.map((r) => r.id)).toEqual([into.requirement._id]);
  expect((await b.call('requirements.list', { includeMerged: true })).total).toBe(2);

  const again = await refusal(
    b.call('requirements.addAsk', {
      requirementId: dup.requirement._id,
      ask: { accountId: x.id, importance: 'major' },
    }),
  );
  expect(again.errors[0].messageKey).toBe('requirement.error.merged');
  const forZ = await b.call('requirements.forAccount', { accountId: z.id });
  expect(forZ.items.map((i) => i.requirement.id)).toEqual([into.requirement._id]);
});

test('open tell tasks follow the merge', async () => {
  const x = await payingAccount(b, '丁公司', 'ordinary', 80_000);
  const y = await payingAccount(b, '戊公司', 'ordinary', 90_000);
  const into = await b.call('requirements.create', {
    data: { title: '数据导入模板', scenario: '首次导入客户档案', productArea: 'dataImport' },
    ask: { accountId: x.id, importance: 'moderate' },
  });
  const dup = await b.call('requirements.create', {
    data: { title: '导入模板下载', scenario: '上线时批量导入档案', productArea: 'dataImport' },
    ask: { accountId: y.id, importance: 'moderate' },
  });
  const released = await b.call('requirements.setStatus', {
    id: dup.requirement._id,
    rev: dup.requirement._rev!,
    status: 'released',
    release: 'V7',
  });
  await b.call('requirements.merge', { fromId: dup.requirement._id, intoId: into.requirement._id });
  const task = await b.call('task.get', { id: released.tasksCreated[0] });
  expect(task.origin?.requirementId).toBe(into.requirement._id);
  const page = await b.call('requirements.get', { id: into.requirement._id });
  expect(page.asks.find((a) => a.accountId === y.id)?.tellTaskId).toBe(task._id);
});
