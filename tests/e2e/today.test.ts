// A CSM's day on Today, in browser mode with demo data, in Debian's Chromium: the groups say
// "n of m" and page; completing a task shrinks its group; a call is logged from Today and from
// the account and shows on the account's timeline; a next-visit date plans that visit. Today is
// photographed in both languages at 1440x900 and 1280x720 (artifacts/today/, gitignored) and
// fits one screen at 1440x900.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TodayPage } from '../../shared/api/tasks';
import { dayFrom } from '../helpers/clock';
import { openSession, SCREENSHOTS, type BrowserSession, type WebProcess } from './browserMode';

jest.setTimeout(240_000);

const ARTIFACTS = path.join(path.dirname(SCREENSHOTS), 'today');
let session: BrowserSession;
let web: WebProcess;
let page: Page;
let pageErrors: string[];

const api = <T>(method: string, input: unknown): Promise<T> => session.api<T>(method, input);
const origin = () => new URL(web.url).origin;
const group = (g: string, extra: Record<string, unknown> = {}) =>
  api<TodayPage>('today.group', { group: g, scope: 'mine', ...extra });

async function shoot(name: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}x${height}.png`) });
}

/** Waits until a group's count reads `text`. */
async function countIs(testId: string, text: string) {
  await page.getByTestId(`${testId}-count`).getByText(text, { exact: true }).waitFor();
}

async function openToday() {
  // A fresh page: no group left paged or folded by the test before.
  await page.goto('about:blank');
  await page.goto(`${origin()}/#/today`);
  await page.getByTestId('screen-today').waitFor();
  for (const id of ['today-visits', 'today-actions', 'today-renewals', 'today-alerts'])
    await page.getByTestId(`${id}-count`).waitFor();
}

