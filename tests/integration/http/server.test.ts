// The browser host against a real backend on a temp folder, over real HTTP on 127.0.0.1.
import { dayFrom, TODAY } from '../../helpers/clock';
import fs from 'node:fs';
import path from 'node:path';
import { REQUEST_LIMITS } from '../../../main/api/inputLimits';
import type { Backend } from '../../../main/backend';
import { startWebServer, type WebServer } from '../../../main/http/server';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let staticDir: string;
let backend: Backend;
let server: WebServer;

beforeAll(async () => {
  dir = tempDir('http');
  staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  backend = await openBackend(path.join(dir, 'data'));
  server = await startWebServer({ dispatcher: backend, staticDir });
});
afterAll(async () => {
  await server.close();
  await backend.close();
  removeDir(dir);
});

const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csm-token': server.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on loopback and prints a URL carrying the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.openUrl).toBe(`${server.url}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a request without the token or with a wrong one', async () => {
    const none = await fetch(`${server.url}/api/system.info`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect((await none.json()).errors[0].code).toBe('UNAUTHORIZED');
    const wrong = await call('system.info', {}, { 'x-csm-token': 'nope' });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${server.url}/`)).status).toBe(401);
  });

  it('swaps the URL token for an HttpOnly cookie that then opens the page', async () => {
    const first = await fetch(server.openUrl, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers.get('set-cookie') ?? '';
    // Named by port, so a second browser-mode server on 127.0.0.1 keeps its own token.
    expect(cookie).toMatch(new RegExp(`^csm_token_${server.port}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const page = await fetch(`${server.url}/accounts/x`, {
      headers: { cookie: cookie.split(';')[0] },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>shell</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const bad = await fetch(`${server.url}/?token=wrong`, { redirect: 'manual' });
    expect(bad.status).toBe(401);
  });

  it('answers API calls and maps error codes to HTTP statuses', async () => {
    const created = await call('account.create', {
      data: { name: '华东精密制造', tier: 'strategic', ownerCsm: 'zhang.wei' },
    });
    expect(created.status).toBe(200);
    const account = (await created.json()).data;
    expect(account._id).toMatch(/^account:/);

    const invalid = await call('account.create', { data: { name: '', tier: 'x' } });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.ok).toBe(false);
    expect(body.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['data.name', 'data.tier']),
    );

    const missing = await call('account.get', { id: 'account:01NOPE' });
    expect(missing.status).toBe(404);

    const update = { id: account._id, rev: account._rev, changes: { industry: '制造' } };
    expect((await call('account.update', update)).status).toBe(200);
    const stale = await call('account.update', update);
    expect(stale.status).toBe(409);
    expect((await stale.json()).errors[0].code).toBe('CONFLICT');

    expect((await call('no.such', {})).status).toBe(404);
  });

  it('rejects bad JSON, oversized bodies and foreign origins without touching data', async () => {
    const before = (await (await call('system.info', {})).json()).data.docCount;
    expect((await call('account.create', '{not json')).status).toBe(400);
    const name = 'x'.repeat(REQUEST_LIMITS.maxBytes);
    const huge = JSON.stringify({ data: { name, tier: 'micro' } });
    expect((await call('account.create', huge)).status).toBe(413);
    const foreign = await call(
      'account.create',
      { data: { name: 'evil', tier: 'micro', ownerCsm: 'x' } },
      { origin: 'http://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const after = (await (await call('system.info', {})).json()).data.docCount;
    expect(after).toBe(before);
  });

  it('serves Today with the visits, action items and renewals of my accounts', async () => {
    const acct = (
      await (
        await call('account.create', {
          data: { name: '西部能源', tier: 'ordinary', ownerCsm: 'zhang.wei' },
        })
      ).json()
    ).data;
    await call('visit.create', {
      accountId: acct._id,
      data: {
        purpose: '季度回顾',
        date: dayFrom(0),
        status: 'done',
        minutes: '讨论了上线计划',
      },
    });
    // An action item is not due before its visit: the overdue one comes from an earlier visit.
    await call('visit.create', {
      accountId: acct._id,
      data: {
        purpose: '上线前沟通',
        date: dayFrom(-10),
        status: 'done',
        minutes: '确认培训安排',
        actionItems: [
          { key: 'a1', title: '发送培训材料', owner: 'zhang.wei', dueDate: dayFrom(-3) },
        ],
      },
    });
    const today = (await (await call('app.today', {})).json()).data;
    // Monday of the week holding today (getUTCDay of a calendar day: 0 is Sunday).
    const sinceMonday = (new Date(`${TODAY}T00:00:00Z`).getUTCDay() + 6) % 7;
    expect(today.weekStart).toBe(dayFrom(-sinceMonday));
    expect(today.weekEnd).toBe(dayFrom(6 - sinceMonday));
    expect(today.visits.map((v: { purpose: string }) => v.purpose)).toContain('季度回顾');
    const item = today.actionItems.find((i: { title: string }) => i.title === '发送培训材料');
    expect(item).toMatchObject({ overdue: true, accountName: '西部能源' });
    expect(today.recentChanges.length).toBeGreaterThan(0);
    const others = (await (await call('app.today', { scope: 'mine' })).json()).data;
    expect(others.accounts).toBe(2);
  });
});
