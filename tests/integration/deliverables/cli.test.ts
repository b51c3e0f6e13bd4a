// The `csm` deliverable commands as a user runs them: files written, exit codes 0/2/1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadDemo } from '../../../main/demo/load';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '../../..');
let dataDir: string;
let outDir: string;
let accountId: string;

function csm(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['main/cli/csm.ts', ...args, '--data-dir', dataDir],
    // The CLI runs on the tests' day, whatever the real date.
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CSM_TODAY: TODAY } },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dataDir = tempDir('deliv-cli');
  outDir = tempDir('deliv-out');
  const backend = await openBackend(dataDir);
  await loadDemo(backend.ctx.store, 4, { seed: 7, today: TODAY, user: 'zhang.wei' });
  accountId = (await backend.call('account.list', { limit: 1 })).items[0]._id;
  await backend.close();
});

afterAll(() => {
  removeDir(dataDir);
  removeDir(outDir);
});

it('generates a review and writes its Excel appendix beside it', () => {
  const out = path.join(outDir, 'review.docx');
  const r = csm(
    'generate',
    'review',
    '--account',
    accountId,
    '--out',
    out,
    '--period',
    `${Number(TODAY.slice(0, 4)) - 1}Q3`,
    '--lang',
    'en-US',
    // The demo has this year's success plan only; last year's review is a draft.
    '--draft',
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`wrote ${out}`);
  expect(fs.statSync(out).size).toBeGreaterThan(10_000);
  expect(fs.existsSync(path.join(outDir, 'review.xlsx'))).toBe(true);
});

it('refuses to commit an import with errors: prints each row error in both languages, exit 2', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(['Issue', 'Priority', 'Raised on']);
  ws.addRow(['CLI import', 'Urgent fault', `${TODAY.slice(0, 4)}-13-01`]);
  const file = path.join(outDir, 'bad.xlsx');
  await wb.xlsx.writeFile(file);
  const r = csm('import-xlsx', 'issues', file, '--account', accountId, '--commit');
  expect(r.code).toBe(2);
  expect(r.stdout).toContain(
    `row 2 [Raised on]: Not a valid date: ${TODAY.slice(0, 4)}-13-01 / 日期无效：${TODAY.slice(0, 4)}-13-01`,
  );
  expect(r.stdout).toContain('nothing written');
});

it('answers bad usage and unknown accounts with one line and exit 2', () => {
  const period = csm(
    'generate',
    'review',
    '--account',
    accountId,
    '--out',
    path.join(outDir, 'x.docx'),
    '--period',
    '2026Q7',
  );
  expect(period.code).toBe(2);
  expect(period.stderr.trim().split('\n').at(-1)).toBe(
    'error: --period must look like 2026 or 2026-Q3, got "2026Q7" (see csm --help)',
  );
  const missing = csm(
    'generate',
    'handover',
    '--account',
    'account:NOPE',
    '--out',
    path.join(outDir, 'y.docx'),
  );
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('error: NOT_FOUND: account:NOPE not found');
  expect(fs.existsSync(path.join(outDir, 'y.docx'))).toBe(false);
});

it('runs a batch with progress on stderr', () => {
  const dir = path.join(outDir, 'batch');
  const r = csm('generate-batch', 'handover', '--consultant', 'nobody.here', '--out-dir', dir);
  // An empty scope is bad input: exit 2, one clear line, no folder made.
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('no account matches --consultant nobody.here');
  expect(fs.existsSync(dir)).toBe(false);
  const all = csm('generate-batch', 'acceptance', '--tier', 'micro', '--out-dir', dir);
  expect(all.code).toBe(0);
  const written = fs.readdirSync(dir).filter((f) => f.endsWith('.docx'));
  expect(written.length).toBeGreaterThan(0);
  expect(all.stderr).toMatch(new RegExp(`${written.length}/${written.length} ok`));
});

it('refuses a damaged template in one line naming --template (exit 2)', async () => {
  const JSZip = (await import('jszip')).default;
  const sample = fs.readFileSync(path.join(ROOT, 'assets/templates/company-acceptance.docx'));
  const zip = await JSZip.loadAsync(new Uint8Array(sample));
  const xml = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', xml.slice(0, Math.floor(xml.length / 2)));
  const damaged = path.join(outDir, 'damaged.docx');
  fs.writeFileSync(damaged, await zip.generateAsync({ type: 'uint8array' }));
  const out = path.join(outDir, 'from-damaged.docx');
  const r = csm(
    'generate',
    'acceptance',
    '--account',
    accountId,
    '--out',
    out,
    '--template',
    damaged,
  );
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^error: VALIDATION at --template: the template is damaged/);
  expect(r.stderr).not.toMatch(/circular|templateBase64|INTERNAL/i);
  expect(fs.existsSync(out)).toBe(false);
});
