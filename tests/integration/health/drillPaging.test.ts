// The portfolio's drill-downs at team scale: a generated store of 1,300 demo accounts (their
// account, contract and survey documents, written through the bulk path into the real store and its
// projection). Paging reaches the last row (no cap at 1,000), sorting works both ways on the
// backend, a sort outside the whitelist is refused at `sort`, the export read back with
// exceljs names its drill and filter and holds every row, and the NPS drill lists answers.
import ExcelJS from 'exceljs';
import type { Backend } from '../../../main/backend';
import { demoBatches } from '../../../main/demo/generate';
import { demoTeamMembers } from '../../../main/demo/people';
import type { WriteDoc } from '../../../main/store/store';
import type { AccountRow, NpsResponseRow } from '../../../shared/api/health';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(240_000);

const GENERATED = 1_300;
const KEEP = new Set(['account', 'contract', 'survey']);

let dir: string;
let backend: Backend;
let churned: number;

beforeAll(async () => {
  dir = tempDir('drill-paging');
  backend = await openBackend(dir);
  const opts = { seed: 5, today: TODAY, user: 'demo' };
  const batches = function* (): Generator<WriteDoc[]> {
    yield demoTeamMembers(opts) as unknown as WriteDoc[];
    for (const batch of demoBatches(GENERATED, opts))
      yield batch.filter((d) => KEEP.has(String((d as { type?: string }).type))) as WriteDoc[];
  };
  const results = await backend.ctx.store.bulkWrite(batches(), { expectedDocs: GENERATED * 4 });
  expect(results.every((r) => r.ok)).toBe(true);
  const all = backend.ctx.store.projection.db
    .prepare(`SELECT COUNT(*) AS n, TOTAL(stage = 'churned') AS churned FROM accounts`)
    .get() as { n: number; churned: number };
  expect(all.n).toBe(GENERATED);
  churned = all.churned;
  expect(churned).toBeGreaterThan(0);
});
afterAll(async () => {
  await backend?.close();
  removeDir(dir);
});

/** Every page of a drill, `size` rows at a time, until the total is reached. */
async function everyPage(input: Record<string, unknown>, size: number) {
  const rows: AccountRow[] = [];
  let total = Infinity;
  while (rows.length < total) {
    const page = await backend.call('portfolio.drill', {
      figure: 'accounts',
      ...input,
      offset: rows.length,
      limit: size,
    } as never);
    total = page.total;
    expect(page.offset).toBe(rows.length);
    if (page.rows.length === 0) break;
    rows.push(...page.rows);
  }
  return { total, rows };
}

