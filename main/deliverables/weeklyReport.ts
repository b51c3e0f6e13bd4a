// The weekly project report 项目周报: progress against the project plan for one week (Monday to
// Sunday), and the book's point (6.2): risks stated prominently with their cause, solution and
// the person responsible, checked again every week.
import type { FileChild } from 'docx';
import type { EntityDoc } from '../../shared/domain/entities';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { isOpenIssue, isOverdueIssue } from '../../shared/rules/issues';
import { addDays, daysBetween, weekOf } from '../../shared/time/days';
import { bullet, heading, packDocument, para, table, title } from './docxKit';
import { draftMark, formatDate, label } from './format';
import { accountName, openIssuesTable } from './newDocKit';
import type { ReadinessCheck } from './readiness';
import type { AccountSnapshot } from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

type Phase = EntityDoc<'projectPlan'>['phases'][number];
export type PhaseState =
  'doneOnPlan' | 'doneLate' | 'inProgress' | 'overdue' | 'notStarted' | 'lateStart';

const ISSUES_SHOWN = 8;

export const weeklyReadiness: ReadinessCheck = (s) =>
  s.projectPlan && s.projectPlan.phases.length
    ? []
    : [{ need: 'deliverables.need.planPhases', tab: 'plan' }];

/** A phase as of a day: done (on plan or late), under way (or past its planned end), not begun. */
export function phaseState(p: Phase, asOf: string): { state: PhaseState; days: number } {
  const ended = p.actualEnd && p.actualEnd <= asOf ? p.actualEnd : null;
  if (ended) {
    const late = daysBetween(p.plannedEnd, ended);
    return late > 0 ? { state: 'doneLate', days: late } : { state: 'doneOnPlan', days: 0 };
  }
  const started = p.actualStart && p.actualStart <= asOf;
  if (started)
    return p.plannedEnd < asOf
      ? { state: 'overdue', days: daysBetween(p.plannedEnd, asOf) }
      : { state: 'inProgress', days: 0 };
  return p.plannedStart < asOf
    ? { state: 'lateStart', days: daysBetween(p.plannedStart, asOf) }
    : { state: 'notStarted', days: 0 };
}

