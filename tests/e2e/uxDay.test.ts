// The CSM's day finished in the app (issue 13), in the real app (browser mode, Chromium):
// nothing typed is lost (a reload mid-form brings the draft back; Esc on a dirty form asks
// first; a render error or a chunk that failed to load shows the screen's boundary, not a blank
// window, and recovers), keyboard-only search with paging, Enter saves a modal with the focus in
// its first field, the account list (columns, backend sort, export read back with exceljs, bulk
// assignment, a saved view that survives a reload and is a store document), the status bar as
// part of the layout telling "backend unreachable" apart, and screenshots of Today, the account
// list and a modal in both languages at 1440x900 and 1280x720 (artifacts/screenshots/).
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { addDays } from '../../shared/time/days';
import { TODAY } from '../helpers/clock';
import { inputOf, openSession, screenshot, type BrowserSession } from './browserMode';

jest.setTimeout(240_000);

let session: BrowserSession;
let page: Page;
const ids: Record<string, string> = {};
const api = <T = Record<string, unknown>>(method: string, input: unknown) =>
  session.api<T>(method, input) as Promise<T>;

// The backend runs on a pinned day 45 days before the tests' today, so the date pickers can be
// seen to open on the backend's day and not the browser's.
const BACKEND_DAY = addDays(TODAY, -45);
const pinned = process.env.CSM_TODAY;

beforeAll(async () => {
  process.env.CSM_TODAY = BACKEND_DAY;
  session = await openSession('ux');
  page = session.page;
  for (const [login, nameZh, nameEn] of [
    ['zhang.wei', '张伟', 'Zhang Wei'],
    ['li.na', '李娜', 'Li Na'],
    ['wang.fang', '王芳', 'Wang Fang'],
  ]) {
    await api('directory.create', { data: { login, nameZh, nameEn, role: 'csm' } });
  }
  const account = async (key: string, data: Record<string, unknown>) => {
    const doc = await api<{ _id: string }>('account.create', {
      data: { tier: 'ordinary', ownerCsm: 'zhang.wei', ...data },
    });
    ids[key] = doc._id;
  };
  // Two accounts of the same name: the search tells them apart by tier and CSM.
  await account('east', { name: '恒信电子有限公司', tier: 'strategic', industry: '金融' });
  await account('west', { name: '恒信电子有限公司', tier: 'micro', ownerCsm: 'li.na' });
  await account('north', { name: '北方物流有限公司', industry: 'Finance' });
  // 60 issues with one word: more than one page of search hits.
  for (let i = 0; i < 60; i++) {
    await api('issue.create', {
      accountId: i < 45 ? ids.north : ids.east,
      data: { title: `巡检报告第${i + 1}项`, priority: 'ordinaryFault', raisedOn: BACKEND_DAY },
    });
  }
});

afterAll(async () => {
  await session?.close();
  if (pinned === undefined) delete process.env.CSM_TODAY;
  else process.env.CSM_TODAY = pinned;
});

const open = async (hash: string) => {
  await page.goto(`${session.web.url}${hash}`);
};
// The open (visible) form modal; a closed antd modal may stay in the page, hidden.
const dialog = () => page.locator('.ant-modal:not(.ant-modal-confirm):visible').last();
const confirmDialog = () => page.locator('.ant-modal-confirm');
const activeTestId = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.closest('[data-testid]')?.getAttribute('data-testid') ?? el?.tagName;
  });

