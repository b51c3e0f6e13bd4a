// Team sync in the real app: a team server process on 127.0.0.1, browser mode in Chromium.
// The status bar starts local; a wrong password is explained in the connect form; the right one
// connects and the status bar reaches "up to date". A second laptop (a Backend in this process,
// synced through the same server) and this one change the same field while this one is signed
// out; after connecting again the Conflicts view shows both versions and resolves the clash.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Backend } from '../../main/backend';
import { syncServiceOf } from '../../main/sync/service';
import { openBackend, removeDir } from '../helpers/tempBackend';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
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

async function fillConnectForm(password: string) {
  await page.getByTestId('sync-state').click();
  await page.getByTestId('sync-form').waitFor();
  await page.getByTestId('sync-url').fill(server.url);
  await page.getByTestId('sync-db').fill(TEAM_DB);
  await page.getByTestId('sync-user').fill('mona');
  await page.getByTestId('sync-password').fill(password);
  await page.getByTestId('sync-connect').click();
}

async function closeDrawer() {
  await page.keyboard.press('Escape');
  await page
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

    await fillConnectForm('not-the-password');
    const error = page.getByTestId('sync-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Wrong user name or password');
    await shot('sync-01-wrong-password');

    await page.getByTestId('sync-password').fill(password('mona'));
    await page.getByTestId('sync-connect').click();
    await page.getByTestId('sync-disconnect').waitFor();
    expect(await page.getByTestId('sync-drawer-state').count()).toBe(1);
    await page.getByTestId('sync-state').getByText('Up to date').waitFor({ timeout: 30_000 });
    await shot('sync-02-connected');
    await closeDrawer();
    const status = await api('sync.status', {});
    expect(status).toMatchObject({ state: 'upToDate', connected: true, user: 'mona' });
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
    await fillConnectForm(password('mona'));
    await page.getByTestId('sync-disconnect').waitFor();
    await closeDrawer();
    const link = page.getByTestId('conflicts-link');
    await link.waitFor({ timeout: 30_000 });
    expect(await link.textContent()).toContain('1 conflicts');
    await link.click();
    await page.getByTestId('conflict-detail').waitFor();
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
    await shot('sync-03-conflict');
    await page.getByTestId(`choose-region-${maxIndex}`).click();
    await page.getByTestId('conflict-resolve').click();
    await page.getByTestId('conflicts-empty').waitFor({ timeout: 30_000 });
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
});
