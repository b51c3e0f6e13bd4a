// The requirement's life through the real API and store: raised with its first ask, found on
// the board, another account's ask added, moved along the loop with the release it needs.
import type { Backend } from '../../../main/backend';
import { dayFrom, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { payingAccount, refusal, type SeededAccount } from './seed';

let dir: string;
let b: Backend;
let big: SeededAccount;
let small: SeededAccount;

beforeAll(async () => {
  dir = tempDir('req-basics');
  b = await openBackend(dir);
  big = await payingAccount(b, '华东重工', 'strategic', 1_200_000, 'decisionMaker', 60);
  small = await payingAccount(b, '小林商贸', 'micro', 30_000);
});

afterAll(async () => {
  await b.close();
  removeDir(dir);
});

test('a requirement is raised from an issue with its first ask and shows on the board', async () => {
  const issue = await b.call('issue.create', {
    accountId: big.id,
    data: {
      title: '报表无法按事业部汇总',
      category: 'need',
      priority: 'ordinaryFault',
      raisedOn: TODAY,
    } as never,
  });
  const { requirement, ask } = await b.call('requirements.create', {
    data: {
      title: '报表按事业部汇总',
      scenario: '集团财务每月要按事业部看回款，目前只能导出后手工汇总',
      workaround: '导出 Excel 手工透视',
      productArea: 'reporting',
    },
    ask: {
      accountId: big.id,
      contactId: big.contactId,
      importance: 'major',
      sourceType: 'issue',
      sourceId: issue._id,
    },
  });
  expect(requirement._id).toMatch(/^requirement:TEAM:/);
  expect(requirement.status).toBe('collected');
  expect(ask._id.startsWith(`requirementAsk:${big.id.slice('account:'.length)}:`)).toBe(true);
  expect(ask.askedOn).toBe(TODAY);

  const page = await b.call('requirements.list', {});
  expect(page.total).toBe(1);
  expect(page.byStatus).toEqual({ collected: 1 });
  const row = page.items[0];
  expect(row).toMatchObject({ id: requirement._id, accounts: 1, arrAtStake: 1_200_000 });
  expect(row.renewalsSoon).toBe(1);
  expect(row.why.join('\n')).toContain('华东重工');

  const detail = await b.call('requirements.get', { id: requirement._id });
  expect(detail.asks).toHaveLength(1);
  expect(detail.asks[0]).toMatchObject({
    accountName: '华东重工',
    contactName: '华东重工联系人',
    contactRoles: ['decisionMaker'],
    sourceTitle: '报表无法按事业部汇总',
    renewalSoon: true,
  });
  expect(detail.score.explanation['en-US'].join('\n')).toContain('Decision maker');
  expect(detail.score.explanation['zh-CN'].join('\n')).toContain('决策人');

  // Another account adds its own ask; the same account cannot ask twice.
  await b.call('requirements.addAsk', {
    requirementId: requirement._id,
    ask: { accountId: small.id, importance: 'improvement', askedOn: dayFrom(-3) },
  });
  const again = await refusal(
    b.call('requirements.addAsk', {
      requirementId: requirement._id,
      ask: { accountId: small.id, importance: 'major' },
    }),
  );
  expect(again.errors[0].messageKey).toBe('requirement.error.alreadyAsked');
  const both = await b.call('requirements.get', { id: requirement._id });
  expect(both.asks.map((a) => a.accountName).sort()).toEqual(['华东重工', '小林商贸'].sort());
  expect(both.arrAtStake).toBe(1_230_000);
  expect(both.score.explanation['zh-CN'].join('\n')).toContain('另有 1 个付费客户');
});

test('a source must be of the asking account and of its type', async () => {
  const visit = await b.call('visit.create', {
    accountId: small.id,
    data: { purpose: '上门回访', date: TODAY, status: 'planned' } as never,
  });
  const wrong = await refusal(
    b.call('requirements.create', {
      data: { title: '移动端审批', scenario: '外勤人员要在手机上审批', productArea: 'mobile' },
      ask: { accountId: big.id, importance: 'moderate', sourceType: 'visit', sourceId: visit._id },
    }),
  );
  expect(wrong.errors[0]).toMatchObject({
    messageKey: 'requirement.error.sourceElsewhere',
    path: ['ask', 'sourceId'],
  });
});

test('status moves along the loop; planned needs its release, declined its reason', async () => {
  const { requirement } = await b.call('requirements.create', {
    data: {
      title: '与企业微信集成',
      scenario: '销售要在企业微信里收到提醒',
      productArea: 'integration',
    },
    ask: { accountId: small.id, importance: 'moderate' },
  });
  const noRelease = await refusal(
    b.call('requirements.setStatus', {
      id: requirement._id,
      rev: requirement._rev!,
      status: 'planned',
    }),
  );
  expect(noRelease.errors[0]).toMatchObject({
    messageKey: 'requirement.validation.releaseRequired',
    path: ['release'],
  });
  const planned = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: requirement._rev!,
    status: 'planned',
    release: 'V5.2',
  });
  expect(planned.requirement).toMatchObject({ status: 'planned', release: 'V5.2' });
  const board = await b.call('requirements.list', { status: 'planned' });
  expect(board.items.map((r) => r.id)).toEqual([requirement._id]);

  const noReason = await refusal(
    b.call('requirements.setStatus', {
      id: requirement._id,
      rev: planned.requirement._rev!,
      status: 'declined',
    }),
  );
  expect(noReason.errors[0].messageKey).toBe('requirement.validation.declineReasonRequired');
  const declined = await b.call('requirements.setStatus', {
    id: requirement._id,
    rev: planned.requirement._rev!,
    status: 'declined',
    declineReason: '与产品定位不符',
  });
  expect(declined.requirement.status).toBe('declined');
  expect(declined.requirement.release).toBeUndefined();

  const stale = await refusal(
    b.call('requirements.setStatus', {
      id: requirement._id,
      rev: planned.requirement._rev!,
      status: 'collected',
    }),
  );
  expect(stale.errors[0].code).toBe('CONFLICT');
});