describe('nothing typed is lost', () => {
  it('brings the draft back after a reload mid-form', async () => {
    await open(`#/account/${encodeURIComponent(ids.east)}/visits`);
    await page.getByTestId('plan-visit').click();
    await dialog().waitFor();
    const purpose = await inputOf(dialog(), 'visit-purpose');
    await purpose.fill('季度业务回顾：上线后的报表需求');
    // The window asks before unloading a dirty form; the test says "leave".
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await page.reload();
    await page.getByTestId('visits').waitFor();
    expect(asked).toEqual(['beforeunload']);
    await page.getByTestId('plan-visit').click();
    await dialog().getByTestId('draft-restored').waitFor();
    expect(await (await inputOf(dialog(), 'visit-purpose')).inputValue()).toBe(
      '季度业务回顾：上线后的报表需求',
    );
    // Saved: the draft is gone.
    await page.getByTestId('visit-save').click();
    await dialog().waitFor({ state: 'hidden' });
    await page.getByTestId('visit-card').first().waitFor();
    await page.getByTestId('plan-visit').click();
    await dialog().waitFor();
    expect(await dialog().getByTestId('draft-restored').count()).toBe(0);
    expect(await (await inputOf(dialog(), 'visit-purpose')).inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
  });

  it('asks before Esc discards a dirty form, and keeps editing when told to', async () => {
    await open('#/accounts');
    await page.getByTestId('new-account').click();
    await dialog().waitFor();
    // Focus starts in the first field, not on the close button.
    await page.waitForFunction(() =>
      document.activeElement?.closest('[data-testid="account-name"], input[data-testid]'),
    );
    expect(await activeTestId()).toBe('account-name');
    await page.keyboard.type('宁波港务科技');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal-confirm-title', { hasText: '放弃未保存的修改？' }).waitFor();
    await page.getByTestId('discard-cancel').click();
    await confirmDialog().waitFor({ state: 'hidden' });
    expect(await (await inputOf(dialog(), 'account-name')).inputValue()).toBe('宁波港务科技');
    // The close button asks too; this time the changes go.
    await dialog().locator('.ant-modal-close').click();
    await page.getByTestId('discard-confirm').click();
    await dialog().waitFor({ state: 'hidden' });
    await page.getByTestId('new-account').click();
    await dialog().waitFor();
    expect(await (await inputOf(dialog(), 'account-name')).inputValue()).toBe('');
    // A clean form closes without asking.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    expect(await confirmDialog().count()).toBe(0);
  });

  it('Enter in a field saves the modal', async () => {
    await open('#/accounts');
    await page.getByTestId('new-account').click();
    await dialog().waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    await page.keyboard.type('嘉兴纺织集团');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/account\/account%3A/);
    await page.getByText('嘉兴纺织集团').first().waitFor();
    ids.enter = decodeURIComponent(page.url().split('#/account/')[1].split('/')[0]);
    const saved = await api<{ name: string }>('account.get', { id: ids.enter });
    expect(saved.name).toBe('嘉兴纺织集团');
  });

  it('shows the boundary for a render error, not a blank page, and reload recovers', async () => {
    // A backend answer of the wrong shape breaks the workspace's render.
    await page.route('**/api/account.brief', (route) =>
      route.fulfill({ contentType: 'application/json', body: '{"ok":true,"data":{}}' }),
    );
    await open(`#/account/${encodeURIComponent(ids.north)}/overview`);
    await page.getByTestId('screen-error').waitFor();
    await page.getByText('显示这一页时出错').waitFor();
    // The shell still works around it.
    expect(await page.getByTestId('status-bar').isVisible()).toBe(true);
    expect(await page.getByTestId('open-search').isVisible()).toBe(true);
    await page.unroute('**/api/account.brief');
    await page.getByTestId('screen-error-reload').click();
    await page.getByText('北方物流有限公司').first().waitFor();
    expect(await page.getByTestId('screen-error').count()).toBe(0);
  });

  it('a screen whose chunk failed to load recovers when the network returns', async () => {
    await open('#/accounts');
    await page.getByTestId('accounts-table').waitFor();
    await page.context().setOffline(true);
    await page.getByTestId('nav-directory').click();
    await page.getByTestId('screen-error').waitFor();
    await page.getByText('页面文件未能加载').waitFor();
    // Back online: the browser's online event retries by itself.
    await page.context().setOffline(false);
    await page.getByTestId('screen-error').waitFor({ state: 'hidden' });
    await page.getByText('王芳').first().waitFor();
  });
});

