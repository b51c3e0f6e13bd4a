// The calendar subscription over real HTTP on 127.0.0.1: refused without a token (401) or with a
// wrong, replaced or revoked one (403), served with the owner's token (their accounts only, in
// their language), nothing else reachable with it, no CORS; browser mode's server and the
// desktop app's feed-only server alike.
import ICAL from 'ical.js';
import { Backend } from '../../../main/backend';
import { startCalendarFeedServer, type CalendarFeedServer } from '../../../main/http/calendarFeed';
import { startWebServer, type WebServer } from '../../../main/http/server';
import { dayFrom } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { validAccount, validInputs } from '../../fixtures/entities';

let dir: string;
let backend: Backend;
let web: WebServer;
let feedServer: CalendarFeedServer;
let mineVisit: { _id: string };
let theirVisit: { _id: string };

beforeAll(async () => {
  dir = tempDir('csm-feed');
  backend = await openBackend(dir); // acting user zhang.wei
  const mine = await backend.call('account.create', { data: validAccount as never });
  const theirs = await backend.call('account.create', {
    data: { ...validAccount, name: '北京远航科技', ownerCsm: 'li.na' } as never,
  });
  mineVisit = await backend.call('visit.create', {
    accountId: mine._id,
    data: { ...validInputs.visit, date: dayFrom(2), time: '09:00' } as never,
  });
  theirVisit = await backend.call('visit.create', {
    accountId: theirs._id,
    data: { ...validInputs.visit, date: dayFrom(2) } as never,
  });
  web = await startWebServer({ dispatcher: backend });
  feedServer = await startCalendarFeedServer({ dispatcher: backend, port: 0 });
});
afterAll(async () => {
  await web.close();
  await feedServer.close();
  await backend.close();
  removeDir(dir);
});

/** The token with its last character changed. */
const wrong = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

const uids = (text: string) =>
  new ICAL.Component(ICAL.parse(text))
    .getAllSubcomponents('vevent')
    .map((c) => String(c.getFirstPropertyValue('uid')));

async function get(base: string, query = '', headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/calendar.ics${query}`, { headers });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    cors: res.headers.get('access-control-allow-origin'),
    text: await res.text(),
  };
}

describe.each([
  ['browser mode', () => web.url],
  ['desktop feed server', () => feedServer.url.replace('/calendar.ics', '')],
])('%s', (_name, baseOf) => {
  afterEach(() => backend.call('calendar.feedRevoke', {}));

  it('refuses without a token (401) and with a wrong one (403)', async () => {
    const base = baseOf();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(base)).status).toBe(401);
    expect((await get(base, '?token=')).status).toBe(401);
    // Deny by default: before any token exists, every token is wrong.
    expect((await get(base, '?token=guess')).status).toBe(403);
    const feed = await backend.call('calendar.feedCreate', { lang: 'zh-CN' });
    expect((await get(base, `?token=${wrong(feed.token!)}`)).status).toBe(403);
    expect((await get(base, `?token=${feed.token}&token=${feed.token}`)).status).toBe(401);
  });

  it("serves the owner's accounts with the token, without CORS", async () => {
    const base = baseOf();
    const feed = await backend.call('calendar.feedCreate', { lang: 'en-US' });
    expect(feed).toMatchObject({ active: true, login: 'zhang.wei', path: '/calendar.ics' });
    const answer = await get(base, `?token=${encodeURIComponent(feed.token!)}`, {
      Origin: 'https://evil.example',
    });
    // A foreign Origin is refused outright; a calendar app sends none.
    expect(answer.status).toBe(403);
    const ok = await get(base, `?token=${encodeURIComponent(feed.token!)}`);
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/calendar/);
    expect(ok.cors).toBeNull();
    expect(uids(ok.text)).toEqual([`${mineVisit._id}@csm-workbench`]);
    expect(uids(ok.text)).not.toContain(`${theirVisit._id}@csm-workbench`);
    expect(ok.text).toContain('Visit plan:');
  });

  it('stops serving a replaced or revoked token', async () => {
    const base = baseOf();
    const first = await backend.call('calendar.feedCreate', { lang: 'zh-CN' });
    expect((await get(base, `?token=${first.token}`)).status).toBe(200);
    const second = await backend.call('calendar.feedCreate', { lang: 'zh-CN' });
    expect(second.token).not.toBe(first.token);
    expect((await get(base, `?token=${first.token}`)).status).toBe(403);
    expect((await get(base, `?token=${second.token}`)).status).toBe(200);
    expect(await backend.call('calendar.feedStatus', {})).toMatchObject({ active: true });
    await backend.call('calendar.feedRevoke', {});
    expect(await backend.call('calendar.feedStatus', {})).toEqual({
      active: false,
      login: 'zhang.wei',
      path: '/calendar.ics',
    });
    expect((await get(base, `?token=${second.token}`)).status).toBe(403);
  });

  it('opens nothing else with the feed token', async () => {
    const base = baseOf();
    const feed = await backend.call('calendar.feedCreate', { lang: 'zh-CN' });
    const api = await fetch(`${base}/api/system.info?token=${feed.token}`, {
      method: 'POST',
      headers: { 'x-csm-token': feed.token! },
      body: '{}',
    });
    expect([401, 404]).toContain(api.status);
    const page = await fetch(`${base}/?token=${feed.token}`, { redirect: 'manual' });
    expect(page.status).not.toBe(302);
    expect(page.headers.get('set-cookie')).toBeNull();
  });
});

it('the desktop feed server answers its loopback name only', async () => {
  const feed = await backend.call('calendar.feedCreate', { lang: 'zh-CN' });
  const http = await import('node:http');
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${feedServer.url}?token=${feed.token}`,
      { headers: { Host: 'evil.example' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(403);
  await backend.call('calendar.feedRevoke', {});
});
