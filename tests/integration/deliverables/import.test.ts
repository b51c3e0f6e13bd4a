// Excel import through the API: mapping, dry run, per-row errors, commit and the round trip of
// the workbench's own issue-list export.
import { dayFrom, TODAY } from '../../helpers/clock';
import ExcelJS from 'exceljs';
import type { Backend } from '../../../main/backend';
import { ApiFailure } from '../../../shared/api/errors';
import type { EntityDoc } from '../../../shared/domain/entities';
import { openDemoBackend, type DemoBackend } from '../../fixtures/deliverables/demoBackend';

jest.setTimeout(60_000);

let demo: DemoBackend;
let b: Backend;
let accountId: string;

async function xlsx(rows: unknown[][], sheet = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function issues(id = accountId): Promise<EntityDoc<'issue'>[]> {
  return (await b.call('issue.list', { accountId: id, limit: 500 })).items;
}

async function failure(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  demo = await openDemoBackend();
  b = demo.backend;
  accountId = demo.strategicId;
}, 60_000);

afterAll(() => demo.close());

describe('issue import', () => {
  it('round-trips the issue-list export: nothing new, nothing changed, then an edit updates in place', async () => {
    const before = await issues();
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const exported = await b.call('deliverables.generate', { kind: 'issues', accountId, lang });
      const preview = await b.call('import.preview', {
        kind: 'issues',
        accountId,
        fileBase64: exported.base64,
      });
      expect(preview.errors).toEqual([]);
      expect(preview).toMatchObject({
        rows: before.length,
        toCreate: 0,
        toUpdate: 0,
        unchanged: before.length,
      });
      expect(preview.mapping.id).toBe(lang === 'zh-CN' ? '编号' : 'ID');
    }
    // The customer edits a status in the sheet and it comes back as an update of the same issue.
    const exported = await b.call('deliverables.generate', {
      kind: 'issues',
      accountId,
      lang: 'zh-CN',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const target = before.find((i) => i.status === 'new')!;
    ws.eachRow((row) => {
      if (row.getCell(11).value === target._id) row.getCell(7).value = '处理中';
    });
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const result = await b.call('import.commit', { kind: 'issues', accountId, fileBase64: edited });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: before.length - 1 });
    const after = await issues();
    expect(after).toHaveLength(before.length);
    expect(after.find((i) => i._id === target._id)!.status).toBe('inProgress');
  });

  it('creates new issues only on commit, with a confirmed mapping', async () => {
    const file = await xlsx([
      ['事项', '紧急程度', '日期', '备注'],
      ['导入测试：审批流报错', '紧急故障', dayFrom(-83), 'x'],
      [
        'Import test: slow report',
        'Ordinary fault',
        dayFrom(-82).split('-').map(Number).join('/'),
        'y',
      ],
    ]);
    const mapping = { title: '事项', priority: '紧急程度', raisedOn: '日期', description: '备注' };
    const count = (await issues()).length;
    const preview = await b.call('import.preview', {
      kind: 'issues',
      accountId,
      fileBase64: file,
      mapping,
    });
    expect(preview.suggested.title).toBeNull();
    expect(preview).toMatchObject({ toCreate: 2, errors: [] });
    expect((await issues()).length).toBe(count);
    const result = await b.call('import.commit', {
      kind: 'issues',
      accountId,
      fileBase64: file,
      mapping,
    });
    expect(result.created).toBe(2);
    const created = (await issues()).filter((i) => result.ids.includes(i._id));
    expect(created.map((i) => [i.priority, i.raisedOn]).sort()).toEqual([
      ['ordinaryFault', dayFrom(-82)],
      ['urgentFault', dayFrom(-83)],
    ]);
  });

  it('lists every bad date, bad value and missing field per row, in both languages, and writes nothing', async () => {
    const file = await xlsx([
      ['问题描述', '优先级', '提出日期', '状态'],
      ['好的一行', '紧急故障', dayFrom(-83), '新建'],
      ['坏日期', '紧急故障', `${TODAY.slice(0, 4)}-02-30`, '新建'],
      ['坏优先级', '很急', dayFrom(-83), '新建'],
      ['', '普通故障', dayFrom(-83), '新建'],
      ['已关闭但无确认', '普通故障', dayFrom(-83), '已关闭'],
    ]);
    const count = (await issues()).length;
    const preview = await b.call('import.preview', { kind: 'issues', accountId, fileBase64: file });
    const summary = preview.errors.map((e) => [e.row, e.column, e.messageKey]);
    expect(summary).toEqual([
      [3, '提出日期', 'deliverables.import.badDate'],
      [4, '优先级', 'deliverables.import.badEnum'],
      [5, '问题描述', 'deliverables.import.required'],
      [6, null, 'validation.closeNeedsConfirmation'],
    ]);
    expect(preview.errors[0].message).toEqual({
      'zh-CN': `日期无效：${TODAY.slice(0, 4)}-02-30`,
      'en-US': `Not a valid date: ${TODAY.slice(0, 4)}-02-30`,
    });
    const error = await failure(
      b.call('import.commit', { kind: 'issues', accountId, fileBase64: file }),
    );
    expect(error.errors).toHaveLength(4);
    expect(error.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['rows', 3, '提出日期'] });
    expect((await issues()).length).toBe(count);
  });

  it('reports duplicate rows against the first occurrence', async () => {
    const file = await xlsx([
      ['Issue', 'Priority', 'Raised on'],
      ['Same thing', 'Urgent fault', dayFrom(-81)],
      ['Same thing', 'Urgent fault', dayFrom(-81)],
    ]);
    const preview = await b.call('import.preview', { kind: 'issues', accountId, fileBase64: file });
    expect(preview.errors.map((e) => [e.row, e.messageKey, e.params])).toEqual([
      [3, 'deliverables.import.duplicateRow', { row: 2 }],
    ]);
  });

  it('refuses a wrong column in the mapping and a missing required column', async () => {
    const file = await xlsx([
      ['Issue', 'Raised on'],
      ['x', dayFrom(-81)],
    ]);
    const preview = await b.call('import.preview', {
      kind: 'issues',
      accountId,
      fileBase64: file,
      mapping: { title: 'Headline', nonsense: 'Issue' },
    });
    expect(preview.errors.map((e) => [e.row, e.messageKey, e.params])).toEqual([
      [1, 'deliverables.import.unknownColumn', { column: 'Headline' }],
      [1, 'deliverables.import.unknownField', { field: 'nonsense' }],
      [1, 'deliverables.import.missingRequired', { field: 'priority' }],
    ]);
    expect(preview.toCreate).toBe(0);
  });

  it('refuses an id from another account', async () => {
    const other = (await b.call('account.list', { limit: 50 })).items.find(
      (a) => a._id !== accountId,
    )!;
    const [foreign] = await issues(other._id);
    const file = await xlsx([
      ['ID', 'Issue', 'Priority', 'Raised on'],
      [foreign._id, 'x', 'Urgent fault', dayFrom(-81)],
    ]);
    const preview = await b.call('import.preview', { kind: 'issues', accountId, fileBase64: file });
    expect(preview.errors[0]).toMatchObject({
      row: 2,
      messageKey: 'deliverables.import.unknownId',
    });
  });

  it('refuses a file that is not a workbook', async () => {
    const notXlsx = Buffer.from('name,tier\nACME,strategic\n').toString('base64');
    const error = await failure(
      b.call('import.preview', { kind: 'issues', accountId, fileBase64: notXlsx }),
    );
    expect(error.errors[0]).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'deliverables.import.notXlsx',
    });
    // Without an account, and without a column naming each row's account.
    const noAccountColumn = await xlsx([
      ['Issue', 'Priority', 'Raised on'],
      ['x', 'Urgent fault', dayFrom(-81)],
    ]);
    const noAccount = await failure(
      b.call('import.preview', { kind: 'issues', fileBase64: noAccountColumn }),
    );
    expect(noAccount.errors[0].messageKey).toBe('deliverables.import.needAccount');
  });
});

