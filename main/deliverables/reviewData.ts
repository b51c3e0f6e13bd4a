// The numbers of a business review, computed once and shared by its .docx and .xlsx.
import type { EntityDoc } from '../../shared/domain/entities';
import { criterionProgress } from '../../shared/domain/entities/successPlan';
import { daysBetween } from '../../shared/time/days';
import {
  estimateHealth,
  healthBand,
  type BandThresholds,
  type HealthBand,
  type HealthEstimate,
} from './healthEstimate';
import { inPeriod, type Period } from './period';
import { currentContract, type AccountSnapshot } from './snapshot';

export interface CriterionRow {
  metric: string;
  unit: string;
  baseline: number;
  target: number;
  stageTarget: number | null;
  actual: number | null;
  progress: number | null;
}

export interface ReviewData {
  period: Period;
  criteria: CriterionRow[];
  usage: EntityDoc<'usageReading'>[];
  issuesRaised: EntityDoc<'issue'>[];
  issuesSolved: EntityDoc<'issue'>[];
  needsDelivered: number;
  trainings: EntityDoc<'touchpoint'>[];
  visitsDone: EntityDoc<'visit'>[];
  /** Up to 12 points ending with the period. */
  health: HealthEstimate[];
  healthIsPlaceholder: boolean;
  /** The band shown now: the stored one (a CSM override wins), else from the estimate. */
  healthBand: HealthBand | null;
  /** Where the account's tier turns yellow and green: the chart's shading and the band. */
  healthThresholds: BandThresholds;
  openIssues: EntityDoc<'issue'>[];
  openMilestones: { title: string; dueDate: string }[];
  nextVisit: EntityDoc<'visit'> | null;
  nextTargets: { metric: string; target: number }[];
  contract: EntityDoc<'contract'> | null;
  daysToRenewal: number | null;
  arr: number;
  opportunities: EntityDoc<'opportunity'>[];
}

const solved = (i: { status: string }) => i.status === 'fixed' || i.status === 'closed';
const QUARTER_KEYS = ['q1', 'q2', 'q3', 'q4'] as const;

export function reviewData(s: AccountSnapshot, period: Period, today: string): ReviewData {
  const plan =
    s.successPlans.find((p) => p.year === period.year) ??
    [...s.successPlans].sort((a, b) => a.year - b.year).at(-1);
  const criteria: CriterionRow[] = (plan?.criteria ?? []).map((c) => {
    const readings = c.readings.filter((r) => r.date <= period.to);
    const latest = [...readings].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
    const stageKey = period.quarter ? QUARTER_KEYS[period.quarter - 1] : 'q4';
    return {
      metric: c.metric,
      unit: c.unit ?? '',
      baseline: c.baseline,
      target: c.target,
      stageTarget: c.quarterlyTargets[stageKey] ?? null,
      actual: latest?.value ?? null,
      progress: criterionProgress({ ...c, readings }),
    };
  });
  const issuesRaised = s.issues.filter((i) => inPeriod(i.raisedOn, period));
  const issuesSolved = issuesRaised.filter(solved);
  const contract = currentContract(s);
  const years = contract
    ? Math.max(1, Math.round(daysBetween(contract.startDate, contract.endDate) / 365))
    : 1;
  const nextQuarter = period.quarter && period.quarter < 4 ? QUARTER_KEYS[period.quarter] : null;
  // The health area's real scores when it has stored them; the documented placeholder otherwise.
  const stored = s.healthScore?.history.filter((h) => h.date <= period.to) ?? [];
  const allHealth = stored.length
    ? lastPerMonth(stored)
    : estimateHealth(s.usage, s.issues).filter((h) => h.date <= period.to);
  return {
    period,
    criteria,
    usage: s.usage.filter((u) => inPeriod(u.date, period)),
    issuesRaised,
    issuesSolved,
    needsDelivered: issuesSolved.filter((i) => i.category === 'need').length,
    trainings: s.touchpoints.filter((tp) => tp.kind === 'training' && inPeriod(tp.date, period)),
    visitsDone: s.visits.filter((v) => v.status === 'done' && inPeriod(v.date, period)),
    health: allHealth.slice(-12),
    healthIsPlaceholder: stored.length === 0,
    healthThresholds: s.healthThresholds,
    healthBand: stored.length
      ? (s.healthScore!.override?.band ?? s.healthScore!.band)
      : allHealth.length
        ? healthBand(allHealth.at(-1)!.score, s.healthThresholds)
        : null,
    openIssues: s.issues.filter((i) => !solved(i)),
    openMilestones: (plan?.milestones ?? [])
      .filter((m) => !m.done)
      .map((m) => ({ title: m.title, dueDate: m.dueDate })),
    nextVisit: s.visits.find((v) => v.status === 'planned' && v.date > period.to) ?? null,
    nextTargets: nextQuarter
      ? (plan?.criteria ?? [])
          .filter((c) => c.quarterlyTargets[nextQuarter] !== undefined)
          .map((c) => ({ metric: c.metric, target: c.quarterlyTargets[nextQuarter]! }))
      : (plan?.criteria ?? []).map((c) => ({ metric: c.metric, target: c.target })),
    contract,
    daysToRenewal: contract ? daysBetween(today, contract.endDate) : null,
    arr: contract ? Math.round(contract.amount / years) : 0,
    opportunities: s.opportunities.filter((o) => o.stage !== 'won' && o.stage !== 'lost'),
  };
}

/** One point per month (the month's last), so a daily history charts as a readable trend. */
function lastPerMonth(points: { date: string; score: number }[]): HealthEstimate[] {
  const byMonth = new Map<string, HealthEstimate>();
  for (const p of [...points].sort((a, b) => a.date.localeCompare(b.date))) {
    byMonth.set(p.date.slice(0, 7), { date: p.date, score: Math.round(p.score) });
  }
  return [...byMonth.values()];
}
