// Calendar-day arithmetic: the one home of it, checked at the awkward days (month ends, leap
// days, year ends, Sundays) and in the user's time zone.
import {
  addDays,
  addMonths,
  dayNumber,
  daysBetween,
  dayStart,
  isIsoDay,
  lastDayOfMonth,
  localDay,
  weekdayIndex,
  weekOf,
} from '../../../../shared/time/days';

describe('addDays and daysBetween', () => {
  it('cross month ends, year ends and leap days', () => {
    expect(addDays('2027-01-31', 1)).toBe('2027-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2027-01-01', '2028-01-01')).toBe(365);
    expect(daysBetween('2026-11-30', '2026-11-23')).toBe(-7);
  });

  it('are inverse of each other and ignore a time part', () => {
    for (const n of [-400, -1, 0, 1, 59, 366])
      expect(daysBetween('2028-02-29', addDays('2028-02-29', n))).toBe(n);
    expect(dayNumber('2027-01-01T23:59:00Z')).toBe(dayNumber('2027-01-01'));
  });
});

describe('addMonths', () => {
  it('keeps the day, or clamps it to the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2027-01-15', -2)).toBe('2026-11-15');
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => lastDayOfMonth(2027, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(lastDayOfMonth(2028, 2)).toBe(29);
    expect(lastDayOfMonth(2100, 2)).toBe(28);
    expect(lastDayOfMonth(2000, 2)).toBe(29);
  });
});

describe('weekOf', () => {
  it('runs Monday to Sunday, a Sunday belonging to the week before it', () => {
    // 2026-11-29 is a Sunday, 2026-11-30 a Monday.
    expect(weekdayIndex('2026-11-29')).toBe(6);
    expect(weekdayIndex('2026-11-30')).toBe(0);
    expect(weekOf('2026-11-29')).toEqual({ weekStart: '2026-11-23', weekEnd: '2026-11-29' });
    expect(weekOf('2026-11-30')).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-06' });
  });

  it('spans a year end and a leap day', () => {
    // 2027-01-01 is a Friday; 2028-02-29 a Tuesday.
    expect(weekOf('2027-01-01')).toEqual({ weekStart: '2026-12-28', weekEnd: '2027-01-03' });
    expect(weekOf('2028-02-29')).toEqual({ weekStart: '2028-02-28', weekEnd: '2028-03-05' });
  });
});

describe('isIsoDay', () => {
  it('accepts real days only, written YYYY-MM-DD', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2027-12-31')).toBe(true);
    for (const bad of [
      '2027-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '2026/01/05',
      '20260105',
      '',
      '2026-01-05T00:00:00Z',
    ])
      expect([bad, isIsoDay(bad)]).toEqual([bad, false]);
  });
});

describe('localDay and dayStart', () => {
  it("read an instant in the user's time zone, not UTC", () => {
    // Local midnight and the last local minute of a day are that day, whatever the zone.
    expect(localDay(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01');
    expect(localDay(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
    expect(localDay(new Date(2028, 1, 29, 12))).toBe('2028-02-29');
  });

  it('dayStart is the local midnight that begins the day', () => {
    const start = dayStart('2028-02-29');
    expect(start.getTime()).toBe(new Date(2028, 1, 29).getTime());
    expect(localDay(start)).toBe('2028-02-29');
    expect(localDay(new Date(start.getTime() - 1))).toBe('2028-02-28');
  });
});
