// Day arithmetic on ISO dates (YYYY-MM-DD), in UTC so every machine agrees.
const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(isoDate.slice(0, 10)) / DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(isoDate: string, days: number): string {
  return new Date((dayNumber(isoDate) + days) * DAY_MS).toISOString().slice(0, 10);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
