import {
  accountArr,
  annualRecurringRevenue,
  contractArr,
  contractYears,
  roundMoney,
} from '../../../../shared/rules/arr';
import { addDays, addMonths } from '../../../../shared/time/days';
import { TODAY } from '../../../helpers/clock';

// A term of `months` calendar months starting on `start`: its last day is the day before.
const term = (start: string, months: number) => ({
  startDate: start,
  endDate: addDays(addMonths(start, months), -1),
});

describe('ARR = TCV / contract years', () => {
  it('an 18-month contract of 300,000 is 200,000 a year, not 200,549.45', () => {
    expect(contractYears('2026-01-01', '2027-06-30')).toBe(1.5);
    expect(contractArr({ amount: 300_000, ...term('2026-01-01', 18) })).toBe(200_000);
    expect(contractArr({ amount: 300_000, ...term(TODAY, 18) })).toBeCloseTo(200_000, 0);
  });

  it('counts a year as a year across 29 February (leap years)', () => {
    expect(contractYears('2028-01-01', '2028-12-31')).toBe(1);
    expect(contractYears('2027-03-01', '2028-02-29')).toBe(1);
    expect(contractYears('2028-02-29', '2029-02-27')).toBe(1);
    expect(contractArr({ amount: 120_000, startDate: '2028-01-01', endDate: '2028-12-31' })).toBe(
      120_000,
    );
    expect(contractYears('2024-01-01', '2026-12-31')).toBe(3);
  });

  it('counts a part month by its days', () => {
    // 1 Jan - 15 Jan of a 31-day January: 15/31 of a month.
    expect(contractYears('2026-01-01', '2026-01-15')).toBeCloseTo(15 / 31 / 12, 12);
  });

  it('counts a contract shorter than a year as a year: ARR never exceeds the TCV', () => {
    expect(contractArr({ amount: 50_000, ...term('2026-01-01', 6) })).toBe(50_000);
    expect(contractArr({ amount: 50_000, startDate: TODAY, endDate: TODAY })).toBe(50_000);
    expect(annualRecurringRevenue(80_000, 0.25)).toBe(80_000);
  });

  it('rounds once, to the cent, half away from zero', () => {
    expect(contractArr({ amount: 100_000, ...term('2026-01-01', 36) })).toBe(33_333.33);
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(-1.005)).toBe(-1.01);
    expect(roundMoney(2.675)).toBe(2.68);
  });

  it('refuses a term that ends before it starts, and zero years', () => {
    expect(() => contractYears(TODAY, addDays(TODAY, -1))).toThrow(RangeError);
    expect(() => annualRecurringRevenue(1, 0)).toThrow(RangeError);
  });

  it("sums an account's active contracts only", () => {
    const contracts = [
      { status: 'active', amount: 300_000, ...term(TODAY, 18) },
      { status: 'active', amount: 100_000, ...term(TODAY, 36) },
      { status: 'expired', amount: 999_999, ...term(addMonths(TODAY, -24), 12) },
    ];
    expect(accountArr(contracts)).toBe(
      roundMoney(contractArr(contracts[0]) + contractArr(contracts[1])),
    );
    expect(accountArr([])).toBe(0);
  });
});
