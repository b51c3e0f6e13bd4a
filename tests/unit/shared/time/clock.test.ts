// The one clock: the system's, pinned to a day (CSM_TODAY), frozen at an instant.
import { clockFromEnv, frozenClock, pinnedClock, systemClock } from '../../../../shared/time/clock';
import { daysBetween, localDay } from '../../../../shared/time/days';

describe('pinnedClock', () => {
  it('answers the pinned day, and a now on that day at the real time of day', () => {
    const real = new Date(2026, 11, 1, 14, 30, 15);
    const clock = pinnedClock('2028-02-29', () => real);
    expect(clock.today()).toBe('2028-02-29');
    const now = clock.now();
    expect(localDay(now)).toBe('2028-02-29');
    expect([now.getHours(), now.getMinutes(), now.getSeconds()]).toEqual([14, 30, 15]);
  });

  it('stays on the pinned day late at night across a daylight-saving change', () => {
    // Real time in summer, pinned in winter (and the reverse): zones with DST differ by an hour.
    for (const [real, day] of [
      [new Date(2026, 6, 15, 23, 30), '2027-01-01'],
      [new Date(2027, 0, 1, 0, 15), '2026-07-15'],
    ] as const)
      expect(localDay(pinnedClock(day, () => real).now())).toBe(day);
  });

  it('lets timestamps advance within the pinned day', () => {
    let t = new Date(2026, 11, 1, 9, 0).getTime();
    const clock = pinnedClock('2027-01-01', () => new Date(t));
    const first = clock.now();
    t += 1_000;
    expect(clock.now().getTime() - first.getTime()).toBe(1_000);
  });

  it('refuses a day that is not a calendar day', () => {
    expect(() => pinnedClock('2027-02-29')).toThrow(/YYYY-MM-DD/);
  });
});

describe('clockFromEnv', () => {
  it('is the system clock without CSM_TODAY (or with it empty)', () => {
    expect(clockFromEnv({})).toBe(systemClock);
    expect(clockFromEnv({ CSM_TODAY: '' })).toBe(systemClock);
    expect(systemClock.today()).toBe(localDay(new Date()));
  });

  it('is pinned by CSM_TODAY', () => {
    const clock = clockFromEnv({ CSM_TODAY: '2027-01-01' });
    expect(clock.today()).toBe('2027-01-01');
    expect(localDay(clock.now())).toBe('2027-01-01');
  });

  it('refuses a malformed CSM_TODAY with a message naming it and the value', () => {
    for (const bad of ['2027-1-1', 'tomorrow', '2027-02-29', '2027-01-01T00:00', ' 2027-01-01'])
      expect(() => clockFromEnv({ CSM_TODAY: bad })).toThrow(
        `CSM_TODAY must be a calendar day YYYY-MM-DD, got "${bad}"`,
      );
  });
});

describe('frozenClock', () => {
  it('always answers the same instant, and its local day', () => {
    const at = new Date(2028, 1, 29, 23, 59);
    const clock = frozenClock(at);
    expect(clock.now().getTime()).toBe(at.getTime());
    expect(daysBetween(clock.today(), '2028-02-29')).toBe(0);
    // A copy each time: a caller mutating it does not move the clock.
    clock.now().setFullYear(2000);
    expect(clock.now().getTime()).toBe(at.getTime());
  });
});
