// How a score's history grows: one point per day the score or band moved, in date order.
import { dayFrom } from '../../helpers/clock';
import { nextHistory } from '../../../main/health/recompute';

const p = (date: string, score: number, band: 'red' | 'yellow' | 'green' = 'yellow') => ({
  date,
  score,
  band,
});

describe('score history', () => {
  it('adds a point only when the score or band moved', () => {
    const h1 = nextHistory([], p(dayFrom(-22), 60), 400);
    expect(h1).toEqual([p(dayFrom(-22), 60)]);
    expect(nextHistory(h1, p(dayFrom(-21), 60), 400)).toBe(h1);
    expect(nextHistory(h1, p(dayFrom(-21), 61), 400)).toEqual([
      p(dayFrom(-22), 60),
      p(dayFrom(-21), 61),
    ]);
    expect(nextHistory(h1, p(dayFrom(-21), 60, 'green'), 400)).toHaveLength(2);
  });

  it('replaces the same day, keeps date order when the clock went back, and trims the oldest', () => {
    const h = [p(dayFrom(-22), 60), p(dayFrom(-18), 70)];
    expect(nextHistory(h, p(dayFrom(-18), 72), 400)).toEqual([
      p(dayFrom(-22), 60),
      p(dayFrom(-18), 72),
    ]);
    expect(nextHistory(h, p(dayFrom(-20), 65), 400).map((x) => x.date)).toEqual([
      dayFrom(-22),
      dayFrom(-20),
      dayFrom(-18),
    ]);
    expect(nextHistory(h, p(dayFrom(-17), 10, 'red'), 2)).toEqual([
      p(dayFrom(-18), 70),
      p(dayFrom(-17), 10, 'red'),
    ]);
  });
});
