// The team's health trend, drawn from every account's score history.
import type { Backend } from '../../../main/backend';
import type { TrendRow } from '../../../shared/api/health';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { addUsage, greenAccount, makeAccount, redAccount } from './seed';

let dir: string;
let backend: Backend;
let now = new Date('2026-10-31T08:00:00.000Z');

beforeAll(async () => {
  dir = tempDir('trend');
  backend = await openBackend(dir, { now: () => now });
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

describe('health trend', () => {
  it('counts each band per month end from the histories, and drills to the accounts', async () => {
    const green = await greenAccount(backend);
    await redAccount(backend);
    const october = await backend.call('health.recompute', {});

    // November: the green account's activation collapses, and a new account arrives.
    now = new Date('2026-11-23T08:00:00.000Z');
    await addUsage(backend, green, '2026-11-22', 100, 5, 5);
    const late = await makeAccount(backend, { name: '十一月新客户', tier: 'micro' });
    const november = await backend.call('health.recompute', {});
    expect(november.bands).not.toEqual(october.bands);

    const trend = await backend.call('portfolio.trend', { filters: { period: '2026-Q4' } });
    expect(trend.map((p) => p.date)).toEqual(['2026-10-31', '2026-11-23']);
    const bands = (p: (typeof trend)[number]) => ({ red: p.red, yellow: p.yellow, green: p.green });
    expect(bands(trend[0])).toEqual(october.bands);
    expect(bands(trend[1])).toEqual(november.bands);
    expect(trend[0].scored).toBe(2);
    expect(trend[1].scored).toBe(3);

    for (const point of trend)
      for (const band of ['red', 'yellow', 'green'] as const) {
        const drill = await backend.call('portfolio.drill', {
          figure: 'trend',
          key: `${point.date}:${band}`,
          filters: { period: '2026-Q4' },
        });
        expect(drill.total).toBe(point[band]);
        expect((drill.rows as TrendRow[]).every((r) => r.bandOn === band)).toBe(true);
      }
    const octoberRows = await backend.call('portfolio.drill', {
      figure: 'trend',
      key: '2026-10-31',
    });
    expect(octoberRows.rows.map((r) => r.accountId)).not.toContain(late);
  });

  it('a year lists its month ends up to today; a CSM filter narrows it', async () => {
    const year = await backend.call('portfolio.trend', { filters: { period: '2026' } });
    expect(year.map((p) => p.date)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-23',
    ]);
    expect(year[0]).toEqual({
      date: '2026-01-31',
      red: 0,
      yellow: 0,
      green: 0,
      scored: 0,
      averageScore: null,
    });
    const nobody = await backend.call('portfolio.trend', { filters: { ownerCsm: 'nobody' } });
    expect(nobody.every((p) => p.scored === 0)).toBe(true);
  });
});
