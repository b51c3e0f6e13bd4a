// At-risk cases and upsell opportunities: the two ways an account's future is worked on.
import { z } from 'zod';
import { checkTaskDates } from '../../rules/tasks';
import { isoDate, itemKey, level3, money, optionalText, shortText } from '../common';
import { taskComments } from './task';

export const riskSigns = [
  'lowActivation',
  'fallingUsage',
  'stoppedReporting',
  'avoidsContact',
  'decisionMakerChange',
  'championChange',
  'paymentOverdue',
  'other',
] as const;

export const riskCaseFields = z.strictObject({
  level: level3,
  signs: z.array(z.enum(riskSigns)).max(10).default([]),
  cause: shortText,
  countermeasures: optionalText,
  actionPlan: z
    .array(
      z.strictObject({
        key: itemKey,
        task: shortText,
        owner: shortText,
        dueDate: isoDate,
        done: z.boolean().default(false),
        doneOn: isoDate.optional(),
        comments: taskComments,
      }),
    )
    .max(100)
    .default([]),
  reviewMeetings: z
    .array(z.strictObject({ key: itemKey, date: isoDate, notes: optionalText }))
    .max(100)
    .default([]),
  compensation: optionalText,
  openedOn: isoDate,
  status: z.enum(['open', 'resolved', 'churned']).default('open'),
});

export function refineRiskCase(r: z.output<typeof riskCaseFields>, ctx: z.RefinementCtx): void {
  checkTaskDates(ctx, r.actionPlan, 'actionPlan', r.openedOn, 'riskCase');
}

export const opportunityFields = z.strictObject({
  kind: z.enum(['addOn', 'crossSell', 'services']),
  title: shortText,
  value: money,
  personDays: z.number().min(0).optional(),
  signal: z.enum(['seatsSaturated', 'trialSize', 'newPainPoint', 'other']).optional(),
  stage: z.enum(['identified', 'qualified', 'proposal', 'won', 'lost']).default('identified'),
  expectedCloseOn: isoDate.optional(),
  notes: optionalText,
});
