// Renewal: an account renews when its earliest active contract ends, and renewal work starts a
// tier's window of days before that (the book: 3 months for strategic accounts, 1 for micro).
// The health model's tier settings start from these windows; a manager may tune them there.
import type { lifecycleStages, tiers } from '../domain/entities/account';
import type { RenewalOutcome } from '../domain/entities/contract';
import { daysBetween } from '../time/days';

/** What the renewal and ARR rules read of a contract. */
export interface ContractTerm {
  status: string;
  /** Total contract value (TCV). */
  amount: number;
  startDate: string;
  endDate: string;
}

/** The one contract status that counts toward renewal and ARR. */
export const ACTIVE_CONTRACT_STATUS = 'active';

export function isActiveContract(c: { status: string }): boolean {
  return c.status === ACTIVE_CONTRACT_STATUS;
}

/** SQL condition: the contract row is active (`status` names the status column). */
export function activeContractSql(status = 'status'): string {
  return `${status} = '${ACTIVE_CONTRACT_STATUS}'`;
}

/** The account's renewal date: the earliest end date of its active contracts; null without one. */
export function renewalDate(
  contracts: readonly Pick<ContractTerm, 'status' | 'endDate'>[],
): string | null {
  let earliest: string | null = null;
  for (const c of contracts)
    if (isActiveContract(c) && (earliest === null || c.endDate < earliest)) earliest = c.endDate;
  return earliest;
}

/** Days from `today` to the renewal date (negative once it has passed); null without one. */
export function daysToRenewal(today: string, renewal: string | null): number | null {
  return renewal === null ? null : daysBetween(today, renewal);
}

/** The default renewal window per tier, in days before the renewal date. */
export const RENEWAL_WINDOW_DAYS: Record<(typeof tiers)[number], number> = {
  strategic: 90,
  ordinary: 90,
  micro: 30,
};

/** True from `windowDays` before the renewal date through the renewal date itself. */
export function inRenewalWindow(
  today: string,
  renewal: string | null,
  windowDays: number,
): boolean {
  const days = daysToRenewal(today, renewal);
  return days !== null && days >= 0 && days <= windowDays;
}

/** What a renewal outcome does to its contract's status: it no longer counts as active. */
export const CONTRACT_STATUS_AFTER_OUTCOME = {
  renewed: 'renewed',
  downsized: 'renewed',
  churned: 'expired',
} as const satisfies Record<RenewalOutcome, string>;

/** The account fields a recorded renewal outcome moves (nothing when it moves none). */
export interface LifecycleChange {
  lifecycleStage: (typeof lifecycleStages)[number];
  churnReason?: string;
  churnedOn?: string;
}

/**
 * The account's lifecycle after a contract's renewal outcome, given its contracts *after* the
 * outcome was applied (this contract no longer active, a successor active):
 * - renewed or downsized: back to stable use (the book's cycle: renewal -> purchase -> use;
 *   the customer keeps using what it renewed);
 * - churned: churned with the reason and day, once no active contract is left (the account's
 *   renewal date, `renewalDate`, is then null); while another contract is still active the
 *   stage stays where it is (one of several contracts ended).
 * Null when the stage does not move (no outcome, or already there).
 */
export function lifecycleAfterRenewal(
  outcome: RenewalOutcome | undefined,
  current: (typeof lifecycleStages)[number],
  contractsAfter: readonly Pick<ContractTerm, 'status' | 'endDate'>[],
  reason: string | undefined,
  decidedOn: string,
): LifecycleChange | null {
  if (!outcome) return null;
  if (outcome === 'churned') {
    if (renewalDate(contractsAfter) !== null) return null;
    return { lifecycleStage: 'churned', churnReason: reason, churnedOn: decidedOn };
  }
  return current === 'stableUse' ? null : { lifecycleStage: 'stableUse' };
}
