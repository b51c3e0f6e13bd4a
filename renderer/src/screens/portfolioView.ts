// The portfolio's view in the address: its filters and the open drill-down (figure, key, sort,
// page), as `#/portfolio?tier=micro&figure=tierBand&key=micro:red&sort=arr&order=desc&page=3`.
// Back and Forward restore it; a link to it opens the same rows.
import {
  DRILL_SORTS,
  PORTFOLIO_FIGURES,
  type DrillSort,
  type PortfolioFigure,
  type SortOrder,
} from '../../../shared/api/health';

export interface PortfolioDrillView {
  figure: PortfolioFigure;
  key?: string;
  sort?: DrillSort;
  order: SortOrder;
  /** 1-based. */
  page: number;
}

export interface PortfolioView {
  csm: string[];
  tier: string[];
  region: string[];
  industry: string[];
  period: string;
  drill: PortfolioDrillView | null;
}

const LISTS = ['csm', 'tier', 'region', 'industry'] as const;

export function parseView(query: string | undefined): PortfolioView {
  const q = new URLSearchParams(query ?? '');
  const figure = q.get('figure');
  const sort = q.get('sort');
  const page = Number(q.get('page') ?? '1');
  return {
    csm: q.getAll('csm'),
    tier: q.getAll('tier'),
    region: q.getAll('region'),
    industry: q.getAll('industry'),
    period: q.get('period') ?? '',
    drill:
      figure && (PORTFOLIO_FIGURES as readonly string[]).includes(figure)
        ? {
            figure: figure as PortfolioFigure,
            ...(q.get('key') !== null ? { key: q.get('key')! } : {}),
            ...(sort && (DRILL_SORTS as readonly string[]).includes(sort)
              ? { sort: sort as DrillSort }
              : {}),
            order: q.get('order') === 'desc' ? 'desc' : 'asc',
            page: Number.isInteger(page) && page > 0 ? page : 1,
          }
        : null,
  };
}

export function viewQuery(view: PortfolioView): string {
  const q = new URLSearchParams();
  for (const list of LISTS) for (const v of view[list]) q.append(list, v);
  if (view.period) q.set('period', view.period);
  if (view.drill) {
    q.set('figure', view.drill.figure);
    if (view.drill.key !== undefined) q.set('key', view.drill.key);
    if (view.drill.sort) {
      q.set('sort', view.drill.sort);
      q.set('order', view.drill.order);
    }
    if (view.drill.page > 1) q.set('page', String(view.drill.page));
  }
  return q.toString();
}
