// Import of workbooks as people keep them (issue 14): the header found below title and blank
// rows, an account row carrying its contract and decision maker as three linked documents,
// amounts in 万 / with separators / as formulas, every usual date form, duplicates flagged for
// merge, all-or-nothing versus skip-invalid, contracts and usage readings by account name.
import ExcelJS from 'exceljs';
import type { Backend } from '../../../main/backend';
import { ApiFailure } from '../../../shared/api/errors';
import type { EntityDoc } from '../../../shared/domain/entities';
import { dayFrom } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { EXPECTED, messyAccountList, serialOf, zhDate } from '../../fixtures/import/messyWorkbook';

jest.setTimeout(60_000);

let dir: string;
let b: Backend;

beforeEach(async () => {
  dir = tempDir('import-wb');
  b = await openBackend(dir);
});

afterEach(async () => {
  await b.close();
  removeDir(dir);
});

const b64 = (buf: Buffer) => buf.toString('base64');

async function failure(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function all<T extends 'account' | 'contract' | 'contact' | 'usageReading' | 'timeline'>(
  type: T,
  accountId?: string,
): Promise<EntityDoc<T>[]> {
  const page = await b.call(`${type}.list` as 'account.list', {
    ...(accountId ? { accountId } : {}),
    limit: 500,
  });
  return page.items as unknown as EntityDoc<T>[];
}

describe('a CSM’s own account list', () => {
  it('finds the header on row 3, suggests every column and lists each refused row by its Excel row', async () => {
    const fileBase64 = b64(await messyAccountList());
    const preview = await b.call('import.preview', { kind: 'accounts', fileBase64 });
    expect(preview).toMatchObject({ sheet: '客户台账', headerRow: 3, detectedHeaderRow: 3 });
    expect(preview.mapping).toMatchObject({
      name: '客户名称',
      tier: '客户等级',
      ownerCsm: '负责CSM',
      industry: '行业',
      'contract.contractNo': '合同编号',
      'contract.amount': '合同金额',
      'contract.startDate': '开始日期',
      'contract.endDate': '到期日期',
      'contact.name': '决策人',
      'contact.position': '职务',
      'contact.phone': '手机',
    });
    expect(Object.values(preview.mapping)).not.toContain('备注');
    expect(preview.top[0].cells[0]).toContain('华东区客户清单');
    expect(preview.rows).toBe(8);
    expect(preview.validRows).toBe(4);
    expect(preview.refusedRows).toEqual([9, 10, 11, 12]);
    expect(preview.errors.map((e) => [e.row, e.messageKey])).toEqual(
      Object.entries(EXPECTED.refused).map(([row, key]) => [Number(row), key]),
    );
    expect(preview.errors.find((e) => e.row === 9)).toMatchObject({ column: '客户等级' });
    expect(preview.errors.find((e) => e.row === 12)!.params).toEqual({ row: 4 });
    expect(preview.errors.find((e) => e.row === 10)!.message['en-US']).toContain('=F5*2');
    expect(preview.byType).toEqual({
      account: { create: 3, update: 0, unchanged: 0 },
      contract: { create: 4, update: 0, unchanged: 0 },
      contact: { create: 3, update: 0, unchanged: 0 },
    });
    // Row 8 is row 4's account again with a second contract: flagged, merged, not copied.
    expect(preview.duplicates).toEqual([
      { row: 8, type: 'account', key: '东方精工', against: 'file', firstRow: 4 },
    ]);
    expect(preview.notes.map((n) => [n.messageKey, n.params])).toEqual([
      ['importUi.note.defaultProduct', { product: '软件订阅服务' }],
      // A fresh workbench has no team directory yet: the CSMs' names are kept as written, and said so.
      ['importUi.note.unknownPeople', { names: '张伟, 李娜', count: 2 }],
    ]);
    expect(await all('account')).toHaveLength(0);
  });

  it('all or nothing: a refused row writes nothing', async () => {
    const fileBase64 = b64(await messyAccountList());
    const error = await failure(b.call('import.commit', { kind: 'accounts', fileBase64 }));
    expect(error.errors.map((e) => e.path?.[1])).toEqual([9, 10, 11, 12]);
    expect(await all('account')).toHaveLength(0);
    expect(await all('contract')).toHaveLength(0);
  });

  it('skip-invalid writes the valid rows as linked account, contract and contact, and lists what was left out', async () => {
    const fileBase64 = b64(await messyAccountList());
    expect(await b.call('import.progress', { jobId: 'wizard-1' })).toBeNull();
    const result = await b.call('import.commit', {
      kind: 'accounts',
      fileBase64,
      skipInvalid: true,
      jobId: 'wizard-1',
    });
    // The wizard polls this while the commit runs; afterwards it tells the end.
    expect(await b.call('import.progress', { jobId: 'wizard-1' })).toEqual({
      jobId: 'wizard-1',
      phase: 'done',
      done: 20,
      total: 20,
    });
    expect(result.skipped.map((s) => [s.row, s.errors[0].messageKey])).toEqual(
      Object.entries(EXPECTED.refused).map(([row, key]) => [Number(row), key]),
    );
    // 10 documents and a timeline entry for each, in one batch.
    expect(result.written).toBe(20);
    const accounts = await all('account');
    expect(accounts.map((a) => a.name).sort()).toEqual([...EXPECTED.accounts].sort());
    const byName = new Map(accounts.map((a) => [a.name, a]));
    const dongfang = byName.get('东方精工')!;
    // 制造 is stored as the industry's code (shared/rules/industry.ts), labelled in each language.
    expect(dongfang).toMatchObject({
      tier: 'strategic',
      industry: 'manufacturing',
      ownerCsm: '张伟',
    });
    // The merged tier cell B4:B5 gives row 5 its value.
    expect(byName.get('南方物流')!.tier).toBe('strategic');
    const contracts = (await Promise.all(accounts.map((a) => all('contract', a._id)))).flat();
    expect(
      contracts
        .map((c) => ({
          contractNo: c.contractNo,
          account: accounts.find((a) => a._id === c.accountId)!.name,
          amount: c.amount,
          startDate: c.startDate,
          endDate: c.endDate,
        }))
        .sort((x, y) => x.contractNo.localeCompare(y.contractNo)),
    ).toEqual(EXPECTED.contracts);
    expect(contracts[0].products).toEqual([
      {
        name: '软件订阅服务',
        quantity: 1,
        unit: 'seat',
        unitPrice: contracts[0].amount,
        discount: 0,
      },
    ]);
    const contacts = (await Promise.all(accounts.map((a) => all('contact', a._id)))).flat();
    expect(contacts).toHaveLength(3);
    const qian = contacts.find((c) => c.name === '钱多多')!;
    expect(qian).toMatchObject({
      accountId: dongfang._id,
      position: 'CIO',
      phone: '13800000001',
      // The column is headed 决策人.
      roles: ['decisionMaker'],
    });
    // The account's renewal and ARR see the imported contracts (the projection is linked too).
    const brief = await b.call('account.brief', { id: dongfang._id });
    expect(brief.renewalDate).toBe(dayFrom(165));
    const timeline = await all('timeline', dongfang._id);
    expect(timeline.filter((e) => e.action === 'imported')).toHaveLength(4);
  });

  it('one row with an account, its contract and its key contact becomes three linked documents', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('list');
    ws.addRow([
      'Account',
      'Tier',
      'CSM',
      'Contract number',
      'Amount',
      'Start date',
      'End date',
      'Key contact',
      'Phone',
    ]);
    ws.addRow([
      'Acme',
      'Micro',
      'li.na',
      'AC-1',
      '¥36,000',
      dayFrom(-1),
      dayFrom(364),
      'Ann Lee',
      '+86 21 5555 0000',
    ]);
    const fileBase64 = b64(Buffer.from(await wb.xlsx.writeBuffer()));
    const result = await b.call('import.commit', { kind: 'accounts', fileBase64 });
    expect(result).toMatchObject({ created: 3, skipped: [], written: 6 });
    const [accountId, contractId, contactId] = result.ids;
    expect(accountId).toMatch(/^account:/);
    const contract = await b.call('contract.get', { id: contractId });
    const contact = await b.call('contact.get', { id: contactId });
    expect(contract).toMatchObject({
      accountId,
      contractNo: 'AC-1',
      amount: 36_000,
      endDate: dayFrom(364),
    });
    expect(contact).toMatchObject({
      accountId,
      name: 'Ann Lee',
      phone: '+86 21 5555 0000',
      roles: [],
    });
    expect(contractId.split(':')[1]).toBe(accountId.split(':')[1]);
    const brief = await b.call('account.brief', { id: accountId });
    expect(brief.renewalDate).toBe(dayFrom(364));
  });

  it('a second import of the same list merges with what is stored: no second copy', async () => {
    const fileBase64 = b64(await messyAccountList());
    await b.call('import.commit', { kind: 'accounts', fileBase64, skipInvalid: true });
    const again = await b.call('import.preview', { kind: 'accounts', fileBase64 });
    expect(again.byType).toEqual({
      account: { create: 0, update: 0, unchanged: 3 },
      contract: { create: 0, update: 0, unchanged: 4 },
      contact: { create: 0, update: 0, unchanged: 3 },
    });
    expect(
      again.duplicates.filter((d) => d.against === 'store').map((d) => [d.row, d.type]),
    ).toEqual([
      [4, 'account'],
      [4, 'contract'],
      [4, 'contact'],
      [5, 'account'],
      [5, 'contract'],
      [5, 'contact'],
      [7, 'account'],
      [7, 'contract'],
      [7, 'contact'],
      [8, 'contract'],
    ]);
    await b.call('import.commit', { kind: 'accounts', fileBase64, skipInvalid: true });
    expect(await all('account')).toHaveLength(3);
  });

  it('a header row the user chooses wins over the one found', async () => {
    const fileBase64 = b64(await messyAccountList());
    const preview = await b.call('import.preview', { kind: 'accounts', fileBase64, headerRow: 4 });
    expect(preview.headerRow).toBe(4);
    expect(preview.detectedHeaderRow).toBe(3);
    expect(preview.headers[0]).toBe('东方精工');
    expect(preview.errors[0]).toMatchObject({
      row: 4,
      messageKey: 'deliverables.import.missingRequired',
    });
    const error = await failure(
      b.call('import.preview', { kind: 'accounts', fileBase64, headerRow: 400 }),
    );
    expect(error.errors[0].messageKey).toBe('importUi.error.headerBeyondEnd');
  });
});

