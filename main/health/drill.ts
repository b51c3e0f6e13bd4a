// Drill-down: the rows behind one portfolio figure, picked by figure and key, one page at a time.
// The long lists (accounts, ARR, tier x band, NPS answers) page and sort in SQL
// (main/projection/queries/portfolio.ts); the others are derived per account from several
// tables (portfolio.ts) and are sorted here by the same whitelist before the page is cut.
import type {
  AccountRow,
  CohortRow,
  CoverageRow,
  DrillSort,
  OpportunityRow,
  PortfolioFigure,
  PortfolioFilters,
  RenewalRow,
} from '../../shared/api/health';
import { apiError } from '../../shared/api/errors';
import { PERIOD_PATTERN } from '../../shared/rules/period';
import { addDays, lastDayOfMonth } from '../../shared/time/days';
import type { BackendContext } from '../api/context';
import {
  accountPage,
  npsResponsePage,
  PAGED_SORTS,
  type Page,
  type PageRequest,
} from '../projection/queries/portfolio';
import {
  cohortRows,
  coverageRows,
  csmOf,
  openFrame,
  opportunityRows,
  overdueRows,
  renewalRowsBetween,
  riskRows,
  scopeOf,
  type Frame,
} from './portfolio';
import { trendRows } from './trend';

const invalidKey = (message: string) =>
  apiError('VALIDATION', 'validation.invalid', message, {}, ['key']);

type Value = string | number | boolean | null | undefined;
type Accessor = (r: AccountRow) => Value;

const TIER_RANK: Record<string, number> = { strategic: 0, ordinary: 1, micro: 2 };
const BAND_RANK: Record<string, number> = { red: 0, yellow: 1, green: 2, unscored: 3 };

const BASE: Partial<Record<DrillSort, Accessor>> = {
  name: (r) => r.name,
  tier: (r) => TIER_RANK[r.tier] ?? 9,
  ownerCsm: (r) => r.ownerCsm,
  region: (r) => r.region,
  industry: (r) => r.industry,
  band: (r) => BAND_RANK[r.band] ?? 9,
  score: (r) => r.score,
  arr: (r) => r.arr,
  renewalDate: (r) => r.renewalDate,
};

/** What each derived figure's rows sort by, beyond the account's own columns. */
const EXTRA: Partial<Record<PortfolioFigure, Partial<Record<DrillSort, Accessor>>>> = {
  renewals: {
    value: (r) => (r as RenewalRow).value,
    date: (r) => (r as RenewalRow).endDate,
  },
  coverage: { date: (r) => (r as CoverageRow).lastContactOn },
  opportunities: {
    value: (r) => (r as OpportunityRow).value,
    date: (r) => (r as OpportunityRow).expectedCloseOn,
  },
  cohort: { value: (r) => (r as CohortRow).arrAfter },
};

/** The sorts each figure accepts, for the UI's columns and the API's errors. */
export function sortsOf(figure: PortfolioFigure): DrillSort[] {
  if (figure === 'nps') return PAGED_SORTS.nps;
  if (figure === 'accounts' || figure === 'arr' || figure === 'tierBand')
    return PAGED_SORTS.accounts;
  return Object.keys({ ...BASE, ...EXTRA[figure] }) as DrillSort[];
}

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN');
}

/** Sorts derived rows by a whitelisted column (nulls last both ways), then by name. */
function sortRows<R extends AccountRow>(figure: PortfolioFigure, rows: R[], page: PageRequest) {
  if (page.sort === undefined) return rows;
  const get = { ...BASE, ...EXTRA[figure] }[page.sort];
  if (!get)
    throw apiError(
      'VALIDATION',
      'validation.invalid',
      `the ${figure} drill-down cannot sort by ${page.sort}`,
      {},
      ['sort'],
    );
  const sign = page.order === 'desc' ? -1 : 1;
  return [...rows].sort((x, y) => {
    const a = get(x);
    const b = get(y);
    if (a === null || a === undefined || b === null || b === undefined) {
      const c = compare(a, b);
      if (c) return c;
    } else {
      const c = compare(a, b) * sign;
      if (c) return c;
    }
    return compare(x.name, y.name) || compare(x.accountId, y.accountId);
  });
}

function cut<R>(rows: R[], page: PageRequest): Page<R> {
  return {
    total: rows.length,
    rows:
      page.limit === null
        ? rows.slice(page.offset)
        : rows.slice(page.offset, page.offset + page.limit),
  };
}

