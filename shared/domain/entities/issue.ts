import { z } from 'zod';
import {
  businessDate,
  checkNotBefore,
  customIssue,
  isoDateTime,
  itemKey,
  optionalText,
  shortText,
  text,
  userName,
} from '../common';

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

export const issueCommentSchema = z.strictObject({
  key: itemKey,
  by: userName,
  at: isoDateTime,
  text,
});

/** The readable number's tag: the creator's initials (shared/rules/issues.ts). */
export const issueNumberTag = z.string().trim().min(1).max(8);

export const issueFields = z.strictObject({
  /**
   * The readable number, `#<number>-<numberTag>` (shared/rules/issues.ts `issueRef`): assigned
   * by the backend when the issue is created and never changed (docs/ui.md, "Issue numbers").
   */
  number: z.number().int().min(1).optional(),
  numberTag: issueNumberTag.optional(),
  title: shortText,
  description: optionalText,
  category: z.enum(['need', 'bug', 'question', 'other']).default('bug'),
  module: shortText.optional(),
  raisedOn: businessDate,
  /** The customer contact who raised it, by name (kept when the contact is removed) ... */
  raisedBy: shortText.optional(),
  /** ... and the contact document, when picked from the account's contacts. */
  raisedByContactId: z.string().trim().min(1).max(200).optional(),
  priority: z.enum(issuePriorities),
  status: z.enum(issueStatuses).default('new'),
  owner: userName.optional(),
  dueDate: businessDate.optional(),
  resolution: optionalText,
  comments: z.array(issueCommentSchema).max(500).optional(),
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
  checkNotBefore(
    ctx,
    i.raisedOn,
    i.dueDate,
    ['dueDate'],
    'validation.issueDueBeforeRaised',
    'the due date is before the day the issue was raised',
  );
  if ((i.number === undefined) !== (i.numberTag === undefined)) {
    customIssue(
      ctx,
      [i.number === undefined ? 'number' : 'numberTag'],
      'validation.issueNumberIncomplete',
      'an issue number needs both its number and its tag',
    );
  }
}

export function priorityRank(p: IssuePriority): number {
  return issuePriorities.indexOf(p);
}