describe('search by keyboard', () => {
  it('goes to an account with arrows and Enter, telling same-name accounts apart', async () => {
    await open('#/today');
    await page.getByTestId('status-bar').waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('search-input').locator('input');
    await input.waitFor();
    await page.keyboard.type('恒信电子');
    const hits = page.getByTestId('search-group-account').getByTestId('search-hit');
    await hits.nth(1).waitFor();
    const details = await page
      .getByTestId('search-group-account')
      .getByTestId('search-hit-detail')
      .allTextContents();
    // Tier and CSM by display name tell the two apart.
    expect(details.some((d) => d.includes('战略') && d.includes('张伟'))).toBe(true);
    expect(details.some((d) => d.includes('小微') && d.includes('李娜'))).toBe(true);
    const target = details.findIndex((d) => d.includes('李娜'));
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    expect(await hits.nth(target).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(encodeURIComponent(ids.west)));
    // Opened items come back as "recent" on an empty palette.
    await page.keyboard.press('Control+k');
    await page.getByText('最近打开').waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(encodeURIComponent(ids.west)));
  });

  it('says "50 of 60" and pages on with more', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').locator('input').fill('巡检');
    await page.getByText('50 / 60 条').waitFor();
    expect(await page.getByTestId('search-hit').count()).toBe(50);
    await page.getByTestId('search-more').click();
    await page.getByText('60 / 60 条').waitFor();
    expect(await page.getByTestId('search-hit').count()).toBe(60);
    expect(await page.getByTestId('search-more').count()).toBe(0);
    // The type filter narrows it (visits: none).
    await page.getByTestId('search-type').click();
    await page.locator('.ant-select-item-option', { hasText: '拜访' }).click();
    await page.getByText('没有找到匹配的内容').waitFor();
    await page.keyboard.press('Escape');
  });

  it('lists the shortcuts on ?', async () => {
    await open('#/today');
    await page.getByTestId('status-bar').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').waitFor();
    expect(await page.getByTestId('shortcuts').textContent()).toContain('Ctrl/⌘ K');
    await page.keyboard.press('Escape');
  });
});

describe('the account list', () => {
  const rows = () => page.locator('[data-testid="accounts-table"] .ant-table-row');
  const headers = () => page.locator('[data-testid="accounts-table"] thead th').allTextContents();

  it('chooses columns and sorts on the backend', async () => {
    await open('#/accounts');
    await rows().first().waitFor();
    expect(await headers()).toEqual(expect.arrayContaining(['未关闭问题', '健康度']));
    expect(await headers()).not.toContain('最近接触');
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-lastTouch').click();
    await page.getByTestId('column-health').click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="accounts-table"] thead th')].some(
        (th) => th.textContent === '最近接触',
      ),
    );
    expect(await headers()).not.toContain('健康度');
    await page.keyboard.press('Escape');
    // Open issues, most first: 北方物流 has 45, 恒信 (east) 15.
    const header = page.locator('[data-testid="accounts-table"] thead th', {
      hasText: '未关闭问题',
    });
    await header.click(); // ascending
    await header.click(); // descending
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="accounts-table"] .ant-table-row')
        ?.textContent?.includes('北方物流'),
    );
    const first = await rows().nth(0).textContent();
    const second = await rows().nth(1).textContent();
    expect(first).toContain('45');
    expect(second).toContain('15');
    // Industry: one entry for 金融 and Finance.
    await page.getByTestId('filter-industry').click();
    const industries = await page.locator('.ant-select-item-option').allTextContents();
    expect(industries).toEqual(['金融']);
    await page.keyboard.press('Escape');
    await screenshot(page, 'ux-accounts-columns');
  });

  it('exports the view to Excel with every row and its filter', async () => {
    await page.getByTestId('filter-tier').click();
    await page.locator('.ant-select-item-option', { hasText: '战略' }).click();
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="accounts-table"] .ant-table-row').length === 1,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('accounts-export').click(),
    ]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file) as never);
    const sheet = book.getWorksheet('客户列表')!;
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['客户名称', '最近接触', '未关闭问题']));
    expect(sheet.getRow(2).getCell(header.indexOf('客户名称') + 1).value).toBe('恒信电子有限公司');
    expect(sheet.getRow(2).getCell(header.indexOf('客户成功经理') + 1).value).toBe('张伟');
    const about = book.getWorksheet('筛选条件')!;
    expect(String(about.getRow(1).getCell(2).value)).toBe('客户分级: 战略');
  });

  it('saves a view that survives a reload and is a store document', async () => {
    await page.getByTestId('view-name').fill('战略客户');
    await page.getByTestId('save-view').click();
    await page.getByText('视图“战略客户”已保存').waitFor();
    const member = await api<{ savedViews?: { name: string; view: string }[] }>('directory.get', {
      login: 'zhang.wei',
    });
    expect(member.savedViews?.map((v) => v.name)).toEqual(['战略客户']);
    expect(JSON.parse(member.savedViews![0].view).filters).toEqual({ tier: ['strategic'] });
    await page.reload();
    await rows().nth(2).waitFor();
    await page.getByTestId('saved-views').click();
    await page.locator('.ant-select-item-option', { hasText: '战略客户' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="accounts-table"] .ant-table-row').length === 1,
    );
    expect(await headers()).toContain('最近接触');
  });

  it('assigns a CSM from the directory and tags several accounts at once', async () => {
    await page.getByRole('button', { name: '清除筛选' }).click();
    await rows().nth(3).waitFor();
    await rows().filter({ hasText: '北方物流' }).locator('.ant-checkbox-input').check();
    await rows().filter({ hasText: '嘉兴纺织' }).locator('.ant-checkbox-input').check();
    await page.getByTestId('bulk-bar').getByText('已选 2 个客户').waitFor();
    await page.getByTestId('bulk-csm').click();
    await page.locator('.ant-select-item-option', { hasText: '王芳' }).click();
    await page.getByTestId('bulk-assign').click();
    await page.getByText('已更新 2 个客户').waitFor();
    await rows().filter({ hasText: '北方物流' }).getByText('王芳').waitFor();
    await rows().filter({ hasText: '嘉兴纺织' }).getByText('王芳').waitFor();
    for (const id of [ids.north, ids.enter]) {
      expect((await api<{ ownerCsm: string }>('account.get', { id })).ownerCsm).toBe('wang.fang');
    }
    await rows().filter({ hasText: '北方物流' }).locator('.ant-checkbox-input').check();
    await page.getByTestId('bulk-tag').fill('重点关注');
    await page.getByTestId('bulk-tag-add').click();
    await rows().filter({ hasText: '北方物流' }).getByText('重点关注').waitFor();
  });
});