test("the product's solution is confirmed with each asking customer before it is built", async () => {
  const { requirement, ask } = await b.call('requirements.create', {
    data: {
      title: '客户档案批量更新',
      scenario: '每季度要批量改客户等级',
      productArea: 'dataImport',
    },
    ask: { accountId: big.id, contactId: big.contactId, importance: 'moderate' },
  });
  const early = await refusal(
    b.call('requirements.confirm', { askId: ask._id, rev: ask._rev!, status: 'confirmed' }),
  );
  expect(early.errors[0].messageKey).toBe('requirement.error.noSolution');
  await b.call('requirements.setSolution', {
    id: requirement._id,
    rev: requirement._rev!,
    solution: '在导入向导中支持按客户编号更新已有档案',
  });
  const confirmed = await b.call('requirements.confirm', {
    askId: ask._id,
    rev: ask._rev!,
    status: 'rejected',
    note: '还需要按名称匹配',
  });
  expect(confirmed.confirmation).toMatchObject({
    status: 'rejected',
    note: '还需要按名称匹配',
    on: TODAY,
    by: 'zhang.wei',
  });
  const page = await b.call('requirements.get', { id: requirement._id });
  expect(page.requirement.solution).toContain('导入向导');
  expect(page.asks[0].confirmation?.status).toBe('rejected');

  // The CSM edits her ask and the requirement's words; the board sees them.
  const edited = await b.call('requirements.updateAsk', {
    id: ask._id,
    rev: confirmed._rev!,
    changes: { importance: 'blocking', note: null },
  });
  expect(edited.importance).toBe('blocking');
  expect(edited.confirmation?.status).toBe('rejected');
  const renamed = await b.call('requirements.update', {
    id: requirement._id,
    rev: page.requirement._rev!,
    changes: { title: '客户档案按编号或名称批量更新' },
  });
  expect(renamed.title).toBe('客户档案按编号或名称批量更新');
  const mine = await b.call('requirements.forAccount', { accountId: big.id, locale: 'en-US' });
  expect(mine.items.map((i) => i.requirement.title)).toContain('客户档案按编号或名称批量更新');
  expect(mine.total).toBe(mine.items.length);
});

test('a rebuilt index holds the same requirements, asks and scores', async () => {
  const before = await b.call('requirements.list', { includeMerged: true, limit: 500 });
  expect(before.total).toBeGreaterThan(0);
  await b.call('index.rebuild', {});
  const after = await b.call('requirements.list', { includeMerged: true, limit: 500 });
  expect(after.items.map((r) => [r.id, r.accounts, r.score])).toEqual(
    before.items.map((r) => [r.id, r.accounts, r.score]),
  );
  const similar = await b.call('requirements.similar', { text: '事业部汇总报表' });
  expect(similar.hits[0]?.title).toBe('报表按事业部汇总');
});
