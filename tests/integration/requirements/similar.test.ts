// Similar requirements offered before a new one is raised: full-text over title and scenario
// (Chinese by its bigrams, English by words), best first, merged-away ones left out, and whether
// the raising account already asked.
import type { Backend } from '../../../main/backend';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { payingAccount } from './seed';

let dir: string;
let b: Backend;

beforeAll(async () => {
  dir = tempDir('req-similar');
  b = await openBackend(dir);
});

afterAll(async () => {
  await b.close();
  removeDir(dir);
});

test('similar requirements are found by words of the title and scenario', async () => {
  const a = await payingAccount(b, '华东重工', 'strategic', 500_000);
  const c = await payingAccount(b, '南方食品', 'ordinary', 100_000);
  const report = await b.call('requirements.create', {
    data: {
      title: '报表按事业部汇总',
      scenario: '集团财务每月按事业部看回款',
      productArea: 'reporting',
    },
    ask: { accountId: a.id, importance: 'major' },
  });
  await b.call('requirements.create', {
    data: { title: '移动端审批', scenario: '外勤要在手机上审批', productArea: 'mobile' },
    ask: { accountId: a.id, importance: 'moderate' },
  });
  await b.call('requirements.create', {
    data: {
      title: 'Export the pipeline report to Excel',
      scenario: 'Sales ops rebuilds the weekly report by hand',
      productArea: 'reporting',
    },
    ask: { accountId: c.id, importance: 'moderate' },
  });

  const zh = await b.call('requirements.similar', {
    text: '希望回款报表能按事业部汇总',
    accountId: c.id,
  });
  expect(zh.hits[0]).toMatchObject({
    id: report.requirement._id,
    title: '报表按事业部汇总',
    accounts: 1,
    askedByAccount: false,
  });
  expect(zh.hits[0].snippet).toContain('[[');
  expect(zh.hits.map((h) => h.title)).not.toContain('Export the pipeline report to Excel');

  const mine = await b.call('requirements.similar', { text: '事业部报表', accountId: a.id });
  expect(mine.hits[0].askedByAccount).toBe(true);

  const en = await b.call('requirements.similar', { text: 'weekly excel report' });
  expect(en.hits[0].title).toBe('Export the pipeline report to Excel');

  const none = await b.call('requirements.similar', { text: '完全无关的话题xyz' });
  expect(none.hits).toEqual([]);

  // A merged-away duplicate is not offered; the requirement it went into is.
  const dup = await b.call('requirements.create', {
    data: { title: '事业部维度报表', scenario: '按事业部出报表', productArea: 'reporting' },
    ask: { accountId: c.id, importance: 'moderate' },
  });
  await b.call('requirements.merge', {
    fromId: dup.requirement._id,
    intoId: report.requirement._id,
  });
  const after = await b.call('requirements.similar', { text: '事业部报表' });
  expect(after.hits.map((h) => h.id)).toContain(report.requirement._id);
  expect(after.hits.map((h) => h.id)).not.toContain(dup.requirement._id);

  // The board's q filter uses the same index.
  const board = await b.call('requirements.list', { q: '审批' });
  expect(board.items.map((r) => r.title)).toEqual(['移动端审批']);
});
