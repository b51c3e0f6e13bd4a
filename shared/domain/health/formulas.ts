// The book's team formulas. Rates are fractions (0.8 = 80%); null when the base is empty.
import { daysBetween } from '../../time/days';

/** ARR = TCV / contract years. */
export function annualRecurringRevenue(totalContractValue: number, contractYears: number): number {
  if (contractYears <= 0) throw new RangeError('contract years must be above zero');
  return totalContractValue / contractYears;
}

/** Contract years between two ISO dates, inclusive of both (365-day years). */
export function contractYears(startDate: string, endDate: string): number {
  return (daysBetween(startDate, endDate) + 1) / 365;
}

export interface CohortOutcome {
  /** Customers at the start of the period (X); customers who joined during it are excluded. */
  atStart: number;
  /** Of those, still customers at the end (Y). */
  stillThere: number;
}

/** 断约率 churn = (X - Y) / X. */
export function churnRate(c: CohortOutcome): number | null {
  return c.atStart > 0 ? (c.atStart - c.stillThere) / c.atStart : null;
}

/** 续约率 renewal rate by count = Y / X. */
export function renewalRateByCount(c: CohortOutcome): number | null {
  return c.atStart > 0 ? c.stillThere / c.atStart : null;
}

/**
 * 续费率 renewal rate by amount: the cohort's ARR after renewal over its ARR before. Upsell
 * within the cohort can lift it above 1 (net revenue retention).
 */
export function renewalRateByAmount(arrBefore: number, arrAfter: number): number | null {
  return arrBefore > 0 ? arrAfter / arrBefore : null;
}

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

/** Promoters answer 9-10, detractors 0-6. */
export function npsGroup(score: number): NpsGroup {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** NPS from group counts: % promoters - % detractors, from -100 to 100. */
export function npsFromCounts(
  promoters: number,
  passives: number,
  detractors: number,
): number | null {
  const responses = promoters + passives + detractors;
  return responses > 0 ? ((promoters - detractors) / responses) * 100 : null;
}

/** NPS = % promoters - % detractors of the 0-10 answers. */
export function netPromoterScore(scores: number[]): number | null {
  const counts = { promoter: 0, passive: 0, detractor: 0 };
  for (const s of scores) counts[npsGroup(s)]++;
  return npsFromCounts(counts.promoter, counts.passive, counts.detractor);
}
