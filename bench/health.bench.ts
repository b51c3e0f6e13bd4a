// Issue 5's figures: a full health recompute of every demo account (first run writes every score,
// the second finds nothing changed), the portfolio with all its figures, one drill-down, the
// year's health trend, today's alerts for the whole team (against the old scan, same run) and for
// one CSM, Today for the whole team (against the old reads), the Excel export, and the model
// editor's preview of a draft (against a recompute with nothing to write).
import { compareAlerts } from '../shared/domain/health/alerts';
import { evaluateScope } from '../main/health/alertIndex';
import {
  openDemoBackend,
  percentile,
  timeIt,
  timing,
  type BenchResult,
  type BenchSuite,
} from './harness';

/** `base`'s median against the median of `sorted`: how many times faster. */
function baselineOf(base: BenchResult, sorted: number[]): BenchResult['baseline'] {
  const value = percentile(sorted, 50);
  return { name: base.name, value: base.value, ratio: Math.round((base.value / value) * 10) / 10 };
}

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

    // The model editor's preview: every account scored with the model in force and a draft
    // (nothing written), against the unchanged recompute (one scoring pass, no writes).
    const { model } = await backend.call('health.model.get', {});
    const draft = structuredClone(model);
    const weights = draft.profiles.ordinary.weights;
    weights.activation += weights.nps;
    weights.nps = 0;
    const unchanged = await timeIt(() => backend.call('health.recompute', {}), 3, 1);
    const unchangedResult = timing('health.recompute.unchangedRepeat', unchanged, {
      note: 'baseline: recompute with nothing to write (one scoring pass)',
    });
    results.push(unchangedResult);
    let moved = 0;
    const previewTimes = await timeIt(
      async () => {
        moved = (await backend.call('health.model.preview', { model: draft, limit: 50 })).total;
      },
      options.scale ? 3 : 10,
      1,
    );
    results.push(
      timing('health.model.preview', previewTimes, {
        aim: '< 2000 ms',
        baseline: baselineOf(unchangedResult, previewTimes),
        note: `every account scored twice (model in force, draft); ${moved} move band`,
      }),
    );

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

    // The paged drill-down the screen reads: one page of 50 of every account, sorted by ARR on
    // the backend, at pages spread over the list (the last one included).
    const { total } = await backend.call('portfolio.drill', { figure: 'accounts', limit: 1 });
    const pages = Math.max(1, Math.ceil(total / 50));
    let n = 0;
    const pagedTimes = await timeIt(
      () =>
        backend.call('portfolio.drill', {
          figure: 'accounts',
          sort: 'arr',
          order: 'desc',
          offset: ((n++ * 7) % pages) * 50,
          limit: 50,
        }),
      30,
      3,
    );
    results.push(
      timing('health.portfolio.drillPaged', pagedTimes, {
        aim: 'p95 < 100 ms',
        note: `pages of 50 of ${total} accounts, sorted by ARR`,
      }),
    );

    const trendTimes = await timeIt(() => backend.call('portfolio.trend', {}), 10, 2);
    results.push(timing('health.portfolio.trend', trendTimes));

    // The team's alerts the old way, in the same run: every account's rules evaluated in
    // JavaScript on each read, then sorted (what alerts.list did before the alert index).
    const scanTimes = await timeIt(
      () => evaluateScope(backend.ctx, {}).sort(compareAlerts).slice(0, 100),
      10,
      2,
    );
    const scan = timing('health.alerts.teamScan', scanTimes, {
      note: 'baseline: evaluate every account, sort, first 100 (no index)',
    });
    results.push(scan);
    // The first read after the load fills the index (every account evaluated once a day).
    const fill = performance.now();
    const filled = await backend.call('alerts.list', { limit: 100 });
    results.push({
      name: 'health.alerts.indexFill',
      unit: 'ms',
      value: Math.round(performance.now() - fill),
      note: `first read of the day: ${filled.total} alerts evaluated and stored`,
    });
    const alertTimes = await timeIt(() => backend.call('alerts.list', { limit: 100 }), 30, 3);
    results.push(
      timing('health.alerts.team', alertTimes, {
        aim: 'p95 < 200 ms',
        baseline: baselineOf(scan, alertTimes),
        note: `${filled.total} alerts, first 100, from the alert index`,
      }),
    );
    // An alert list right after a write: the changed account is evaluated again first.
    const account = (await backend.call('account.list', { limit: 1 })).items[0];
    const afterWrite = await timeIt(
      async (i) => {
        await backend.call('touchpoint.create', {
          accountId: account._id,
          data: { kind: 'call', date: backend.ctx.clock.today(), subject: `bench ${i}` },
        });
        const start = performance.now();
        await backend.call('alerts.list', { limit: 100 });
        return performance.now() - start;
      },
      10,
      1,
    );
    results.push(
      timing('health.alerts.teamAfterWrite', afterWrite, { note: 'includes the write' }),
    );

    // Today for the whole team: the old page read app.today and 50 alerts (evaluated by scan);
    // the cockpit reads the six groups' first pages.
    const oldToday = await timeIt(
      async () => {
        await backend.call('app.today', { scope: 'all' });
        evaluateScope(backend.ctx, {}).sort(compareAlerts).slice(0, 50);
      },
      10,
      2,
    );
    const oldTodayResult = timing('today.teamOld', oldToday, {
      note: 'baseline: app.today (50 per list) + the team alerts by scan',
    });
    results.push(oldTodayResult);
    const groups = ['visits', 'tasks', 'renewals', 'alerts', 'issues', 'changes'] as const;
    const teamToday = await timeIt(
      () =>
        Promise.all(
          groups.map((group) => backend.call('today.group', { group, scope: 'all', limit: 5 })),
        ),
      30,
      3,
    );
    results.push(
      timing('today.team', teamToday, {
        aim: '< 500 ms (in the page)',
        baseline: baselineOf(oldTodayResult, teamToday),
        note: 'the six groups of Today for the whole team, first page each, with counts',
      }),
    );
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
