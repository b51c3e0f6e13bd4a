// The manager's portfolio on demo data: every figure equals the sum of its drill-down rows.
import ExcelJS from 'exceljs';
import type { Backend } from '../../../main/backend';
import { loadDemo } from '../../../main/demo/load';
import {
  FIGURE_SORTS,
  PORTFOLIO_FIGURES,
  type PortfolioFigure,
  type CohortRow,
  type CoverageRow,
  type NpsResponseRow,
  type OpportunityRow,
  type OverdueRow,
  type PortfolioFiltersInput,
  type RenewalRow,
  type RiskRow,
} from '../../../shared/api/health';
import { addDays, addMonths } from '../../../shared/time/days';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

/** The calendar quarter before the one holding the tests' today. */
const LAST_QUARTER = (() => {
  const month = Number(TODAY.slice(5, 7));
  const thisStart = `${TODAY.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  const from = addMonths(thisStart, -3);
  const quarter = (Number(from.slice(5, 7)) + 2) / 3;
  return { label: `${from.slice(0, 4)}-Q${quarter}`, from, to: addDays(thisStart, -1) };
})();

let dir: string;
let backend: Backend;

beforeAll(async () => {
  dir = tempDir('portfolio');
  backend = await openBackend(dir);
  await loadDemo(backend.ctx.store, 80, { seed: 11, today: TODAY, user: 'demo' });
  await backend.call('health.recompute', {});
}, 60_000);
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

async function drill<R>(filters: PortfolioFiltersInput, figure: string, key?: string) {
  const result = await backend.call('portfolio.drill', {
    filters,
    figure: figure as never,
    key,
    limit: 10_000,
  });
  expect(result.total).toBe(result.rows.length);
  return result.rows as unknown as R[];
}

async function checkFigures(filters: PortfolioFiltersInput) {
  const p = await backend.call('portfolio.get', { filters });

  const accounts = await drill<{ accountId: string; arr: number }>(filters, 'accounts');
  expect(accounts).toHaveLength(p.accounts);
  expect(round2(sum(accounts, (a) => a.arr))).toBeCloseTo(p.team.arr, 2);
  expect(sum(p.tierBand, (c) => c.accounts)).toBe(p.accounts);
  for (const cell of p.tierBand) {
    const rows = await drill<{ arr: number }>(filters, 'tierBand', `${cell.tier}:${cell.band}`);
    expect(rows).toHaveLength(cell.accounts);
    expect(round2(sum(rows, (r) => r.arr))).toBeCloseTo(cell.arr, 2);
  }

  for (const window of p.renewals) {
    const rows = await drill<RenewalRow>(filters, 'renewals', String(window.days));
    expect(rows).toHaveLength(window.accounts);
    expect(round2(sum(rows, (r) => r.value))).toBeCloseTo(window.value, 2);
    expect(rows.every((r) => r.daysLeft >= 0 && r.daysLeft <= window.days)).toBe(true);
  }

  const risks = await drill<RiskRow>(filters, 'atRisk');
  expect(risks).toHaveLength(p.atRisk.accounts);
  expect(sum(risks, (r) => r.openActions)).toBe(p.atRisk.openActions);
  expect(sum(risks, (r) => r.overdueActions)).toBe(p.atRisk.overdueActions);
  expect(risks.every((r) => r.cases.length > 0)).toBe(true);

  for (const row of p.overdue) {
    const rows = await drill<OverdueRow>(filters, 'overdue', row.csm);
    expect(rows).toHaveLength(row.accounts);
    expect(sum(rows, (r) => r.actionItems)).toBe(row.actionItems);
    expect(sum(rows, (r) => r.issues)).toBe(row.issues);
  }
  for (const row of p.coverage) {
    const rows = await drill<CoverageRow>(filters, 'coverage', row.csm);
    expect(rows).toHaveLength(row.accounts);
    expect(rows.filter((r) => r.covered)).toHaveLength(row.covered);
  }

  const opportunities = await drill<OpportunityRow>(filters, 'opportunities');
  expect(opportunities).toHaveLength(p.opportunities.open);
  expect(round2(sum(opportunities, (o) => o.value))).toBeCloseTo(p.opportunities.value, 2);
  for (const stage of p.opportunities.byStage)
    expect(await drill(filters, 'opportunities', stage.stage)).toHaveLength(stage.count);

  const cohort = await drill<CohortRow>(filters, 'cohort');
  const c = p.team.cohort;
  expect(cohort).toHaveLength(c.atStart);
  expect(cohort.filter((r) => r.renewed)).toHaveLength(c.stillThere);
  expect(await drill(filters, 'cohort', 'churned')).toHaveLength(c.churned);
  expect(round2(sum(cohort, (r) => r.arrBefore))).toBeCloseTo(c.arrBefore, 2);

  // The NPS drill lists the answers, one row each.
  const nps = await drill<NpsResponseRow>(filters, 'nps');
  expect(nps).toHaveLength(p.team.nps.responses);
  const promoters = nps.filter((r) => r.group === 'promoter').length;
  const detractors = nps.filter((r) => r.group === 'detractor').length;
  expect(promoters).toBe(p.team.nps.promoters);
  expect(nps.every((r) => r.respondedOn >= p.period.from && r.respondedOn <= p.period.to)).toBe(
    true,
  );
  if (p.team.nps.responses)
    expect(p.team.nps.score).toBeCloseTo(
      ((promoters - detractors) / p.team.nps.responses) * 100,
      6,
    );
  return p;
}

describe('portfolio figures and their drill-down rows', () => {
  it('agree for the whole team', async () => {
    const p = await checkFigures({});
    expect(p.accounts).toBe(80);
    // Demo data has every kind of figure, so none of the checks above ran on empty lists.
    expect(p.renewals[2].accounts).toBeGreaterThan(0);
    expect(p.atRisk.accounts).toBeGreaterThan(0);
    expect(p.opportunities.open).toBeGreaterThan(0);
    // In January nothing has ended yet this year: the cohort is then last year's (the demo
    // accounts joined 400 days ago, so before it began).
    const year = Number(TODAY.slice(0, 4));
    const cohortYear = TODAY.slice(5, 7) === '01' ? year - 1 : year;
    const cohort = cohortYear === year ? p : await checkFigures({ period: String(cohortYear) });
    expect(cohort.team.cohort.atStart).toBeGreaterThan(0);
    expect(cohort.team.nps.responses).toBeGreaterThan(0);
    expect(p.overdue.length).toBeGreaterThan(1);
  });

  it('agree for one CSM, one tier, a region and a quarter; filters narrow every row', async () => {
    const all = await backend.call('portfolio.get', {});
    const csm = all.coverage[0].csm;
    const p = await checkFigures({ ownerCsm: csm, period: LAST_QUARTER.label });
    expect(p.coverage.map((c) => c.csm)).toEqual([csm]);
    expect(p.period).toMatchObject(LAST_QUARTER);
    const rows = await drill<{ ownerCsm: string }>({ ownerCsm: csm }, 'accounts');
    expect(rows.every((r) => r.ownerCsm === csm)).toBe(true);

    const micro = await checkFigures({ tier: 'micro', region: ['华东', '华南', 'International'] });
    expect(micro.tierBand.every((c) => c.tier === 'micro')).toBe(true);
    expect(micro.accounts).toBeLessThan(all.accounts);
  });

  it('has the charts: renewals by month and the quarters, each equal to its drill-down', async () => {
    const p = await backend.call('portfolio.get', {});
    expect(p.renewalsByMonth).toHaveLength(12);
    expect(p.renewalsByMonth[0].month).toBe(TODAY.slice(0, 7));
    expect(sum(p.renewalsByMonth, (m) => m.accounts)).toBeGreaterThan(0);
    for (const m of p.renewalsByMonth) {
      const rows = await drill<RenewalRow>({}, 'renewals', m.month);
      expect(rows).toHaveLength(m.accounts);
      expect(round2(sum(rows, (r) => r.value))).toBeCloseTo(m.value, 2);
      expect(rows.every((r) => r.endDate.startsWith(m.month) && r.endDate >= TODAY)).toBe(true);
    }
    // Five quarters, the last one holding today; each as the cohort of that quarter.
    expect(p.quarters).toHaveLength(5);
    expect(p.quarters[4].to).toBe(TODAY);
    expect(p.quarters[3].label).toBe(LAST_QUARTER.label);
    for (const q of p.quarters) {
      const rows = await drill<CohortRow>({}, 'cohort', q.label);
      expect(rows).toHaveLength(q.atStart);
      expect(rows.filter((r) => r.renewed)).toHaveLength(q.stillThere);
      expect(await drill({}, 'cohort', `${q.label}:renewed`)).toHaveLength(q.stillThere);
      const after = round2(sum(rows, (r) => r.arrAfter));
      expect(after).toBeCloseTo(q.arrAfter, 2);
      if (q.arrBefore) expect(q.netRevenueRetention).toBeCloseTo(q.arrAfter / q.arrBefore, 6);
      const one = await backend.call('portfolio.get', { filters: { period: q.label } });
      expect(one.team.cohort.atStart).toBe(q.atStart);
    }
    // Churned accounts are not counted, and the portfolio says how many were left out.
    const [{ n }] = backend.ctx.store.projection.db
      .prepare(`SELECT COUNT(*) AS n FROM accounts WHERE stage = 'churned'`)
      .all() as { n: number }[];
    expect(p.churnedExcluded).toBe(n);
    const all = backend.ctx.store.projection.db
      .prepare(`SELECT COUNT(*) AS n FROM accounts`)
      .get() as {
      n: number;
    };
    expect(p.accounts).toBe(all.n - n);
  });

  it('sorts every figure by each column the screen offers, both ways', async () => {
    const p = await backend.call('portfolio.get', {});
    const keys: Partial<Record<PortfolioFigure, string>> = {
      renewals: '90',
      trend: p.today,
      cohort: p.quarters[3].label,
    };
    for (const figure of PORTFOLIO_FIGURES)
      for (const sort of FIGURE_SORTS[figure])
        for (const order of ['asc', 'desc'] as const) {
          const page = await backend.call('portfolio.drill', {
            figure,
            key: keys[figure],
            sort,
            order,
            limit: 5,
          });
          expect(page).toMatchObject({ figure, sort, order, offset: 0 });
          expect(page.rows.length).toBe(Math.min(5, page.total));
        }
    // A column the figure does not have is refused, not ignored.
    const wrong = await backend.dispatch('portfolio.drill', { figure: 'atRisk', sort: 'value' });
    expect(wrong.ok ? null : wrong.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['sort'] });
  });

  it('refuses a malformed period or drill key with the failing path', async () => {
    const result = await backend.dispatch('portfolio.get', { filters: { period: 'last year' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].path).toEqual(['filters', 'period']);
    const drill = await backend.dispatch('portfolio.drill', { figure: 'renewals', key: 'soon' });
    expect(drill.ok ? null : drill.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['key'] });
  });
});

describe('the Excel export', () => {
  it('holds the summary and one sheet per drill-down, with text that looks like a formula kept as text', async () => {
    const evil = await backend.call('account.create', {
      data: {
        name: '=HYPERLINK("http://evil","点我")',
        tier: 'micro',
        ownerCsm: '+cmd',
        region: '@SUM(A1)',
      },
    });
    await backend.call('health.recompute', { accountId: evil._id });
    const p = await backend.call('portfolio.get', { filters: { tier: 'micro' } });
    const file = await backend.call('portfolio.export', {
      filters: { tier: 'micro' },
      locale: 'en-US',
    });
    expect(file.fileName).toBe(`portfolio-${TODAY.slice(0, 4)}-${TODAY}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Tier and health',
      'Renewals in 90 days',
      'At risk',
      'Overdue items',
      'Visit coverage',
      'Opportunities',
      'Renewal cohort',
      'NPS',
    ]);
    const summary = book.getWorksheet('Summary')!;
    // The title's second line says which filter the workbook holds.
    expect(summary.getRow(2).getCell(1).value).toBe('Filters: Tier: Micro');
    const figure = (label: string) => {
      let value: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) value = row.getCell(2).value;
      });
      return value;
    };
    expect(figure('Accounts')).toBe(p.accounts);
    expect(figure('ARR')).toBeCloseTo(p.team.arr, 2);
    expect(figure('Renewals due in 90 days')).toBe(p.renewals[2].accounts);

    const coverage = book.getWorksheet('Visit coverage')!;
    expect(coverage.rowCount - 1).toBe(p.accounts);
    let found = false;
    coverage.eachRow((row) => {
      const name = row.getCell(1);
      if (name.value !== '=HYPERLINK("http://evil","点我")') return;
      found = true;
      expect(name.type).toBe(ExcelJS.ValueType.String);
      expect(name.formula).toBeUndefined();
      expect(row.getCell(3).value).toBe('+cmd');
      expect(row.getCell(4).value).toBe('@SUM(A1)');
    });
    expect(found).toBe(true);
  });
});
