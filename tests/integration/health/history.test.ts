// How a score's history grows: one point per day the score or band moved, in date order.
import { nextHistory } from '../../../main/health/recompute';

const p = (date: string, score: number, band: 'red' | 'yellow' | 'green' = 'yellow') => ({
  date,
  score,
  band,
});

describe('score history', () => {
  it('adds a point only when the score or band moved', () => {
    const h1 = nextHistory([], p('2026-11-01', 60), 400);
    expect(h1).toEqual([p('2026-11-01', 60)]);
    expect(nextHistory(h1, p('2026-11-02', 60), 400)).toBe(h1);
    expect(nextHistory(h1, p('2026-11-02', 61), 400)).toEqual([
      p('2026-11-01', 60),
      p('2026-11-02', 61),
    ]);
    expect(nextHistory(h1, p('2026-11-02', 60, 'green'), 400)).toHaveLength(2);
  });

  it('replaces the same day, keeps date order when the clock went back, and trims the oldest', () => {
    const h = [p('2026-11-01', 60), p('2026-11-05', 70)];
    expect(nextHistory(h, p('2026-11-05', 72), 400)).toEqual([
      p('2026-11-01', 60),
      p('2026-11-05', 72),
    ]);
    expect(nextHistory(h, p('2026-11-03', 65), 400).map((x) => x.date)).toEqual([
      '2026-11-01',
      '2026-11-03',
      '2026-11-05',
    ]);
    expect(nextHistory(h, p('2026-11-06', 10, 'red'), 2)).toEqual([
      p('2026-11-05', 70),
      p('2026-11-06', 10, 'red'),
    ]);
  });
});
