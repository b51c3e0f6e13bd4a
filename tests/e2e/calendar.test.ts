// The calendar feed in the app, in browser mode with demo data, in Debian's Chromium: Today's
// Download .ics (visits only, then with action items and tasks) and the account's Visits tab
// download files that ical.js parses with the right events; the subscription URL is created,
// served over loopback, regenerated and revoked from the app. Both languages photographed.
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Download, Page } from 'playwright-core';
import { openSession, screenshot, type BrowserSession } from './browserMode';

jest.setTimeout(240_000);

let session: BrowserSession;
let page: Page;

const origin = () => new URL(session.web.url).origin;

function vevents(text: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(text))
    .getAllSubcomponents('vevent')
    .map((c) => new ICAL.Event(c));
}

async function read(download: Download): Promise<string> {
  const file = path.join(session.dataDir, download.suggestedFilename());
  await download.saveAs(file);
  return fs.readFileSync(file, 'utf8');
}

/** Opens the ▾ menu beside Download .ics and clicks one of its items (again if a re-render closed it). */
async function menuItem(testId: string) {
  const item = page.getByTestId(testId);
  for (let attempt = 0; ; attempt++) {
    await page.getByTestId('calendar-download-more').click();
    try {
      await item.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
  await item.click();
}

interface Listed {
  total: number;
  items: { _id: string; ownerCsm?: string; status?: string }[];
}

beforeAll(async () => {
  session = await openSession('calendar');
  page = session.page;
  await session.api('app.loadDemo', { accounts: 30, seed: 3 });
  await page.goto(session.web.url);
});
afterAll(() => session?.close());

it("downloads Today's visits as an .ics that parses, with and without tasks", async () => {
  await page.goto(`${origin()}/#/today`);
  await page.getByTestId('screen-today').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('calendar-download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^visits-zhang\.wei-\d{4}-\d{2}-\d{2}\.ics$/);
  const text = await read(download);
  const events = vevents(text);
  // Exactly the visits of the accounts zhang.wei owns (Today's "mine").
  const accounts = await session.api<Listed>('account.list', {
    filters: { ownerCsm: 'zhang.wei' },
    limit: 200,
  });
  let visits = 0;
  for (const a of accounts.items)
    visits += (await session.api<Listed>('visit.list', { accountId: a._id, limit: 1 })).total;
  expect(visits).toBeGreaterThan(0);
  expect(events).toHaveLength(visits);
  expect(
    events.every((e) => e.uid.startsWith('visit:') && /^(\[已完成\] )?拜访计划：/.test(e.summary)),
  ).toBe(true);
  await screenshot(page, 'calendar-01-today-zh');

  const [withTasks] = await Promise.all([
    page.waitForEvent('download'),
    menuItem('calendar-download-tasks'),
  ]);
  const more = vevents(await read(withTasks));
  expect(more.length).toBeGreaterThan(events.length);
  // The visits keep their UIDs; the added events are all-day due dates.
  const uids = new Set(more.map((e) => e.uid));
  for (const e of events) expect(uids.has(e.uid)).toBe(true);
  const added = more.filter((e) => !e.uid.startsWith('visit:') || e.uid.includes('/'));
  expect(added.length).toBe(more.length - events.length);
  expect(added.every((e) => e.startDate.isDate)).toBe(true);
});

it("downloads one account's visits from its Visits tab", async () => {
  const accounts = await session.api<Listed>('account.list', {
    filters: { ownerCsm: 'zhang.wei' },
    limit: 200,
  });
  let chosen: { id: string; total: number } | undefined;
  for (const a of accounts.items) {
    const total = (await session.api<Listed>('visit.list', { accountId: a._id, limit: 1 })).total;
    if (total > 0) {
      chosen = { id: a._id, total };
      break;
    }
  }
  expect(chosen).toBeDefined();
  await page.goto(`${origin()}/#/account/${encodeURIComponent(chosen!.id)}/visits`);
  await page.getByTestId('visits').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('visits').getByTestId('calendar-download').click(),
  ]);
  const events = vevents(await read(download));
  expect(events).toHaveLength(chosen!.total);
  await screenshot(page, 'calendar-02-visits-zh');
});

it('creates, serves, regenerates and revokes the subscription URL from the app', async () => {
  await page.goto(`${origin()}/#/today`);
  await page.getByTestId('screen-today').waitFor();
  await menuItem('calendar-subscribe');
  await page.getByTestId('calendar-feed-create').click();
  const urlBox = page.getByTestId('calendar-feed-url');
  await urlBox.waitFor();
  const url = await urlBox.inputValue();
  expect(url).toMatch(new RegExp(`^${origin()}/calendar\\.ics\\?token=[A-Za-z0-9_-]{32}$`));
  await screenshot(page, 'calendar-03-subscribe-zh');
  const served = await fetch(url);
  expect(served.status).toBe(200);
  expect(vevents(await served.text()).length).toBeGreaterThan(0);
  await page.getByTestId('calendar-feed-create').click();
  await page.waitForFunction(
    (old) =>
      (document.querySelector('[data-testid="calendar-feed-url"]') as HTMLInputElement)?.value !==
      old,
    url,
  );
  expect((await fetch(url)).status).toBe(403);
  const second = await urlBox.inputValue();
  expect((await fetch(second)).status).toBe(200);
  await page.getByTestId('calendar-feed-revoke').click();
  await urlBox.waitFor({ state: 'detached' });
  expect((await fetch(second)).status).toBe(403);
  expect((await fetch(`${origin()}/calendar.ics`)).status).toBe(401);
});

it('speaks English when the app does', async () => {
  const english = await openSession('calendar-en', { locale: 'en-US' });
  try {
    await english.api('app.loadDemo', { accounts: 30, seed: 3 });
    await english.page.goto(english.web.url);
    await english.page.goto(`${new URL(english.web.url).origin}/#/today`);
    await english.page.getByTestId('screen-today').waitFor();
    const [download] = await Promise.all([
      english.page.waitForEvent('download'),
      english.page.getByTestId('calendar-download').click(),
    ]);
    const file = path.join(english.dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const events = vevents(fs.readFileSync(file, 'utf8'));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => /^(\[Done\] )?Visit plan: /.test(e.summary))).toBe(true);
    await screenshot(english.page, 'calendar-04-today-en');
    expect(english.pageErrors).toEqual([]);
  } finally {
    await english.close();
  }
  expect(session.pageErrors).toEqual([]);
});
