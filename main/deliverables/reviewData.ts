// The numbers of a business review, computed once and shared by its .docx and .xlsx.
import type { EntityDoc } from '../../shared/domain/entities';
import { criterionProgress } from '../../shared/domain/entities/successPlan';
import { accountArr } from '../../shared/rules/arr';
import { isOpenIssue, isSolvedIssue } from '../../shared/rules/issues';
import { daysToRenewal, isActiveContract, renewalDate } from '../../shared/rules/renewal';
import type { DocumentHealth } from '../health/documentHealth';
import { inPeriod, type Period } from '../../shared/rules/period';
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
  /** The team health model's score and band as of the period's end (or today), with its trend. */
  health: DocumentHealth | null;
  openIssues: EntityDoc<'issue'>[];
  openMilestones: { title: string; dueDate: string }[];
  nextVisit: EntityDoc<'visit'> | null;
  nextTargets: { metric: string; target: number }[];
  contract: EntityDoc<'contract'> | null;
  /** The account's renewal date and ARR, by shared/rules (the same as the brief's). */
  renewalDate: string | null;
  daysToRenewal: number | null;
  arr: number;
  opportunities: EntityDoc<'opportunity'>[];
}

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
  const issuesSolved = issuesRaised.filter(isSolvedIssue);
  const renewal = renewalDate(s.contracts);
  // The contract that renews first (it sets the renewal date), else the latest one.
  const contract =
    s.contracts.find((c) => isActiveContract(c) && c.endDate === renewal) ?? currentContract(s);
  const nextQuarter = period.quarter && period.quarter < 4 ? QUARTER_KEYS[period.quarter] : null;
  return {
    period,
    criteria,
    usage: s.usage.filter((u) => inPeriod(u.date, period)),
    issuesRaised,
    issuesSolved,
    needsDelivered: issuesSolved.filter((i) => i.category === 'need').length,
    trainings: s.touchpoints.filter((tp) => tp.kind === 'training' && inPeriod(tp.date, period)),
    visitsDone: s.visits.filter((v) => v.status === 'done' && inPeriod(v.date, period)),
    health: s.health,
    openIssues: s.issues.filter(isOpenIssue),
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
    renewalDate: renewal,
    daysToRenewal: daysToRenewal(today, renewal),
    arr: accountArr(s.contracts),
    opportunities: s.opportunities.filter((o) => o.stage !== 'won' && o.stage !== 'lost'),
  };
}
