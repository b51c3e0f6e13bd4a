// Review periods: "2026" is the annual review, "2026Q3" a quarter.
import { apiError } from '../../shared/api/errors';
import { lastDayOfMonth } from '../../shared/time/days';

export interface Period {
  key: string;
  year: number;
  /** 1-4 for a quarter, null for the whole year. */
  quarter: number | null;
  from: string;
  to: string;
}

export const PERIOD_PATTERN = /^(\d{4})(?:Q([1-4]))?$/;

export function parsePeriod(text: string): Period {
  const m = PERIOD_PATTERN.exec(text.trim());
  if (!m) {
    throw apiError(
      'VALIDATION',
      'deliverables.error.badPeriod',
      `period must look like 2026 or 2026Q3, got ${text}`,
      { period: text },
      ['period'],
    );
  }
  const year = Number(m[1]);
  const quarter = m[2] ? Number(m[2]) : null;
  const firstMonth = quarter ? (quarter - 1) * 3 : 0;
  const lastMonth = quarter ? firstMonth + 2 : 11;
  const lastDay = lastDayOfMonth(year, lastMonth + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    key: m[0],
    year,
    quarter,
    from: `${year}-${pad(firstMonth + 1)}-01`,
    to: `${year}-${pad(lastMonth + 1)}-${pad(lastDay)}`,
  };
}

/** The period a review made on `today` most likely covers: the last full quarter. */
export function defaultPeriod(today: string): Period {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? parsePeriod(`${year - 1}Q4`) : parsePeriod(`${year}Q${q - 1}`);
}

export function inPeriod(date: string | undefined, p: Period): boolean {
  return Boolean(date) && date!.slice(0, 10) >= p.from && date!.slice(0, 10) <= p.to;
}
