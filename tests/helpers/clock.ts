// The tests' "today": the real day, or CSM_TODAY when a run pins it (npm test runs the
// integration tests once more at a month-and-year boundary). Fixtures are dated relative to it.
import { clockFromEnv, pinnedClock, type Clock } from '../../shared/time/clock';
import { addDays, addMonths } from '../../shared/time/days';

export const testClock = clockFromEnv(process.env);
export const TODAY = testClock.today();

/** The calendar day `offset` days from the tests' today (negative: in the past). */
export const dayFrom = (offset: number): string => addDays(TODAY, offset);

/** The calendar day `offset` months from the tests' today. */
export const monthFrom = (offset: number): string => addMonths(TODAY, offset);

/** A clock a test moves from day to day (`clock.set(dayFrom(7))`); it starts on `start`. */
export interface MovableClock extends Clock {
  set(day: string): void;
}

export function movableClock(start = TODAY): MovableClock {
  let pinned = pinnedClock(start);
  return {
    now: () => pinned.now(),
    today: () => pinned.today(),
    set: (day) => {
      pinned = pinnedClock(day);
    },
  };
}

/** The instant at `time` (HH:MM, the user's time zone) on the day `offset` days from today. */
export function instantFrom(offset: number, time = '08:00'): Date {
  return new Date(`${dayFrom(offset)}T${time}:00`);
}
