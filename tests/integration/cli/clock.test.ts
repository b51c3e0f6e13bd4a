// CSM_TODAY pins the CLI's day: `csm info` reports it, demo data is dated relative to it, and a
// malformed value is refused with one line and exit code 2. Real `csm` processes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { addDays, daysBetween } from '../../../shared/time/days';
import { dayFrom, monthFrom } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(180_000);

const exec = promisify(execFile);
const ROOT = path.join(__dirname, '../../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function csm(day: string, dataDir: string, ...args: string[]) {
  try {
    const r = await exec(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['main/cli/csm.ts', ...args, '--data-dir', dataDir],
      { cwd: ROOT, env: { ...process.env, CSM_TODAY: day }, timeout: 60_000 },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every business date of the demo's contracts, visits and issues, in a stable order. */
async function demoDates(dataDir: string): Promise<string[]> {
  const backend = await openBackend(dataDir);
  try {
    const dates: string[] = [];
    for (const type of ['contract', 'visit', 'issue'] as const) {
      const page = await backend.call(`${type}.list`, { limit: 500 } as never);
      for (const doc of page.items as unknown as Record<string, unknown>[])
        for (const field of ['startDate', 'endDate', 'date', 'raisedOn', 'dueDate'])
          if (typeof doc[field] === 'string') dates.push(`${type}.${field}`, doc[field] as string);
    }
    return dates;
  } finally {
    await backend.close();
  }
}

it('reports the pinned day, and dates demo data relative to it', async () => {
  const days = [monthFrom(-13), dayFrom(45)];
  const runs: string[][] = [];
  for (const day of days) {
    const dir = tempDir('csm-clock');
    dirs.push(dir);
    const demo = await csm(day, dir, 'demo', '--accounts', '3', '--seed', '5');
    expect(demo.code).toBe(0);
    const info = await csm(day, dir, 'info', '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).today).toBe(day);
    runs.push(await demoDates(dir));
  }
  // The same seed on another day: the same data, every date moved by the days between them.
  const shift = daysBetween(days[0], days[1]);
  const [first, second] = runs;
  expect(first.length).toBeGreaterThan(20);
  expect(second.map((v, i) => (i % 2 ? addDays(v, -shift) : v))).toEqual(first);
  // And dated around its own day: some visits before it, the contracts running through it.
  for (const [i, day] of days.entries()) {
    const visits = runs[i].filter((_, j) => runs[i][j - 1] === 'visit.date');
    expect(visits.some((d) => d < day)).toBe(true);
  }
});

it('refuses a malformed CSM_TODAY with one line and exit code 2, writing nothing', async () => {
  const dir = tempDir('csm-clock-bad');
  dirs.push(dir);
  const r = await csm('2027-02-30', dir, 'info');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toEqual([
    'error: CSM_TODAY must be a calendar day YYYY-MM-DD, got "2027-02-30" (see csm --help)',
  ]);
  expect(fs.readdirSync(dir)).toEqual([]);
});
