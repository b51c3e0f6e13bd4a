// The portfolio's view in the address: filters and drill-down survive a round trip through the
// hash route, odd values are dropped rather than guessed, and other routes are unchanged.
import { hrefOf, parseRoute } from '../../../renderer/src/route';
import {
  parseView,
  viewQuery,
  type PortfolioView,
} from '../../../renderer/src/screens/portfolioView';

const view: PortfolioView = {
  csm: ['li.na', 'wang.fang'],
  tier: ['micro'],
  region: ['华东'],
  industry: [],
  period: '2026-Q3',
  drill: { figure: 'tierBand', key: 'micro:red', sort: 'arr', order: 'desc', page: 3 },
};

describe('the portfolio view in the address', () => {
  it('round-trips filters and the drill-down through the route', () => {
    const href = hrefOf({ screen: 'portfolio', view: viewQuery(view) });
    expect(href.startsWith('#/portfolio?')).toBe(true);
    const route = parseRoute(href);
    expect(route.screen).toBe('portfolio');
    expect(parseView(route.screen === 'portfolio' ? route.view : undefined)).toEqual(view);
  });

  it('drops an unknown figure or sort and a bad page, and keeps plain routes plain', () => {
    expect(parseView('figure=nope&csm=li.na').drill).toBeNull();
    expect(parseView('figure=nps&sort=DROP&page=-2').drill).toEqual({
      figure: 'nps',
      order: 'asc',
      page: 1,
    });
    expect(parseRoute('#/portfolio')).toEqual({ screen: 'portfolio' });
    expect(hrefOf({ screen: 'portfolio' })).toBe('#/portfolio');
    expect(parseRoute('#/account/a%2F1/issues')).toEqual({
      screen: 'account',
      id: 'a/1',
      tab: 'issues',
    });
    expect(viewQuery({ ...view, drill: null, csm: [], tier: [], region: [], period: '' })).toBe('');
  });
});
