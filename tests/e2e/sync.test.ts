// Team sync in the real app: a team server process on 127.0.0.1, browser mode in Chromium.
// The status bar starts local; a wrong password is explained in the connect form; the right one
// connects and the status bar reaches "up to date". A second laptop (a Backend in this process,
// synced through the same server) and this one change the same field while this one is signed
// out; after connecting again the Conflicts menu item counts the clash (a badge), opens the
// Conflicts view, which shows both versions and resolves it; the badge goes.
// A CSM's laptop (a second browser-mode process) connects with "only my accounts", shown as such;
// her write to an account taken from her is refused and listed by id; after `server assign`
// gives it back, "send refused changes again" in the drawer pushes it and sync is up to date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Backend } from '../../main/backend';
import { addUser, assignAccount } from '../../main/sync/serverAdmin';
import { syncServiceOf } from '../../main/sync/service';
import { openBackend, removeDir } from '../helpers/tempBackend';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  target,
  waitFor,
  type ServerProcess,
} from '../integration/sync/teamServerProcess';
import { callApi, launchChromium, SCREENSHOTS, startWeb, type WebProcess } from './browserMode';

jest.setTimeout(180_000);

let server: ServerProcess;
let dataDir: string;
let web: WebProcess;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let otherDir: string;
let other: Backend;
let carolDir: string;
let carolWeb: WebProcess | undefined;
const pageErrors: string[] = [];

/** prepareTeam's password for a user it created. */
const password = (name: string) => PASSWORDS[name] ?? `${name}-pw`;
const shot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServerProcess();
  // Two managers: both may write every account, so the clash is about data, not authority.
  await prepareTeam(server.url, {}, { mona: 'manager', max: 'manager' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-e2e-sync-'));
  // The local name is the server name, so offline edits carry the author the server accepts.
  web = await startWeb(dataDir, 'mona');
  otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-e2e-sync-max-'));
  other = await openBackend(otherDir, { user: 'max' });
  chromium = await launchChromium({ locale: 'en-US' });
  page = await chromium.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
});

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  await carolWeb?.stop();
  if (carolDir) removeDir(carolDir);
  if (other) {
    await syncServiceOf(other.ctx).stop();
    await other.close();
  }
  await server?.stop();
  if (dataDir) removeDir(dataDir);
  if (otherDir) removeDir(otherDir);
});

/** Calls the API as another client would. */
const api = (method: string, input: unknown) => callApi(web.url, method, input);

async function fillConnectForm(password: string, user = 'mona', on: Page = page) {
  await on.getByTestId('sync-state').click();
  await on.getByTestId('sync-form').waitFor();
  await on.getByTestId('sync-url').fill(server.url);
  await on.getByTestId('sync-db').fill(TEAM_DB);
  await on.getByTestId('sync-user').fill(user);
  await on.getByTestId('sync-password').fill(password);
}

async function connectWith(password: string) {
  await fillConnectForm(password);
  await page.getByTestId('sync-connect').click();
}

async function closeDrawer(on: Page = page) {
  await on.keyboard.press('Escape');
  await on
    .getByTestId('sync-form')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
}

