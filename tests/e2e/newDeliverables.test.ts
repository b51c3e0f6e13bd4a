// The kinds of issue 12 in the app: the Documents tab lists every kind of the contract with its
// choices, generates a usage report for a chosen period (downloaded by Chromium, opened with
// jszip) and a one-page brief in English, and the batch panel runs a new kind for a tier.
import fs from 'node:fs';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { DELIVERABLE_KINDS } from '../../shared/api/deliverables';
import { monthFrom } from '../helpers/clock';
import { openSession, screenshot, type BrowserSession, type WebProcess } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let web: WebProcess;
let page: Page;
let pageErrors: string[];
let account: { _id: string; name: string; nameEn?: string; tier: string };

const api = (method: string, input: unknown) => session.api(method, input);

async function downloadedText(download: Download): Promise<string> {
  const zip = await JSZip.loadAsync(new Uint8Array(fs.readFileSync(await download.path())));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

beforeAll(async () => {
  session = await openSession('new-deliverables');
  ({ web, page, pageErrors } = session);
  await api('app.loadDemo', { accounts: 4, seed: 7 });
  const accounts = (await api('account.list', { limit: 50 })).items;
  account = accounts.find((a: { tier: string }) => a.tier === 'strategic') ?? accounts[0];
});

afterAll(() => session?.close());

it('lists every kind of the contract and generates a usage report for a chosen period', async () => {
  await page.goto(`${web.url}#/account/${encodeURIComponent(account._id)}/documents`);
  await page.getByTestId('documents').waitFor();
  for (const kind of DELIVERABLE_KINDS) await page.getByTestId(`generate-${kind}`).waitFor();
  await page.getByTestId('documents-week').waitFor();

  const last = monthFrom(-3).slice(0, 7);
  const first = monthFrom(-4).slice(0, 7);
  await page.getByTestId('documents-usage-period').click();
  await page.locator('.ant-select-item-option', { hasText: `${first} 至 ${last}` }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('generate-usage').click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `${account.name}-使用报告-${first}~${last}.docx`.replace(/[\\/:*?"<>|]/g, '_'),
  );
  const text = await downloadedText(download);
  expect(text).toContain(`${account.name}使用报告`);
  expect(text).toContain('五、使用趋势（与上期对比）');
  const result = page.getByTestId('documents-result');
  await result.waitFor();
  expect(await result.textContent()).toContain(download.suggestedFilename());
  await screenshot(page, 'new-deliverables-01-documents-zh');
});

it('generates the pre-visit brief in English', async () => {
  await page.getByTestId('documents-lang').click();
  await page.locator('.ant-select-item-option', { hasText: 'English' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('generate-brief').click(),
  ]);
  expect(download.suggestedFilename()).toContain('Pre-visit brief');
  const text = await downloadedText(download);
  expect(text).toContain(`Pre-visit brief: ${account.nameEn ?? account.name}`);
  expect(text).toContain('Stakeholders');
  await page.getByTestId('locale-switch').getByText('English', { exact: true }).click();
  await page.getByTestId('generate-weekly').getByText('Weekly project report').waitFor();
  await screenshot(page, 'new-deliverables-02-documents-en');
});

it('runs a batch of weekly reports for every strategic account', async () => {
  const strategic = (await api('account.list', { filters: { tier: 'strategic' }, limit: 50 }))
    .total;
  await page.goto(`${web.url}#/accounts`);
  await page.getByTestId('batch').waitFor();
  await page.getByTestId('batch-kind').click();
  await page.locator('.ant-select-item-option', { hasText: 'Weekly project report' }).click();
  await page.getByTestId('batch-week').waitFor();
  await page.getByTestId('batch-scope-tier').click();
  await page.getByTestId('batch-tier').waitFor();
  await page.getByTestId('batch-run').click();
  const summary = page.getByTestId('batch-summary');
  await summary.waitFor({ timeout: 60_000 });
  expect(await summary.textContent()).toContain(
    `${strategic} in all: ${strategic} succeeded, 0 failed`,
  );
  await page.getByTestId('batch').scrollIntoViewIfNeeded();
  await screenshot(page, 'new-deliverables-03-batch-en');
  await page.getByTestId('locale-switch').getByText('中文', { exact: true }).click();
  await page.getByTestId('batch-kind').getByText('项目周报').waitFor();
  await screenshot(page, 'new-deliverables-04-batch-zh');
  expect(pageErrors).toEqual([]);
});