describe('contracts and usage readings by account name', () => {
  async function seedAccount(name: string): Promise<string> {
    const doc = await b.call('account.create', {
      data: { name, tier: 'ordinary', ownerCsm: 'li.na' },
    });
    return doc._id;
  }

  it('reads 万 in the header, every date form and links each row to its named account', async () => {
    const a = await seedAccount('甲公司');
    const c = await seedAccount('乙公司');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('合同');
    ws.addRow(['客户名称', '合同号', '合同金额（万元）', '生效日期', '到期日', '产品', '席位数']);
    ws.addRow(['甲公司', 'C-1', 120, zhDate(dayFrom(-10)), serialOf(dayFrom(355)), 'CRM', 100]);
    ws.addRow(['乙公司', 'C-2', '8.5', dayFrom(-5), dayFrom(360), 'CRM', 10]);
    ws.addRow(['丙公司', 'C-3', 1, dayFrom(-5), dayFrom(360), 'CRM', 1]);
    const fileBase64 = b64(Buffer.from(await wb.xlsx.writeBuffer()));
    const preview = await b.call('import.preview', { kind: 'contracts', fileBase64 });
    expect(preview.mapping).toMatchObject({ account: '客户名称', amount: '合同金额（万元）' });
    expect(preview.notes.map((n) => n.messageKey)).toEqual(['importUi.note.amountScale']);
    expect(preview.errors.map((e) => [e.row, e.messageKey, e.params])).toEqual([
      [4, 'importUi.error.accountUnknown', { name: '丙公司' }],
    ]);
    await b.call('import.commit', { kind: 'contracts', fileBase64, skipInvalid: true });
    const [c1] = await all('contract', a);
    expect(c1).toMatchObject({
      contractNo: 'C-1',
      amount: 1_200_000,
      startDate: dayFrom(-10),
      endDate: dayFrom(355),
      products: [{ name: 'CRM', quantity: 100, unitPrice: 12_000 }],
    });
    expect((await all('contract', c))[0].amount).toBe(85_000);
  });

  it('imports usage readings into one chosen account, duplicates by date refused', async () => {
    const a = await seedAccount('丁公司');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('usage');
    ws.addRow(['Date', 'Purchased seats', 'Activated users', 'Active users']);
    ws.addRow([new Date(`${dayFrom(-60)}T00:00:00Z`), '1,000', 600, 400]);
    ws.addRow([dayFrom(-30), 1000, { formula: 'B3*0.7', result: 700 }, 500]);
    ws.addRow([dayFrom(-30), 1000, 710, 510]);
    const fileBase64 = b64(Buffer.from(await wb.xlsx.writeBuffer()));
    const preview = await b.call('import.preview', { kind: 'usage', accountId: a, fileBase64 });
    expect(preview.errors.map((e) => [e.row, e.messageKey])).toEqual([
      [4, 'deliverables.import.duplicateRow'],
    ]);
    const result = await b.call('import.commit', {
      kind: 'usage',
      accountId: a,
      fileBase64,
      skipInvalid: true,
    });
    expect(result.created).toBe(2);
    const readings = await all('usageReading', a);
    expect(readings.map((r) => [r.date, r.purchasedSeats, r.activatedUsers]).sort()).toEqual([
      [dayFrom(-60), 1000, 600],
      [dayFrom(-30), 1000, 700],
    ]);
  });
});