async function pickDate(testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first();
  const target = (await input.count()) ? input : page.getByTestId(testId);
  await target.click();
  await target.fill(value);
  await target.press('Enter');
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  session = await openSession('today');
  ({ web, page, pageErrors } = session);
  await api('app.loadDemo', { accounts: 40, seed: 1 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(web.url);
});

afterAll(() => session?.close());

describe("a CSM's day on Today", () => {
  it('shows every group as "n of m", pages with more, and fits one screen at 1440x900', async () => {
    await openToday();
    const tasks = await group('tasks');
    expect(tasks.total).toBeGreaterThan(5);
    await countIs('today-actions', `5 / ${tasks.total}`);
    for (const [g, id] of [
      ['visits', 'today-visits'],
      ['renewals', 'today-renewals'],
      ['alerts', 'today-alerts'],
    ] as const) {
      const p = await group(g);
      await countIs(id, `${Math.min(5, p.total)} / ${p.total}`);
    }
    // Folded groups still say how many they hold.
    const issues = await group('issues');
    await countIs('today-issues', `0 / ${issues.total}`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(900);
    await shoot('today-zh-CN', 1440, 900);
    await shoot('today-zh-CN', 1280, 720);
    await page.setViewportSize({ width: 1440, height: 900 });

    // "More" pages on: the next five, counted.
    const card = page.getByTestId('today-actions');
    await page.getByTestId('today-actions-more').click();
    await countIs('today-actions', `${Math.min(10, tasks.total)} / ${tasks.total}`);
    expect(await card.getByTestId('today-task').count()).toBe(Math.min(10, tasks.total));
    const titles = await card.getByTestId('today-task-title').allTextContents();
    const expected = [
      ...(await group('tasks', { limit: 10 })).items.map((t) => (t as { title: string }).title),
    ];
    expect(titles).toEqual(expected);
    await page.getByTestId('today-issues-toggle').click();
    await countIs('today-issues', `${Math.min(5, issues.total)} / ${issues.total}`);
    await page.getByTestId('today-issues-toggle').click();
  });

  it('completing a task takes it off Today', async () => {
    await openToday();
    const before = await group('tasks');
    const first = before.items[0] as { title: string; docId: string; key: string };
    const card = page.getByTestId('today-actions');
    await card.getByTestId('today-task').first().getByTestId('task-done').click();
    await countIs('today-actions', `5 / ${before.total - 1}`);
    const after = await group('tasks', { limit: 100 });
    expect(
      after.items.some(
        (t) =>
          (t as { docId: string }).docId === first.docId &&
          (t as { key: string }).key === first.key,
      ),
    ).toBe(false);
  });

  it('filters every group by account or title', async () => {
    await openToday();
    const some = (await group('tasks')).items[0] as { accountName: string };
    await page.getByTestId('today-filter').locator('input').fill(some.accountName);
    await page.getByTestId('today-filter').locator('input').press('Enter');
    const filtered = await group('tasks', { q: some.accountName });
    await countIs('today-actions', `${Math.min(5, filtered.total)} / ${filtered.total}`);
    await page.getByTestId('today-filter').locator('input').fill('');
  });

  it('logs a call from Today (Alt+L, the account, the subject, Ctrl+Enter) onto the timeline', async () => {
    await openToday();
    const account = (await group('tasks')).items[0] as { accountId: string; accountName: string };
    await page.keyboard.press('Alt+KeyL');
    await page.keyboard.type(account.accountName);
    await page
      .locator('.ant-select-item-option', { hasText: account.accountName })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('composer-subject').waitFor();
    await page.getByTestId('composer-subject').fill('电话确认培训时间');
    await page.getByTestId('composer-notes').fill('客户希望下周二培训');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('composer-subject').waitFor({ state: 'detached' });
    await page.goto(`${origin()}/#/account/${encodeURIComponent(account.accountId)}/overview`);
    await page.getByTestId('timeline-touchpoint').filter({ hasText: '电话确认培训时间' }).waitFor();
  });

  it('logs a WeCom chat from the account, with its channel, onto the timeline', async () => {
    const account = (await group('renewals')).items[0] as { accountId: string };
    await page.goto(`${origin()}/#/account/${encodeURIComponent(account.accountId)}/overview`);
    await page.getByTestId('log-touchpoint').click();
    await page.getByTestId('composer-kind-chat').click();
    await page.getByTestId('composer-subject').fill('企业微信沟通续约');
    await page.getByTestId('composer-channel').click();
    await page.locator('.ant-select-item-option', { hasText: '企业微信' }).click();
    await page.getByTestId('composer-save').click();
    const entry = page.getByTestId('timeline-touchpoint').filter({ hasText: '企业微信沟通续约' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('企业微信');
    expect(await entry.textContent()).toContain('即时消息');
  });

  it("a recorded visit's next-visit date plans that visit and shows it", async () => {
    const account = (await group('renewals')).items[0] as { accountId: string };
    await page.goto(`${origin()}/#/account/${encodeURIComponent(account.accountId)}/visits`);
    await page.getByTestId('plan-visit').click();
    await page.getByTestId('visit-purpose').fill('季度复盘');
    await page.getByTestId('visit-save').click();
    await page.getByTestId('visit-card').filter({ hasText: '季度复盘' }).waitFor();
    await page
      .getByTestId('visit-card')
      .filter({ hasText: '季度复盘' })
      .getByTestId('record-visit')
      .click();
    await page.getByTestId('visit-minutes').fill('复盘完成');
    await page.getByTestId('action-title').fill('整理复盘纪要');
    await page.getByTestId('action-owner').fill('zhang.wei');
    // An action item due before the visit is refused under its due-date field.
    await pickDate('action-due', dayFrom(-30));
    await pickDate('visit-next-on', dayFrom(21));
    await page.getByTestId('record-save').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '早于拜访日期' })
      .waitFor();
    await pickDate('action-due', dayFrom(2));
    await page.getByTestId('record-save').click();
    await page.getByTestId('visit-next').first().waitFor();
    const planned = page
      .getByTestId('visit-card')
      .filter({ has: page.getByTestId('visit-follows') });
    await planned.waitFor();
    expect(await planned.textContent()).toContain(dayFrom(21));
    expect(await planned.textContent()).toContain('季度复盘');
  });

  it('reads the same in English', async () => {
    await openToday();
    await page.getByTestId('locale-switch').getByText('English').click();
    await page.getByText("This week's visits").waitFor();
    const tasks = await group('tasks');
    await countIs('today-actions', `5 of ${tasks.total}`);
    await shoot('today-en-US', 1440, 900);
    await shoot('today-en-US', 1280, 720);
    await page.setViewportSize({ width: 1440, height: 900 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(900);
    expect(pageErrors).toEqual([]);
  });
});
