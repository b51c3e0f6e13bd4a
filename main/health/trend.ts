// The team's health trend: accounts per band at each month end, from the score histories.
import type { PortfolioFilters, TrendPoint, TrendRow } from '../../shared/api/health';
import { addDays } from '../../shared/time/days';
import type { HealthBand } from '../../shared/domain/health/model';
import { parsePeriod, yearOf, type Period } from '../../shared/rules/period';
import type { BackendContext } from '../api/context';
import { scopeOf, type Frame, type Row } from './portfolio';
import { accountConditions, bindings, prepared } from '../projection/queries/scope';

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
  const today = ctx.clock.today();
  const period = filters.period ? parsePeriod(filters.period) : yearOf(today);
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
