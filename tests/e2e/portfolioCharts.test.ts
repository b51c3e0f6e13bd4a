// The portfolio's charts and paged drill-downs in the real app (browser mode, Debian's Chromium,
// demo data): the key figures sit above the fold at 1280x720 with this quarter against the
// previous one and the churned-not-counted note; a bar opens its drill-down; the drill-down
// pages and sorts on the backend, follows the filters, and lives in the address, so Back after
// visiting an account restores it; the NPS figure lists the answers. Screenshots in zh-CN and
// en-US at 1440x900 and 1280x720.
import type { Page } from 'playwright-core';
import type { DrillResult, Portfolio } from '../../shared/api/health';
import { openSession, screenshot, type BrowserSession, type WebProcess } from './browserMode';

jest.setTimeout(180_000);

let session: BrowserSession;
let web: WebProcess;
let page: Page;
let pageErrors: string[];

const api = <T>(method: string, input: unknown): Promise<T> => session.api<T>(method, input);
const drillApi = (input: Record<string, unknown>) => api<DrillResult>('portfolio.drill', input);
const num = (n: number) => n.toLocaleString('en-US');

/** The view's query string from the page's address. */
const viewOf = async () =>
  new URLSearchParams((await page.evaluate(() => window.location.hash)).split('?')[1] ?? '');

async function openPortfolio(locale: 'zh-CN' | 'en-US', width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.goto(web.url);
  await page.evaluate((l) => window.localStorage.setItem('csm.locale', l), locale);
  await page.goto(`${web.url.split('#')[0]}#/portfolio`);
  await page.reload();
  await page.getByTestId('portfolio-kpis').waitFor();
  await page
    .getByTestId('chart-tierBand')
    .locator('path[fill="#e63946"], path[fill="#e9c46a"], path[fill="#52b788"]')
    .filter({ visible: true })
    .first()
    .waitFor();
}

beforeAll(async () => {
  session = await openSession('portfolio-charts');
  ({ web, page, pageErrors } = session);
  await api('app.loadDemo', { accounts: 70, seed: 3 });
  await api('health.recompute', {});
});

afterAll(() => session?.close());

