// Deliverables from the app: browser mode with demo data, the account's Documents tab generates
// an acceptance report that Chromium downloads (opened with jszip), and the batch panel on the
// Accounts screen reports which accounts succeeded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { templateOf } from '../fixtures/deliverables/templates';
import type { Download, Page } from 'playwright-core';
import { TODAY } from '../helpers/clock';
import { openSession, screenshot, type BrowserSession, type WebProcess } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let web: WebProcess;
let page: Page;
let pageErrors: string[];

const shot = (name: string) => screenshot(page, name);

/** Calls the API as another client would. */
const api = (method: string, input: unknown) => session.api(method, input);

/** The visible text of a .docx body: every <w:t> joined, so runs split by Word do not matter. */
function documentText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** The text of a downloaded .docx, read back from the file Chromium saved. */
async function downloadedDocxText(download: Download): Promise<string> {
  const zip = await JSZip.loadAsync(new Uint8Array(fs.readFileSync(await download.path())));
  return documentText(await zip.file('word/document.xml')!.async('string'));
}

interface AccountRow {
  _id: string;
  name: string;
  tier: string;
  ownerCsm: string;
}
let account: AccountRow;
let accounts: AccountRow[];

beforeAll(async () => {
  session = await openSession('deliverables');
  ({ web, page, pageErrors } = session);
  await api('app.loadDemo', { accounts: 4, seed: 7 });
  accounts = (await api('account.list', { limit: 50 })).items;
  account = accounts.find((a) => a.tier === 'strategic') ?? accounts[0];
});

afterAll(() => session?.close());

