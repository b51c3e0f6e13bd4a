// A placeholder health score until the health area publishes real scores: built only from
// usage readings and issues, so every account with data gets a trend. See docs/deliverables.md.
import type { EntityDoc } from '../../shared/domain/entities';

export interface HealthEstimate {
  date: string;
  score: number;
}

export type HealthBand = 'green' | 'yellow' | 'red';

/** Where yellow and green start: the account's tier profile of the team's health model. */
export interface BandThresholds {
  yellow: number;
  green: number;
}

export function healthBand(score: number, thresholds: BandThresholds): HealthBand {
  return score >= thresholds.green ? 'green' : score >= thresholds.yellow ? 'yellow' : 'red';
}

const clamp = (n: number) => Math.max(0, Math.min(100, n));

/**
 * One score per usage reading: 50% activation (activated / purchased seats), 30% trend
 * (change of activated users against three readings before, +-20% spans the scale), 20% support
 * (100 less 25 per urgent fault raised by then and still open).
 */
export function estimateHealth(
  usage: EntityDoc<'usageReading'>[],
  issues: EntityDoc<'issue'>[],
): HealthEstimate[] {
  return usage.map((reading, i) => {
    const activation = reading.purchasedSeats
      ? clamp((reading.activatedUsers / reading.purchasedSeats) * 100)
      : 0;
    const before = usage[Math.max(0, i - 3)];
    const change = before.activatedUsers
      ? (reading.activatedUsers - before.activatedUsers) / before.activatedUsers
      : 0;
    const trend = clamp(50 + change * 250);
    const urgentOpen = issues.filter(
      (x) =>
        x.priority === 'urgentFault' &&
        x.raisedOn <= reading.date &&
        x.status !== 'fixed' &&
        x.status !== 'closed',
    ).length;
    const support = clamp(100 - urgentOpen * 25);
    return {
      date: reading.date,
      score: Math.round(activation * 0.5 + trend * 0.3 + support * 0.2),
    };
  });
}
