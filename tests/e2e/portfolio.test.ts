// A manager's portfolio in the real app: browser mode with demo data, Debian's Chromium. Today
// shows the team's alerts and acknowledges and snoozes one; the portfolio drills from "renewals in 90 days"
// to an account's workspace and exports the view as an .xlsx that is opened and checked.
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AlertList, DrillResult, Portfolio } from '../../shared/api/health';
import type { TodayPage } from '../../shared/api/tasks';
import { addDays } from '../../shared/time/days';
import { openSession, screenshot, type BrowserSession, type WebProcess } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let web: WebProcess;
let page: Page;
let pageErrors: string[];

const shot = (name: string) => screenshot(page, name);

/** Calls the API as another client would. */
const api = <T>(method: string, input: unknown): Promise<T> => session.api<T>(method, input);

/** The team's alerts as Today's alerts group lists them (first page). */
const alertsGroup = () =>
  api<TodayPage<'alerts'>>('today.group', { group: 'alerts', scope: 'all' });

const nextWeek = (today: string) => addDays(today, 7);

beforeAll(async () => {
  session = await openSession('portfolio');
  ({ web, page, pageErrors } = session);
  await api('app.loadDemo', { accounts: 40, seed: 1 });
  await api('health.recompute', {});
});

afterAll(() => session?.close());

describe('a manager in browser mode with demo data', () => {
  it("shows the team's alerts on Today and acknowledges one", async () => {
    // Today's alerts group leaves out overdue action items and issues (they are its tasks and
    // issues); the demo's zhang.wei has only those, so the team's view is used.
    const before = await alertsGroup();
    expect(before.total).toBeGreaterThan(0);
    await page.goto(web.url);
    await page.getByTestId('today-scope').getByText('整个团队').click();
    const card = page.getByTestId('today-alerts');
    await card
      .getByTestId('today-alerts-count')
      .getByText(`${Math.min(5, before.total)} / ${before.total}`)
      .waitFor();
    expect(await card.getByTestId('alert-item').count()).toBe(Math.min(before.total, 5));
    await shot('portfolio-01-today-alerts');
    await card.getByTestId('alert-ack').first().click();
    // The acknowledged alert is hidden from now on, in the API and on the card.
    await card.getByText(`另有 ${(before.hidden ?? 0) + 1} 条已确认或暂不提醒`).waitFor();
    const acknowledged = await alertsGroup();
    expect(acknowledged).toMatchObject({
      total: before.total - 1,
      hidden: (before.hidden ?? 0) + 1,
    });
    const all = await api<AlertList>('alerts.list', { includeHidden: true, limit: 1000 });
    expect(all.items.find((a) => a.key === before.items[0].key)?.state?.status).toBe(
      'acknowledged',
    );
  });

  it('snoozes an alert until a chosen date', async () => {
    const before = await alertsGroup();
    const first = before.items[0];
    const until = nextWeek(before.today);
    await page.getByTestId('today-alerts').getByTestId('alert-snooze').first().click();
    // antd puts the test id on the input itself or on its wrapper, depending on the version.
    const picker = page.getByTestId('alert-snooze-date').first();
    await picker.waitFor();
    const inner = picker.locator('input').first();
    const input = (await inner.count()) ? inner : picker;
    await input.click();
    await input.fill(until);
    await input.press('Enter');
    await page
      .getByTestId('today-alerts')
      .getByText(`另有 ${(before.hidden ?? 0) + 1} 条已确认或暂不提醒`)
      .waitFor();
    const all = await api<AlertList>('alerts.list', { includeHidden: true, limit: 1000 });
    const snoozed = all.items.find((a) => a.key === first.key);
    expect(snoozed?.state).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    await shot('portfolio-01b-today-snoozed');
  });

  it('drills from "renewals in 90 days" to an account workspace', async () => {
    const portfolio = await api<Portfolio>('portfolio.get', {});
    const in90 = portfolio.renewals.find((r) => r.days === 90)!;
    expect(in90.accounts).toBeGreaterThan(0);
    const drill = await api<DrillResult>('portfolio.drill', { figure: 'renewals', key: '90' });

    await page.getByTestId('nav-portfolio').click();
    await page.getByTestId('screen-portfolio').waitFor();
    const figure = page.getByTestId('fig-renewals-90');
    await figure.waitFor();
    expect(Number(await figure.textContent())).toBe(in90.accounts);
    await figure.click();
    const rows = page.getByTestId('portfolio-drill').getByTestId('drill-account');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(drill.total, 50));
    await shot('portfolio-02-drill-renewals-90');

    const name = (await rows.first().textContent())!;
    expect(drill.rows.map((r) => r.name)).toContain(name);
    await rows.first().click();
    await page.getByTestId('account-title').waitFor();
    expect(await page.getByTestId('account-title').textContent()).toBe(name);
    await shot('portfolio-03-account-from-drill');
  });

  it('goes back and exports the view as an .xlsx with rows', async () => {
    await page.goBack();
    await page.getByTestId('screen-portfolio').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('portfolio-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(session.dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const renewals = workbook.getWorksheet('90天内续约');
    expect(renewals).toBeDefined();
    const portfolio = await api<Portfolio>('portfolio.get', {});
    // A header row plus one row per renewal in 90 days (at least one account each).
    expect(renewals!.actualRowCount).toBeGreaterThanOrEqual(
      1 + portfolio.renewals.find((r) => r.days === 90)!.accounts,
    );
    await shot('portfolio-04-exported');
    expect(pageErrors).toEqual([]);
  });
});
