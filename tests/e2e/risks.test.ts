// The "Risks & opportunities" tab in the real app (browser mode, Chromium): a risk case with two
// action items made through the form (a missing cause refused on its field), one item marked
// done, an opportunity added; both still there after a reload and stored as the UI wrote them.
import { dayFrom } from '../helpers/clock';
import type { Locator, Page } from 'playwright-core';
import { openSession, screenshot, typeInto, type BrowserSession } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let page: Page;
let accountId: string;

const modal = () => page.getByRole('dialog');

/** The text input of an antd field found by test id (on the input itself or its wrapper). */
const isDate = (testId: string) => testId.endsWith('-due') || testId.endsWith('-close');
const fill = (scope: Locator, testId: string, value: string) =>
  typeInto(scope, testId, value, isDate(testId) ? 'Enter' : 'Tab');

beforeAll(async () => {
  session = await openSession('risks');
  page = session.page;
  const account = await session.api('account.create', {
    data: { name: '无锡新程精密机械有限公司', tier: 'ordinary', ownerCsm: 'zhang.wei' },
  });
  accountId = account._id;
});

afterAll(() => session?.close());

describe('risk cases and opportunities in the account workspace', () => {
  it('creates a risk case with an action plan, marks an item done and adds an opportunity', async () => {
    await page.goto(`${session.web.url}#/account/${encodeURIComponent(accountId)}/risks`);
    await page.getByTestId('risks').waitFor();

    await page.getByTestId('new-risk').click();
    await modal().waitFor();
    await modal().getByTestId('risk-level').click();
    await page.locator('.ant-select-dropdown').getByTitle('高').click();
    await modal().getByTestId('risk-signs').click();
    await page.locator('.ant-select-dropdown').getByTitle('使用量下降').click();
    await page.keyboard.press('Escape');
    await fill(modal(), 'risk-countermeasures', '总经理拜访,重新培训关键用户');
    for (const [task, owner, due] of [
      ['关键用户再培训', 'zhang.wei', dayFrom(12)],
      ['高层回访', 'li.na', dayFrom(27)],
    ]) {
      await modal().getByTestId('action-add').click();
      const row = modal().getByTestId('action-row').last();
      await fill(row, 'action-task', task);
      await fill(row, 'action-owner', owner);
      await fill(row, 'action-due', due);
    }
    // No cause: refused on its field, nothing stored.
    await page.getByTestId('risk-save').click();
    await modal().locator('.ant-form-item-has-error').getByTestId('risk-cause').waitFor();
    await modal().locator('.ant-form-item-explain-error', { hasText: '必填' }).waitFor();
    expect((await session.api('riskCase.list', { accountId })).items).toHaveLength(0);
    await screenshot(page, 'risks-01-form-error');
    await fill(modal(), 'risk-cause', '新产线上线后使用量下降一半');
    await page.getByTestId('risk-save').click();
    await modal().waitFor({ state: 'detached' });
    await page
      .getByTestId('risk-progress')
      .getByText(`未完成 2/2 · 下一到期 ${dayFrom(12)}`)
      .waitFor();

    // Mark the first action item done: the next due date moves to the open one.
    await page.getByTestId('risk-open').click();
    await modal().waitFor();
    await modal().getByTestId('action-done').first().click();
    await page.getByTestId('risk-save').click();
    await modal().waitFor({ state: 'detached' });
    await page
      .getByTestId('risk-progress')
      .getByText(`未完成 1/2 · 下一到期 ${dayFrom(27)}`)
      .waitFor();

    await page.getByTestId('new-opportunity').click();
    await modal().waitFor();
    await fill(modal(), 'opp-title', '二期增购 50 个席位');
    await fill(modal(), 'opp-value', '180000');
    await fill(modal(), 'opp-close', dayFrom(128));
    await page.getByTestId('opp-save').click();
    await modal().waitFor({ state: 'detached' });
    await page.getByTestId('opp-open-total').getByText('180,000').waitFor();

    await page.reload();
    await page.getByTestId('risks').waitFor();
    await page.getByTestId('risk-open').getByText('新产线上线后使用量下降一半').waitFor();
    await page.getByTestId('opp-open').getByText('二期增购 50 个席位').waitFor();
    await page.getByTestId('risk-table').getByText('使用量下降', { exact: true }).waitFor();
    await screenshot(page, 'risks-02-zh');

    const [stored] = (await session.api('riskCase.list', { accountId })).items;
    expect(stored).toMatchObject({
      level: 'high',
      signs: ['fallingUsage'],
      cause: '新产线上线后使用量下降一半',
      countermeasures: '总经理拜访,重新培训关键用户',
      status: 'open',
      actionPlan: [
        { task: '关键用户再培训', owner: 'zhang.wei', dueDate: dayFrom(12), done: true },
        { task: '高层回访', owner: 'li.na', dueDate: dayFrom(27), done: false },
      ],
    });
    expect(new Set(stored.actionPlan.map((a: { key: string }) => a.key)).size).toBe(2);
    const [opportunity] = (await session.api('opportunity.list', { accountId })).items;
    expect(opportunity).toMatchObject({
      kind: 'addOn',
      title: '二期增购 50 个席位',
      value: 180000,
      stage: 'identified',
      expectedCloseOn: dayFrom(128),
    });
  });

  it('shows the tab in English and deletes an opportunity after confirmation', async () => {
    await page.getByTestId('locale-switch').getByText('English').click();
    await page.getByTestId('tab-risks').getByText('Risks & opportunities').waitFor();
    await page
      .getByTestId('risk-progress')
      .getByText(`1 of 2 open · next due ${dayFrom(27)}`)
      .waitFor();
    await page.getByTestId('risk-table').getByText('Falling usage').waitFor();
    await page.getByTestId('opp-table').getByText('Add-on').waitFor();
    await screenshot(page, 'risks-03-en');
    await page.getByTestId('risk-open').click();
    await modal().getByText('Review meetings').waitFor();
    // The screenshot after the modal's opening animation, not halfway through it.
    await modal().evaluate((el) =>
      Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)),
    );
    await screenshot(page, 'risks-04-form-en');
    await page.keyboard.press('Escape');
    await modal().waitFor({ state: 'detached' });

    await page.getByTestId('opp-delete').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('opp-open-total').getByText('Open pipeline: 0').waitFor();
    expect((await session.api('opportunity.list', { accountId })).items).toHaveLength(0);
    expect(session.pageErrors).toEqual([]);
  });
});
