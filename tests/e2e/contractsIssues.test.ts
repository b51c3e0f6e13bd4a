// Contracts and renewals, the issue list's new fields, and the handover sheet's refusals, drafts
// and sign-off, clicked in the real app (browser mode, Chromium, 1440x900), both languages.
import { dayFrom, TODAY } from '../helpers/clock';
import type { Locator, Page } from 'playwright-core';
import { inputOf, openSession, screenshot, typeInto, type BrowserSession } from './browserMode';

jest.setTimeout(180_000);

let session: BrowserSession;
let page: Page;
let accountId: string;
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A screenshot once antd's open animations (modals, lists) have settled. */
const shot = async (name: string) => {
  await page.waitForTimeout(400);
  await screenshot(page, `contracts-${name}`);
};
const api = (method: string, input: unknown): Promise<Any> => session.api(method, input);
const modal = () => page.getByRole('dialog');
const fill = (scope: Locator | Page, testId: string, value: string) =>
  typeInto(scope, testId, value, 'Tab');
const pickDate = (scope: Locator | Page, testId: string, day: string) =>
  typeInto(scope, testId, day, 'Enter');
/** Opens an antd Select by test id and picks the option showing `text`. */
async function pick(scope: Locator | Page, testId: string, text: string | RegExp) {
  await scope.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: text,
    })
    .first()
    .click();
  // The list closes with an animation: wait it out, so the next pick finds its own list.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .first()
    .waitFor({ state: 'hidden' });
}
/** The error antd shows under the field holding `testId`. */
const fieldError = (scope: Locator | Page, testId: string) =>
  scope
    .locator('.ant-form-item', { has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error');

beforeAll(async () => {
  session = await openSession('contracts');
  page = session.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const m of [
    { login: 'zhang.wei', nameZh: '张伟', nameEn: 'Zhang Wei', role: 'csm' },
    { login: 'li.na', nameZh: '李娜', nameEn: 'Li Na', role: 'consultant' },
  ]) {
    await api('directory.create', { data: { ...m, active: true } });
  }
  const account = await api('account.create', {
    data: {
      name: '苏州恒信电子有限公司',
      nameEn: 'Suzhou Hengxin Electronics',
      tier: 'strategic',
      ownerCsm: 'zhang.wei',
      lifecycleStage: 'renewal',
    },
  });
  accountId = account._id;
  await api('contact.create', {
    accountId,
    data: {
      name: '王建国',
      position: '信息部总监',
      roles: ['decisionMaker'],
      influence: 'high',
      stance: 'supportive',
    },
  });
  await api('handover.create', {
    accountId,
    data: {
      needs: { whyBought: '销售过程不透明，回款周期长' },
      commitments: { ours: ['7×24 支持'] },
    },
  });
});

afterAll(() => session?.close());

const row = (text: string) => page.locator('tr', { hasText: text });

describe('contracts and renewals in the account workspace', () => {
  it('creates a contract with its products, refusing a bad discount and dates at their fields', async () => {
    await page.goto(`${session.web.url}#/account/${encodeURIComponent(accountId)}/contracts`);
    await page.getByTestId('contracts').waitFor();
    await page.getByTestId('contract-new').click();
    await modal().waitFor();
    await fill(modal(), 'contract-no', 'HT-2025-00017');
    await pickDate(modal(), 'contract-start', dayFrom(-335));
    await pickDate(modal(), 'contract-end', dayFrom(-340));
    await fill(modal(), 'product-name', 'CRM 专业版');
    await fill(modal(), 'product-quantity', '120');
    await fill(modal(), 'product-price', '1200');
    await fill(modal(), 'product-discount', '150');
    await fill(modal(), 'contract-amount', '122400');
    await page.getByTestId('contract-save').click();
    // Each refusal at its own field, in its own words; nothing clamped, nothing saved.
    await fieldError(modal(), 'product-discount').getByText('折扣须在 0 到 100% 之间').waitFor();
    await fieldError(modal(), 'contract-end').getByText('合同到期日早于开始日期').waitFor();
    expect(await (await inputOf(modal(), 'product-discount')).inputValue()).toBe('150');
    await shot('01-contract-refused-zh');
    expect((await api('contract.list', { accountId })).total).toBe(0);

    await fill(modal(), 'product-discount', '15');
    await pickDate(modal(), 'contract-end', dayFrom(29));
    await page.getByTestId('contract-save').click();
    await modal().waitFor({ state: 'detached' });
    await row('HT-2025-00017').getByText('生效中').waitFor();
    const [stored] = (await api('contract.list', { accountId })).items;
    expect(stored.products[0]).toMatchObject({ quantity: 120, unitPrice: 1200, discount: 0.15 });
    expect(stored.endDate).toBe(dayFrom(29));
    await page
      .getByTestId('contracts-summary')
      .getByText(new RegExp(`客户续约日：${dayFrom(29)}`))
      .waitFor();
  });

  it('edits a contract: service level and payment terms', async () => {
    await row('HT-2025-00017').getByTestId('contract-edit').click();
    await modal().waitFor();
    expect(await (await inputOf(modal(), 'product-discount')).inputValue()).toBe('15');
    await pick(modal(), 'contract-service-level', '7×24 增值服务');
    await fill(modal(), 'contract-payment-terms', '按年预付，签约后 30 天内付清');
    await page.getByTestId('contract-save').click();
    await modal().waitFor({ state: 'detached' });
    await row('HT-2025-00017').getByText('7×24 增值服务').waitFor();
    const [stored] = (await api('contract.list', { accountId })).items;
    expect(stored.paymentTerms).toBe('按年预付，签约后 30 天内付清');
    expect(stored.serviceLevel).toBe('premium7x24');
  });

  it("records a renewal outcome: the contract, the renewal date and the account's stage follow", async () => {
    await api('contract.create', {
      accountId,
      data: {
        contractNo: 'HT-2026-00031',
        products: [{ name: 'CRM 专业版', quantity: 150, unit: 'seat', unitPrice: 1200 }],
        amount: 180_000,
        startDate: dayFrom(30),
        endDate: dayFrom(394),
      },
    });
    await page.reload();
    await page.getByTestId('contracts').waitFor();
    expect(await page.getByTestId('account-stage').textContent()).toBe('续约');
    await row('HT-2025-00017').getByTestId('contract-renewal-open').click();
    await modal().waitFor();
    // The self-check shows what the workbench knows next to each question.
    await modal().getByText('交接单记录的购买原因：销售过程不透明，回款周期长').waitFor();
    await modal()
      .getByText(/决策人：王建国/)
      .waitFor();
    await fill(modal(), 'renewal-forecast', '180000');
    await fill(modal(), 'renewal-likelihood', '85');
    await pick(modal(), 'selfcheck-purchaseReasonMet', '是');
    await pick(modal(), 'selfcheck-decisionChainChanged', '否');
    await pick(modal(), 'selfcheck-promisesUnfulfilled', '否');
    await pick(modal(), 'renewal-outcome', '已续约');
    await shot('02-renewal-zh');
    // Without the day it was decided: refused at that field.
    await page.getByTestId('renewal-save').click();
    await fieldError(modal(), 'renewal-decided').getByText('记录续约结果须填写决定日期').waitFor();
    await pickDate(modal(), 'renewal-decided', TODAY);
    await pick(modal(), 'renewal-successor', 'HT-2026-00031');
    await page.getByTestId('renewal-save').click();
    await modal().waitFor({ state: 'detached' });

    await page.getByTestId('account-stage').getByText('稳定使用').waitFor();
    await row('HT-2025-00017').getByTestId('contract-status').getByText('已续约').waitFor();
    await row('HT-2025-00017')
      .getByTestId('contract-renewal')
      .getByText(/已续约/)
      .waitFor();
    await page
      .getByTestId('contracts-summary')
      .getByText(new RegExp(`客户续约日：${dayFrom(394)}`))
      .waitFor();
    const brief = await api('account.brief', { id: accountId });
    expect(brief.account.lifecycleStage).toBe('stableUse');
    expect(brief.renewalDate).toBe(dayFrom(394));
    await shot('03-contracts-zh');
  });
});

describe('issues with the customer list’s fields', () => {
  it('adds an issue with an owner from the directory; the next row starts from the default priority', async () => {
    await page.getByTestId('tab-issues').click();
    await page.getByTestId('new-issue-title').fill('报表导出中文乱码');
    await page.getByTestId('new-issue-priority').selectOption('urgentFault');
    await page.getByTestId('new-issue-owner').click();
    await page.getByTestId('new-issue-owner').fill('李');
    await page.getByTestId('person-option-li.na').click();
    await page.getByTestId('new-issue-add').click();
    const issueRow = page.locator('tr', {
      has: page.getByTestId('issue-title').filter({ hasText: '报表导出中文乱码' }),
    });
    await issueRow.getByTestId('issue-number').getByText('#1-ZW').waitFor();
    await issueRow.getByTestId('issue-owner').getByText('李娜').waitFor();
    expect(await page.getByTestId('new-issue-priority').inputValue()).toBe('ordinaryFault');
    const [stored] = (await api('issue.list', { accountId })).items;
    expect(stored).toMatchObject({
      number: 1,
      numberTag: 'ZW',
      owner: 'li.na',
      priority: 'urgentFault',
    });
  });

  it('fills description, module, raised-by contact, resolution and a comment in the editor', async () => {
    const issueRow = page.locator('tr', {
      has: page.getByTestId('issue-title').filter({ hasText: '报表导出中文乱码' }),
    });
    await issueRow.getByTestId('issue-open').click();
    await modal().waitFor();
    await fill(
      modal(),
      'issue-edit-description',
      '导出 Excel 时客户名称显示为问号，影响月度汇报。',
    );
    await fill(modal(), 'issue-edit-module', '报表中心');
    await pick(modal(), 'issue-edit-raised-by', '王建国');
    await fill(modal(), 'issue-edit-resolution', '已定位为编码问题，下个版本修复');
    await modal().getByTestId('issue-comment-text').fill('已远程复现，等待研发排期。');
    await modal().getByTestId('issue-comment-add').click();
    await modal().getByTestId('issue-comment').getByText('已远程复现，等待研发排期。').waitFor();
    // A due date before the day raised: refused at the due field, in its own words.
    await pickDate(modal(), 'issue-edit-due', dayFrom(-3));
    await page.getByTestId('issue-save').click();
    await fieldError(modal(), 'issue-edit-due').getByText('截止日期早于问题提出日期').waitFor();
    await pickDate(modal(), 'issue-edit-due', dayFrom(7));
    await shot('04-issue-editor-zh');
    await page.getByTestId('issue-save').click();
    await modal().waitFor({ state: 'detached' });
    await issueRow.getByText('报表中心').waitFor();
    await issueRow.getByText('王建国').waitFor();
    const [stored] = (await api('issue.list', { accountId })).items;
    const contact = (await api('contact.list', { accountId })).items[0];
    expect(stored).toMatchObject({
      description: '导出 Excel 时客户名称显示为问号，影响月度汇报。',
      module: '报表中心',
      raisedBy: '王建国',
      raisedByContactId: contact._id,
      resolution: '已定位为编码问题，下个版本修复',
      dueDate: dayFrom(7),
      number: 1,
    });
    expect(stored.comments).toEqual([
      expect.objectContaining({ by: 'zhang.wei', text: '已远程复现，等待研发排期。' }),
    ]);
    await shot('05-issues-zh');
  });
});

describe('the handover sheet: refusals at the field, drafts, sign-off', () => {
  it('refuses a discount above 100 % and a negative quantity at their fields and saves nothing', async () => {
    await page.getByTestId('tab-handover').click();
    await page.getByTestId('handover').waitFor();
    await page.getByTestId('handover-products').fill('CRM 专业版 120 席');
    await fill(page, 'handover-discount', '500');
    await fill(page, 'handover-quantity', '-3');
    await page.getByTestId('handover-save').click();
    await fieldError(page, 'handover-discount').getByText('折扣须在 0 到 100% 之间').waitFor();
    await fieldError(page, 'handover-quantity').getByText('数量须为不小于 0 的整数').waitFor();
    expect(await (await inputOf(page, 'handover-quantity')).inputValue()).toBe('-3');
    const [stored] = (await api('handover.list', { accountId })).items;
    expect(stored.sales).toEqual({});
    await shot('06-handover-refused-zh');
  });

  it('keeps what was typed across a tab switch and a reload until it is saved', async () => {
    await page.getByTestId('tab-issues').click();
    await page.getByTestId('issue-table').waitFor();
    await page.getByTestId('tab-handover').click();
    await page.getByTestId('handover-draft').waitFor();
    expect(await page.getByTestId('handover-products').inputValue()).toBe('CRM 专业版 120 席');
    expect(await (await inputOf(page, 'handover-discount')).inputValue()).toBe('500');
    // A reload (or a crash, or a closed window) loses nothing typed either.
    await page.reload();
    await page.getByTestId('tab-handover').click();
    await page.getByTestId('handover-draft').waitFor();
    expect(await page.getByTestId('handover-products').inputValue()).toBe('CRM 专业版 120 席');
    expect(await (await inputOf(page, 'handover-discount')).inputValue()).toBe('500');
    await fill(page, 'handover-discount', '15');
    await fill(page, 'handover-quantity', '120');
    await page.getByTestId('handover-save').click();
    await page.getByTestId('handover-draft').waitFor({ state: 'detached' });
    const [stored] = (await api('handover.list', { accountId })).items;
    expect(stored.sales).toMatchObject({
      products: 'CRM 专业版 120 席',
      discount: 0.15,
      quantity: 120,
    });
  });

  it('clears both signatures when a signed sheet is edited, and says so', async () => {
    await page.getByTestId('handover-sign-sales').click();
    await page.getByTestId('handover-signed-sales').waitFor();
    await page.getByTestId('handover-sign-csm').click();
    await page.getByTestId('handover-signed-csm').waitFor();
    await page.getByTestId('handover-signed-warning').waitFor();
    // The backend stamped both with the signed-in user; the sheet names her by display name.
    const [signed] = (await api('handover.list', { accountId })).items;
    expect([signed.signOff.sales.by, signed.signOff.csm.by]).toEqual(['zhang.wei', 'zhang.wei']);
    expect(await page.getByTestId('handover-signed-csm').innerText()).toContain('张伟');
    await page.getByTestId('handover-overview').fill('电子制造企业，员工约 2000 人');
    await page.getByTestId('handover-save').click();
    await page.getByTestId('handover-signatures-cleared').waitFor();
    expect(await page.getByTestId('handover-signed-sales').count()).toBe(0);
    expect(await page.getByTestId('handover-signed-csm').count()).toBe(0);
    const [stored] = (await api('handover.list', { accountId })).items;
    expect(stored.signOff).toEqual({});
    expect(stored.basics.overview).toBe('电子制造企业，员工约 2000 人');
    await shot('07-handover-cleared-zh');
  });
});

describe('in English', () => {
  it('shows the contract, renewal and issue screens in English', async () => {
    await page.getByTestId('locale-switch').getByText('English').click();
    await page.getByTestId('tab-contracts').click();
    await row('HT-2025-00017').getByText('Renewed').first().waitFor();
    await page
      .getByTestId('contracts-summary')
      .getByText(/Account renewal date/)
      .waitFor();
    await shot('08-contracts-en');
    await row('HT-2025-00017').getByTestId('contract-edit').click();
    await modal().getByText('Discount (%)').waitFor();
    await shot('09-contract-form-en');
    await page.keyboard.press('Escape');
    await modal().waitFor({ state: 'detached' });
    await row('HT-2025-00017').getByTestId('contract-renewal-open').click();
    await modal().getByText('Is the original reason for buying met?').waitFor();
    await shot('10-renewal-en');
    await page.keyboard.press('Escape');
    await modal().waitFor({ state: 'detached' });
    await page.getByTestId('tab-issues').click();
    await page.getByTestId('issue-number').first().waitFor();
    await shot('11-issues-en');
    await page.getByTestId('issue-open').first().click();
    await modal().getByText('Raised by').waitFor();
    await shot('12-issue-editor-en');
    await page.keyboard.press('Escape');
    expect(session.pageErrors).toEqual([]);
  });
});
