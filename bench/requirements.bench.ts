// Issue 16's figures at the demo's size (5,000 accounts give 2,500 requirements and about 6,700
// asks): the requirements board's list (every requirement scored by the model on each read, then
// filtered, sorted and paged) against a plain SELECT of the same rows in the same run; the
// scoring of all requirements alone; one filtered board; a requirement's page; the similar
// search a CSM sees before raising one; and the Excel export of the whole library.
import type { BackendContext } from '../main/api/context';
import { listRequirements, scoreAllNow } from '../main/requirements/board';
import { requirementListSchema } from '../shared/api/requirements';
import { openDemoBackend, timeIt, timing, type BenchResult, type BenchSuite } from './harness';

const suite: BenchSuite = async (options) => {
  const { backend, docs } = await openDemoBackend(options);
  const results: BenchResult[] = [];
  const ctx = backend.ctx;
  try {
    const q = ctx.queries.requirements;
    const requirements = q.all().length;
    const asks = q.allAsks().length;
    const size = `${requirements} requirements, ${asks} asks, ${options.accounts} accounts (${docs} documents)`;

    // The baseline: the rows the board reads, as plain SELECTs, nothing computed.
    const selectTimes = await timeIt(() => [q.all(), q.allAsks()], options.scale ? 5 : 20, 3);
    const select = timing('requirements.selectRows', selectTimes, {
      note: `baseline: SELECT every requirement and every ask with its account and contact; ${size}`,
    });
    results.push(select);
    const base = { name: select.name, value: select.value };
    const vs = (value: number) => ({ ...base, ratio: Math.round((value / base.value) * 10) / 10 });

    // Scoring every requirement from the rows (the board's cache bypassed).
    const scoreTimes = await timeIt(() => scoreAllNow(ctx), options.scale ? 5 : 20, 3);
    const score = timing('requirements.scoreAll', scoreTimes, {
      aim: 'p95 < 300 ms',
      note: `every requirement scored by the model from the rows (${requirements}), no cache`,
    });
    score.baseline = vs(score.value);
    results.push(score);

    // The board after a write (the scores' cache is keyed by the context, so a fresh one is a
    // miss): read, score all, filter, sort, page.
    const input = requirementListSchema.parse({ sort: 'score', limit: 50 });
    const coldTimes = await timeIt(
      () => listRequirements(Object.create(ctx) as BackendContext, input),
      options.scale ? 5 : 20,
      3,
    );
    const cold = timing('requirements.board.cold', coldTimes, {
      aim: 'p95 < 300 ms',
      note: 'requirements.list after a write: every requirement scored again, first 50 by score',
    });
    cold.baseline = vs(cold.value);
    results.push(cold);

    const boardTimes = await timeIt(
      () => backend.call('requirements.list', { sort: 'score', limit: 50 }),
      options.scale ? 10 : 30,
      3,
    );
    const board = timing('requirements.board', boardTimes, {
      aim: 'p95 < 300 ms',
      note: 'requirements.list through the API, nothing changed since the last read (scores cached)',
    });
    board.baseline = vs(board.value);
    results.push(board);
    if (options.scale) return results;

    const csm = q.allAsks().find((a) => a.owner_csm)?.owner_csm ?? undefined;
    const filteredTimes = await timeIt(
      () =>
        backend.call('requirements.list', {
          tier: 'strategic',
          csm,
          status: ['underReview', 'planned', 'inDevelopment'],
          sort: 'arrAtStake',
          limit: 50,
        }),
      30,
      3,
    );
    const filtered = timing('requirements.board.filtered', filteredTimes, {
      aim: 'p95 < 300 ms',
      note: "strategic accounts of one CSM, in the product's plan, by ARR at stake",
    });
    filtered.baseline = vs(filtered.value);
    results.push(filtered);

    const top = (await backend.call('requirements.list', { limit: 1 })).items[0];
    const getTimes = await timeIt(() => backend.call('requirements.get', { id: top.id }), 30, 3);
    results.push(
      timing('requirements.get', getTimes, {
        aim: 'p95 < 100 ms',
        note: `the top requirement's page (${top.asks} asks)`,
      }),
    );

    const similarTimes = await timeIt(
      (i) =>
        backend.call('requirements.similar', {
          text: ['按部门导出月度报表', '审批流按金额分级', 'contract import', '移动端离线'][i % 4],
        }),
      30,
      3,
    );
    results.push(
      timing('requirements.similar', similarTimes, {
        aim: 'p95 < 100 ms',
        note: 'the similar requirements offered before raising one (full-text)',
      }),
    );

    const started = performance.now();
    const file = await backend.call('requirements.export', { locale: 'zh-CN' });
    results.push({
      name: 'requirements.export',
      unit: 'ms',
      value: Math.round(performance.now() - started),
      aim: '< 10000 ms',
      note: `the whole library as Excel (${Math.round((file.base64.length * 3) / 4 / 1024)} KiB)`,
    });
  } finally {
    await backend.close();
  }
  return results;
};

export default suite;
