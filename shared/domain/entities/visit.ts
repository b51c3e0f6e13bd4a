import { z } from 'zod';
import { checkTaskDates } from '../../rules/tasks';
import { customIssue, isoDate, itemKey, optionalText, shortText } from '../common';
import { taskComments } from './task';

export const actionItemSchema = z.strictObject({
  key: itemKey,
  title: shortText,
  owner: shortText,
  dueDate: isoDate,
  done: z.boolean().default(false),
  doneOn: isoDate.optional(),
  comments: taskComments,
});
export type ActionItem = z.output<typeof actionItemSchema>;

export const visitFields = z.strictObject({
  purpose: shortText,
  agenda: z.array(shortText).max(50).default([]),
  date: isoDate,
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/, 'HH:MM')
    .optional(),
  place: shortText.optional(),
  mode: z.enum(['onSite', 'remote']).default('onSite'),
  attendees: z
    .strictObject({
      customer: z
        .array(z.strictObject({ contactId: z.string().optional(), name: shortText }))
        .max(50)
        .default([]),
      vendor: z.array(shortText).max(50).default([]),
    })
    .default({ customer: [], vendor: [] }),
  status: z.enum(['planned', 'done', 'cancelled']).default('planned'),
  minutes: optionalText,
  painPointsSolved: z.array(shortText).max(50).default([]),
  painPointsNew: z.array(shortText).max(50).default([]),
  commitments: z.array(shortText).max(50).default([]),
  actionItems: z.array(actionItemSchema).max(100).default([]),
  nextVisitOn: isoDate.optional(),
  /** The visit whose "next visit" date planned this one (kept in step with that date). */
  followsVisit: z.string().max(200).optional(),
});

export function refineVisit(v: z.output<typeof visitFields>, ctx: z.RefinementCtx): void {
  if (v.status === 'done' && !v.minutes) {
    customIssue(
      ctx,
      ['minutes'],
      'validation.minutesRequired',
      'a recorded visit needs its minutes',
    );
  }
  if (v.nextVisitOn && v.nextVisitOn < v.date) {
    customIssue(ctx, ['nextVisitOn'], 'validation.endBeforeStart', 'next visit is before this one');
  }
  checkTaskDates(ctx, v.actionItems, 'actionItems', v.date, 'visit');
}
