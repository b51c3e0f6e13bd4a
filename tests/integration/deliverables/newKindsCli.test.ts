// `csm generate` and `csm generate-batch` for the kinds of issue 12: files written, the period
// and week options, exit code 2 for a bad one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadDemo } from '../../../main/demo/load';
import { formatDate } from '../../../main/deliverables/format';
import { weekOf } from '../../../shared/time/days';
import { dayFrom, monthFrom, TODAY } from '../../helpers/clock';
import { docxText } from '../../fixtures/deliverables/demoBackend';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '../../..');
let dataDir: string;
let outDir: string;
let accountId: string;

function csm(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['main/cli/csm.ts', ...args, '--data-dir', dataDir],
    { cwd: ROOT, encoding: 'utf8', timeout: 90_000, env: { ...process.env, CSM_TODAY: TODAY } },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dataDir = tempDir('newkinds-cli');
  outDir = tempDir('newkinds-out');
  const backend = await openBackend(dataDir);
  await loadDemo(backend.ctx.store, 4, { seed: 7, today: TODAY, user: 'zhang.wei' });
  accountId = (await backend.call('account.list', { limit: 1 })).items[0]._id;
  await backend.close();
});

afterAll(() => {
  removeDir(dataDir);
  removeDir(outDir);
});

it('csm generate usage --account ID --out FILE writes the usage report', async () => {
  const out = path.join(outDir, 'usage.docx');
  const r = csm('generate', 'usage', '--account', accountId, '--out', out);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`wrote ${out}`);
  const text = await docxText(fs.readFileSync(out));
  expect(text).toContain('使用报告');
  expect(text).toContain(formatDate('zh-CN', `${monthFrom(-2).slice(0, 7)}-01`));
});

it('takes a usage period by its last month and a weekly report by any day of its week', async () => {
  const usage = path.join(outDir, 'usage-en.docx');
  const last = monthFrom(-3).slice(0, 7);
  expect(
    csm(
      'generate',
      'usage',
      '--account',
      accountId,
      '--out',
      usage,
      '--period',
      last,
      '--lang',
      'en-US',
    ).code,
  ).toBe(0);
  expect(await docxText(fs.readFileSync(usage))).toContain(
    formatDate('en-US', `${monthFrom(-4).slice(0, 7)}-01`),
  );
  const weekly = path.join(outDir, 'weekly.docx');
  const day = dayFrom(-10);
  expect(
    csm('generate', 'weekly', '--account', accountId, '--out', weekly, '--week', day).code,
  ).toBe(0);
  expect(await docxText(fs.readFileSync(weekly))).toContain(
    formatDate('zh-CN', weekOf(day).weekStart),
  );
  for (const kind of ['sow', 'case', 'brief']) {
    const out = path.join(outDir, `${kind}.docx`);
    expect([kind, csm('generate', kind, '--account', accountId, '--out', out).code]).toEqual([
      kind,
      0,
    ]);
    expect(fs.statSync(out).size).toBeGreaterThan(5_000);
  }
});

it('refuses a year as a usage period and a malformed week with exit code 2', () => {
  const out = path.join(outDir, 'bad.docx');
  const year = csm(
    'generate',
    'usage',
    '--account',
    accountId,
    '--out',
    out,
    '--period',
    TODAY.slice(0, 4),
  );
  expect(year.code).toBe(2);
  expect(year.stderr).toMatch(/two months/);
  const week = csm(
    'generate',
    'weekly',
    '--account',
    accountId,
    '--out',
    out,
    '--week',
    '2026-02-30',
  );
  expect(week.code).toBe(2);
  expect(week.stderr).toContain('--week');
  expect(fs.existsSync(out)).toBe(false);
});

it('generate-batch writes a new kind for every account of a tier', () => {
  const dir = path.join(outDir, 'batch');
  fs.mkdirSync(dir);
  const r = csm('generate-batch', 'brief', '--tier', 'micro', '--out-dir', dir, '--lang', 'en-US');
  expect(r.code).toBe(0);
  const files = fs.readdirSync(dir);
  expect(files.length).toBeGreaterThan(0);
  expect(files.every((f) => f.includes('Pre-visit brief') && f.endsWith('.docx'))).toBe(true);
  expect(r.stdout).toMatch(new RegExp(`${files.length} of ${files.length} written`));
});
