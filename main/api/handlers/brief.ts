// The account brief: what a CSM reads in the car park before a meeting, in one call.
import type { AccountBrief } from '../../../shared/api/types';
import type { EntityDoc } from '../../../shared/domain/entities';
import { priorityRank } from '../../../shared/domain/entities/issue';
import { criterionProgress } from '../../../shared/domain/entities/successPlan';
import { isOpenIssue } from '../../../shared/rules/issues';
import { daysBetween } from '../../../shared/time/days';
import type { BackendContext } from '../context';
import { loadDoc } from './entities';

const TIMELINE_SHOWN = 50;

export function accountBrief(ctx: BackendContext, input: { id: string }): AccountBrief {
  const account = loadDoc(ctx, input.id, 'account') as unknown as EntityDoc<'account'>;
  const docs = ctx.queries.accountDocs(account._id, ['timeline', 'usageReading']);
  const of = <T extends keyof BriefTypes>(type: T) =>
    docs.filter((d) => d.type === type) as unknown as BriefTypes[T][];
  const today = ctx.clock.today();

  const issues = of('issue');
  const openIssues = issues
    .filter(isOpenIssue)
    .sort(
      (a, b) =>
        priorityRank(a.priority) - priorityRank(b.priority) || a.raisedOn.localeCompare(b.raisedOn),
    );
  const byPriority: Record<string, number> = {};
  for (const i of openIssues) byPriority[i.priority] = (byPriority[i.priority] ?? 0) + 1;

  const visits = of('visit').filter((v) => v.status !== 'cancelled');
  const done = visits
    .filter((v) => v.status === 'done')
    .sort((a, b) => a.date.localeCompare(b.date));
  const planned = visits
    .filter((v) => v.status === 'planned' && v.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date));

  const plans = of('successPlan').sort((a, b) => b.year - a.year);
  const successPlan = plans[0] ?? null;
  const row = ctx.queries.accountRow(account._id);
  const renewalDate = row?.renewal_date ?? null;

  const timeline = [
    ...(ctx.queries.latestOfType(
      account._id,
      'timeline',
      TIMELINE_SHOWN,
    ) as unknown as EntityDoc<'timeline'>[]),
    ...of('touchpoint'),
  ]
    .sort((a, b) => stamp(b).localeCompare(stamp(a)))
    .slice(0, TIMELINE_SHOWN);

  return {
    account,
    contracts: of('contract').sort((a, b) => b.endDate.localeCompare(a.endDate)),
    renewalDate,
    daysToRenewal: renewalDate ? daysBetween(today, renewalDate) : null,
    arr: row?.arr ?? 0,
    contacts: of('contact'),
    openIssues,
    issueCounts: { total: issues.length, open: openIssues.length, byPriority },
    lastVisit: done.at(-1) ?? null,
    nextVisit: planned[0] ?? null,
    successPlan,
    criteriaProgress: (successPlan?.criteria ?? []).map((c) => ({
      key: c.key,
      metric: c.metric,
      progress: criterionProgress(c),
    })),
    specialTerms: account.specialTerms,
    handover: of('handover')[0] ?? null,
    sow: of('sow')[0] ?? null,
    projectPlan: of('projectPlan')[0] ?? null,
    openRiskCases: of('riskCase').filter((r) => r.status === 'open'),
    openOpportunities: of('opportunity').filter((o) => o.stage !== 'won' && o.stage !== 'lost'),
    latestUsage: (ctx.queries.latestOfType(account._id, 'usageReading', 1)[0] ??
      null) as unknown as EntityDoc<'usageReading'> | null,
    timeline,
  };
}

type BriefTypes = {
  [
    K in
      | 'contract'
      | 'contact'
      | 'issue'
      | 'visit'
      | 'successPlan'
      | 'handover'
      | 'sow'
      | 'projectPlan'
      | 'riskCase'
      | 'opportunity'
      | 'touchpoint'
  ]: EntityDoc<K>;
};

function stamp(entry: EntityDoc<'timeline'> | EntityDoc<'touchpoint'>): string {
  return entry.type === 'timeline' ? entry.at : `${entry.date}T23:59:59`;
}
