// The rows behind each portfolio figure (per account, or per item), read from the projection
// with SQL. The figures themselves are aggregated separately (portfolioSummary.ts), so the tests
// can hold each figure equal to the sum of its rows.
import type { Database } from 'better-sqlite3';
import type {
  AccountRow,
  CohortRow,
  CoverageRow,
  NpsRow,
  OpportunityRow,
  OverdueRow,
  PortfolioFilters,
  RenewalRow,
  RiskRow,
} from '../../shared/api/health';
import { addDays, daysBetween } from '../../shared/time/days';
import { npsGroup } from '../../shared/domain/health/formulas';
import { profileFor, type HealthModel } from '../../shared/domain/health/model';
import { overdueIssueSql } from '../../shared/rules/issues';
import { activeContractSql } from '../../shared/rules/renewal';
import { actionItemSql, overdueTaskSql } from '../../shared/rules/tasks';
import { parsePeriod, yearOf, type Period } from '../../shared/rules/period';
import type { BackendContext } from '../api/context';
import { loadModel } from './modelStore';
import {
  ACCOUNT_ROW_COLUMNS,
  renewalCohortSql,
  toAccountRow,
} from '../projection/queries/portfolio';
import { bindings, prepared, scopeCondition, type AccountScope } from '../projection/queries/scope';

export const RENEWAL_WINDOWS = [30, 60, 90] as const;

export type Row = Record<string, unknown>;
export const NO_CSM = '(none)';
export const BANDS = ['red', 'yellow', 'green', 'unscored'];

export interface Frame {
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

export function scopeOf(f: PortfolioFilters, includeChurned = false): AccountScope {
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
    `SELECT ${ACCOUNT_ROW_COLUMNS}
     FROM accounts a LEFT JOIN health_scores h ON h.account_id = a.id
     WHERE ${s.sql} ORDER BY a.tier_rank, a.name`,
  ).all(...bindings(s)) as Row[];
  const out = new Map<string, AccountRow>();
  for (const r of rows) out.set(r.id as string, toAccountRow(r));
  return out;
}

/** What every figure reads; `scope` replaces the filters' accounts (e.g. one account). */
export function openFrame(
  ctx: BackendContext,
  filters: PortfolioFilters,
  scope: AccountScope = scopeOf(filters),
): Frame {
  const today = ctx.clock.today();
  const period = filters.period ? parsePeriod(filters.period) : yearOf(today);
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

export const round2 = (n: number) => Math.round(n * 100) / 100;

// ---- rows per figure ---------------------------------------------------------------------

export function renewalRows(f: Frame, days: number): RenewalRow[] {
  return renewalRowsBetween(f, f.today, addDays(f.today, days));
}

/** Accounts with active contracts ending between two days, and those contracts' ARR. */
export function renewalRowsBetween(f: Frame, from: string, until: string): RenewalRow[] {
  return all(
    f,
    (inScope) => `SELECT account_id, SUM(arr) AS value, MIN(end_date) AS end_date
      FROM contract_terms WHERE ${activeContractSql()} AND end_date BETWEEN ? AND ? AND ${inScope}
      GROUP BY account_id ORDER BY end_date, account_id`,
    [from, until],
  ).flatMap((r) => {
    const account = f.accounts.get(r.account_id as string);
    if (!account) return [];
    const endDate = r.end_date as string;
    return [
      {
        ...account,
        value: round2(r.value as number),
        endDate,
        daysLeft: daysBetween(f.today, endDate),
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
      WHERE ${overdueTaskSql('?')} AND ${actionItemSql()} AND ${inScope} GROUP BY account_id`,
    [f.today],
  ))
    bump(r.account_id as string, 'actionItems', r.n as number);
  for (const r of all(
    f,
    (inScope) => `SELECT account_id, COUNT(*) AS n FROM docs
      WHERE type = 'issue' AND ${overdueIssueSql('?')} AND ${inScope}
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
    (inScope) => renewalCohortSql('e.account_id, e.before', 'ORDER BY e.account_id', inScope),
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

export const csmOf = (r: AccountRow) => r.ownerCsm ?? NO_CSM;