describe('the portfolio with charts', () => {
  it('shows the key figures above the fold, the quarter deltas and the churned note', async () => {
    const p = await api<Portfolio>('portfolio.get', {});
    expect(p.churnedExcluded).toBeGreaterThan(0);
    for (const [locale, note] of [
      [
        'zh-CN',
        `${p.accounts} / ${p.accounts + p.churnedExcluded} 个客户；${p.churnedExcluded} 个已断约客户不计入`,
      ],
      [
        'en-US',
        `${p.accounts} of ${p.accounts + p.churnedExcluded} accounts; ${p.churnedExcluded} churned not counted`,
      ],
    ] as const) {
      for (const [width, height] of [
        [1280, 720],
        [1440, 900],
      ]) {
        await openPortfolio(locale, width, height);
        expect(await page.getByTestId('portfolio-churned-note').textContent()).toBe(note);
        // Every key figure is on the first screen, without scrolling.
        const box = (await page.getByTestId('portfolio-kpis').boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(height);
        for (const id of ['kpi-renewal-rate-delta', 'kpi-nrr-delta', 'kpi-nps-delta']) {
          const text = (await page.getByTestId(id).textContent())!;
          expect(text).toContain(p.quarters[p.quarters.length - 2].label);
        }
        for (const chart of ['tierBand', 'arrByBand', 'quarters', 'renewalsByMonth', 'coverage'])
          expect(await page.getByTestId(`chart-${chart}`).locator('svg').count()).toBe(1);
        await page.mouse.move(0, 0);
        await page.screenshot({
          path: `${process.cwd()}/artifacts/screenshots/portfolio-charts-${locale}-${width}x${height}.png`,
        });
        await screenshot(page, `portfolio-charts-${locale}-${width}x${height}-full`);
      }
    }
  });

  it('opens the drill-down of a bar, page by page, sorted on the backend', async () => {
    await openPortfolio('en-US', 1440, 900);
    // The red stack of the tier x band chart: its bars are SVG paths in the band's colour.
    const red = page
      .getByTestId('chart-tierBand')
      .locator('path[fill="#e63946"]')
      .filter({ visible: true })
      .first();
    await red.click();
    await page.getByTestId('portfolio-drill').waitFor();
    const view = await viewOf();
    expect(view.get('figure')).toBe('tierBand');
    expect(view.get('key')).toMatch(/^(strategic|ordinary|micro):red$/);
    const expected = await drillApi({ figure: 'tierBand', key: view.get('key') });
    expect(expected.total).toBeGreaterThan(0);
    await page
      .getByTestId('drill-count')
      .getByText(`1–${Math.min(50, expected.total)} of ${num(expected.total)}`, { exact: true })
      .waitFor();
    expect(await page.getByTestId('drill-title').textContent()).toMatch(
      /^Tier and health · .+ · Red$/,
    );
    const names = await page.getByTestId('drill-account').allTextContents();
    expect(names).toEqual(expected.rows.map((r) => r.name));

    // A renewal month's bar opens the renewals due that month.
    const months = await api<Portfolio>('portfolio.get', {});
    const busiest = months.renewalsByMonth.reduce((a, b) => (b.value > a.value ? b : a));
    expect(busiest.accounts).toBeGreaterThan(0);
    await page
      .getByTestId('chart-renewalsByMonth')
      .locator('path[fill="#3b6fd6"]')
      .filter({ visible: true })
      .nth(months.renewalsByMonth.filter((m) => m.value > 0).indexOf(busiest))
      .click();
    await page.waitForFunction((m) => window.location.hash.includes(`key=${m}`), busiest.month);
    await page
      .getByTestId('drill-count')
      .getByText(`1–${busiest.accounts} of ${busiest.accounts}`, { exact: true })
      .waitFor();
    await screenshot(page, 'portfolio-charts-drill-renewals-month');
  });

  it('keeps the drill-down in the address: Back from an account restores page and sort', async () => {
    await openPortfolio('en-US', 1440, 900);
    await page.getByTestId('kpi-accounts-value').click();
    await page.getByTestId('portfolio-drill').waitFor();
    const p = await api<Portfolio>('portfolio.get', {});
    expect(p.accounts).toBeGreaterThan(50);
    await page.getByTestId('drill-count').getByText(`1–50 of ${p.accounts}`).waitFor();
    // Sort by ARR, descending (two clicks on the header), then the second page.
    const header = page.getByTestId('drill-table').locator('th', { hasText: 'ARR' });
    await header.click();
    await page.waitForFunction(() => window.location.hash.includes('sort=arr'));
    await header.click();
    await page.waitForFunction(() => window.location.hash.includes('order=desc'));
    await page.getByTestId('portfolio-drill').locator('.ant-pagination-item-2').click();
    await page.getByTestId('drill-count').getByText(`51–${p.accounts} of ${p.accounts}`).waitFor();
    const expected = await drillApi({
      figure: 'accounts',
      sort: 'arr',
      order: 'desc',
      offset: 50,
      limit: 50,
    });
    const names = await page.getByTestId('drill-account').allTextContents();
    expect(names).toEqual(expected.rows.map((r) => r.name));
    await screenshot(page, 'portfolio-charts-drill-sorted-page2');

    await page.getByTestId('drill-account').first().click();
    await page.getByTestId('account-title').waitFor();
    expect(await page.getByTestId('account-title').textContent()).toBe(names[0]);
    await page.goBack();
    await page.getByTestId('portfolio-drill').waitFor();
    await page.getByTestId('drill-count').getByText(`51–${p.accounts} of ${p.accounts}`).waitFor();
    expect(await page.getByTestId('drill-account').allTextContents()).toEqual(names);
    const view = await viewOf();
    expect([view.get('figure'), view.get('sort'), view.get('order'), view.get('page')]).toEqual([
      'accounts',
      'arr',
      'desc',
      '2',
    ]);

    // A filter refreshes the open drill-down (back to its first page).
    await page.getByTestId('filter-tier').click();
    await page.locator('.ant-select-item-option', { hasText: 'Micro' }).click();
    await page.keyboard.press('Escape');
    const micro = await drillApi({ figure: 'accounts', filters: { tier: ['micro'] } });
    await page
      .getByTestId('drill-count')
      .getByText(`1–${Math.min(50, micro.total)} of ${micro.total}`, { exact: true })
      .waitFor();
    expect((await viewOf()).getAll('tier')).toEqual(['micro']);
  });

  it('lists the NPS answers (contact, score, date) behind the NPS figure', async () => {
    await openPortfolio('zh-CN', 1440, 900);
    const p = await api<Portfolio>('portfolio.get', {});
    const quarter = p.quarters[p.quarters.length - 1].label;
    await page.getByTestId('kpi-nps-value').click();
    await page.getByTestId('portfolio-drill').waitFor();
    const answers = await drillApi({ figure: 'nps', key: quarter, limit: 1000 });
    expect(answers.total).toBe(p.quarters[p.quarters.length - 1].npsResponses);
    const headers = await page.getByTestId('drill-table').locator('th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['联系人', 'NPS 分数', '答卷日期', '类别']));
    if (answers.total) {
      await page
        .getByTestId('drill-count')
        .getByText(`第 1–${Math.min(50, answers.total)} 条，共 ${answers.total} 条`)
        .waitFor();
      const first = answers.rows[0] as unknown as { respondent: string };
      await page.getByTestId('drill-table').getByText(first.respondent).first().waitFor();
    } else {
      await page.getByTestId('drill-count').getByText('共 0 条').waitFor();
    }
    await screenshot(page, 'portfolio-charts-drill-nps');
    expect(pageErrors).toEqual([]);
  });
});