/** `90` (days from today) or `2026-11` (that month, from today on). */
function renewalSpan(f: Frame, key: string | undefined): { from: string; to: string } {
  const text = key ?? '90';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) {
    const [y, m] = text.split('-').map(Number);
    const first = `${text}-01`;
    return {
      from: first < f.today ? f.today : first,
      to: `${text}-${String(lastDayOfMonth(y, m)).padStart(2, '0')}`,
    };
  }
  const days = Number(text);
  if (!/^\d+$/.test(text) || days > 3650)
    throw invalidKey('renewals take a number of days (0-3650) or a month (2026-11)');
  return { from: f.today, to: addDays(f.today, days) };
}

/** `renewed`, `churned`, a period (`2026-Q3`), or both (`2026-Q3:renewed`). */
function cohortKey(key: string | undefined): { period?: string; outcome?: 'renewed' | 'churned' } {
  const out: { period?: string; outcome?: 'renewed' | 'churned' } = {};
  for (const part of (key ?? '').split(':').filter(Boolean)) {
    if (part === 'renewed' || part === 'churned') out.outcome = part;
    else if (PERIOD_PATTERN.test(part)) out.period = part.toUpperCase();
    else throw invalidKey('cohort takes renewed, churned, a period (2026-Q3) or PERIOD:OUTCOME');
  }
  return out;
}

/** The rows behind one figure; `key` picks a cell (e.g. `strategic:red`, `90`, a CSM, a stage). */
export function drillPage(
  ctx: BackendContext,
  filters: PortfolioFilters,
  figure: PortfolioFigure,
  key: string | undefined,
  page: PageRequest,
): Page<AccountRow> {
  const db = ctx.store.projection.db;
  const scope = scopeOf(filters);
  switch (figure) {
    case 'accounts':
      return accountPage(db, scope, {}, page);
    case 'arr':
      return accountPage(db, scope, { withArr: true }, page);
    case 'tierBand': {
      const [tier, band] = (key ?? ':').split(':');
      return accountPage(db, scope, { tier: tier || undefined, band: band || undefined }, page);
    }
    case 'nps': {
      // `promoter`, a period (`2026-Q3`: that quarter's answers), or `2026-Q3:detractor`.
      let group: 'promoter' | 'passive' | 'detractor' | undefined;
      let period: string | undefined;
      for (const part of (key ?? '').split(':').filter(Boolean)) {
        if (part === 'promoter' || part === 'passive' || part === 'detractor') group = part;
        else if (PERIOD_PATTERN.test(part)) period = part.toUpperCase();
        else throw invalidKey('nps takes promoter, passive, detractor, a period or PERIOD:GROUP');
      }
      const f = openFrame(ctx, period ? { ...filters, period } : filters);
      const to = period && f.period.to > f.today ? f.today : f.period.to;
      return npsResponsePage(db, scope, { from: f.period.from, to }, group, page);
    }
    default:
      break;
  }
  if (figure === 'cohort') {
    const { period, outcome } = cohortKey(key);
    const f = openFrame(ctx, period ? { ...filters, period } : filters);
    const rows = cohortRows(f).filter(
      (c) => !outcome || (outcome === 'renewed' ? c.renewed : c.churned),
    );
    return cut(sortRows(figure, rows, page), page);
  }
  const f = openFrame(ctx, filters);
  const byCsm = <T extends AccountRow>(rows: T[], csm = key) =>
    csm ? rows.filter((r) => csmOf(r) === csm) : rows;
  let rows: AccountRow[];
  switch (figure) {
    case 'renewals': {
      const span = renewalSpan(f, key);
      rows = renewalRowsBetween(f, span.from, span.to);
      break;
    }
    case 'atRisk':
      rows = riskRows(f);
      break;
    case 'overdue':
      rows = byCsm(overdueRows(f));
      break;
    case 'coverage': {
      // `li.na`, or `li.na:covered` / `li.na:uncovered` (the chart's two stacks).
      const match = /^(.*?)(?::(covered|uncovered))?$/.exec(key ?? '')!;
      const state = match[2];
      rows = byCsm(coverageRows(f), match[1] || undefined).filter(
        (r) => !state || r.covered === (state === 'covered'),
      );
      break;
    }
    case 'opportunities':
      rows = opportunityRows(f).filter((o) => !key || o.stage === key);
      break;
    case 'trend': {
      const [date, band] = (key ?? '').split(':');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalidKey('trend takes DATE[:BAND]');
      rows = trendRows(f, date).filter((r) => !band || r.bandOn === band);
      break;
    }
    default:
      throw invalidKey(`unknown figure ${figure as string}`);
  }
  return cut(sortRows(figure, rows, page), page);
}

/** Every row behind a figure (the tests and the exports), in the order asked for. */
export function drillRows(
  ctx: BackendContext,
  filters: PortfolioFilters,
  figure: PortfolioFigure,
  key?: string,
  sort?: DrillSort,
  order: 'asc' | 'desc' = 'asc',
): AccountRow[] {
  return drillPage(ctx, filters, figure, key, { sort, order, offset: 0, limit: null }).rows;
}