describe('layout and screenshots', () => {
  const sizes = [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ];

  it('keeps the status bar out of the content and takes the screenshots', async () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      await page.evaluate((l) => localStorage.setItem('csm.locale', l), locale);
      await page.reload();
      for (const size of sizes) {
        await page.setViewportSize(size);
        const tag = `${locale}-${size.width}x${size.height}`;
        await open('#/today');
        await page.getByTestId('status-bar').waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, `ux-today-${tag}`);
        await open('#/accounts');
        await page.locator('[data-testid="accounts-table"] .ant-table-row').first().waitFor();
        // The content ends where the status bar begins: nothing under it.
        const [content, bar] = await Promise.all([
          page.getByTestId('content').boundingBox(),
          page.getByTestId('status-bar').boundingBox(),
        ]);
        expect(content!.y + content!.height).toBeLessThanOrEqual(bar!.y + 0.5);
        expect(bar!.y + bar!.height).toBeLessThanOrEqual(size.height + 0.5);
        await screenshot(page, `ux-accounts-${tag}`);
        await page.getByTestId('new-account').click();
        await dialog().waitFor();
        // The modal's Save is inside the window, not under the status bar.
        const save = await page.getByTestId('account-save').boundingBox();
        expect(save!.y + save!.height).toBeLessThanOrEqual(bar!.y);
        await page.waitForTimeout(400);
        await screenshot(page, `ux-modal-${tag}`);
        await page.keyboard.press('Escape');
        await dialog().waitFor({ state: 'hidden' });
      }
    }
    // Two-character Chinese buttons without antd's inserted space.
    await page.evaluate(() => localStorage.setItem('csm.locale', 'zh-CN'));
    await page.reload();
    await open(`#/account/${encodeURIComponent(ids.east)}/visits`);
    await page.getByTestId('plan-visit').click();
    await dialog().waitFor();
    expect(await page.getByTestId('visit-save').textContent()).toBe('保存');
    await page.keyboard.press('Escape');
  });

  it('opens date pickers on the backend day and in the UI language', async () => {
    await open(`#/account/${encodeURIComponent(ids.east)}/visits`);
    await page.getByTestId('plan-visit').click();
    await dialog().waitFor();
    await (await inputOf(dialog(), 'visit-date')).click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.waitFor();
    // The Chinese panel (一 二 三 ... weekdays) marks the backend's today.
    expect(await panel.locator('thead').textContent()).toContain('一');
    const today = await panel.locator('.ant-picker-cell-today').getAttribute('title');
    expect(today).toBe(BACKEND_DAY);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('tells "backend unreachable" apart in the status bar, in Chinese', async () => {
    await open('#/today');
    await page.getByTestId('status-bar').waitFor();
    await session.web.stop();
    await page
      .locator('[data-testid="status-bar"][data-state="unreachable"]')
      .waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('sync-state').textContent()).toContain('后台服务无法连接');
    const text = await page.locator('body').textContent();
    expect(text).not.toMatch(/Failed to fetch|TypeError/);
    await session.restart();
    expect(session.pageErrors).toEqual([]);
  });
});
