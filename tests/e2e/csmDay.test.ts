// A CSM's day in the real app: browser mode started as a process, the built React app in
// Debian's Chromium. Creates an account, fills the handover, plans and records a visit whose
// action item shows on Today, enters issues by keyboard, closes one with the customer's
// confirmation, finds it by a Chinese word, switches language, reloads and restarts.
import type { Page } from 'playwright-core';
import { dayFrom } from '../helpers/clock';
import { openSession, screenshot, type BrowserSession, type WebProcess } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let web: WebProcess;
let page: Page;
let pageErrors: string[];

// The browser-mode process reads the same CSM_TODAY, so its day is the tests' day.
const day = dayFrom;
const shot = (name: string) => screenshot(page, name);

beforeAll(async () => {
  session = await openSession('csm-day');
  ({ web, page, pageErrors } = session);
});

afterAll(() => session?.close());

/** Calls the API as another client would. */
const api = (method: string, input: unknown) => session.api(method, input);

/** Types into an antd DatePicker and confirms. */
async function pickDate(testId: string, value: string, nth = 0) {
  const input = page.getByTestId(testId).nth(nth).locator('input').first();
  const target = (await input.count()) ? input : page.getByTestId(testId).nth(nth);
  await target.click();
  await target.fill(value);
  await target.press('Enter');
}

/** Waits until the workspace tabs' ink bar sits under the active tab, which it does at once. */
async function expectInkBarUnderActiveTab() {
  expect(await page.locator('.ant-tabs-ink-bar-animated').count()).toBe(0);
  await page.waitForFunction(() => {
    const bar = document.querySelector('.ant-tabs-ink-bar')?.getBoundingClientRect();
    const tab = document.querySelector('.ant-tabs-tab-active')?.getBoundingClientRect();
    return (
      !!bar && !!tab && Math.abs(bar.left - tab.left) < 1 && Math.abs(bar.width - tab.width) < 1
    );
  });
}

/** Adds values to an antd tags-mode Select. */
async function addTags(testId: string, values: string[]) {
  const input = page.getByTestId(testId).locator('input');
  for (const v of values) {
    await input.fill(v);
    await input.press('Enter');
  }
}