describe('account and contact import', () => {
  it('imports accounts with English headers and re-imports them without duplicates', async () => {
    const file = await xlsx([
      ['Company', 'Tier', 'CSM', 'Industry', 'Tags'],
      ['导入客户甲', '战略', 'zhang.wei', '制造', '标杆、华东'],
      ['Import Co B', 'micro', 'li.na', 'Retail', ''],
    ]);
    const count = (await b.call('account.list', { limit: 1 })).total;
    const first = await b.call('import.commit', { kind: 'accounts', fileBase64: file });
    expect(first).toMatchObject({ created: 2, updated: 0 });
    const again = await b.call('import.commit', { kind: 'accounts', fileBase64: file });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await b.call('account.list', { limit: 1 })).total).toBe(count + 2);
    const created = await b.call('account.get', { id: first.ids[0] });
    expect(created).toMatchObject({
      name: '导入客户甲',
      tier: 'strategic',
      tags: ['标杆', '华东'],
    });
  });

  it('imports contacts with decision-chain roles and reports a bad email', async () => {
    const file = await xlsx([
      ['姓名', '职位', '邮箱', '角色'],
      ['钱多多', 'CIO', 'qian@example.com', '决策人、IT'],
      ['孙小小', '经理', 'not-an-email', '关键用户'],
    ]);
    const preview = await b.call('import.preview', {
      kind: 'contacts',
      accountId,
      fileBase64: file,
    });
    expect(preview.errors.map((e) => [e.row, e.column, e.field])).toEqual([[3, '邮箱', 'email']]);
    const fixed = await xlsx([
      ['姓名', '职位', '邮箱', '角色'],
      ['钱多多', 'CIO', 'qian@example.com', '决策人、IT'],
    ]);
    const result = await b.call('import.commit', {
      kind: 'contacts',
      accountId,
      fileBase64: fixed,
    });
    const contact = await b.call('contact.get', { id: result.ids[0] });
    expect(contact).toMatchObject({ name: '钱多多', roles: ['decisionMaker', 'it'], accountId });
  });
});
