// The Excel import wizard in the real app (browser mode in Chromium), as a new user meets it:
// the first-run screen offers "import my account list from Excel"; the CSM's own messy list
// (title and blank rows, merged cells, mixed dates, 万 amounts, formulas, duplicates, bad rows)
// goes through file, header row, mapping and dry run; all or nothing refuses while rows are
// refused, skip-invalid writes the rest as linked accounts, contracts and contacts. A second
// run in English, from the account list, flags every row as a merge with what is stored.
import type { Page } from 'playwright-core';
import { EXPECTED, messyAccountList } from '../fixtures/import/messyWorkbook';
import { inputOf, openSession, screenshot, type BrowserSession } from './browserMode';

jest.setTimeout(180_000);

let session: BrowserSession;
let page: Page;
let file: Buffer;

beforeAll(async () => {
  session = await openSession('import');
  page = session.page;
  file = await messyAccountList();
});

afterAll(() => session?.close());

const wizard = () => page.getByTestId('import-wizard');

async function upload() {
  await wizard().locator('input[type=file]').setInputFiles({
    name: '客户台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await page.getByTestId('import-top').or(page.getByTestId('import-error')).first().waitFor();
  if (await page.getByTestId('import-error').count())
    throw new Error(String(await page.getByTestId('import-error').textContent()));
}

/** The Excel row numbers listed in the dry run's refused-rows table. */
async function refusedRows(): Promise<number[]> {
  const cells = await page
    .getByTestId('import-refused')
    .locator('tbody tr td:first-child')
    .allTextContents();
  return cells.map(Number);
}

interface Page1<T> {
  items: T[];
  total: number;
}

it('first run: imports the CSM’s own account list from Excel, refused rows listed, valid rows written', async () => {
  await page.goto(session.web.url);
  await page.getByTestId('first-run').waitFor();
  await page.getByTestId('first-run-connect').waitFor();
  await screenshot(page, 'import-01-first-run-zh');
  await page.getByTestId('first-run-import-excel').click();
  await wizard().waitFor();
  await upload();
  // The header is row 3: the merged title and the blank row above it are skipped.
  expect(await (await inputOf(page, 'import-header-row')).inputValue()).toBe('3');
  expect(await wizard().textContent()).toContain('自动识别的标题行：第 3 行');
  expect(await page.getByTestId('import-top-size').textContent()).toContain(
    '工作表共 12 行、12 列',
  );
  await screenshot(page, 'import-02-header-zh');

  await page.getByTestId('import-next').click();
  const amount = page.getByTestId('import-map-contract.amount');
  await amount.waitFor();
  expect(await amount.textContent()).toContain('合同金额');
  expect(await page.getByTestId('import-map-contact.name').textContent()).toContain('决策人');
  expect(await page.getByTestId('import-map-ownerCsm').textContent()).toContain('负责CSM');
  await screenshot(page, 'import-03-mapping-zh');

  await page.getByTestId('import-check').click();
  await page.getByTestId('import-refused').waitFor();
  expect(await refusedRows()).toEqual([9, 10, 11, 12]);
  const refused = await page.getByTestId('import-refused').textContent();
  expect(refused).toContain('“VIP”不是允许的取值');
  expect(refused).toContain('公式没有计算结果（=F5*2）');
  expect(refused).toContain('与第 4 行重复');
  expect(await page.getByTestId('import-summary').textContent()).toContain(
    '共 8 行数据：4 行可导入，4 行被拒绝',
  );
  expect(await page.getByTestId('import-duplicates').textContent()).toContain(
    '第 8 行：客户“东方精工”与第 4 行相同，合并为一条',
  );
  // All or nothing (the default) refuses while any row is refused.
  expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
  await screenshot(page, 'import-04-dry-run-zh');
  expect((await session.api<Page1<unknown>>('account.list', { limit: 1 })).total).toBe(0);

  await page.getByTestId('import-skip-invalid').click();
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-done').waitFor();
  const done = await page.getByTestId('import-done').textContent();
  expect(done).toContain('导入完成：新建 10，更新 0，不变 0');
  expect(done).toContain('合同：新建 4');
  expect(await page.getByTestId('import-left-out').locator('li').count()).toBe(4);
  await screenshot(page, 'import-05-done-zh');
  await page.getByTestId('import-close').click();
  await page.getByTestId('screen-accounts').or(page.getByTestId('screen-today')).first().waitFor();

  const accounts = await session.api<Page1<{ _id: string; name: string }>>('account.list', {
    limit: 50,
  });
  expect(accounts.items.map((a) => a.name).sort()).toEqual([...EXPECTED.accounts].sort());
  const dongfang = accounts.items.find((a) => a.name === '东方精工')!;
  const contracts = await session.api<Page1<{ contractNo: string; amount: number }>>(
    'contract.list',
    { accountId: dongfang._id, limit: 50 },
  );
  expect(contracts.items.map((c) => [c.contractNo, c.amount]).sort()).toEqual([
    ['HT-001', 1_200_000],
    ['HT-004', 980_000],
  ]);
  const contacts = await session.api<Page1<{ name: string; roles: string[] }>>('contact.list', {
    accountId: dongfang._id,
    limit: 50,
  });
  expect(contacts.items.map((c) => [c.name, c.roles])).toEqual([['钱多多', ['decisionMaker']]]);
  expect(session.pageErrors).toEqual([]);
});

it('in English, from the account list: the same file again merges with what is stored', async () => {
  await page.goto(`${session.web.url}#/accounts`);
  await page.getByTestId('locale-switch').getByText('English').click();
  await page.getByTestId('open-import').click();
  await wizard().waitFor();
  await screenshot(page, 'import-06-file-en');
  await upload();
  expect(await wizard().textContent()).toContain('Header row found: row 3');
  await screenshot(page, 'import-07-header-en');
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-map-contract.amount').waitFor();
  expect(await page.getByTestId('import-mapping').textContent()).toContain('Contract number');
  await screenshot(page, 'import-08-mapping-en');
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-refused').waitFor();
  expect(await refusedRows()).toEqual([9, 10, 11, 12]);
  expect(await page.getByTestId('import-refused').textContent()).toContain(
    'Formula without a calculated value (=F5*2)',
  );
  const duplicates = await page.getByTestId('import-duplicates').textContent();
  expect(duplicates).toContain('Row 4: Account "东方精工" exists already; merged into it');
  expect(duplicates).toContain('Row 8: Contract "HT-004" exists already');
  expect(await page.getByTestId('import-bytype-account').textContent()).toBe(
    'Account: 0 new, 0 updated, 3 unchanged',
  );
  await screenshot(page, 'import-09-dry-run-en');
  await page.getByTestId('import-skip-invalid').click();
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-done').waitFor();
  expect(await page.getByTestId('import-done').textContent()).toContain(
    'Import done: 0 new, 0 updated, 10 unchanged',
  );
  await screenshot(page, 'import-10-done-en');
  expect((await session.api<Page1<unknown>>('account.list', { limit: 1 })).total).toBe(3);
  expect(session.pageErrors).toEqual([]);
});
