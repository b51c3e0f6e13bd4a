// The manager's portfolio: every figure is computed from rows per account (or per item), so
// each figure drills down to exactly the rows behind it. SQL over the projection's tables.
import type { Database } from 'better-sqlite3';
import { addDays, isoDay } from '../../shared/domain/health/dates';
import {
  churnRate,
  npsFromCounts,
  npsGroup,
  renewalRateByAmount,
  renewalRateByCount,
} from '../../shared/domain/health/formulas';
import { profileFor, type HealthModel } from '../../shared/domain/health/model';
import { parsePeriod, type Period } from '../../shared/domain/health/period';
import type {
  AccountRow,
  CohortRow,
  CoverageRow,
  NpsRow,
  OpportunityRow,
  OverdueRow,
  Portfolio,
  PortfolioFigure,
  PortfolioFilters,
  RenewalRow,
  RiskRow,
  TrendPoint,
  TrendRow,
} from '../../shared/api/health';
import type { HealthBand } from '../../shared/domain/health/model';
import { apiError } from '../../shared/api/errors';
import type { BackendContext } from '../api/context';
import { loadModel } from './modelStore';
import {
  accountConditions,
  bindings,
  prepared,
  scopeCondition,
  type AccountScope,
  type ScopeSql,
} from './scope';

export const RENEWAL_WINDOWS = [30, 60, 90] as const;

type Row = Record<string, unknown>;
const NO_CSM = '(none)';
const BANDS = ['red', 'yellow', 'green', 'unscored'];

interface Frame {
  db: Database;
  today: string;
  period: Period;
  model: HealthModel;
  scope: AccountScope;
  /** The accounts in scope that are still customers. */
  accounts: Map<string, AccountRow>;
  /** The same with churned ones, for the renewal cohort. */
  withChurned: Map<string, AccountRow>;
}

function scopeOf(f: PortfolioFilters, includeChurned = false): AccountScope {
  return {
    ownerCsm: f.ownerCsm,
    tier: f.tier,
    region: f.region,
    industry: f.industry,
    includeChurned,
  };
}

function accountRows(db: Database, scope: AccountScope): Map<string, AccountRow> {
  const s = scopeCondition(scope, 'a.id');
  const rows = prepared(
    db,
    `SELECT a.id, a.name, a.tier, a.stage, a.owner_csm, a.region, a.industry, a.arr,
            a.renewal_date, h.band, h.score
     FROM accounts a LEFT JOIN health_scores h ON h.account_id = a.id
     WHERE ${s.sql} ORDER BY a.tier_rank, a.name`,
  ).all(...bindings(s)) as Row[];
  const out = new Map<string, AccountRow>();
  for (const r of rows) {
    out.set(r.id as string, {
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
    });
  }
  return out;
}

/** What every figure reads; `scope` replaces the filters' accounts (e.g. one account). */
export function openFrame(
  ctx: BackendContext,
  filters: PortfolioFilters,
  scope: AccountScope = scopeOf(filters),
): Frame {
  const today = isoDay(ctx.now());
  const period = parsePeriod(filters.period ?? today.slice(0, 4))!;
  const db = ctx.store.projection.db;
  const withChurned = accountRows(db, { ...scope, includeChurned: true });
  const accounts = scope.includeChurned
    ? withChurned
    : new Map([...withChurned].filter(([, a]) => a.stage !== 'churned'));
  return { db, today, period, model: loadModel(ctx).model, scope, accounts, withChurned };
}

