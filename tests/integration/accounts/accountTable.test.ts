// The account list's backend (issue 13): columns kept by the projection's triggers (open issues,
// last touch), sorting on them, the export read back with exceljs (every row of the view, and a
// sheet naming its filter), bulk assignment and tagging with a timeline entry per account, saved
// views on the user's directory record, one value per industry, and search pages with a total.
import ExcelJS from 'exceljs';
import type { Backend } from '../../../main/backend';
import { dayFrom, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let backend: Backend;
const ids: Record<string, string> = {};

async function account(key: string, data: Record<string, unknown>) {
  const doc = await backend.call('account.create', {
    data: { tier: 'ordinary', ownerCsm: 'zhang.wei', ...data } as never,
  });
  ids[key] = doc._id;
}

beforeAll(async () => {
  dir = tempDir('accounts');
  backend = await openBackend(dir);
  await account('a', { name: '甲方科技', industry: '金融', tier: 'strategic' });
  await account('b', { name: '乙方制造', industry: 'Finance' });
  await account('c', { name: '丙方零售', industry: 'retail', tier: 'micro', ownerCsm: 'li.na' });
  for (const title of ['登录失败', '报表错误', '导出乱码']) {
    await backend.call('issue.create', {
      accountId: ids.b,
      data: { title, priority: 'ordinaryFault', raisedOn: TODAY } as never,
    });
  }
  await backend.call('issue.create', {
    accountId: ids.a,
    data: { title: '已解决', priority: 'ordinaryFault', raisedOn: TODAY, status: 'fixed' } as never,
  });
  await backend.call('touchpoint.create', {
    accountId: ids.c,
    data: { kind: 'call', date: dayFrom(-3), subject: '电话回访' } as never,
  });
  await backend.call('visit.create', {
    accountId: ids.a,
    data: {
      purpose: '季度回顾',
      date: dayFrom(-10),
      status: 'done',
      mode: 'onSite',
      minutes: '回顾了上线进度',
    } as never,
  });
});

afterAll(async () => {
  await backend?.close();
  removeDir(dir);
});

const table = (input: object = {}) => backend.call('accounts.table', input as never);

describe('account table', () => {
  it('keeps open issues and the last touch per account', async () => {
    const page = await table();
    const byName = new Map(page.items.map((r) => [r.name, r.list]));
    expect(byName.get('乙方制造')?.openIssues).toBe(3);
    expect(byName.get('甲方科技')?.openIssues).toBe(0);
    expect(byName.get('甲方科技')?.lastTouch).toBe(dayFrom(-10));
    expect(byName.get('丙方零售')?.lastTouch).toBe(dayFrom(-3));
    expect(byName.get('乙方制造')?.lastTouch).toBeNull();

    // Closing an issue takes it off the count; an update keeps the count right.
    const issues = await backend.call('issue.list', { accountId: ids.b, limit: 10 });
    const first = issues.items[0];
    await backend.call('issue.update', {
      id: first._id,
      rev: first._rev!,
      changes: { status: 'fixed' },
    });
    const after = await table({ filters: { q: '乙方' } });
    expect(after.items[0].list.openIssues).toBe(2);
  });

  it('sorts on the columns, empty values last', async () => {
    const names = async (field: string, dir: 'asc' | 'desc') =>
      (await table({ sort: { field, dir } })).items.map((r) => r.name);
    expect(await names('openIssues', 'desc')).toEqual(['乙方制造', '丙方零售', '甲方科技']);
    expect(await names('lastTouch', 'desc')).toEqual(['丙方零售', '甲方科技', '乙方制造']);
    expect(await names('lastTouch', 'asc')).toEqual(['甲方科技', '丙方零售', '乙方制造']);
    expect(await names('tier', 'asc')).toEqual(['甲方科技', '乙方制造', '丙方零售']);
  });

  it('stores one value per industry and lists it once in the facet', async () => {
    const a = await backend.call('account.get', { id: ids.a });
    expect(a.industry).toBe('finance');
    const facets = await backend.call('app.accountFacets', {});
    expect(facets.industries).toEqual(['finance', 'retail']);
    // Either language's name filters the same accounts.
    const zh = await table({ filters: { industry: ['金融'] } });
    const en = await table({ filters: { industry: ['finance'] } });
    expect(zh.items.map((r) => r.name).sort()).toEqual(['乙方制造', '甲方科技']);
    expect(en.total).toBe(2);
  });

  it('exports every row of the view with its filter, read back with exceljs', async () => {
    const file = await backend.call('accounts.export', {
      filters: { industry: ['finance'] },
      sort: { field: 'openIssues', dir: 'desc' },
      columns: ['openIssues', 'lastTouch'],
      locale: 'zh-CN',
    });
    expect(file.rows).toBe(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const sheet = book.getWorksheet('客户列表')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['客户名称', '行业', '未关闭问题', '最近接触']));
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(col('客户名称')).value).toBe('乙方制造');
    expect(sheet.getRow(2).getCell(col('行业')).value).toBe('金融');
    expect(sheet.getRow(2).getCell(col('未关闭问题')).value).toBe(2);
    const about = book.getWorksheet('筛选条件')!;
    expect(String(about.getRow(1).getCell(2).value)).toBe('行业: 金融');
    expect(String(about.getRow(2).getCell(2).value)).toContain('未关闭问题');
  });

  it('assigns a CSM and adds a tag to several accounts, each with a timeline entry', async () => {
    const result = await backend.call('accounts.bulkUpdate', {
      ids: [ids.a, ids.b],
      ownerCsm: 'wang.fang',
      addTags: ['重点'],
    });
    expect(result).toEqual({ updated: 2, unchanged: 0, failed: [] });
    for (const id of [ids.a, ids.b]) {
      const doc = await backend.call('account.get', { id });
      expect(doc.ownerCsm).toBe('wang.fang');
      expect(doc.tags).toEqual(['重点']);
      const timeline = await backend.call('timeline.list', { accountId: id, limit: 5 });
      expect(timeline.items[0].changes?.map((c) => c.field)).toEqual(
        expect.arrayContaining(['ownerCsm', 'tags']),
      );
    }
    // Again: the tag is there once, nothing is written.
    const again = await backend.call('accounts.bulkUpdate', { ids: [ids.a], addTags: ['重点'] });
    expect(again).toEqual({ updated: 0, unchanged: 1, failed: [] });
    const refused = await backend.dispatch('accounts.bulkUpdate', { ids: [ids.a] });
    expect(refused.ok).toBe(false);
  });

  it('keeps saved views on the user directory record', async () => {
    const saved = await backend.call('accounts.saveView', {
      name: '金融客户',
      view: {
        filters: { industry: ['finance'] },
        columns: ['arr'],
        sort: { field: 'arr', dir: 'desc' },
      },
    });
    expect(saved.views.map((v) => v.name)).toEqual(['金融客户']);
    const member = await backend.call('directory.get', { login: 'zhang.wei' });
    expect(member.savedViews?.[0].name).toBe('金融客户');
    expect((await backend.call('accounts.views', {})).views[0]).toEqual({
      name: '金融客户',
      filters: { industry: ['finance'] },
      columns: ['arr'],
      sort: { field: 'arr', dir: 'desc' },
    });
    const left = await backend.call('accounts.deleteView', { name: '金融客户' });
    expect(left.views).toEqual([]);
  });
});

describe('search pages', () => {
  it('says how many match and pages on', async () => {
    const first = await backend.call('search.query', { q: '方', limit: 2 });
    expect(first.total).toBeGreaterThanOrEqual(3);
    expect(first.hits).toHaveLength(2);
    const next = await backend.call('search.query', { q: '方', limit: 2, offset: 2 });
    expect(next.offset).toBe(2);
    const ids = [...first.hits, ...next.hits].map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells accounts apart and labels enum values in snippets', async () => {
    const result = await backend.call('search.query', {
      q: '丙方零售',
      types: ['account'],
      locale: 'zh-CN',
    });
    const hit = result.hits[0];
    expect(hit.account).toEqual(expect.objectContaining({ tier: 'micro', ownerCsm: 'li.na' }));
    expect(hit.snippet).toContain('小微');
    expect(hit.snippet).not.toMatch(/\bmicro\b/);
  });
});