describe('deliverables in browser mode', () => {
  it('downloads an acceptance report of the account from its Documents tab', async () => {
    await page.goto(`${web.url}#/account/${encodeURIComponent(account._id)}/overview`);
    await page.getByTestId('account-title').waitFor();
    await page.getByTestId('tab-documents').click();
    await page.getByTestId('documents').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('generate-acceptance').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const text = await downloadedDocxText(download);
    expect(text).toContain(account.name);
    expect(text).toContain('验收');

    const result = page.getByTestId('documents-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(download.suggestedFilename());
    await shot('deliverables-01-documents');
  });

  it('generates in English when the document language is switched', async () => {
    await page.getByTestId('documents-lang').click();
    await page.locator('.ant-select-item-option', { hasText: 'English' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('generate-acceptance').click(),
    ]);
    const text = await downloadedDocxText(download);
    expect(text).toMatch(/Acceptance/i);
    expect(text).not.toContain('验收报告');
  });

  it('downloads a quarterly review with its Excel appendix and says it is done', async () => {
    await page.getByTestId('documents-lang').click();
    await page.locator('.ant-select-item-option', { hasText: '中文' }).click();
    const quarter = `${TODAY.slice(0, 4)}-Q1`;
    await page.getByTestId('documents-period').click();
    await page.locator('.ant-select-item-option', { hasText: quarter.replace('-Q', ' Q') }).click();
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('generate-review').click();
    const result = page.getByTestId('documents-result');
    await result.waitFor({ timeout: 60_000 });
    for (let waited = 0; downloads.length < 2 && waited < 10_000; waited += 100) {
      await page.waitForTimeout(100);
    }
    expect(downloads).toHaveLength(2);
    const names = downloads.map((d) => d.suggestedFilename()).sort();
    expect(names[0]).toMatch(new RegExp(`${quarter}.*\\.docx$`));
    expect(names[1]).toMatch(new RegExp(`${quarter}.*\\.xlsx$`));
    const docx = downloads.find((d) => d.suggestedFilename().endsWith('.docx'))!;
    const reviewText = await downloadedDocxText(docx);
    expect(reviewText).toContain(account.name);
    // Health comes from the team's health model, never a placeholder estimate.
    expect(reviewText).toContain('健康度');
    expect(reviewText).not.toContain('暂代算法');
    const xlsx = downloads.find((d) => d.suggestedFilename().endsWith('.xlsx'))!;
    const workbook = await JSZip.loadAsync(new Uint8Array(fs.readFileSync(await xlsx.path())));
    expect(workbook.file('xl/workbook.xml')).not.toBeNull();
    expect(await result.textContent()).not.toContain('暂代算法');
    await shot('deliverables-02-review');
  });

  it('uploads a company template, lists its placeholders and generates with it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpl-'));
    const mixed = path.join(dir, '公司模板.docx');
    fs.writeFileSync(
      mixed,
      new Uint8Array(await templateOf(['客户：', '{{account_name}}'], ['{{ceo_name}} {{period}}'])),
    );
    const sample = path.join(__dirname, '../../assets/templates/company-acceptance.docx');
    const damaged = path.join(dir, 'damaged.docx');
    const zip = await JSZip.loadAsync(new Uint8Array(fs.readFileSync(sample)));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.slice(0, Math.floor(xml.length / 2)));
    fs.writeFileSync(damaged, await zip.generateAsync({ type: 'uint8array' }));

    const upload = page.getByTestId('template-upload');
    await upload.getByTestId('template-file').setInputFiles(mixed);
    await upload.getByTestId('template-placeholders').waitFor();
    expect(await upload.getByTestId('placeholder-account_name').getAttribute('data-known')).toBe(
      'true',
    );
    expect(await upload.getByTestId('placeholder-period').getAttribute('data-known')).toBe('true');
    expect(await upload.getByTestId('placeholder-ceo_name').getAttribute('data-known')).toBe(
      'false',
    );
    expect(await upload.getByTestId('template-unknown').textContent()).toContain('{{ceo_name}}');
    expect(await upload.getByTestId('template-name').textContent()).toContain('公司模板.docx');
    await upload.scrollIntoViewIfNeeded();
    await shot('deliverables-04-template-zh');
    // Generating with an unknown placeholder is refused, by name, and downloads nothing.
    await page.getByTestId('generate-acceptance').click();
    const error = page.getByTestId('documents-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('{{ceo_name}}');

    await page.getByTestId('locale-switch').getByText('English').click();
    await upload.getByText('Placeholders in the template (3)').waitFor();
    expect(await upload.getByTestId('placeholder-ceo_name').textContent()).toContain('unknown');
    await shot('deliverables-05-template-en');
    await page.getByTestId('locale-switch').getByText('中文').click();

    // The damaged file: one translated error, naming no internal field.
    await upload.getByTestId('template-file').setInputFiles(damaged);
    const bad = upload.getByTestId('template-error');
    await bad.waitFor();
    const badText = (await bad.textContent()) ?? '';
    expect(badText).toContain('模板文件已损坏');
    expect(badText).not.toMatch(/templateBase64|circular|INTERNAL/i);

    // The shipped sample: every placeholder known; the report is written into it.
    await upload.getByTestId('template-file').setInputFiles(sample);
    await upload.getByTestId('template-placeholders').waitFor();
    expect(await upload.locator('[data-known="false"]').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('generate-acceptance').click(),
    ]);
    const text = await downloadedDocxText(download);
    expect(text).toContain(`客户 Customer：${account.name}`);
    expect(text).not.toContain('{{');
    await upload.getByTestId('template-clear').click();
    expect(await upload.getByTestId('template-placeholders').count()).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs a batch of acceptance reports for a consultant and shows the summary', async () => {
    const owner = account.ownerCsm;
    const expected = accounts.filter((a) => a.ownerCsm === owner).length;
    await page.goto(`${web.url}#/accounts`);
    await page.getByTestId('batch').waitFor();
    await page.getByTestId('batch-consultant').click();
    // The choices name people (the demo team directory), not logins.
    const { nameZh } = await api('directory.get', { login: owner });
    await page.locator('.ant-select-item-option', { hasText: nameZh }).first().click();
    await page.getByTestId('batch-run').click();
    const summary = page.getByTestId('batch-summary');
    await summary.waitFor({ timeout: 60_000 });
    const text = (await summary.textContent()) ?? '';
    const total = Number(/共 (\d+) 个/.exec(text)?.[1]);
    expect(total).toBeGreaterThanOrEqual(expected);
    expect(text).toMatch(/成功 \d+，失败 \d+/);
    await page.getByTestId('batch').getByRole('cell', { name: account.name }).waitFor();
    await page.getByTestId('batch').scrollIntoViewIfNeeded();
    await shot('deliverables-03-batch');
    expect(pageErrors).toEqual([]);
  });

  it('shows what a document lacks with links to the tabs, and writes a marked draft on request', async () => {
    const bare = await api('account.create', {
      data: { name: '待补资料客户', tier: 'strategic', ownerCsm: account.ownerCsm },
    });
    await page.goto(`${web.url}#/account/${encodeURIComponent(bare._id)}/documents`);
    await page.getByTestId('documents').waitFor();
    const list = page.getByTestId('readiness-acceptance');
    await list.waitFor();
    expect(await list.getAttribute('data-ready')).toBe('false');
    for (const need of ['项目计划', '工作说明书（SOW）', '合同'])
      expect(await list.textContent()).toContain(need);
    expect(await page.getByTestId('readiness-issues').getAttribute('data-ready')).toBe('true');
    await shot('deliverables-04-readiness');
    // A link opens the tab where the missing input is entered.
    await page.getByTestId('readiness-acceptance-go-plan').click();
    await page.waitForURL(/\/plan$/);
    await page.goto(`${web.url}#/account/${encodeURIComponent(bare._id)}/documents`);
    await page.getByTestId('documents').waitFor();
    // Final: refused with the list. Draft: written, its header marked 草稿.
    await page.getByTestId('generate-acceptance').click();
    const error = page.getByTestId('documents-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('尚不能定稿');
    expect(await error.textContent()).toContain('项目计划');
    await page.getByTestId('documents-draft').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('generate-acceptance').click(),
    ]);
    const zip = await JSZip.loadAsync(new Uint8Array(fs.readFileSync(await download.path())));
    const header = Object.keys(zip.files).find((n) => /^word\/header\d*\.xml$/.test(n))!;
    expect(await zip.file(header)!.async('string')).toContain('草稿');
    await page.getByTestId('documents-draft').click();
  });

  it('shows a failed generation as a translated error and downloads nothing', async () => {
    await page.goto(`${web.url}#/account/${encodeURIComponent(account._id)}/documents`);
    await page.getByTestId('documents').waitFor();
    await web.stop(); // the backend goes away: the call cannot reach it
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByTestId('generate-acceptance').click();
    const error = page.getByTestId('documents-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('生成失败');
    expect(await error.textContent()).toContain('无法连接本机后台服务');
    expect(downloaded).toBe(false);
    // The buttons are usable again for a retry.
    expect(await page.getByTestId('generate-acceptance').isEnabled()).toBe(true);
  });
});