function all(f: Frame, sql: (inScope: string) => string, extra: unknown[] = [], scope = f.scope) {
  const s = scopeCondition(scope);
  return prepared(f.db, sql(s.sql)).all(...bindings(s, extra)) as Row[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ---- rows per figure ---------------------------------------------------------------------

export function renewalRows(f: Frame, days: number): RenewalRow[] {
  const until = addDays(f.today, days);
  return all(
    f,
    (inScope) => `SELECT account_id, SUM(arr) AS value, MIN(end_date) AS end_date
      FROM contract_terms WHERE status = 'active' AND end_date BETWEEN ? AND ? AND ${inScope}
      GROUP BY account_id ORDER BY end_date, account_id`,
    [f.today, until],
  ).flatMap((r) => {
    const account = f.accounts.get(r.account_id as string);
    if (!account) return [];
    const endDate = r.end_date as string;
    return [
      {
        ...account,
        value: round2(r.value as number),
        endDate,
        daysLeft: Math.round((Date.parse(endDate) - Date.parse(f.today)) / 86_400_000),
      },
    ];
  });
}

export function riskRows(f: Frame): RiskRow[] {
  const rows = all(
    f,
    (inScope) => `SELECT id, account_id, json FROM docs
      WHERE type = 'riskCase' AND status = 'open' AND ${inScope} ORDER BY priority, id`,
  );
  const byAccount = new Map<string, RiskRow>();
  for (const r of rows) {
    const account = f.accounts.get(r.account_id as string);
    if (!account) continue;
    const d = JSON.parse(r.json as string) as Row;
    const actions = ((d.actionPlan as Row[] | undefined) ?? []).map((a) => ({
      task: a.task as string,
      owner: a.owner as string,
      dueDate: a.dueDate as string,
      done: Boolean(a.done),
    }));
    let row = byAccount.get(account.accountId);
    if (!row) {
      row = { ...account, level: d.level as string, cases: [], openActions: 0, overdueActions: 0 };
      byAccount.set(account.accountId, row);
    }
    row.cases.push({
      id: r.id as string,
      level: d.level as string,
      cause: d.cause as string,
      ...(d.countermeasures ? { countermeasures: d.countermeasures as string } : {}),
      openedOn: d.openedOn as string,
      actions,
    });
    for (const a of actions) {
      if (a.done) continue;
      row.openActions++;
      if (a.dueDate < f.today) row.overdueActions++;
    }
  }
  return [...byAccount.values()];
}

export function overdueRows(f: Frame): OverdueRow[] {
  const counts = new Map<string, { actionItems: number; issues: number }>();
  const bump = (id: string, field: 'actionItems' | 'issues', n: number) => {
    const c = counts.get(id) ?? { actionItems: 0, issues: 0 };
    c[field] += n;
    counts.set(id, c);
  };
  for (const r of all(
    f,
    (inScope) => `SELECT account_id, COUNT(*) AS n FROM action_items
      WHERE done = 0 AND due_date < ? AND ${inScope} GROUP BY account_id`,
    [f.today],
  ))
    bump(r.account_id as string, 'actionItems', r.n as number);
  for (const r of all(
    f,
    (inScope) => `SELECT account_id, COUNT(*) AS n FROM docs
      WHERE type = 'issue' AND status NOT IN ('fixed', 'closed') AND due_date < ? AND ${inScope}
      GROUP BY account_id`,
    [f.today],
  ))
    bump(r.account_id as string, 'issues', r.n as number);
  const out: OverdueRow[] = [];
  for (const account of f.accounts.values()) {
    const c = counts.get(account.accountId);
    if (c) out.push({ ...account, ...c });
  }
  return out;
}

/**
 * Visit coverage: an account is covered when its last visit (remote or on site) lies within its
 * tier's cadence; micro accounts are served remotely, so their calls and chats count too.
 */
export function coverageRows(f: Frame): CoverageRow[] {
  const last = new Map<string, string>();
  const note = (rows: Row[]) => {
    for (const r of rows) {
      const id = r.account_id as string;
      const d = r.last as string | null;
      if (d && d > (last.get(id) ?? '')) last.set(id, d);
    }
  };
  note(
    all(
      f,
      (inScope) => `SELECT account_id, MAX(date) AS last FROM docs
        WHERE type = 'visit' AND status = 'done' AND date <= ? AND ${inScope} GROUP BY account_id`,
      [f.today],
    ),
  );
  note(
    all(
      f,
      (inScope) => `SELECT account_id, MAX(date) AS last FROM docs
        WHERE type = 'touchpoint' AND date <= ? AND ${inScope}
          AND account_id IN (SELECT id FROM accounts WHERE tier = 'micro')
        GROUP BY account_id`,
      [f.today],
    ),
  );
  return [...f.accounts.values()].map((account) => {
    const cadenceDays = profileFor(f.model, account.tier).cadenceDays;
    const lastContactOn = last.get(account.accountId) ?? null;
    return {
      ...account,
      lastContactOn,
      cadenceDays,
      covered: lastContactOn !== null && lastContactOn >= addDays(f.today, -cadenceDays),
    };
  });
}

export function opportunityRows(f: Frame): OpportunityRow[] {
  return all(
    f,
    (
      inScope,
    ) => `SELECT id, account_id, title, status, amount, date, json_extract(json, '$.kind') AS kind
      FROM docs
      WHERE type = 'opportunity' AND status NOT IN ('won', 'lost') AND ${inScope}
      ORDER BY date, id`,
  ).flatMap((r) => {
    const account = f.accounts.get(r.account_id as string);
    if (!account) return [];
    return [
      {
        ...account,
        opportunityId: r.id as string,
        title: r.title as string,
        kind: r.kind as string,
        stage: r.status as string,
        value: (r.amount as number | null) ?? 0,
        expectedCloseOn: (r.date as string | null) ?? null,
      },
    ];
  });
}

/**
 * The renewal cohort of the period: accounts whose contracts ended in it (up to today). An
 * account renewed when a later-starting contract follows and it has not churned; its ARR after
 * is that of the successors (upsell lifts it, so the amount rate may pass 100%).
 */
export function cohortRows(f: Frame): CohortRow[] {
  const to = f.period.to < f.today ? f.period.to : f.today;
  const scope = { ...f.scope, includeChurned: true };
  return all(
    f,
    (inScope) => `WITH ending AS (
        SELECT account_id, SUM(arr) AS before, MAX(start_date) AS last_start FROM contract_terms
        WHERE end_date BETWEEN ? AND ? AND ${inScope} GROUP BY account_id)
      SELECT e.account_id, e.before,
        COALESCE((SELECT SUM(s.arr) FROM contract_terms s
                  WHERE s.account_id = e.account_id AND s.start_date > e.last_start
                    AND s.status <> 'terminated'), 0) AS after
      FROM ending e ORDER BY e.account_id`,
    [f.period.from, to],
    scope,
  ).flatMap((r) => {
    const account = f.withChurned.get(r.account_id as string);
    if (!account) return [];
    const churned = account.stage === 'churned';
    const renewed = !churned && (r.after as number) > 0;
    return [
      {
        ...account,
        arrBefore: round2(r.before as number),
        arrAfter: renewed ? round2(r.after as number) : 0,
        renewed,
        churned: !renewed,
      },
    ];
  });
}

export function npsRows(f: Frame): NpsRow[] {
  const byAccount = new Map<string, NpsRow>();
  for (const r of all(
    f,
    (inScope) => `SELECT account_id, score FROM survey_scores
      WHERE kind = 'nps' AND date BETWEEN ? AND ? AND ${inScope}`,
    [f.period.from, f.period.to],
  )) {
    const account = f.accounts.get(r.account_id as string);
    if (!account) continue;
    let row = byAccount.get(account.accountId);
    if (!row) {
      row = { ...account, responses: 0, promoters: 0, passives: 0, detractors: 0 };
      byAccount.set(account.accountId, row);
    }
    row.responses++;
    const group = npsGroup(r.score as number);
    if (group === 'promoter') row.promoters++;
    else if (group === 'passive') row.passives++;
    else row.detractors++;
  }
  return [...byAccount.values()];
}

// ---- the figures --------------------------------------------------------------------------

const csmOf = (r: AccountRow) => r.ownerCsm ?? NO_CSM;
const TIER_ORDER = ['strategic', 'ordinary', 'micro'];

/**
 * Every figure by SQL aggregation (few rows come back, nothing is parsed); the drill-down rows
 * are computed separately by the row functions above, and the tests hold the two equal.
 */
export function buildPortfolio(ctx: BackendContext, filters: PortfolioFilters): Portfolio {
  const today = isoDay(ctx.now());
  const period = parsePeriod(filters.period ?? today.slice(0, 4))!;
  const db = ctx.store.projection.db;
  const model = loadModel(ctx).model;
  const scope = scopeOf(filters);
  const live = accountConditions(scope, 'a.');
  // The same scope inside per-account subqueries, so one CSM's view aggregates only their rows
  // (same parameter names and values as `live`).
  const inner = scopeCondition(scope).sql;
  const cohortScope = accountConditions({ ...scope, includeChurned: true }, 'a.');
  const get = (sql: string, c: ScopeSql, positional: unknown[] = []) =>
    prepared(db, sql).all(...bindings(c, positional)) as Row[];
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);

  const tierBand = get(
    `SELECT a.tier, COALESCE(h.band, 'unscored') AS band, COUNT(*) AS n, TOTAL(a.arr) AS arr
     FROM accounts a LEFT JOIN health_scores h ON h.account_id = a.id
     WHERE ${live.sql} GROUP BY 1, 2`,
    live,
  )
    .map((r) => ({
      tier: r.tier as string,
      band: r.band as string,
      accounts: r.n as number,
      arr: round2(r.arr as number),
    }))
    .sort(
      (x, y) =>
        TIER_ORDER.indexOf(x.tier) - TIER_ORDER.indexOf(y.tier) ||
        BANDS.indexOf(x.band) - BANDS.indexOf(y.band),
    );

  const [renewal] = get(
    `SELECT ${RENEWAL_WINDOWS.map(
      (d) =>
        `COUNT(DISTINCT CASE WHEN c.end_date <= @until${d} THEN c.account_id END) AS n${d},
         TOTAL(CASE WHEN c.end_date <= @until${d} THEN c.arr END) AS v${d}`,
    ).join(', ')}
     FROM contract_terms c JOIN accounts a ON a.id = c.account_id
     WHERE c.status = 'active' AND c.end_date >= @today AND ${live.sql}`,
    {
      sql: '',
      params: {
        ...live.params,
        today,
        ...Object.fromEntries(RENEWAL_WINDOWS.map((d) => [`until${d}`, addDays(today, d)])),
      },
    },
  );

  const [risk] = get(
    `SELECT COUNT(DISTINCT d.account_id) AS accounts,
            TOTAL(i.done = 0) AS open, TOTAL(i.done = 0 AND i.due_date < ?) AS overdue
     FROM docs d JOIN accounts a ON a.id = d.account_id
       LEFT JOIN action_items i ON i.doc_id = d.id
     WHERE d.type = 'riskCase' AND d.status = 'open' AND ${live.sql}`,
    live,
    [today],
  );

  const overdue = get(
    `WITH ai AS (SELECT account_id, COUNT(*) AS n FROM action_items
                 WHERE done = 0 AND due_date < ? AND ${inner} GROUP BY account_id),
          iss AS (SELECT account_id, COUNT(*) AS n FROM docs
                  WHERE type = 'issue' AND status NOT IN ('fixed', 'closed') AND due_date < ?
                    AND ${inner}
                  GROUP BY account_id)
     SELECT COALESCE(a.owner_csm, '${NO_CSM}') AS csm, COUNT(*) AS accounts,
            TOTAL(ai.n) AS actions, TOTAL(iss.n) AS issues
     FROM accounts a LEFT JOIN ai ON ai.account_id = a.id LEFT JOIN iss ON iss.account_id = a.id
     WHERE (ai.n IS NOT NULL OR iss.n IS NOT NULL) AND ${live.sql}
     GROUP BY 1 ORDER BY 1`,
    live,
    [today, today],
  ).map((r) => ({
    csm: r.csm as string,
    accounts: r.accounts as number,
    actionItems: r.actions as number,
    issues: r.issues as number,
  }));

  const cutoff = (tier: 'strategic' | 'ordinary' | 'micro') =>
    addDays(today, -model.profiles[tier].cadenceDays);
  const coverage = get(
    `WITH v AS (SELECT account_id, MAX(date) AS last FROM docs
                WHERE type = 'visit' AND status = 'done' AND date <= @today AND ${inner}
                GROUP BY account_id),
          t AS (SELECT account_id, MAX(date) AS last FROM docs
                WHERE type = 'touchpoint' AND date <= @today AND ${inner} GROUP BY account_id)
     SELECT COALESCE(a.owner_csm, '${NO_CSM}') AS csm, COUNT(*) AS accounts,
            TOTAL(MAX(COALESCE(v.last, ''), CASE WHEN a.tier = 'micro' THEN COALESCE(t.last, '') ELSE '' END)
                  >= CASE a.tier WHEN 'strategic' THEN @strategic WHEN 'micro' THEN @micro
                                 ELSE @ordinary END) AS covered
     FROM accounts a LEFT JOIN v ON v.account_id = a.id LEFT JOIN t ON t.account_id = a.id
     WHERE ${live.sql} GROUP BY 1 ORDER BY 1`,
    {
      sql: '',
      params: {
        ...live.params,
        today,
        strategic: cutoff('strategic'),
        ordinary: cutoff('ordinary'),
        micro: cutoff('micro'),
      },
    },
  ).map((r) => ({
    csm: r.csm as string,
    accounts: r.accounts as number,
    covered: r.covered as number,
    rate: (r.accounts as number) ? (r.covered as number) / (r.accounts as number) : null,
  }));

  const byStage = get(
    `SELECT d.status AS stage, COUNT(*) AS n, TOTAL(d.amount) AS value
     FROM docs d JOIN accounts a ON a.id = d.account_id
     WHERE d.type = 'opportunity' AND d.status NOT IN ('won', 'lost') AND ${live.sql}
     GROUP BY 1 ORDER BY 1`,
    live,
  ).map((r) => ({
    stage: r.stage as string,
    count: r.n as number,
    value: round2(r.value as number),
  }));

  const cohortTo = period.to < today ? period.to : today;
  const cohortRowsSql = get(
    `WITH ending AS (
       SELECT account_id, SUM(arr) AS before, MAX(start_date) AS last_start FROM contract_terms
       WHERE end_date BETWEEN ? AND ? GROUP BY account_id)
     SELECT e.before, a.stage,
       COALESCE((SELECT SUM(s.arr) FROM contract_terms s
                 WHERE s.account_id = e.account_id AND s.start_date > e.last_start
                   AND s.status <> 'terminated'), 0) AS after
     FROM ending e JOIN accounts a ON a.id = e.account_id WHERE ${cohortScope.sql}`,
    cohortScope,
    [period.from, cohortTo],
  );
  let atStart = 0;
  let stillThere = 0;
  let arrBefore = 0;
  let arrAfter = 0;
  for (const r of cohortRowsSql) {
    atStart++;
    arrBefore += r.before as number;
    if (r.stage !== 'churned' && (r.after as number) > 0) {
      stillThere++;
      arrAfter += r.after as number;
    }
  }
  const outcome = { atStart, stillThere };

  const [nps] = get(
    `SELECT COUNT(*) AS responses, TOTAL(s.score >= 9) AS promoters,
            TOTAL(s.score BETWEEN 7 AND 8) AS passives, TOTAL(s.score <= 6) AS detractors
     FROM survey_scores s JOIN accounts a ON a.id = s.account_id
     WHERE s.kind = 'nps' AND s.date BETWEEN ? AND ? AND ${live.sql}`,
    live,
    [period.from, period.to],
  );

  return {
    today,
    period,
    filters,
    accounts: tierBand.reduce((sum, c) => sum + c.accounts, 0),
    tierBand,
    renewals: RENEWAL_WINDOWS.map((days) => ({
      days,
      accounts: num(renewal[`n${days}`]),
      value: round2(num(renewal[`v${days}`])),
    })),
    atRisk: {
      accounts: num(risk.accounts),
      openActions: num(risk.open),
      overdueActions: num(risk.overdue),
    },
    overdue,
    coverage,
    opportunities: {
      open: byStage.reduce((sum, x) => sum + x.count, 0),
      value: round2(byStage.reduce((sum, x) => sum + x.value, 0)),
      byStage,
    },
    team: {
      arr: round2(tierBand.reduce((sum, c) => sum + c.arr, 0)),
      cohort: {
        ...outcome,
        churned: atStart - stillThere,
        renewalRateByCount: renewalRateByCount(outcome),
        churnRate: churnRate(outcome),
        arrBefore: round2(arrBefore),
        arrAfter: round2(arrAfter),
        renewalRateByAmount: renewalRateByAmount(arrBefore, arrAfter),
      },
      nps: {
        responses: num(nps.responses),
        promoters: num(nps.promoters),
        passives: num(nps.passives),
        detractors: num(nps.detractors),
        score: npsFromCounts(num(nps.promoters), num(nps.passives), num(nps.detractors)),
      },
    },
  };
}

/** Month ends of the period up to today, and today when it falls inside the period. */
export function trendDates(period: Period, today: string): string[] {
  const last = period.to < today ? period.to : today;
  const dates: string[] = [];
  let month = period.from.slice(0, 7);
  for (;;) {
    const end = addDays(`${nextMonth(month)}-01`, -1);
    if (end > last) break;
    dates.push(end);
    month = nextMonth(month);
  }
  if (period.from <= last && dates[dates.length - 1] !== last) dates.push(last);
  return dates;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Each account's latest history point on or before `date` (SQLite keeps the MAX row's columns). */
const BAND_ON = (where: string) => `SELECT h.account_id, h.band, h.score, MAX(h.date) AS date
  FROM health_history h JOIN accounts a ON a.id = h.account_id
  WHERE h.date <= ? AND ${where} GROUP BY h.account_id`;

export function healthTrend(ctx: BackendContext, filters: PortfolioFilters): TrendPoint[] {
  const today = isoDay(ctx.now());
  const period = parsePeriod(filters.period ?? today.slice(0, 4))!;
  const live = accountConditions(scopeOf(filters), 'a.');
  const statement = prepared(
    ctx.store.projection.db,
    `SELECT band, COUNT(*) AS n, TOTAL(score) AS total FROM (${BAND_ON(live.sql)}) GROUP BY band`,
  );
  return trendDates(period, today).map((date) => {
    const point: TrendPoint = { date, red: 0, yellow: 0, green: 0, scored: 0, averageScore: null };
    let total = 0;
    for (const r of statement.all(...bindings(live, [date])) as Row[]) {
      point[r.band as HealthBand] = r.n as number;
      point.scored += r.n as number;
      total += r.total as number;
    }
    point.averageScore = point.scored ? Math.round((total / point.scored) * 10) / 10 : null;
    return point;
  });
}

/** The accounts behind one trend point, with their band and score on that day. */
export function trendRows(f: Frame, date: string): TrendRow[] {
  const live = accountConditions(f.scope, 'a.');
  return (prepared(f.db, BAND_ON(live.sql)).all(...bindings(live, [date])) as Row[]).flatMap(
    (r) => {
      const account = f.accounts.get(r.account_id as string);
      return account
        ? [{ ...account, date, bandOn: r.band as HealthBand, scoreOn: r.score as number }]
        : [];
    },
  );
}

/** The rows behind one figure; `key` picks a cell (e.g. `strategic:red`, `90`, a CSM, a stage). */
export function drillRows(
  ctx: BackendContext,
  filters: PortfolioFilters,
  figure: PortfolioFigure,
  key?: string,
): AccountRow[] {
  const f = openFrame(ctx, filters);
  const byCsm = <T extends AccountRow>(rows: T[]) =>
    key ? rows.filter((r) => csmOf(r) === key) : rows;
  switch (figure) {
    case 'accounts':
      return [...f.accounts.values()];
    case 'arr':
      return [...f.accounts.values()].filter((a) => a.arr > 0);
    case 'tierBand': {
      const [tier, band] = (key ?? ':').split(':');
      return [...f.accounts.values()].filter(
        (a) => (!tier || a.tier === tier) && (!band || a.band === band),
      );
    }
    case 'renewals': {
      const days = Number(key ?? 90);
      if (!Number.isInteger(days) || days < 0 || days > 3650)
        throw apiError('VALIDATION', 'validation.invalid', 'renewals take a number of days', {}, [
          'key',
        ]);
      return renewalRows(f, days);
    }
    case 'atRisk':
      return riskRows(f);
    case 'overdue':
      return byCsm(overdueRows(f));
    case 'coverage':
      return byCsm(coverageRows(f));
    case 'opportunities':
      return opportunityRows(f).filter((o) => !key || o.stage === key);
    case 'cohort':
      return cohortRows(f).filter((c) => !key || (key === 'renewed' ? c.renewed : c.churned));
    case 'nps':
      return npsRows(f);
    case 'trend': {
      const [date, band] = (key ?? '').split(':');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw apiError('VALIDATION', 'validation.invalid', 'trend takes DATE[:BAND]', {}, ['key']);
      return trendRows(f, date).filter((r) => !band || r.bandOn === band);
    }
  }
}
