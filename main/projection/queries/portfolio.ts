// The portfolio's paged reads over the projection: the drill-downs that can run to thousands of
// rows (accounts, ARR, tier x band, NPS responses) page and sort in SQL (ORDER BY a whitelisted
// column, LIMIT/OFFSET, COUNT(*) for the total); and the charts' series (renewals by month, the
// renewal cohort and NPS per quarter, churned accounts left out of the count).
import type { Database } from 'better-sqlite3';
import type { AccountRow, DrillSort, NpsResponseRow, SortOrder } from '../../../shared/api/health';
import { apiError } from '../../../shared/api/errors';
import { npsGroup } from '../../../shared/domain/health/formulas';
import { activeContractSql } from '../../../shared/rules/renewal';
import { accountConditions, bindings, prepared, type AccountScope, type ScopeSql } from './scope';

type Row = Record<string, unknown>;

/** The account columns every drill row carries, of `accounts a` and `health_scores h`. */
export const ACCOUNT_ROW_COLUMNS = `a.id, a.name, a.tier, a.stage, a.owner_csm, a.region,
  a.industry, a.arr, a.renewal_date, h.band, h.score`;

export function toAccountRow(r: Row): AccountRow {
  return {
    accountId: r.id as string,
    name: r.name as string,
    tier: r.tier as string,
    stage: (r.stage as string | null) ?? null,
    ownerCsm: (r.owner_csm as string | null) ?? null,
    region: (r.region as string | null) ?? null,
    industry: (r.industry as string | null) ?? null,
    band: (r.band as string | null) ?? 'unscored',
    score: (r.score as number | null) ?? null,
    arr: (r.arr as number) ?? 0,
    renewalDate: (r.renewal_date as string | null) ?? null,
  };
}

/** Sortable account columns: the only text that reaches ORDER BY. */
const ACCOUNT_ORDER: Partial<Record<DrillSort, string>> = {
  name: 'a.name',
  tier: 'a.tier_rank',
  ownerCsm: 'a.owner_csm',
  region: 'a.region',
  industry: 'a.industry',
  band: `CASE COALESCE(h.band, 'unscored') WHEN 'red' THEN 0 WHEN 'yellow' THEN 1
           WHEN 'green' THEN 2 ELSE 3 END`,
  score: 'h.score',
  arr: 'a.arr',
  renewalDate: 'a.renewal_date',
};
const NPS_ORDER: Partial<Record<DrillSort, string>> = {
  ...ACCOUNT_ORDER,
  respondent: 's.respondent',
  npsScore: 's.score',
  date: 's.date',
};

/** The sorts a paged drill accepts; anything else is a VALIDATION error at `sort`. */
export const PAGED_SORTS = {
  accounts: Object.keys(ACCOUNT_ORDER) as DrillSort[],
  nps: Object.keys(NPS_ORDER) as DrillSort[],
};

function orderBy(
  columns: Partial<Record<DrillSort, string>>,
  sort: DrillSort | undefined,
  order: SortOrder,
  tieBreak: string,
): string {
  if (sort === undefined) return tieBreak;
  const column = columns[sort];
  if (!column)
    throw apiError(
      'VALIDATION',
      'validation.invalid',
      `this drill-down cannot sort by ${sort}`,
      {},
      ['sort'],
    );
  // NULLs last either way: an account without a score is neither the best nor the worst.
  const direction = order === 'desc' ? 'DESC' : 'ASC';
  return `(${column}) IS NULL, ${column} ${direction}, ${tieBreak}`;
}

export interface Page<R> {
  total: number;
  rows: R[];
}

export interface PageRequest {
  sort?: DrillSort;
  order: SortOrder;
  offset: number;
  /** Rows per page; null reads every row (the export). */
  limit: number | null;
}

