// The portfolio's figures, each by one SQL aggregation over the projection: few rows come back
// and nothing is parsed, so the whole view stays fast on thousands of accounts.
import type { Portfolio, PortfolioFilters, QuarterFigures } from '../../shared/api/health';
import { addDays, addMonths } from '../../shared/time/days';
import {
  churnRate,
  npsFromCounts,
  renewalRateByAmount,
  renewalRateByCount,
} from '../../shared/domain/health/formulas';
import { overdueIssueSql } from '../../shared/rules/issues';
import { activeContractSql } from '../../shared/rules/renewal';
import { actionItemSql, overdueTaskSql } from '../../shared/rules/tasks';
import { parsePeriod, quarterOf, yearOf } from '../../shared/rules/period';
import type { BackendContext } from '../api/context';
import { loadModel } from './modelStore';
import { BANDS, NO_CSM, RENEWAL_WINDOWS, round2, scopeOf, type Row } from './portfolio';
import {
  accountConditions,
  bindings,
  prepared,
  scopeCondition,
  type ScopeSql,
} from '../projection/queries/scope';
import {
  churnedInScope,
  cohortOutcome,
  npsCounts,
  renewalsByMonth,
} from '../projection/queries/portfolio';

/** Quarters in the renewal-rate and NRR trend, the current one included. */
const QUARTERS = 5;

const TIER_ORDER = ['strategic', 'ordinary', 'micro'];

/**
 * Every figure by SQL aggregation (few rows come back, nothing is parsed); the drill-down rows
 * are computed separately by the row functions above, and the tests hold the two equal.
 */
export function buildPortfolio(ctx: BackendContext, filters: PortfolioFilters): Portfolio {
  const today = ctx.clock.today();
  const period = filters.period ? parsePeriod(filters.period) : yearOf(today);
  const db = ctx.store.projection.db;
  const model = loadModel(ctx).model;
  const scope = scopeOf(filters);
  const live = accountConditions(scope, 'a.');
  // The same scope inside per-account subqueries, so one CSM's view aggregates only their rows
  // (same parameter names and values as `live`).
  const inner = scopeCondition(scope).sql;
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
     WHERE ${activeContractSql('c.status')} AND c.end_date >= @today AND ${live.sql}`,
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
                 WHERE ${overdueTaskSql('?')} AND ${actionItemSql()} AND ${inner}
                 GROUP BY account_id),
          iss AS (SELECT account_id, COUNT(*) AS n FROM docs
                  WHERE type = 'issue' AND ${overdueIssueSql('?')}
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
  const { atStart, stillThere, arrBefore, arrAfter } = cohortOutcome(
    db,
    scope,
    period.from,
    cohortTo,
  );
  const outcome = { atStart, stillThere };
  const nps = npsCounts(db, scope, period.from, period.to);

  const thisMonth = today.slice(0, 7);
  const monthEnds = renewalsByMonth(
    db,
    scope,
    today,
    addDays(addMonths(`${thisMonth}-01`, 12), -1),
  );
  const months = Array.from({ length: 12 }, (_, i) => addMonths(`${thisMonth}-01`, i).slice(0, 7));

  // The quarters of the trend end with the period's last one, or today's when that is later.
  const lastQuarter = quarterOf(period.to < today ? period.to : today);
  const quarters: QuarterFigures[] = [];
  for (let back = QUARTERS - 1; back >= 0; back--) {
    const q = quarterOf(addMonths(lastQuarter.from, -3 * back));
    const to = q.to < today ? q.to : today;
    const c = cohortOutcome(db, scope, q.from, to);
    const n = npsCounts(db, scope, q.from, to);
    quarters.push({
      label: q.label,
      from: q.from,
      to,
      atStart: c.atStart,
      stillThere: c.stillThere,
      renewalRateByCount: renewalRateByCount(c),
      arrBefore: round2(c.arrBefore),
      arrAfter: round2(c.arrAfter),
      netRevenueRetention: renewalRateByAmount(c.arrBefore, c.arrAfter),
      npsResponses: n.responses,
      npsScore: npsFromCounts(n.promoters, n.passives, n.detractors),
    });
  }

  return {
    today,
    period,
    filters,
    accounts: tierBand.reduce((sum, c) => sum + c.accounts, 0),
    churnedExcluded: churnedInScope(db, scope),
    renewalsByMonth: months.map((month) => ({
      month,
      ...(monthEnds.get(month) ?? { accounts: 0, value: 0 }),
    })),
    quarters,
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
        ...nps,
        score: npsFromCounts(nps.promoters, nps.passives, nps.detractors),
      },
    },
  };
}