describe('a drill-down beyond 1,000 rows', () => {
  it('pages on the backend up to the last row, and the count leaves out the churned', async () => {
    const p = await backend.call('portfolio.get', {});
    expect(p.accounts + p.churnedExcluded).toBe(GENERATED);
    expect(p.churnedExcluded).toBe(churned);
    expect(p.accounts).toBeGreaterThan(1_000);

    const first = await backend.call('portfolio.drill', { figure: 'accounts' });
    expect(first.total).toBe(p.accounts);
    expect(first.rows).toHaveLength(50);

    const { total, rows } = await everyPage({}, 400);
    expect(total).toBe(p.accounts);
    expect(rows).toHaveLength(p.accounts);
    expect(new Set(rows.map((r) => r.accountId)).size).toBe(p.accounts);
    const last = await backend.call('portfolio.drill', {
      figure: 'accounts',
      offset: p.accounts - 1,
      limit: 50,
    });
    expect(last.rows).toHaveLength(1);
    expect(last.rows[0].accountId).toBe(rows[rows.length - 1].accountId);
  });

  it('sorts by a whitelisted column both ways, nulls last, and refuses any other', async () => {
    const asc = await everyPage({ sort: 'arr', order: 'asc' }, 500);
    const desc = await everyPage({ sort: 'arr', order: 'desc' }, 500);
    const arrs = asc.rows.map((r) => r.arr);
    expect(arrs).toEqual([...arrs].sort((a, b) => a - b));
    expect(desc.rows.map((r) => r.arr)).toEqual([...arrs].sort((a, b) => b - a));
    expect(arrs[0]).toBeLessThan(arrs[arrs.length - 1]);

    const byName = await everyPage({ sort: 'name', order: 'desc' }, 600);
    const names = byName.rows.map((r) => r.name);
    for (let i = 1; i < names.length; i++) expect(names[i - 1] >= names[i]).toBe(true);

    await expect(
      backend.call('portfolio.drill', { figure: 'accounts', sort: 'respondent' }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ code: 'VALIDATION', path: ['sort'] })],
    });
    await expect(
      backend.call('portfolio.drill', { figure: 'accounts', sort: 'a.name; DROP' as never }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('filters, and the page and total follow the filter', async () => {
    const p = await backend.call('portfolio.get', { filters: { tier: 'micro' } });
    const { rows, total } = await everyPage({ filters: { tier: 'micro' } }, 300);
    expect(total).toBe(p.accounts);
    expect(rows.every((r) => r.tier === 'micro')).toBe(true);
  });

  it('exports every row with title rows naming the drill and the filter', async () => {
    const filters = { tier: ['ordinary', 'micro'] as ('ordinary' | 'micro')[] };
    const p = await backend.call('portfolio.get', { filters });
    expect(p.accounts).toBeGreaterThan(1_000);
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const file = await backend.call('portfolio.drillExport', {
        figure: 'accounts',
        filters,
        sort: 'name',
        order: 'desc',
        locale,
      });
      expect(file.rows).toBe(p.accounts);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const text = (r: number) => String(sheet.getRow(r).getCell(1).value ?? '');
      if (locale === 'zh-CN') {
        expect(text(1)).toBe('明细：客户');
        expect(text(2)).toBe('筛选：等级：普通、小微');
        expect(text(3)).toContain(`共 ${p.accounts} 行`);
        expect(text(4)).toBe('排序：客户（降序）');
      } else {
        expect(text(1)).toBe('Drill-down: Accounts');
        expect(text(2)).toBe('Filters: Tier: Ordinary, Micro');
        expect(text(3)).toContain(`${p.accounts} rows`);
        expect(text(4)).toBe('Sorted by Account (descending)');
      }
      // Header on row 5, then one row per account, in the drill's order.
      expect(text(5)).toBe(locale === 'zh-CN' ? '客户' : 'Account');
      expect(sheet.actualRowCount).toBe(5 + p.accounts);
      const { rows } = await everyPage({ filters, sort: 'name', order: 'desc' }, 600);
      expect(text(6)).toBe(rows[0].name);
      expect(text(5 + p.accounts)).toBe(rows[rows.length - 1].name);
    }
  });

  it('the NPS drill lists the answers (contact, score, date), not every account', async () => {
    // One account answers twice more today: its answers are three rows, each its own.
    const [someone] = (await backend.call('portfolio.drill', { figure: 'accounts', limit: 1 }))
      .rows;
    for (const [respondent, score] of [
      ['Ada Wang', 10],
      ['Bo Li', 3],
    ] as const)
      await backend.call('survey.create', {
        accountId: someone.accountId,
        data: { kind: 'nps', date: TODAY, respondent, score },
      } as never);
    const p = await backend.call('portfolio.get', {});
    expect(p.team.nps.responses).toBeGreaterThan(0);
    const page = await backend.call('portfolio.drill', {
      figure: 'nps',
      sort: 'npsScore',
      order: 'desc',
      limit: 10_000,
    });
    expect(page.total).toBe(p.team.nps.responses);
    const rows = page.rows as NpsResponseRow[];
    expect(rows).toHaveLength(p.team.nps.responses);
    expect(rows.every((r) => r.respondent && r.respondedOn >= p.period.from)).toBe(true);
    expect(rows.map((r) => r.npsScore)).toEqual(rows.map((r) => r.npsScore).sort((a, b) => b - a));
    expect(rows.filter((r) => r.group === 'promoter')).toHaveLength(p.team.nps.promoters);
    const theirs = rows.filter((r) => r.accountId === someone.accountId);
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(theirs.map((r) => r.responseId)).size).toBe(theirs.length);
    expect(theirs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ respondent: 'Ada Wang', npsScore: 10, respondedOn: TODAY }),
        expect.objectContaining({ respondent: 'Bo Li', npsScore: 3, group: 'detractor' }),
      ]),
    );
    const detractors = await backend.call('portfolio.drill', { figure: 'nps', key: 'detractor' });
    expect(detractors.total).toBe(p.team.nps.detractors);
  });
});
