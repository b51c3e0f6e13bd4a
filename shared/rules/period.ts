// Reporting periods: a year (2026), a quarter (2026-Q3, also written 2026Q3) or a month
// (2026-11). One parser for every caller; one printed form (2026, 2026-Q3, 2026-11); anything
// else is a VALIDATION error naming the field.
import { apiError } from '../api/errors';
import { lastDayOfMonth } from '../time/days';

export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  /** The printed form: 2026, 2026-Q3 or 2026-11. */
  label: string;
  kind: PeriodKind;
  year: number;
  /** 1-4 for a quarter, else null. */
  quarter: number | null;
  /** 1-12 for a month, else null. */
  month: number | null;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** Every accepted spelling, for input schemas and forms. */
export const PERIOD_PATTERN = /^\d{4}(-?Q[1-4]|-(0[1-9]|1[0-2]))?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

function span(year: number, firstMonth: number, lastMonth: number) {
  return {
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
  };
}

/** The period a label names, or null when it is none of the accepted spellings. */
export function periodOf(text: string): Period | null {
  const trimmed = text.trim();
  if (!PERIOD_PATTERN.test(trimmed)) return null;
  const year = Number(trimmed.slice(0, 4));
  const rest = trimmed.slice(4).replace(/^-/, '').toUpperCase();
  if (rest === '')
    return {
      label: `${year}`,
      kind: 'year',
      year,
      quarter: null,
      month: null,
      ...span(year, 1, 12),
    };
  if (rest.startsWith('Q')) {
    const quarter = Number(rest.slice(1));
    return {
      label: `${year}-Q${quarter}`,
      kind: 'quarter',
      year,
      quarter,
      month: null,
      ...span(year, quarter * 3 - 2, quarter * 3),
    };
  }
  const month = Number(rest);
  return {
    label: `${year}-${pad(month)}`,
    kind: 'month',
    year,
    quarter: null,
    month,
    ...span(year, month, month),
  };
}

/** Parses a period; throws VALIDATION at `field` for anything but the accepted spellings. */
export function parsePeriod(text: string, field: string = 'period'): Period {
  const period = periodOf(text);
  if (!period)
    throw apiError(
      'VALIDATION',
      'validation.period',
      `${field} must be a year (2026), a quarter (2026-Q3) or a month (2026-11), got ${text}`,
      { field, period: text },
      [field],
    );
  return period;
}

/** The calendar year holding `day`. */
export function yearOf(day: string): Period {
  return periodOf(day.slice(0, 4))!;
}

/** The calendar quarter holding `day`. */
export function quarterOf(day: string): Period {
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  return periodOf(`${day.slice(0, 4)}-Q${q}`)!;
}

/** The last full quarter before `day` (the period a review made on `day` most likely covers). */
export function previousQuarter(day: string): Period {
  const current = quarterOf(day);
  return current.quarter === 1
    ? periodOf(`${current.year - 1}-Q4`)!
    : periodOf(`${current.year}-Q${current.quarter! - 1}`)!;
}

/** True when the day (or the day part of a timestamp) falls within the period. */
export function inPeriod(date: string | null | undefined, p: Period): boolean {
  if (!date) return false;
  const day = date.slice(0, 10);
  return day >= p.from && day <= p.to;
}

/**
 * The usage report's period: two calendar months (the book: an ordinary account gets a usage
 * report every two months). Named by its last month; printed `2026-10~2026-11`.
 */
export interface TwoMonthPeriod {
  label: string;
  /** First day of the first month, inclusive. */
  from: string;
  /** Last day of the second month, inclusive. */
  to: string;
  /** The two months, YYYY-MM, oldest first. */
  months: [string, string];
}

/** The two months ending with `year`/`month` (1-12). */
export function twoMonthsEnding(year: number, month: number): TwoMonthPeriod {
  const firstYear = month === 1 ? year - 1 : year;
  const firstMonth = month === 1 ? 12 : month - 1;
  const first = `${firstYear}-${pad(firstMonth)}`;
  const second = `${year}-${pad(month)}`;
  return {
    label: `${first}~${second}`,
    from: `${first}-01`,
    to: `${second}-${pad(lastDayOfMonth(year, month))}`,
    months: [first, second],
  };
}

/** The two months before these (the previous usage report's period). */
export function previousTwoMonths(p: TwoMonthPeriod): TwoMonthPeriod {
  const [y, m] = p.months[0].split('-').map(Number);
  return m === 1 ? twoMonthsEnding(y - 1, 12) : twoMonthsEnding(y, m - 1);
}

/**
 * A usage report's period from its last month (`2026-11`: October and November 2026); without
 * one, the two full months before `today`'s month. A year or a quarter is a VALIDATION error.
 */
export function usageReportPeriod(
  text: string | undefined,
  today: string,
  field: string = 'period',
): TwoMonthPeriod {
  if (text === undefined) {
    const [y, m] = today.split('-').map(Number);
    return m === 1 ? twoMonthsEnding(y - 1, 12) : twoMonthsEnding(y, m - 1);
  }
  const period = parsePeriod(text, field);
  if (period.kind !== 'month')
    throw apiError(
      'VALIDATION',
      'deliverables.error.usagePeriod',
      `a usage report covers two months named by the last one (2026-11), got ${text}`,
      { period: text },
      [field],
    );
  return twoMonthsEnding(period.year, period.month!);
}
