// Drill-down: the rows behind one portfolio figure, picked by figure and key.
import type { AccountRow, PortfolioFigure, PortfolioFilters } from '../../shared/api/health';
import { apiError } from '../../shared/api/errors';
import type { BackendContext } from '../api/context';
import {
  cohortRows,
  coverageRows,
  csmOf,
  npsRows,
  openFrame,
  opportunityRows,
  overdueRows,
  renewalRows,
  riskRows,
} from './portfolio';
import { trendRows } from './trend';

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
