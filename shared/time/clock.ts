// The one clock: every "today" and "now" of the product comes from a Clock, so a host can pin
// it (CSM_TODAY=YYYY-MM-DD) and tests run on any date.
import { isIsoDay, localDay } from './days';

export interface Clock {
  /** The current instant (timestamps: createdAt, updatedAt, timeline). */
  now(): Date;
  /** The current calendar day in the user's time zone, YYYY-MM-DD (business dates). */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => localDay(new Date()),
};

/**
 * A clock pinned to a calendar day: `today()` is that day, and `now()` is that day at the
 * current local time of day, so timestamps still advance and sort within the day.
 */
export function pinnedClock(day: string, real: () => Date = () => new Date()): Clock {
  if (!isIsoDay(day)) throw new Error(`not a calendar day (YYYY-MM-DD): ${day}`);
  return {
    today: () => day,
    now: () => {
      // Built from local fields, not shifted by whole days: across a daylight-saving change a
      // shift would move the hour and could land on the next or the previous day.
      const t = real();
      const [y, m, d] = day.split('-').map(Number);
      return new Date(
        y,
        m - 1,
        d,
        t.getHours(),
        t.getMinutes(),
        t.getSeconds(),
        t.getMilliseconds(),
      );
    },
  };
}

/** A clock frozen at one instant (tests that compare timestamps). */
export function frozenClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()), today: () => localDay(at) };
}

/** The clock a host uses: pinned by `CSM_TODAY` when set (refused when malformed), else the system's. */
export function clockFromEnv(env: Record<string, string | undefined>): Clock {
  const pinned = env.CSM_TODAY;
  if (pinned === undefined || pinned === '') return systemClock;
  if (!isIsoDay(pinned))
    throw new Error(`CSM_TODAY must be a calendar day YYYY-MM-DD, got "${pinned}"`);
  return pinnedClock(pinned);
}
