// The numbers of a business review, computed once and shared by its .docx and .xlsx.
import type { EntityDoc } from '../../shared/domain/entities';
import { criterionProgress } from '../../shared/domain/entities/successPlan';
import { accountArr } from '../../shared/rules/arr';
import { isOpenIssueAsOf, isSolvedIssue } from '../../shared/rules/issues';
import { netPromoterScore } from '../../shared/domain/health/formulas';
import { daysBetween } from '../../shared/time/days';
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
  /** Visits planned in the period and not yet held (the period may still be running). */
  visitsPlanned: EntityDoc<'visit'>[];
  /** The last day the figures cover: the period's end, or today while it runs. */
  asOf: string;
  /** The period is still running: figures are "to date". */
  toDate: boolean;
  /** NPS answers in the period (the latest per respondent) and the score from them. */
  nps: { score: number | null; responses: number };
  /** Risk cases open at the period's end. */
  risks: EntityDoc<'riskCase'>[];
  /** The team health model's score and band as of the period's end (or today), with its trend. */
  health: DocumentHealth | null;
  openIssues: EntityDoc<'issue'>[];
  /** Milestones not done; `overdueDays` when their day has passed by `asOf`. */
  openMilestones: { title: string; dueDate: string; overdueDays: number | null }[];
  nextVisit: EntityDoc<'visit'> | null;
  /** The next period's targets: the next quarter's staged targets, or next year's plan's. */
  nextTargets: { metric: string; target: number; unit: string }[];
  /** Where the next targets come from: a quarter of this plan, next year's plan, or none yet. */
  nextTargetsFrom:
    | { kind: 'quarter'; quarter: number; year: number }
    | { kind: 'year'; year: number }
    | { kind: 'none'; year: number };
  contract: EntityDoc<'contract'> | null;
  /** The account's renewal date and ARR, by shared/rules (the same as the brief's). */
  renewalDate: string | null;
  daysToRenewal: number | null;
  arr: number;
  opportunities: EntityDoc<'opportunity'>[];
}

const QUARTER_KEYS = ['q1', 'q2', 'q3', 'q4'] as const;

export function reviewData(s: AccountSnapshot, period: Period, today: string): ReviewData {
  const asOf = period.to < today ? period.to : today;
  const toDate = period.to > today;
  // The period's own plan; the review's readiness asks for it (a draft may lack it).
  const plan = s.successPlans.find((p) => p.year === period.year);
  const criteria: CriterionRow[] = (plan?.criteria ?? []).map((c) => {
    const readings = c.readings.filter((r) => r.date <= asOf);
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
  // Next period: the next quarter of this plan; after Q4 or a year, the next year's plan.
  const nextYear = s.successPlans.find((p) => p.year === period.year + 1);
  const nextQuarter = period.quarter && period.quarter < 4 ? period.quarter + 1 : null;
  const nextTargetsFrom: ReviewData['nextTargetsFrom'] = nextQuarter
    ? { kind: 'quarter', quarter: nextQuarter, year: period.year }
    : nextYear
      ? { kind: 'year', year: period.year + 1 }
      : { kind: 'none', year: period.year + 1 };
  const nextTargets =
    nextTargetsFrom.kind === 'quarter'
      ? (plan?.criteria ?? [])
          .filter((c) => c.quarterlyTargets[QUARTER_KEYS[nextQuarter! - 1]] !== undefined)
          .map((c) => ({
            metric: c.metric,
            unit: c.unit ?? '',
            target: c.quarterlyTargets[QUARTER_KEYS[nextQuarter! - 1]]!,
          }))
      : nextTargetsFrom.kind === 'year'
        ? (nextYear?.criteria ?? []).map((c) => ({
            metric: c.metric,
            unit: c.unit ?? '',
            target: c.quarterlyTargets.q1 ?? c.target,
          }))
        : [];
  const visits = s.visits.filter((v) => inPeriod(v.date, period));
  // NPS: each respondent's latest answer in the period.
  const latestNps = new Map<string, number>();
  for (const sv of [...s.surveys]
    .filter((x) => x.kind === 'nps' && inPeriod(x.date, period) && x.date <= asOf)
    .sort((a, b) => a.date.localeCompare(b.date)))
    latestNps.set(sv.respondent, sv.score);
  return {
    period,
    asOf,
    toDate,
    criteria,
    usage: s.usage.filter((u) => inPeriod(u.date, period)),
    issuesRaised,
    issuesSolved,
    needsDelivered: issuesSolved.filter((i) => i.category === 'need').length,
    trainings: s.touchpoints.filter((tp) => tp.kind === 'training' && inPeriod(tp.date, period)),
    visitsDone: visits.filter((v) => v.status === 'done'),
    visitsPlanned: visits.filter((v) => v.status === 'planned'),
    nps: { score: netPromoterScore([...latestNps.values()]), responses: latestNps.size },
    risks: s.riskCases.filter(
      (r) => r.openedOn <= asOf && (r.status === 'open' || (r.updatedAt ?? '').slice(0, 10) > asOf),
    ),
    health: s.health,
    openIssues: s.issues.filter((i) => isOpenIssueAsOf(i, asOf)),
    openMilestones: (plan?.milestones ?? [])
      .filter((m) => !m.done || (m.doneOn !== undefined && m.doneOn > asOf))
      .map((m) => ({
        title: m.title,
        dueDate: m.dueDate,
        overdueDays: m.dueDate < asOf ? daysBetween(m.dueDate, asOf) : null,
      })),
    nextVisit: s.visits.find((v) => v.status === 'planned' && v.date > period.to) ?? null,
    nextTargets,
    nextTargetsFrom,
    contract,
    renewalDate: renewal,
    daysToRenewal: daysToRenewal(today, renewal),
    arr: accountArr(s.contracts),
    opportunities: s.opportunities.filter((o) => o.stage !== 'won' && o.stage !== 'lost'),
  };
}
