import {
  churnRate,
  netPromoterScore,
  npsFromCounts,
  npsGroup,
  renewalRateByAmount,
  renewalRateByCount,
} from '../../../../../shared/domain/health/formulas';

describe("the book's formulas", () => {
  it('cohort churn: 200 customers at the start of the year, 170 of them still there', () => {
    // Customers who joined during the year are not in Y, so they cannot mask the loss.
    const cohort = { atStart: 200, stillThere: 170 };
    expect(churnRate(cohort)).toBeCloseTo(0.15, 10);
    expect(renewalRateByCount(cohort)).toBeCloseTo(0.85, 10);
    expect(churnRate({ atStart: 0, stillThere: 0 })).toBeNull();
  });

  it('renewal by amount may exceed 100% when the cohort bought more (Salesforce: 108%)', () => {
    // Cohort ARR 10,000,000 at the start; after renewals and upsell 10,800,000.
    expect(renewalRateByAmount(10_000_000, 10_800_000)).toBeCloseTo(1.08, 10);
    // Amount churn is then negative while count churn cannot be.
    expect(1 - renewalRateByAmount(10_000_000, 10_800_000)!).toBeLessThan(0);
    expect(renewalRateByAmount(0, 5)).toBeNull();
  });

  it('NPS = % promoters (9-10) - % detractors (0-6)', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    // 10 answers: 5 promoters, 3 passives, 2 detractors -> 50% - 20% = 30.
    expect(netPromoterScore([10, 10, 9, 9, 9, 8, 7, 7, 6, 0])).toBeCloseTo(30, 10);
    expect(netPromoterScore([0, 3, 6])).toBe(-100);
    expect(netPromoterScore([])).toBeNull();
    expect(npsFromCounts(5, 3, 2)).toBeCloseTo(30, 10);
  });
});