function paged(
  db: Database,
  from: string,
  where: ScopeSql,
  positional: unknown[],
  select: string,
  order: string,
  page: PageRequest,
): { total: number; rows: Row[] } {
  const [{ n }] = prepared(db, `SELECT COUNT(*) AS n FROM ${from} WHERE ${where.sql}`).all(
    ...bindings(where, positional),
  ) as { n: number }[];
  const limit = page.limit ?? -1;
  const rows = prepared(
    db,
    `SELECT ${select} FROM ${from} WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).all(...bindings(where, [...positional, limit, page.offset])) as Row[];
  return { total: n, rows };
}

export interface AccountPick {
  tier?: string;
  /** A band, or `unscored` for accounts without a score. */
  band?: string;
  /** Only accounts with ARR (the ARR figure). */
  withArr?: boolean;
}

/** The accounts in scope (customers only), optionally one tier x band cell, paged and sorted. */
export function accountPage(
  db: Database,
  scope: AccountScope,
  pick: AccountPick,
  page: PageRequest,
): Page<AccountRow> {
  const live = accountConditions(scope, 'a.');
  const where = [live.sql];
  const positional: unknown[] = [];
  if (pick.tier) {
    where.push('a.tier = ?');
    positional.push(pick.tier);
  }
  if (pick.band === 'unscored') where.push('h.band IS NULL');
  else if (pick.band) {
    where.push('h.band = ?');
    positional.push(pick.band);
  }
  if (pick.withArr) where.push('a.arr > 0');
  const result = paged(
    db,
    'accounts a LEFT JOIN health_scores h ON h.account_id = a.id',
    { sql: where.join(' AND '), params: live.params },
    positional,
    ACCOUNT_ROW_COLUMNS,
    orderBy(ACCOUNT_ORDER, page.sort, page.order, 'a.tier_rank, a.name, a.id'),
    page,
  );
  return { total: result.total, rows: result.rows.map(toAccountRow) };
}

/** The NPS answers of the period from customers in scope, one row per answer, paged. */
export function npsResponsePage(
  db: Database,
  scope: AccountScope,
  period: { from: string; to: string },
  group: 'promoter' | 'passive' | 'detractor' | undefined,
  page: PageRequest,
): Page<NpsResponseRow> {
  const live = accountConditions(scope, 'a.');
  const where = [`s.kind = 'nps' AND s.date BETWEEN ? AND ?`, live.sql];
  if (group === 'promoter') where.push('s.score >= 9');
  if (group === 'passive') where.push('s.score BETWEEN 7 AND 8');
  if (group === 'detractor') where.push('s.score <= 6');
  const result = paged(
    db,
    `survey_scores s JOIN accounts a ON a.id = s.account_id
     LEFT JOIN health_scores h ON h.account_id = a.id`,
    { sql: where.join(' AND '), params: live.params },
    [period.from, period.to],
    `${ACCOUNT_ROW_COLUMNS}, s.doc_id AS response_id, s.respondent, s.score AS nps_score,
     s.date AS responded_on`,
    orderBy(NPS_ORDER, page.sort, page.order, 's.date DESC, a.name, s.doc_id'),
    page,
  );
  return {
    total: result.total,
    rows: result.rows.map((r) => ({
      ...toAccountRow(r),
      responseId: r.response_id as string,
      respondent: (r.respondent as string | null) ?? null,
      npsScore: r.nps_score as number,
      respondedOn: r.responded_on as string,
      group: npsGroup(r.nps_score as number),
    })),
  };
}

/** Churned accounts matching the filters: the ones the portfolio's account count leaves out. */
export function churnedInScope(db: Database, scope: AccountScope): number {
  const all = accountConditions({ ...scope, includeChurned: true }, 'a.');
  const [{ n }] = prepared(
    db,
    `SELECT COUNT(*) AS n FROM accounts a WHERE a.stage = 'churned' AND ${all.sql}`,
  ).all(...bindings(all)) as { n: number }[];
  return n;
}

/** Active contracts ending in each month from `fromDay` to `toDay`: accounts and their ARR. */
export function renewalsByMonth(
  db: Database,
  scope: AccountScope,
  fromDay: string,
  toDay: string,
): Map<string, { accounts: number; value: number }> {
  const live = accountConditions(scope, 'a.');
  const rows = prepared(
    db,
    `SELECT substr(c.end_date, 1, 7) AS month, COUNT(DISTINCT c.account_id) AS n,
            TOTAL(c.arr) AS value
     FROM contract_terms c JOIN accounts a ON a.id = c.account_id
     WHERE ${activeContractSql('c.status')} AND c.end_date BETWEEN ? AND ? AND ${live.sql}
     GROUP BY 1`,
  ).all(...bindings(live, [fromDay, toDay])) as Row[];
  return new Map(
    rows.map((r) => [
      r.month as string,
      { accounts: r.n as number, value: Math.round((r.value as number) * 100) / 100 },
    ]),
  );
}

/**
 * The renewal cohort's SQL, for its figure here and its rows (main/health/portfolio.ts): `ending`
 * is each account whose contracts ended between the two bound days (of those `endingScope` keeps),
 * with their ARR `before`; `after` is the ARR of the contracts that start later and are not
 * terminated. `select` and `rest` read from `ending e`.
 */
export function renewalCohortSql(select: string, rest: string, endingScope?: string): string {
  const scope = endingScope ? ` AND ${endingScope}` : '';
  return `WITH ending AS (
       SELECT account_id, SUM(arr) AS before, MAX(start_date) AS last_start FROM contract_terms
       WHERE end_date BETWEEN ? AND ?${scope} GROUP BY account_id)
     SELECT ${select},
       COALESCE((SELECT SUM(s.arr) FROM contract_terms s
                 WHERE s.account_id = e.account_id AND s.start_date > e.last_start
                   AND s.status <> 'terminated'), 0) AS after
     FROM ending e ${rest}`;
}

/**
 * The renewal cohort of `from`..`to`: accounts whose contracts ended then, whether each renewed
 * (a later-starting contract follows and it has not churned) and its ARR before and after.
 * The same rule as the portfolio's cohort figure and its drill-down.
 */
export function cohortOutcome(
  db: Database,
  scope: AccountScope,
  from: string,
  to: string,
): { atStart: number; stillThere: number; arrBefore: number; arrAfter: number } {
  const all = accountConditions({ ...scope, includeChurned: true }, 'a.');
  const rows = prepared(
    db,
    renewalCohortSql(
      'e.before, a.stage',
      `JOIN accounts a ON a.id = e.account_id WHERE ${all.sql}`,
    ),
  ).all(...bindings(all, [from, to])) as Row[];
  const out = { atStart: 0, stillThere: 0, arrBefore: 0, arrAfter: 0 };
  for (const r of rows) {
    out.atStart++;
    out.arrBefore += r.before as number;
    if (r.stage !== 'churned' && (r.after as number) > 0) {
      out.stillThere++;
      out.arrAfter += r.after as number;
    }
  }
  return out;
}

/** NPS answers of customers in scope between two days, by group. */
export function npsCounts(
  db: Database,
  scope: AccountScope,
  from: string,
  to: string,
): { responses: number; promoters: number; passives: number; detractors: number } {
  const live = accountConditions(scope, 'a.');
  const [r] = prepared(
    db,
    `SELECT COUNT(*) AS responses, TOTAL(s.score >= 9) AS promoters,
            TOTAL(s.score BETWEEN 7 AND 8) AS passives, TOTAL(s.score <= 6) AS detractors
     FROM survey_scores s JOIN accounts a ON a.id = s.account_id
     WHERE s.kind = 'nps' AND s.date BETWEEN ? AND ? AND ${live.sql}`,
  ).all(...bindings(live, [from, to])) as Row[];
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    responses: num(r.responses),
    promoters: num(r.promoters),
    passives: num(r.passives),
    detractors: num(r.detractors),
  };
}
