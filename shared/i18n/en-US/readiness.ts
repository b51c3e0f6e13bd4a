import type { MessageKey } from '..';

// Deliverables (issue 12): what a document needs before it is written as final, periods,
// conclusions drawn from the data, and the new review sections.
export const readiness = {
  'readiness.error.notReady':
    'This document cannot be final yet: {count} inputs are missing. Add them, or write a draft.',
  'readiness.need.projectPlan': 'a project plan',
  'readiness.need.planPhases': "the project plan's phases",
  'readiness.need.sow': 'a statement of work (SOW)',
  'readiness.need.sowDeliverables': "the SOW's deliverables with their acceptance criteria",
  'readiness.need.contract': 'a contract',
  'readiness.need.successPlan': 'the success plan for {year}',
  'readiness.need.criteria': 'success criteria in the success plan for {year}',
  'readiness.need.visit': 'a visit',
  'readiness.need.visitMinutes': 'the minutes of the visit on {date}',
  'readiness.need.handover': 'a handover sheet',
  'readiness.error.templateDraft':
    'A draft is written in the built-in layout only, not from a company template (its pages cannot each be marked DRAFT). Add what is missing to use the template, or write the draft without it.',
  'readiness.error.periodFuture':
    'Period {period} has not begun yet (today is {today}); there is nothing to review',
  'readiness.error.periodBeforeContracts':
    "Period {period} ends before the account's first contract began ({start})",
  'readiness.error.periodAfterContracts':
    "Period {period} begins after the account's last contract ended ({end})",
  'readiness.sentenceEnd': '.',
  'readiness.acceptance.started': '{account} (Party A) started the {project} on {start}',
  'readiness.acceptance.wentLive': ' and went live on {goLive}, {days} days later',
  'readiness.acceptance.plannedLive':
    '; go-live is planned for {goLive}, and as of {asOf} the project has run {days} days',
  'readiness.acceptance.rounds': ', with {rounds} rounds of discussion and confirmation',
  'readiness.acceptance.trainings': ' and {trainings} on-site trainings',
  'readiness.acceptance.noPeriod':
    'Neither the project plan nor the contract records a start date.',
  'readiness.acceptance.phasesAllOnPlan':
    'With the support of both sides, all {total} phases of the project were completed on plan:',
  'readiness.acceptance.phasesMixed':
    'The phases of the project, planned and actual: of {total} phases, {onPlan} finished on plan, {late} later than planned and {running} are in progress.',
  'readiness.acceptance.noPhases': 'The project plan records no phases.',
  'readiness.acceptance.lateBy': 'No ({days}-day delay)',
  'readiness.acceptance.usersSeats': 'Users: {seats} seats purchased, {activated} activated.',
  'readiness.acceptance.openDeliverables':
    'As of {date}, {accepted} of the {total} deliverables of the SOW have passed acceptance; these {open} have not yet:',
  'readiness.acceptance.openDeliverable': '{name} ({status})',
  'readiness.acceptance.notYet':
    'Both sides sign the acceptance form once these deliverables have passed acceptance.',
  'readiness.acceptance.noDeliverables':
    'The SOW records no deliverables, so no acceptance conclusion can be drawn.',
  'readiness.warning.draft': 'Written as a draft (every page marked DRAFT); missing: {missing}',
  'readiness.review.toDateTitle': ' (to {date})',
  'readiness.review.periodToDate': 'Period: {from} to {to} (still running; figures to {asOf})',
  'readiness.review.summary': 'Executive summary',
  'readiness.review.criteriaMet': 'Success criteria: {met} of {total} met.',
  'readiness.review.activation': 'Activation rate {rate} ({date}).',
  'readiness.review.issuesLine':
    '{raised} issues raised and {solved} solved this period; {open} open on {date}.',
  'readiness.review.npsLine': 'NPS {score} ({responses} responses).',
  'readiness.review.noNps': 'No NPS survey was answered this period.',
  'readiness.review.risksLine': '{count} risks open at the end of the period (see section 4).',
  'readiness.review.noRisks': 'No risk open on {date}.',
  'readiness.review.renewalLine': 'Renewal on {date}; annual contract value (ARR) {arr}.',
  'readiness.review.visitsDone': 'Visits done this period ({count})',
  'readiness.review.visitsPlanned': 'Visits planned this period ({count})',
  'readiness.review.nps': 'Customer satisfaction (NPS)',
  'readiness.review.risks': 'Risks',
  'readiness.review.risk': '{level}: {cause} (opened {openedOn})',
  'readiness.review.milestoneOverdue': '{title} (due {date}, {days} days overdue)',
  'readiness.review.noNextPlan':
    'No success plan for {year} yet; the next targets are still to be set.',
  'readiness.review.nextQuarterTargets': 'Stage targets for {year} Q{quarter}:',
  'readiness.review.nextYearTargets': 'Targets of the success plan for {year}:',
  'readiness.review.openIssuesAsOf':
    'Follow up the {count} issues open on {date}, {urgent} of them urgent faults.',
  'readiness.acceptance.csmNoContract':
    'The dedicated customer success manager {csm} then serves Party A, passing needs and issues to the vendor service, product and R&D teams (no contract is recorded yet, so the term is open).',
} satisfies Record<Extract<MessageKey, `readiness.${string}`>, string>;