describe('a CSM in browser mode', () => {
  it('starts on the first-run screen and creates an account (with field errors shown)', async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    await page.goto(web.url);
    await page.getByTestId('first-run').waitFor();
    await shot('01-first-run');
    await page.getByTestId('first-run-create').click();
    // Saving without a name: the account schema's error appears on the name field.
    await page.getByTestId('account-save').click();
    await page.locator('.ant-form-item-has-error').first().waitFor();
    await page.getByTestId('account-name').fill('华东精密制造有限公司');
    await page.getByLabel('行业').fill('制造业');
    await page.getByTestId('account-save').click();
    await page.getByTestId('account-title').waitFor();
    expect(await page.getByTestId('account-title').textContent()).toBe('华东精密制造有限公司');
    expect(page.url()).toMatch(/#\/account\/account%3A|#\/account\/account:/);
  });

  it('adds a decision maker as a contact', async () => {
    await page.getByTestId('tab-contacts').click();
    await page.getByTestId('new-contact').click();
    await page.getByTestId('contact-name').fill('王建国');
    await page.getByTestId('contact-email').fill('not-an-email');
    await page.getByTestId('contact-roles').click();
    await page.locator('.ant-select-item-option', { hasText: '决策人' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('contact-save').click();
    // The zod email rule, in Chinese, under the email field; nothing saved yet.
    await page.locator('.ant-form-item-explain-error', { hasText: '格式不正确' }).waitFor();
    await page.getByTestId('contact-email').fill('wang.jianguo@example.cn');
    await page.getByTestId('contact-save').click();
    await page.getByRole('cell', { name: '王建国' }).waitFor();
  });

  it('shows a stale save as a conflict with the newer version, losing nothing typed', async () => {
    const accountId = decodeURIComponent(page.url().split('#/account/')[1].split('/')[0]);
    const contacts = await api('contact.list', { accountId });
    const contact = contacts.items[0];
    await page.getByTestId('contact-open').filter({ hasText: '王建国' }).click();
    // Someone else changes the phone while this form is open.
    await api('contact.update', {
      id: contact._id,
      rev: contact._rev,
      changes: { phone: '+86 21 5555 0101' },
    });
    await page.getByLabel('职位').fill('生产副总');
    await page.getByTestId('contact-save').click();
    const notice = page.getByTestId('conflict-notice');
    await notice.waitFor();
    // Both sides' changes are listed: the other user's phone, and the position typed here.
    expect(await notice.textContent()).toContain('+86 21 5555 0101');
    expect(await notice.textContent()).toContain('你的输入: 生产副总');
    expect(await page.getByLabel('职位').inputValue()).toBe('生产副总');
    await notice.scrollIntoViewIfNeeded();
    await shot('02b-conflict');
    await page.getByTestId('contact-save').click();
    await notice.waitFor({ state: 'detached' });
    // Both edits survive: this user's position and the other user's phone.
    const row = page.getByRole('row', { name: /王建国/ });
    await row.getByText('生产副总').waitFor();
    await row.getByText('+86 21 5555 0101').waitFor();
  });

  it('fills the handover sheet', async () => {
    await page.getByTestId('tab-handover').click();
    await page
      .getByTestId('handover-overview')
      .fill('华东地区领先的精密零部件制造商，员工约 2000 人。');
    await page.getByTestId('handover-products').fill('制造执行系统 200 用户');
    await page.getByTestId('handover-goals').fill('三个月内上线生产报工，降低在制品库存 15%。');
    await page.getByTestId('add-keyperson').click();
    await page.getByTestId('keyperson-name').fill('王建国');
    await page.getByTestId('handover-save').click();
    await page.getByText(/保存于/).waitFor();
    await shot('03-handover');
  });

  it('plans a visit with attendees from the stakeholders and records it with an action item', async () => {
    await page.getByTestId('tab-visits').click();
    await page.getByTestId('plan-visit').click();
    await page.getByTestId('visit-purpose').fill('季度业务回顾');
    await addTags('visit-agenda', ['上线进度', '培训安排']);
    await page.getByTestId('visit-attendees').click();
    await page.locator('.ant-select-item-option', { hasText: '王建国' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('visit-save').click();
    await page.getByTestId('visit-card').waitFor();
    expect(await page.getByTestId('visit-card').textContent()).toContain('王建国');

    await page.getByTestId('record-visit').click();
    await page.getByTestId('visit-minutes').fill('客户确认上线时间，要求补充培训材料。');
    await page.getByTestId('action-title').fill('发送培训材料');
    await page.getByTestId('action-owner').fill('zhang.wei');
    // Not before the visit's day (today): a due date before it is refused at the field.
    await pickDate('action-due', day(3));
    await page.getByTestId('record-save').click();
    await page.getByTestId('visit-action').getByText('发送培训材料').waitFor();
    await shot('04-visits');
  });

  it('adds issues from the keyboard and closes one with the customer confirmation', async () => {
    await page.getByTestId('tab-issues').click();
    const title = page.getByTestId('new-issue-title');
    await title.click();
    for (const text of ['报表导出乱码', '审批流程卡住', '权限配置问题']) {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await page.getByTestId('issue-title').filter({ hasText: text }).waitFor();
    }
    // Focus stays in the entry row, ready for the next issue.
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('issue-title').count()).toBe(3);

    const row = page.locator('tr', {
      has: page.getByTestId('issue-title').filter({ hasText: '报表导出乱码' }),
    });
    await row.getByTestId('issue-status').selectOption('closed');
    await page.getByTestId('close-confirm').click(); // without a name: refused
    await page.getByText('请填写客户确认人').waitFor();
    await page.getByTestId('confirmed-by').fill('李娜');
    await page.getByTestId('close-confirm').click();
    // The default filter shows open issues only: the closed one leaves the list.
    await page
      .getByTestId('issue-title')
      .filter({ hasText: '报表导出乱码' })
      .waitFor({ state: 'detached' });
    await page.getByTestId('issue-status-filter').selectOption('closed');
    const closed = page.locator('tr', {
      has: page.getByTestId('issue-title').filter({ hasText: '报表导出乱码' }),
    });
    await closed.getByText('李娜').waitFor();
    await page.getByTestId('issue-status-filter').selectOption('all');
    await shot('05-issues');
  });

  it('shows the visit and its action item on Today', async () => {
    await page.goto(`${new URL(web.url).origin}/#/today`);
    await page.getByTestId('screen-today').waitFor();
    await page.getByTestId('today-actions').getByText('发送培训材料').waitFor();
    await page.getByTestId('today-actions').getByText(day(3).slice(5), { exact: true }).waitFor();
    await page.getByTestId('today-visits').getByText('季度业务回顾').waitFor();
    expect(await page.getByTestId('sync-state').textContent()).toContain('离线 / 仅本地');
    await shot('06-today');
  });

  it('finds the closed issue by searching a Chinese word', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').locator('input').fill('乱码');
    const group = page.getByTestId('search-group-issue');
    await group.waitFor();
    expect(await group.textContent()).toContain('报表导出乱码');
    expect(await group.locator('mark').first().textContent()).toContain('乱码');
    await shot('07-search');
    await group.getByTestId('search-hit').first().click();
    await page.getByTestId('issue-table').waitFor();
    expect(page.url()).toMatch(/\/issues$/);
  });

  it('shows the overview brief and the accounts table', async () => {
    await page.getByTestId('tab-overview').click();
    await page
      .getByTestId('stakeholder-map')
      .getByText(/王建国/)
      .waitFor();
    await expectInkBarUnderActiveTab();
    await shot('02-account-overview');
    await page.goto(`${new URL(web.url).origin}/#/accounts`);
    await page.getByTestId('accounts-table').getByText('华东精密制造有限公司').waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await shot('08-accounts');
  });

  it('switches the language and sees the same screen translated', async () => {
    await page.goto(`${new URL(web.url).origin}/#/today`);
    await page.getByText('本周拜访').waitFor();
    await page.getByTestId('locale-switch').getByText('English').click();
    await page.getByText("This week's visits").waitFor();
    expect(await page.getByText('本周拜访').count()).toBe(0);
    await page.getByTestId('today-visits').getByText('季度业务回顾').waitFor();
    expect(await page.getByTestId('sync-state').textContent()).toContain('Offline / local only');
    await shot('09-today-en');
  });

  it('finds everything still there after a reload and after restarting the app', async () => {
    await page.reload();
    await page.getByText("This week's visits").waitFor();
    await page.getByTestId('today-actions').getByText('发送培训材料').waitFor();

    web = await session.restart();
    await page.goto(web.url);
    await page.getByTestId('today-visits').getByText('季度业务回顾').waitFor();
    await page.goto(`${new URL(web.url).origin}/#/accounts`);
    await page.getByTestId('accounts-table').getByText('华东精密制造有限公司').click();
    await page.getByTestId('tab-issues').click();
    await page.getByTestId('issue-status-filter').selectOption('all');
    expect(await page.getByTestId('issue-title').allTextContents()).toEqual(
      expect.arrayContaining(['报表导出乱码', '审批流程卡住', '权限配置问题']),
    );
    await page.getByTestId('tab-handover').click();
    expect(await page.getByTestId('handover-goals').inputValue()).toContain('降低在制品库存');
    expect(pageErrors).toEqual([]);
  });
});
