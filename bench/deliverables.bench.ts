// Deliverables: time to build each document kind for one demo account, an annual review for a
// large account (2,000 issues, 100 visits, 36 months of usage), and a batch of 100 acceptance reports.
import { Backend } from '../main/backend';
import { generateBatch } from '../main/deliverables/batch';
import { DELIVERABLE_KINDS, generateFrom } from '../main/deliverables/generate';
import { loadSnapshot, type AccountSnapshot } from '../main/deliverables/snapshot';
import { loadDemo } from '../main/demo/load';
import { documentHealth } from '../main/health/documentHealth';
import type { EntityDoc } from '../shared/domain/entities';
import { clockFromEnv } from '../shared/time/clock';
import { addDays } from '../shared/time/days';
import { timeIt, timing, type BenchResult, type BenchSuite } from './harness';

const clock = clockFromEnv(process.env);
const TODAY = clock.today();

/** The demo account grown to the issue's size: 2,000 issues, 100 visits, 36 monthly readings. */
function largeAccount(s: AccountSnapshot): AccountSnapshot {
  const issues = Array.from({ length: 2000 }, (_, i) => {
    const base = s.issues[i % s.issues.length];
    const raisedOn = addDays(TODAY, -(i % 330));
    return { ...base, _id: `${base._id}x${i}`, raisedOn, dueDate: undefined } as EntityDoc<'issue'>;
  });
  const visits = Array.from({ length: 100 }, (_, i) => {
    const base = s.visits[i % s.visits.length];
    const date = addDays(TODAY, -(i * 3 + 1));
    return { ...base, _id: `${base._id}x${i}`, date } as EntityDoc<'visit'>;
  }).sort((a, b) => a.date.localeCompare(b.date));
  const seed = s.usage[0];
  const usage = Array.from({ length: 36 }, (_, m) => ({
    ...seed,
    _id: `${seed._id}x${m}`,
    date: addDays(TODAY, -(35 - m) * 30),
    activatedUsers: Math.min(seed.purchasedSeats, Math.round(seed.activatedUsers * (1 + m * 0.01))),
  })) as EntityDoc<'usageReading'>[];
  return { ...s, issues, visits, usage };
}

const suite: BenchSuite = async ({ workDir, log }) => {
  const backend = await Backend.open({ dataDir: workDir, user: 'bench', clock });
  const results: BenchResult[] = [];
  try {
    log('loading 100 demo accounts');
    await loadDemo(backend.ctx.store, 100, { seed: 7, today: TODAY, user: 'bench' });
    const q = backend.ctx.queries;
    const health = (id: string, asOf: string) => documentHealth(backend.ctx, id, asOf);
    const today = TODAY;
    const strategic = q.list({
      type: 'account',
      filters: { tier: 'strategic' },
      offset: 0,
      limit: 1,
    }).items[0];
    const snapshot = loadSnapshot(q, strategic._id, (id) => health(id, today));

    for (const kind of DELIVERABLE_KINDS) {
      const samples = kind === 'review' || kind === 'usage' ? 8 : 20;
      const times = await timeIt(
        () =>
          generateFrom(
            loadSnapshot(q, strategic._id, (id) => health(id, today)),
            // draft: the timing of building it, whatever the account lacks on the bench's day.
            // A review's year; the usage report's default months, the weekly report's week.
            {
              kind,
              accountId: strategic._id,
              lang: 'zh-CN',
              period: kind === 'review' ? '2026' : undefined,
              draft: true,
            },
            clock,
          ),
        samples,
        2,
      );
      results.push(
        timing(`deliverables.${kind}`, times, {
          note: 'one strategic demo account, zh-CN, read from the projection',
        }),
      );
      log(`${kind}: median ${results.at(-1)!.value} ms`);
    }

    const large = largeAccount(snapshot);
    const review = await timeIt(
      () =>
        generateFrom(
          large,
          { kind: 'review', accountId: strategic._id, lang: 'zh-CN', period: '2026', draft: true },
          clock,
        ),
      5,
      1,
    );
    results.push(
      timing('deliverables.annualReview.large', review, {
        note: 'docx (4 charts) + xlsx appendix; 2,000 issues, 100 visits, 36 months of usage',
        aim: '< 5000 ms',
      }),
    );
    log(`large annual review: median ${results.at(-1)!.value} ms`);

    const started = performance.now();
    const batch = await generateBatch(
      q,
      {
        kind: 'acceptance',
        lang: 'zh-CN',
        draft: true,
        filter: { accountIds: q.accountIds().slice(0, 100) },
      },
      clock,
      health,
    );
    const ms = performance.now() - started;
    if (batch.succeeded !== 100) throw new Error(`batch wrote ${batch.succeeded} of 100`);
    results.push({
      name: 'deliverables.batch100.acceptance',
      unit: 's',
      value: Math.round(ms / 10) / 100,
      note: `100 acceptance reports, ${Math.round(ms / 100)} ms each`,
      aim: '< 60 s',
    });
    log(`batch of 100: ${Math.round(ms)} ms`);
  } finally {
    await backend.close();
  }
  return results;
};

export default suite;
