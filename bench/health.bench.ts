// Issue 5's figures: a full health recompute of every demo account (first run writes every score,
// the second finds nothing changed), the portfolio with all its figures, one drill-down, the
// year's health trend, today's alerts for the whole team and for one CSM, and the Excel export.
import { openDemoBackend, timeIt, timing, type BenchResult, type BenchSuite } from './harness';

const suite: BenchSuite = async (options) => {
  const { backend, docs } = await openDemoBackend(options);
  const results: BenchResult[] = [];
  try {
    const first = await backend.call('health.recompute', {});
    results.push({
      name: 'health.recompute.full',
      unit: 'ms',
      value: first.ms,
      aim: '< 10000 ms',
      note: `${first.accounts} accounts, ${first.written} scores written (${docs} documents)`,
    });
    const second = await backend.call('health.recompute', {});
    results.push({
      name: 'health.recompute.unchanged',
      unit: 'ms',
      value: second.ms,
      note: `${second.unchanged} unchanged, ${second.written} written`,
    });

    const portfolioTimes = await timeIt(
      () => backend.call('portfolio.get', {}),
      options.scale ? 10 : 30,
      3,
    );
    results.push(timing('health.portfolio', portfolioTimes, { aim: 'p95 < 200 ms' }));
    if (options.scale) return results;

    const csm = (await backend.call('portfolio.get', {})).coverage[0].csm;
    const csmTimes = await timeIt(
      () =>
        backend.call('portfolio.get', {
          filters: { ownerCsm: csm, period: backend.ctx.clock.today().slice(0, 4) },
        }),
      30,
      3,
    );
    results.push(timing('health.portfolio.oneCsm', csmTimes, { aim: 'p95 < 200 ms' }));

    const drillTimes = await timeIt(
      () => backend.call('portfolio.drill', { figure: 'renewals', key: '90' }),
      30,
      3,
    );
    results.push(timing('health.portfolio.drillRenewals90', drillTimes));

    const trendTimes = await timeIt(() => backend.call('portfolio.trend', {}), 10, 2);
    results.push(timing('health.portfolio.trend', trendTimes));

    const alertTimes = await timeIt(() => backend.call('alerts.list', { limit: 100 }), 10, 2);
    results.push(timing('health.alerts.team', alertTimes));
    const mineTimes = await timeIt(
      () => backend.call('alerts.list', { ownerCsm: csm, limit: 100 }),
      20,
      2,
    );
    results.push(timing('health.alerts.oneCsm', mineTimes, { aim: 'p95 < 200 ms' }));

    const exportTimes = await timeIt(() => backend.call('portfolio.export', {}), 3, 1);
    results.push(timing('health.portfolio.xlsx', exportTimes));
  } finally {
    await backend.close();
  }
  return results;
};

export default suite;
