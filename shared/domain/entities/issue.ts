import { z } from 'zod';
import { customIssue, isoDate, isoDateTime, optionalText, shortText, userName } from '../common';

/** Highest first: the order issues are worked in. */
export const issuePriorities = [
  'urgentFault',
  'firstUse',
  'ordinaryFault',
  'presales',
  'selfConfig',
] as const;
export const issueStatuses = ['new', 'inProgress', 'awaitingRelease', 'fixed', 'closed'] as const;
export type IssuePriority = (typeof issuePriorities)[number];
export type IssueStatus = (typeof issueStatuses)[number];

export const customerConfirmationSchema = z.strictObject({
  confirmedBy: shortText,
  confirmedAt: isoDateTime,
  note: optionalText,
});

export const issueFields = z.strictObject({
  title: shortText,
  description: optionalText,
  category: z.enum(['need', 'bug', 'question', 'other']).default('bug'),
  module: shortText.optional(),
  raisedOn: isoDate,
  raisedBy: shortText.optional(),
  priority: z.enum(issuePriorities),
  status: z.enum(issueStatuses).default('new'),
  owner: userName.optional(),
  dueDate: isoDate.optional(),
  resolution: optionalText,
  /** Required to close: an issue is closed only after the customer confirmed the fix. */
  customerConfirmation: customerConfirmationSchema.optional(),
});

export function refineIssue(i: z.output<typeof issueFields>, ctx: z.RefinementCtx): void {
  if (i.status === 'closed' && !i.customerConfirmation) {
    customIssue(
      ctx,
      ['customerConfirmation'],
      'validation.closeNeedsConfirmation',
      'an issue is closed only with the customer confirmation',
    );
  }
  if (i.dueDate && i.dueDate < i.raisedOn) {
    customIssue(
      ctx,
      ['dueDate'],
      'validation.endBeforeStart',
      'due date is before the date raised',
    );
  }
}

export function priorityRank(p: IssuePriority): number {
  return issuePriorities.indexOf(p);
}