export async function buildWeeklyReport(
  s: AccountSnapshot,
  o: BuildOptions,
  week: { weekStart: string; weekEnd: string },
): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const warnings: string[] = [];
  const plan = s.projectPlan;
  const name = accountName(s, L);
  const project = plan?.name ?? name;
  // Progress is measured at the week's end, or today while the week is still running.
  const asOf = week.weekEnd < o.today ? week.weekEnd : o.today;
  if (!plan) warnings.push(tr('deliverables.weekly.warnNoPlan'));
  const report = plan?.weeklyReports.find((r) => weekOf(r.weekOf).weekStart === week.weekStart);
  if (plan && !report)
    warnings.push(tr('deliverables.weekly.warnNoReport', { week: week.weekStart }));

  const body: FileChild[] = [
    title(tr('deliverables.weekly.title', { project })),
    para(
      tr('deliverables.weekly.week', {
        account: name,
        from: formatDate(L, week.weekStart),
        to: formatDate(L, week.weekEnd),
      }),
    ),
    para(
      tr('deliverables.weekly.preparedBy', {
        consultant: person(s.account.consultant ?? s.account.ownerCsm),
        date: formatDate(L, o.today),
      }),
    ),
  ];
  const phases = plan?.phases ?? [];
  const states = phases.map((p) => ({ p, ...phaseState(p, asOf) }));
  const dueByNow = phases.filter((p) => p.plannedEnd <= asOf).length;
  const done = states.filter((x) => x.state === 'doneOnPlan' || x.state === 'doneLate').length;
  const behind = states.filter((x) => x.state === 'overdue' || x.state === 'lateStart').length;

  // 一 summary
  body.push(heading(tr('deliverables.weekly.s1')));
  body.push(
    para(
      tr('deliverables.weekly.progress', {
        date: formatDate(L, asOf),
        total: phases.length,
        due: dueByNow,
        done,
        behind,
      }),
      { indent: true },
    ),
  );
  const goLive = plan?.goLiveOn;
  if (goLive)
    body.push(
      para(
        tr(goLive >= asOf ? 'deliverables.weekly.goLiveAhead' : 'deliverables.weekly.goLivePast', {
          date: formatDate(L, goLive),
          days: Math.abs(daysBetween(asOf, goLive)),
        }),
        { indent: true },
      ),
    );
  if (report?.summary)
    body.push(...report.summary.split('\n').map((line) => para(line, { indent: true })));
  else body.push(para(tr('deliverables.weekly.noSummary'), { indent: true }));

  // 二 progress against plan
  body.push(heading(tr('deliverables.weekly.s2')));
  if (states.length)
    body.push(
      table(
        [
          tr('deliverables.weekly.phase'),
          tr('deliverables.weekly.owner'),
          tr('deliverables.weekly.planned'),
          tr('deliverables.weekly.actual'),
          tr('deliverables.weekly.state'),
        ],
        states.map(({ p, state, days }) => [
          p.phase === 'custom' ? (p.name ?? '') : label(L, 'phase', p.phase),
          person(p.owner),
          `${formatDate(L, p.plannedStart)} – ${formatDate(L, p.plannedEnd)}`,
          p.actualStart && p.actualStart <= asOf
            ? `${formatDate(L, p.actualStart)} – ${p.actualEnd && p.actualEnd <= asOf ? formatDate(L, p.actualEnd) : ''}`
            : '—',
          tr(`deliverables.weekly.state.${state}`, { days }),
        ]),
        [17, 12, 25, 25, 21],
      ),
    );
  else body.push(para(tr('deliverables.common.none'), { indent: true }));

  // 三 risks: cause, solution, owner
  body.push(heading(tr('deliverables.weekly.s3')));
  const risks = report?.risks ?? [];
  if (risks.length)
    body.push(
      table(
        [
          tr('deliverables.weekly.no'),
          tr('deliverables.weekly.cause'),
          tr('deliverables.weekly.solution'),
          tr('deliverables.weekly.owner'),
        ],
        risks.map((r, i) => [String(i + 1), r.cause, r.solution ?? '—', person(r.owner) || '—']),
        [8, 36, 38, 18],
      ),
    );
  else body.push(para(tr('deliverables.weekly.noRisks'), { indent: true }));

  // 四 issues of the week and those still open
  body.push(heading(tr('deliverables.weekly.s4')));
  const raised = s.issues.filter((i) => i.raisedOn >= week.weekStart && i.raisedOn <= week.weekEnd);
  const open = s.issues.filter(isOpenIssue);
  body.push(
    para(
      tr('deliverables.weekly.issues', {
        raised: raised.length,
        open: open.length,
        overdue: open.filter((i) => isOverdueIssue(i, o.today)).length,
      }),
      { indent: true },
    ),
  );
  if (open.length) {
    body.push(...openIssuesTable(L, person, open, ISSUES_SHOWN));
  }

  // 五 next week: the phases planned to run then and not finished
  body.push(heading(tr('deliverables.weekly.s5')));
  const nextStart = addDays(week.weekStart, 7);
  const nextEnd = addDays(week.weekEnd, 7);
  const next = states.filter(
    ({ p, state }) =>
      state !== 'doneOnPlan' &&
      state !== 'doneLate' &&
      p.plannedStart <= nextEnd &&
      p.plannedEnd >= nextStart,
  );
  const carried = states.filter(
    ({ p, state }) =>
      (state === 'overdue' || state === 'lateStart') && !next.some((x) => x.p === p),
  );
  const planned = [...carried, ...next];
  if (planned.length)
    body.push(
      ...planned.map(({ p }) =>
        bullet(
          tr('deliverables.weekly.nextLine', {
            phase: p.phase === 'custom' ? (p.name ?? '') : label(L, 'phase', p.phase),
            end: formatDate(L, p.plannedEnd),
            owner: person(p.owner) || '—',
          }),
        ),
      ),
    );
  else body.push(para(tr('deliverables.weekly.nothingNext'), { indent: true }));

  const buffer = await packDocument(body, {
    title: tr('deliverables.weekly.title', { project }),
    creator: person(s.account.consultant ?? s.account.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}
