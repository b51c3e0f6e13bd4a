// Scores one account with the health model: raw measure per dimension, mapped to 0-100 by the
// model's rules, weighted by the tier's profile; the factors that cost the most points explain it.
import { healthBand } from '../../rules/healthBand';
import { daysToRenewal } from '../../rules/renewal';
import { daysBetween } from '../../time/days';
import type { AccountInputs } from './inputs';
import {
  healthDimensions,
  profileFor,
  type HealthBand,
  type HealthDimension,
  type HealthModel,
  type HealthProfile,
  type Rule,
} from './model';

export interface HealthFactor {
  dimension: HealthDimension;
  /** The measure the rule read (see RAW_MEASURES). */
  raw: number;
  /** 0-100 after the rule. */
  score: number;
  /** Share of the total weight, in percent. */
  weight: number;
  /** Points of the total score lost on this dimension: weight share x (100 - score). */
  impact: number;
}

export interface HealthResult {
  score: number;
  band: HealthBand;
  /** Dimensions with data, the costliest first. */
  factors: HealthFactor[];
  /** Dimensions without data this time (left out; the other weights are rescaled). */
  missing: HealthDimension[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Piecewise-linear rule: straight lines between points, flat beyond the ends. */
export function applyRule(rule: Rule, raw: number): number {
  if (raw <= rule[0][0]) return rule[0][1];
  for (let i = 1; i < rule.length; i++) {
    const [x1, y1] = rule[i];
    if (raw <= x1) {
      const [x0, y0] = rule[i - 1];
      return y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return rule[rule.length - 1][1];
}

export function bandOf(score: number, profile: HealthProfile): HealthBand {
  return healthBand(score, profile.thresholds);
}

/** The reading closest to `days` before the latest one, at least half that far back. */
export function readingBefore<T extends { date: string }>(
  readings: T[],
  days: number,
): T | undefined {
  const latest = readings[readings.length - 1];
  if (!latest) return undefined;
  let best: T | undefined;
  let bestGap = Infinity;
  for (const r of readings) {
    const back = daysBetween(r.date, latest.date);
    if (back < days / 2) continue;
    const gap = Math.abs(back - days);
    if (gap < bestGap) {
      best = r;
      bestGap = gap;
    }
  }
  return best;
}

export function activationOf(a: AccountInputs): number | null {
  const latest = a.usage[a.usage.length - 1];
  if (!latest || latest.purchasedSeats <= 0) return null;
  return latest.activatedUsers / latest.purchasedSeats;
}

/** Relative change of active users over about `lookbackDays`; null without two readings. */
export function usageChangeOf(a: AccountInputs, lookbackDays: number): number | null {
  const latest = a.usage[a.usage.length - 1];
  const before = readingBefore(a.usage, lookbackDays);
  if (!latest || !before || before.activeUsers <= 0) return null;
  return (latest.activeUsers - before.activeUsers) / before.activeUsers;
}

function holdsRole(a: AccountInputs, role: string) {
  return a.contacts.filter((c) => c.active && c.roles.includes(role));
}

/** The raw measure of each dimension; null where the account has no data for it. */
export function rawMeasures(
  a: AccountInputs,
  model: HealthModel,
  today: string,
): Record<HealthDimension, number | null> {
  const profile = profileFor(model, a.tier);
  const dm = holdsRole(a, 'decisionMaker');
  const champion = holdsRole(a, 'champion');
  const relationship =
    [
      dm.length > 0,
      dm.some((c) => c.stance === 'supportive'),
      champion.length > 0,
      champion.some((c) => c.stance === 'supportive'),
    ].filter(Boolean).length / 4;
  const sinceContact = a.lastContactOn ? Math.max(0, daysBetween(a.lastContactOn, today)) : null;
  const nps = a.npsScores.length
    ? a.npsScores.reduce((s, n) => s + n, 0) / a.npsScores.length
    : null;
  return {
    activation: activationOf(a),
    usageTrend: usageChangeOf(a, model.alerts.usageLookbackDays),
    // Never contacted counts as far beyond any cadence.
    engagement: sinceContact === null ? 99 : sinceContact / profile.cadenceDays,
    support: a.openUrgentIssues + a.overdueIssues.length,
    relationship,
    renewal: daysToRenewal(today, a.renewalDate),
    payment: a.activeContracts > 0 ? (a.unpaidContracts > 0 ? 0 : 1) : null,
    nps,
  };
}

export function scoreAccount(a: AccountInputs, model: HealthModel, today: string): HealthResult {
  const profile = profileFor(model, a.tier);
  const raw = rawMeasures(a, model, today);
  const used = healthDimensions.filter((d) => raw[d] !== null && profile.weights[d] > 0);
  const missing = healthDimensions.filter((d) => raw[d] === null && profile.weights[d] > 0);
  const totalWeight = used.reduce((s, d) => s + profile.weights[d], 0);
  let total = 0;
  const factors: HealthFactor[] = used.map((dimension) => {
    const value = raw[dimension] as number;
    const score = applyRule(model.rules[dimension], value);
    const share = profile.weights[dimension] / totalWeight;
    total += share * score;
    return {
      dimension,
      raw: Math.round(value * 1000) / 1000,
      score: round1(score),
      weight: round1(share * 100),
      impact: round1(share * (100 - score)),
    };
  });
  factors.sort((x, y) => y.impact - x.impact || x.dimension.localeCompare(y.dimension));
  const score = totalWeight > 0 ? Math.round(total) : 0;
  return { score, band: bandOf(score, profile), factors, missing };
}
