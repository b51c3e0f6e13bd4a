// Every deliverable kind and what it needs before it is written as final: one line per kind.
// A new kind adds its ReadinessCheck here (TypeScript refuses a kind without one).
import type { DeliverableKind } from '../../shared/api/deliverables';
import { pickVisit } from './minutes';
import { alwaysReady, type MissingInput, type ReadinessCheck } from './readiness';
import { currentContract, type AccountSnapshot } from './snapshot';
import { caseReadiness } from './successCase';
import { sowReadiness } from './sowDocument';
import { usageReadiness } from './usageReport';
import { briefReadiness } from './visitBrief';
import { weeklyReadiness } from './weeklyReport';

/** The acceptance report: a project plan with its phases, a SOW with deliverables, a contract. */
export const acceptanceReadiness: ReadinessCheck = (s) => {
  const missing: MissingInput[] = [];
  if (!s.projectPlan) missing.push({ need: 'readiness.need.projectPlan', tab: 'plan' });
  else if (!s.projectPlan.phases.length)
    missing.push({ need: 'readiness.need.planPhases', tab: 'plan' });
  if (!s.sow) missing.push({ need: 'readiness.need.sow', tab: 'sow' });
  else if (!s.sow.deliverables.length)
    missing.push({ need: 'readiness.need.sowDeliverables', tab: 'sow' });
  if (!currentContract(s)) missing.push({ need: 'readiness.need.contract', tab: 'overview' });
  return missing;
};

/** The business review: a contract and the period's success plan with its criteria. */
export const reviewReadiness: ReadinessCheck = (s, { period }) => {
  const missing: MissingInput[] = [];
  if (!currentContract(s)) missing.push({ need: 'readiness.need.contract', tab: 'overview' });
  const year = period?.year;
  const plan = year === undefined ? s.successPlans[0] : s.successPlans.find((p) => p.year === year);
  if (!plan)
    missing.push({
      need: 'readiness.need.successPlan',
      tab: 'success',
      params: { year: year ?? '' },
    });
  else if (!plan.criteria.length)
    missing.push({ need: 'readiness.need.criteria', tab: 'success', params: { year: plan.year } });
  return missing;
};

/** Visit minutes: a visit, with its minutes written. */
export const minutesReadiness: ReadinessCheck = (s, { visitId }) => {
  const visit = pickVisit(s, visitId);
  if (!visit) return [{ need: 'readiness.need.visit', tab: 'visits' }];
  if (!visit.minutes?.trim())
    return [{ need: 'readiness.need.visitMinutes', tab: 'visits', params: { date: visit.date } }];
  return [];
};

/** The handover sheet: the account's handover record. */
export const handoverReadiness: ReadinessCheck = (s) =>
  s.handover ? [] : [{ need: 'readiness.need.handover', tab: 'handover' }];

export const READINESS: Record<DeliverableKind, ReadinessCheck> = {
  acceptance: acceptanceReadiness,
  review: reviewReadiness,
  minutes: minutesReadiness,
  handover: handoverReadiness,
  issues: alwaysReady,
  usage: usageReadiness,
  sow: sowReadiness,
  weekly: weeklyReadiness,
  case: caseReadiness,
  brief: briefReadiness,
};

/** What `kind` lacks on this account (empty: ready). */
export function readinessOf(
  kind: DeliverableKind,
  s: AccountSnapshot,
  context: Parameters<ReadinessCheck>[1],
): MissingInput[] {
  return READINESS[kind](s, context);
}
