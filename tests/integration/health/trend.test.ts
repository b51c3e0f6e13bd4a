// The team's health trend, drawn from every account's score history.
import { movableClock, TODAY } from '../../helpers/clock';
import type { Backend } from '../../../main/backend';
import type { TrendRow } from '../../../shared/api/health';
import { addDays, addMonths, lastDayOfMonth } from '../../../shared/time/days';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { addUsage, greenAccount, makeAccount, redAccount } from './seed';

let dir: string;
let backend: Backend;
// Two days of one year: a month end, then a day in the next month (today, unless today is in
// January, when both move a month on so they stay in one year).
const monthStart = `${TODAY.slice(0, 7)}-01`;
const inJanuary = TODAY.slice(5, 7) === '01';
const monthEnd = addDays(inJanuary ? addMonths(monthStart, 1) : monthStart, -1);
const later = inJanuary ? addDays(monthEnd, 23) : TODAY;
const year = later.slice(0, 4);
const clock = movableClock(monthEnd);

/** The last day of each month of `year` before `day`'s month, then `day`. */
function monthEndsUpTo(day: string): string[] {
  const month = Number(day.slice(5, 7));
  const ends = Array.from(
    { length: month - 1 },
    (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-${lastDayOfMonth(Number(year), i + 1)}`,
  );
  return [...ends, day];
}

beforeAll(async () => {
  dir = tempDir('trend');
  backend = await openBackend(dir, { clock });
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

    // A month on: the green account's activation collapses, and a new account arrives.
    clock.set(later);
    await addUsage(backend, green, addDays(later, -1), 100, 5, 5);
    const late = await makeAccount(backend, { name: '十一月新客户', tier: 'micro' });
    const november = await backend.call('health.recompute', {});
    expect(november.bands).not.toEqual(october.bands);

    const wholeYear = await backend.call('portfolio.trend', { filters: { period: year } });
    const trend = wholeYear.slice(-2);
    expect(trend.map((p) => p.date)).toEqual([monthEnd, later]);
    expect(wholeYear.slice(0, -2).every((p) => p.scored === 0)).toBe(true);
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
          filters: { period: year },
        });
        expect(drill.total).toBe(point[band]);
        expect((drill.rows as TrendRow[]).every((r) => r.bandOn === band)).toBe(true);
      }
    const octoberRows = await backend.call('portfolio.drill', {
      figure: 'trend',
      key: monthEnd,
    });
    expect(octoberRows.rows.map((r) => r.accountId)).not.toContain(late);
  });

  it('a year lists its month ends up to today; a CSM filter narrows it', async () => {
    const points = await backend.call('portfolio.trend', { filters: { period: year } });
    expect(points.map((p) => p.date)).toEqual(monthEndsUpTo(later));
    // Before the first recompute nobody was scored (none such when the first is January's end).
    for (const point of points.filter((p) => p.date < monthEnd))
      expect(point).toEqual({
        date: point.date,
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
