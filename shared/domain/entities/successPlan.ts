import { z } from 'zod';
import {
  businessDate,
  customIssue,
  isoDate,
  itemKey,
  optionalText,
  partySide,
  shortText,
} from '../common';
import { taskComments } from './task';

export const criterionSchema = z.strictObject({
  key: itemKey,
  kind: z.enum(['revenueGrowth', 'costReduction', 'employeeSatisfaction', 'other']),
  metric: shortText,
  unit: z.string().trim().max(20).optional(),
  baseline: z.number().finite(),
  benchmark: z.number().finite().optional(),
  target: z.number().finite(),
  quarterlyTargets: z
    .strictObject({
      q1: z.number().finite().optional(),
      q2: z.number().finite().optional(),
      q3: z.number().finite().optional(),
      q4: z.number().finite().optional(),
    })
    .default({}),
  readings: z
    .array(z.strictObject({ date: isoDate, value: z.number().finite() }))
    .max(500)
    .default([]),
});

export const successPlanFields = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  goals: optionalText,
  criteria: z.array(criterionSchema).max(50).default([]),
  milestones: z
    .array(
      z.strictObject({
        key: itemKey,
        title: shortText,
        /** Who sees the milestone among their tasks (a login); none: the account's CSM. */
        owner: shortText.optional(),
        dueDate: businessDate,
        done: z.boolean().default(false),
        doneOn: businessDate.optional(),
        comments: taskComments,
      }),
    )
    .max(200)
    .default([]),
  meetings: z
    .array(
      z.strictObject({
        key: itemKey,
        title: shortText,
        cadence: z.enum(['weekly', 'biweekly', 'monthly', 'quarterly']),
        attendees: z.array(shortText).max(50).default([]),
      }),
    )
    .max(50)
    .default([]),
  division: z
    .array(z.strictObject({ key: itemKey, side: partySide, duty: shortText, owner: shortText }))
    .max(100)
    .default([]),
  /**
   * The success case 成功案例, the book's four parts: the customer's profile, their business
   * pains (each with how it improved), why they chose us; the results are the criteria's
   * baseline against their latest reading. Absent until the CSM writes it.
   */
  successCase: z
    .strictObject({
      profile: optionalText,
      pains: z
        .array(z.strictObject({ key: itemKey, pain: shortText, improvement: optionalText }))
        .max(20)
        .default([]),
      whyUs: z.array(shortText).max(20).default([]),
    })
    .optional(),
});

/** Progress from baseline to target as a fraction (may exceed 1); null without a reading. */
export function criterionProgress(c: {
  baseline: number;
  target: number;
  readings: { date: string; value: number }[];
}): number | null {
  if (c.readings.length === 0 || c.target === c.baseline) return null;
  const latest = [...c.readings].sort((a, b) => a.date.localeCompare(b.date)).at(-1)!;
  return (latest.value - c.baseline) / (c.target - c.baseline);
}

export function refineSuccessPlan(
  p: z.output<typeof successPlanFields>,
  ctx: z.RefinementCtx,
): void {
  p.milestones.forEach((m, i) => {
    if (m.dueDate < `${p.year}-01-01`) {
      customIssue(
        ctx,
        ['milestones', i, 'dueDate'],
        'validation.milestoneBeforePlanYear',
        `the milestone is due before the plan's year ${p.year}`,
      );
    }
  });
}
