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
} from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import { loadModel } from './modelStore';
import { bindings, prepared, scopeSql, type AccountScope } from './scope';

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
  accounts: Map<string, AccountRow>;
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
  const s = scopeSql(scope);
  const rows = prepared(
    db,
    `SELECT a.id, a.name, a.tier, a.owner_csm, a.region, a.industry, a.arr, a.renewal_date,
            h.band, h.score
     FROM accounts a LEFT JOIN health_scores h ON h.account_id = a.id
     WHERE a.id IN (${s.sql}) ORDER BY a.tier_rank, a.name, a.id`,
  ).all(...bindings(s)) as Row[];
  const out = new Map<string, AccountRow>();
  for (const r of rows) {
    out.set(r.id as string, {
      accountId: r.id as string,
      name: r.name as string,
      tier: r.tier as string,
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
  return {
    db,
    today,
    period,
    model: loadModel(ctx).model,
    scope,
    accounts: accountRows(db, scope),
  };
}

function all(f: Frame, sql: (inScope: string) => string, extra: unknown[] = [], scope = f.scope) {
  const s = scopeSql(scope);
  return prepared(f.db, sql(`account_id IN (${s.sql})`)).all(...bindings(s, extra)) as Row[];
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
  const withChurned = accountRows(f.db, scope);
  return all(
    f,
    (inScope) => `WITH ending AS (
        SELECT account_id, SUM(arr) AS before, MAX(start_date) AS last_start FROM contract_terms
        WHERE end_date BETWEEN ? AND ? AND ${inScope} GROUP BY account_id)
      SELECT e.account_id, e.before, a.stage,
        COALESCE((SELECT SUM(s.arr) FROM contract_terms s
                  WHERE s.account_id = e.account_id AND s.start_date > e.last_start
                    AND s.status <> 'terminated'), 0) AS after
      FROM ending e JOIN accounts a ON a.id = e.account_id ORDER BY e.account_id`,
    [f.period.from, to],
    scope,
  ).flatMap((r) => {
    const account = withChurned.get(r.account_id as string);
    if (!account) return [];
    const churned = r.stage === 'churned';
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

export function buildPortfolio(ctx: BackendContext, filters: PortfolioFilters): Portfolio {
  const f = openFrame(ctx, filters);
  const accounts = [...f.accounts.values()];

  const tierBand = new Map<string, { tier: string; band: string; accounts: number; arr: number }>();
  for (const a of accounts) {
    const k = `${a.tier}:${a.band}`;
    const cell = tierBand.get(k) ?? { tier: a.tier, band: a.band, accounts: 0, arr: 0 };
    cell.accounts++;
    cell.arr = round2(cell.arr + a.arr);
    tierBand.set(k, cell);
  }

  const risks = riskRows(f);
  const overdue = new Map<string, Portfolio['overdue'][number]>();
  for (const r of overdueRows(f)) {
    const csm = csmOf(r);
    const c = overdue.get(csm) ?? { csm, accounts: 0, actionItems: 0, issues: 0 };
    c.accounts++;
    c.actionItems += r.actionItems;
    c.issues += r.issues;
    overdue.set(csm, c);
  }
  const coverage = new Map<string, Portfolio['coverage'][number]>();
  for (const r of coverageRows(f)) {
    const csm = csmOf(r);
    const c = coverage.get(csm) ?? { csm, accounts: 0, covered: 0, rate: null };
    c.accounts++;
    if (r.covered) c.covered++;
    coverage.set(csm, c);
  }
  for (const c of coverage.values()) c.rate = c.accounts ? c.covered / c.accounts : null;

  const opportunities = opportunityRows(f);
  const byStage = new Map<string, { stage: string; count: number; value: number }>();
  for (const o of opportunities) {
    const s = byStage.get(o.stage) ?? { stage: o.stage, count: 0, value: 0 };
    s.count++;
    s.value = round2(s.value + o.value);
    byStage.set(o.stage, s);
  }

  const cohort = cohortRows(f);
  const stillThere = cohort.filter((c) => c.renewed).length;
  const arrBefore = round2(cohort.reduce((s, c) => s + c.arrBefore, 0));
  const arrAfter = round2(cohort.reduce((s, c) => s + c.arrAfter, 0));
  const outcome = { atStart: cohort.length, stillThere };

  const nps = npsRows(f);
  const sum = (k: 'responses' | 'promoters' | 'passives' | 'detractors') =>
    nps.reduce((s, r) => s + r[k], 0);

  return {
    today: f.today,
    period: f.period,
    filters,
    accounts: accounts.length,
    tierBand: [...tierBand.values()].sort(
      (x, y) =>
        ['strategic', 'ordinary', 'micro'].indexOf(x.tier) -
          ['strategic', 'ordinary', 'micro'].indexOf(y.tier) ||
        BANDS.indexOf(x.band) - BANDS.indexOf(y.band),
    ),
    renewals: RENEWAL_WINDOWS.map((days) => {
      const rows = renewalRows(f, days);
      return {
        days,
        accounts: rows.length,
        value: round2(rows.reduce((s, r) => s + r.value, 0)),
      };
    }),
    atRisk: {
      accounts: risks.length,
      openActions: risks.reduce((s, r) => s + r.openActions, 0),
      overdueActions: risks.reduce((s, r) => s + r.overdueActions, 0),
    },
    overdue: [...overdue.values()].sort((x, y) => x.csm.localeCompare(y.csm)),
    coverage: [...coverage.values()].sort((x, y) => x.csm.localeCompare(y.csm)),
    opportunities: {
      open: opportunities.length,
      value: round2(opportunities.reduce((s, o) => s + o.value, 0)),
      byStage: [...byStage.values()],
    },
    team: {
      arr: round2(accounts.reduce((s, a) => s + a.arr, 0)),
      cohort: {
        ...outcome,
        churned: outcome.atStart - outcome.stillThere,
        renewalRateByCount: renewalRateByCount(outcome),
        churnRate: churnRate(outcome),
        arrBefore,
        arrAfter,
        renewalRateByAmount: renewalRateByAmount(arrBefore, arrAfter),
      },
      nps: {
        responses: sum('responses'),
        promoters: sum('promoters'),
        passives: sum('passives'),
        detractors: sum('detractors'),
        score: npsFromCounts(sum('promoters'), sum('passives'), sum('detractors')),
      },
    },
  };
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
    case 'renewals':
      return renewalRows(f, Number(key ?? 90));
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
  }
}
