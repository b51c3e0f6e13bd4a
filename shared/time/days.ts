// Calendar days as ISO strings (YYYY-MM-DD): the one home of date arithmetic. A day string is a
// calendar day, not an instant, so arithmetic on it runs in UTC and every machine agrees; the
// only place a time zone enters is `localDay`, which turns an instant into the user's day.
export const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day `date` falls on in the user's (the process's) time zone. */
export function localDay(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The instant a calendar day begins in the user's (the process's) time zone. */
export function dayStart(isoDate: string): Date {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** Days since 1970-01-01 of a calendar day. */
export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(isoDate: string, days: number): string {
  return new Date((dayNumber(isoDate) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar months later (or earlier), clamped to the month's last day (01-31 + 1 -> 02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDayOfMonth(year, month)))}`;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 Monday .. 6 Sunday. */
export function weekdayIndex(isoDate: string): number {
  return (dayNumber(isoDate) + 3) % 7;
}

/** Monday..Sunday of the week holding `isoDate`. */
export function weekOf(isoDate: string): { weekStart: string; weekEnd: string } {
  const weekStart = addDays(isoDate, -weekdayIndex(isoDate));
  return { weekStart, weekEnd: addDays(weekStart, 6) };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const month = Number(m[2]);
  return (
    month >= 1 &&
    month <= 12 &&
    Number(m[3]) >= 1 &&
    Number(m[3]) <= lastDayOfMonth(Number(m[1]), month)
  );
}
