// `csm health recompute`, `csm alerts`, `csm portfolio` against a real data folder.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../main/cli/csm';
import { TODAY } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';

// The quarter and month holding the tests' today (the CLI runs on the same clock).
const QUARTER = `${TODAY.slice(0, 4)}-Q${Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1}`;
const MONTH = TODAY.slice(0, 7);

let dir: string;

async function csm(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = tempDir('health-cli');
  expect((await csm('demo', '--accounts', '30', '--seed', '3')).code).toBe(0);
}, 60_000);
afterAll(() => removeDir(dir));

describe('csm health, alerts and portfolio', () => {
  it('recomputes every score, then finds nothing to rewrite', async () => {
    const first = await csm('health', 'recompute', '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    // Seed 3 gives 30 accounts of which 2 churned; churned accounts are not scored.
    expect(report.accounts).toBe(28);
    expect(report.written).toBe(28);
    expect(report.bands.red + report.bands.yellow + report.bands.green).toBe(28);
    const again = await csm('health', 'recompute');
    expect(again.out).toMatch(/0 written, 28 unchanged, 0 changed band/);
  });

  it('shows why an account has its band, and records an override with its reason', async () => {
    const drill = JSON.parse((await csm('portfolio', '--drill', 'accounts', '--json')).out);
    const id = drill.rows[0].accountId as string;
    const shown = await csm('health', 'show', id);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/why:\n {2}\S/);
    expect((await csm('health', 'override', id, '--band', 'red')).code).toBe(2);
    const set = await csm('health', 'override', id, '--band', 'red', '--reason', '客户高层变动');
    expect(set.out).toMatch(/now red/);
  });

  it('lists alerts for one CSM and acknowledges one by its key', async () => {
    const all = JSON.parse((await csm('alerts', '--json', '--limit', '1000')).out);
    expect(all.total).toBeGreaterThan(0);
    const csmName = all.items[0].ownerCsm as string;
    const mine = JSON.parse(
      (await csm('alerts', '--csm', csmName, '--json', '--limit', '1000')).out,
    );
    expect(mine.items.every((a: { ownerCsm: string }) => a.ownerCsm === csmName)).toBe(true);
    const key = mine.items[0].key as string;
    expect((await csm('alerts', 'ack', key)).out).toBe(`${key}: acknowledged`);
    const after = JSON.parse(
      (await csm('alerts', '--csm', csmName, '--json', '--limit', '1000')).out,
    );
    expect(after.total).toBe(mine.total - 1);
    expect((await csm('alerts', '--rule', 'bogus')).code).toBe(2);
  });

  it('prints the portfolio for a CSM and period and writes the Excel file', async () => {
    const file = path.join(dir, 'portfolio.xlsx');
    const result = await csm('portfolio', '--period', QUARTER, '--xlsx', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`period ${QUARTER}: 28 accounts`);
    expect(result.out).toMatch(/renewals due: 30d \d+/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.getWorksheet('概览')).toBeDefined();
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    const trend = await csm('portfolio', '--trend', '--period', MONTH);
    expect(trend.out.split('\n').slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^${TODAY}\\s+\\d+\\s+\\d+\\s+\\d+\\s+[\\d.]+$`)),
    ]);
    const bad = await csm('portfolio', '--period', 'someday');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/period/);
  });
});
