// Reporting periods: a year (2026), a quarter (2026-Q4) or a month (2026-11).
export interface Period {
  label: string;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Parses a period label; null when it is none of the three forms. */
export function parsePeriod(label: string): Period | null {
  let m = /^(\d{4})$/.exec(label);
  if (m) return { label, from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/i.exec(label);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return {
      label: `${year}-Q${q}`,
      from: `${year}-${pad(q * 3 - 2)}-01`,
      to: lastDayOfMonth(year, q * 3),
    };
  }
  m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return { label, from: `${m[1]}-${m[2]}-01`, to: lastDayOfMonth(Number(m[1]), Number(m[2])) };
  }
  return null;
}

export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/i;

/** The calendar quarter holding `today`. */
export function quarterOf(today: string): Period {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return parsePeriod(`${year}-Q${q}`)!;
}
