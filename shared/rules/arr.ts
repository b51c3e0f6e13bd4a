// ARR, the book's formula: ARR = TCV / contract years. The one home of the rule, used by the
// projection's ARR column, the UI, the health model and the documents.
//
// The rule, decided once:
// - Contract years are counted in calendar months from the start day to the day after the end
//   day, over 12; a part month counts by its days. 2026-01-01..2027-06-30 is 1.5 years, and a
//   one-year term is 1 year whether or not it spans 29 February.
// - A term shorter than a year counts as one year: ARR never exceeds the value under contract.
// - The amount is rounded once, to the cent (half away from zero), per contract; an account's
//   ARR is the sum of its active contracts' rounded ARR.
import { addDays, addMonths, daysBetween } from '../time/days';
import { isActiveContract, type ContractTerm } from './renewal';

/** A contract's term in years (see the rule above); throws when it ends before it starts. */
export function contractYears(startDate: string, endDate: string): number {
  const endExclusive = addDays(endDate, 1);
  if (endExclusive <= startDate)
    throw new RangeError(`contract ends (${endDate}) before it starts`);
  const [sy, sm] = startDate.split('-').map(Number);
  const [ey, em] = endExclusive.split('-').map(Number);
  let months = (ey - sy) * 12 + (em - sm);
  if (addMonths(startDate, months) > endExclusive) months--;
  const monthStart = addMonths(startDate, months);
  const partDays = daysBetween(monthStart, endExclusive);
  const monthDays = daysBetween(monthStart, addMonths(startDate, months + 1));
  return (months + partDays / monthDays) / 12;
}

/** Money to the cent, half away from zero (the one rounding of amounts). */
export function roundMoney(amount: number): number {
  const cents = Math.round(Math.abs(amount) * 100 + 1e-9) / 100;
  return amount < 0 ? -cents : cents;
}

/** ARR = TCV / contract years, a term under a year counting as one; rounded to the cent. */
export function annualRecurringRevenue(totalContractValue: number, contractYears: number): number {
  if (!(contractYears > 0)) throw new RangeError('contract years must be above zero');
  return roundMoney(totalContractValue / Math.max(contractYears, 1));
}

/** The ARR of one contract from its TCV (`amount`) and term. */
export function contractArr(c: Pick<ContractTerm, 'amount' | 'startDate' | 'endDate'>): number {
  return annualRecurringRevenue(c.amount, contractYears(c.startDate, c.endDate));
}

/** An account's ARR: the sum of its active contracts' ARR. */
export function accountArr(contracts: readonly ContractTerm[]): number {
  return roundMoney(contracts.filter(isActiveContract).reduce((s, c) => s + contractArr(c), 0));
}
