// The tests' "today": the real day, or CSM_TODAY when a run pins it (npm test runs the
// integration tests once more at a month-and-year boundary). Fixtures are dated relative to it.
import { clockFromEnv } from '../../shared/time/clock';
import { addDays, addMonths } from '../../shared/time/days';

export const testClock = clockFromEnv(process.env);
export const TODAY = testClock.today();

/** The calendar day `offset` days from the tests' today (negative: in the past). */
export const dayFrom = (offset: number): string => addDays(TODAY, offset);

/** The calendar day `offset` months from the tests' today. */
export const monthFrom = (offset: number): string => addMonths(TODAY, offset);