describe('team sync in browser mode', () => {
  let accountId: string;

  it('starts local, explains a wrong password, then connects and gets up to date', async () => {
    const account = await api('account.create', {
      data: { name: '华东精密制造', tier: 'strategic', ownerCsm: 'mona' },
    });
    accountId = account._id;
    await page.goto(web.url);
    await page.getByTestId('sync-state').getByText('Offline / local only').waitFor();

    await connectWith('not-the-password');
    const error = page.getByTestId('sync-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Wrong user name or password');
    await shot('sync-01-wrong-password');

    await page.getByTestId('sync-password').fill(password('mona'));
    await page.getByTestId('sync-connect').click();
    await page.getByTestId('sync-disconnect').waitFor();
    expect(await page.getByTestId('sync-drawer-state').count()).toBe(1);
    await page.getByTestId('sync-state').getByText('Up to date').waitFor({ timeout: 30_000 });
    // The form's default scope is the whole team, which is what a manager gets anyway.
    expect(await page.getByTestId('sync-drawer-scope').textContent()).toBe('The whole team');
    expect(await page.getByTestId('sync-vault').textContent()).toMatch(/file only your user/);
    await shot('sync-02-connected');
    await closeDrawer();
    const status = await api('sync.status', {});
    expect(status).toMatchObject({
      state: 'upToDate',
      connected: true,
      user: 'mona',
      scope: 'all',
      credentialStorage: { kind: 'file' },
    });
  });

  it('shows a clash in the Conflicts view and resolves it per field', async () => {
    // Max's laptop pulls the account from the team server.
    await other.call('sync.connect', {
      url: server.url,
      db: TEAM_DB,
      user: 'max',
      password: password('max'),
    });
    const pulled = await waitFor(
      'the account on the second laptop',
      () => other.call('account.get', { id: accountId }).catch(() => null),
      (a) => a !== null,
    );

    // Mona signs out in the drawer; both change the region of the same revision.
    await page.getByTestId('sync-state').click();
    await page.getByTestId('sync-disconnect').click();
    await page.getByTestId('sync-form').waitFor();
    await closeDrawer();
    expect((await api('sync.status', {})).connected).toBe(false);
    const mine = await api('account.get', { id: accountId });
    expect(mine._rev).toBe(pulled!._rev);
    await api('account.update', { id: accountId, rev: mine._rev, changes: { region: '华东' } });
    await other.call('account.update', {
      id: accountId,
      rev: String(pulled!._rev),
      changes: { region: '华南' },
    });
    await waitFor(
      "max's edit on the server",
      () => other.call('sync.status', {}),
      (s) => s.state === 'upToDate' && (s.lastPush?.docsWritten ?? 0) > 0,
    );

    // Connecting again pulls Max's revision: a real clash on `region`.
    await connectWith(password('mona'));
    await page.getByTestId('sync-disconnect').waitFor();
    await closeDrawer();
    const link = page.getByTestId('conflicts-link');
    await link.waitFor({ timeout: 30_000 });
    expect(await link.textContent()).toContain('1 conflicts');
    // The menu's Conflicts item counts it too (the backend's count), and opens the view.
    const nav = page.getByTestId('nav-conflicts');
    await page.getByTestId('nav-conflicts-count').waitFor();
    expect(await nav.getAttribute('data-count')).toBe(
      String((await api('conflict.list', {})).items.length),
    );
    expect(await nav.getAttribute('data-count')).toBe('1');
    expect(await nav.getAttribute('title')).toBe('1 conflicts to resolve');
    await shot('sync-02b-conflicts-badge-en');
    await page.getByTestId('locale-switch').getByText('中文', { exact: true }).click();
    expect(await nav.textContent()).toContain('冲突');
    expect(await nav.getAttribute('title')).toBe('1 个待处理的冲突');
    await shot('sync-02c-conflicts-badge-zh');
    await page.getByTestId('locale-switch').getByText('English', { exact: true }).click();
    await nav.click();
    await page.getByTestId('conflict-detail').waitFor();
    expect(page.url()).toMatch(/#\/conflicts$/);
    const detail = await api('conflict.get', { id: accountId });
    expect(detail.clashes).toEqual(['region']);
    const maxIndex = detail.versions.findIndex(
      (v: { doc: { region?: string } }) => v.doc.region === '华南',
    );
    expect(maxIndex).toBeGreaterThanOrEqual(0);
    // Both values side by side; resolving waits for a choice.
    const table = page.getByTestId('conflict-detail');
    expect(await table.textContent()).toContain('华东');
    expect(await table.textContent()).toContain('华南');
    expect(await page.getByTestId('conflict-resolve').isDisabled()).toBe(true);
    // The Conflicts item is the one highlighted (not "Accounts").
    expect(await page.locator('.ant-menu-item-selected').textContent()).toContain('Conflicts');
    await shot('sync-03-conflict');
    await page.getByTestId(`choose-region-${maxIndex}`).click();
    await page.getByTestId('conflict-resolve').click();
    await page.getByTestId('conflicts-empty').waitFor({ timeout: 30_000 });
    // Resolved: the badge goes at once (the resolve refetches the count).
    await page.getByTestId('nav-conflicts-count').waitFor({ state: 'detached' });
    expect(await page.getByTestId('nav-conflicts').getAttribute('data-count')).toBe('0');
    await shot('sync-04-resolved');

    expect((await api('conflict.list', {})).items).toEqual([]);
    expect((await api('account.get', { id: accountId })).region).toBe('华南');
    // The resolution reaches the other laptop through the server.
    // (The second laptop may never have seen the conflict: wait for the resolved value itself.)
    const settled = await waitFor(
      'the resolution on the second laptop',
      async () => ({
        conflicts: (await other.call('conflict.list', {})).items.length,
        region: (await other.call('account.get', { id: accountId })).region,
      }),
      (state) => state.conflicts === 0 && state.region === '华南',
    );
    expect(settled).toEqual({ conflicts: 0, region: '华南' });
    expect(pageErrors).toEqual([]);
  });

  it("sends a CSM's scope, shows it, lists a refused write by id and sends it again on request; the model is the managers'", async () => {
    // Max (a manager, synced) creates two accounts; Carol, a CSM, is assigned both.
    await addUser(target(server.url), 'carol', 'csm', password('carol'));
    const mine = await other.call('account.create', {
      data: { name: '西湖电子', tier: 'ordinary', ownerCsm: 'carol' },
    });
    const taken = await other.call('account.create', {
      data: { name: '钱塘物流', tier: 'ordinary', ownerCsm: 'carol' },
    });
    for (const id of [mine._id, taken._id]) await assignAccount(target(server.url), id, 'carol');

    carolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-e2e-sync-carol-'));
    carolWeb = await startWeb(carolDir, 'carol');
    const carol = await chromium.context.newPage();
    carol.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
    const carolApi = (method: string, input: unknown) => callApi(carolWeb!.url, method, input);
    const carolShot = (name: string) =>
      carol.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await carol.goto(carolWeb.url);

    // The connect form in Chinese: the scope choice and where the password will be kept.
    await carol.getByTestId('locale-switch').getByText('中文').click();
    await carol.getByTestId('sync-state').click();
    await carol.getByTestId('sync-scope').getByText('仅我的客户').waitFor();
    expect(await carol.getByTestId('sync-vault').textContent()).toContain('只有您的系统用户可读');
    await carol.waitForFunction(() => document.getAnimations().length === 0);
    await carolShot('sync-05-scope-form-zh');
    await closeDrawer(carol);
    await carol.getByTestId('locale-switch').getByText('English').click();

    // "Only my accounts" is sent with the connection and shown afterwards.
    await fillConnectForm(password('carol'), 'carol', carol);
    await carol.getByTestId('sync-scope').getByText('Only my accounts').click();
    await carol.getByTestId('sync-connect').click();
    await carol.getByTestId('sync-disconnect').waitFor();
    expect(await carol.getByTestId('sync-drawer-scope').textContent()).toBe('Only my accounts');
    await waitFor(
      "carol's accounts on her laptop",
      async () => (await carolApi('sync.status', {})) as { state: string; scope: string },
      (s) => s.state === 'upToDate' && s.scope === 'mine',
    );
    await waitFor(
      'both assigned accounts pulled',
      () => carolApi('account.get', { id: taken._id }).catch(() => null),
      (a) => a !== null,
    );
    // Mona's account is not hers: not on her laptop.
    await expect(carolApi('account.get', { id: accountId })).rejects.toThrow();
    await carolShot('sync-06-scope-mine');

    // The account is taken from her; her edit of it is refused and listed with its id.
    await assignAccount(target(server.url), taken._id, 'carol', true);
    const current = await carolApi('account.get', { id: taken._id });
    await carolApi('account.update', {
      id: taken._id,
      rev: current._rev,
      changes: { notes: 'Carol, before the assignment' },
    });
    // Listed by its id (its timeline entry, of the same account, is refused with it).
    const refused = carol
      .getByTestId('sync-rejected-item')
      .filter({ hasText: `document ${taken._id}:` });
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toMatch(/The server refused document .*not assigned/);
    await carolShot('sync-07-refused');
    // Not retried by itself: still refused and absent from the team a moment later.
    await waitFor(
      'the refusal settled',
      () => carolApi('sync.status', {}) as Promise<{ state: string }>,
      (s) => s.state === 'upToDate',
    );
    const kept = (await carolApi('sync.status', {})) as { rejected: { id: string }[] };
    expect(kept.rejected.map((r) => r.id)).toContain(taken._id);

    // A manager gives it back; the user sends the refused changes again from the drawer.
    await assignAccount(target(server.url), taken._id, 'carol');
    await carol.getByTestId('sync-retry').click();
    await carol.getByTestId('sync-retried').waitFor();
    await carol.getByTestId('sync-rejected').waitFor({ state: 'hidden', timeout: 30_000 });
    await carol.getByTestId('sync-state').getByText('Up to date').waitFor({ timeout: 30_000 });
    await carolShot('sync-08-retried');
    const after = (await carolApi('sync.status', {})) as { state: string; rejected: unknown[] };
    expect(after).toMatchObject({ state: 'upToDate', rejected: [] });
    const onMax = await waitFor(
      "carol's edit on the manager's laptop",
      () => other.call('account.get', { id: taken._id }),
      (a) => a.notes === 'Carol, before the assignment',
    );
    expect(onMax.updatedBy).toBe('carol');

    // The health model is the managers': Carol reads it but cannot save; Mona can.
    await carol.goto(`${new URL(carolWeb.url).origin}/#/health-model`);
    await carol.getByTestId('model-read-only').waitFor();
    expect(await carol.getByTestId('model-read-only').textContent()).toContain('carol');
    expect(await carol.getByTestId('model-save').isDisabled()).toBe(true);
    await page.goto(`${new URL(web.url).origin}/#/health-model`);
    await page.getByTestId('model-save').waitFor();
    expect(await page.getByTestId('model-read-only').count()).toBe(0);
    expect(await page.getByTestId('model-save').isDisabled()).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
