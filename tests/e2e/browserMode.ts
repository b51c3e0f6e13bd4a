// Starts `npm run web` (main/http/web.ts) as a child process on a free port and reads the URL it
// prints; launches Debian's Chromium with a fresh profile. Both are stopped by the caller.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');

export interface WebProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `user: null` starts without --user (and without CSM_USER): the app asks who you are. */
export async function startWeb(
  dataDir: string,
  user: string | null = 'zhang.wei',
): Promise<WebProcess> {
  const env = { ...process.env };
  if (user === null) delete env.CSM_USER;
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'main/http/web.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      ...(user === null ? [] : ['--user', user]),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output
        .split('\n')
        .find((l) => /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Chromium with a fresh profile directory, removed on close. */
export async function launchChromium(
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'zh-CN',
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Calls browser mode's API as another client would, with the token from the printed URL. */
export async function callApi(webUrl: string, method: string, input: unknown) {
  const url = new URL(webUrl);
  const response = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csm-token': url.searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  if (!body.ok) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The input behind a test id: antd puts the id on the input itself or on its wrapper. */
export async function inputOf(scope: Locator | Page, testId: string): Promise<Locator> {
  const inner = scope.getByTestId(testId).locator('input');
  return (await inner.count()) ? inner.first() : scope.getByTestId(testId);
}

/**
 * Types into a form field and confirms it: a DatePicker takes the typed date on Enter, a plain
 * input on leaving it (Tab).
 */
export async function typeInto(
  scope: Locator | Page,
  testId: string,
  value: string,
  confirm: 'Enter' | 'Tab',
): Promise<void> {
  const input = await inputOf(scope, testId);
  await input.click();
  await input.fill(value);
  await input.press(confirm);
}

/** Saves a full-page screenshot as a test artifact. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Browser mode on a fresh data folder and one Chromium page that records page errors. */
export interface BrowserSession {
  dataDir: string;
  web: WebProcess;
  page: Page;
  pageErrors: string[];
  /** Calls the API as another client would; untyped JSON unless the caller names the type. */
  api<T = Awaited<ReturnType<typeof callApi>>>(method: string, input: unknown): Promise<T>;
  /** Stops browser mode and starts it again on the same data folder (a new URL and token). */
  restart(): Promise<WebProcess>;
  close(): Promise<void>;
}

export async function openSession(
  label: string,
  options: { locale?: string; user?: string | null } = {},
): Promise<BrowserSession> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `csm-e2e-${label}-`));
  const browser = await launchChromium({ locale: options.locale ?? 'zh-CN' });
  const session: BrowserSession = {
    dataDir,
    web: await startWeb(dataDir, options.user),
    page: undefined as unknown as Page,
    pageErrors: [],
    api: (method, input) => callApi(session.web.url, method, input),
    restart: async () => {
      await session.web.stop();
      session.web = await startWeb(dataDir, options.user);
      return session.web;
    },
    close: async () => {
      await browser.close();
      await session.web.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  session.page = await browser.context.newPage();
  session.page.on('pageerror', (e) =>
    session.pageErrors.push(`${e.name}: ${e.message} ${e.stack ?? ''}`),
  );
  return session;
}
