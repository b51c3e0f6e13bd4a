import { z } from 'zod';
import {
  checkDateOrder,
  count,
  isoDate,
  itemKey,
  optionalText,
  partySide,
  shortText,
} from '../common';

export const standardPhases = [
  'requirements',
  'solutionDesign',
  'configuration',
  'testing',
  'dataInit',
  'training',
  'cutover',
] as const;

export const phaseSchema = z.strictObject({
  key: itemKey,
  phase: z.enum([...standardPhases, 'custom']),
  name: shortText.optional(),
  owner: shortText.optional(),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  actualStart: isoDate.optional(),
  actualEnd: isoDate.optional(),
});

export const projectPlanFields = z.strictObject({
  name: shortText,
  /** The project's English name, for documents in English. */
  nameEn: shortText.optional(),
  kickoffOn: isoDate.optional(),
  goLiveOn: isoDate.optional(),
  phases: z.array(phaseSchema).max(100).default([]),
  roles: z
    .array(
      z.strictObject({
        key: itemKey,
        side: partySide,
        role: shortText,
        duty: optionalText,
        responsible: shortText,
        participants: z.array(shortText).max(50).default([]),
      }),
    )
    .max(100)
    .default([]),
  weeklyReports: z
    .array(
      z.strictObject({
        key: itemKey,
        weekOf: isoDate,
        summary: optionalText,
        risks: z
          .array(
            z.strictObject({
              cause: shortText,
              solution: optionalText,
              owner: shortText.optional(),
            }),
          )
          .max(50)
          .default([]),
      }),
    )
    .max(300)
    .default([]),
  discussionRounds: count.default(0),
  onSiteTrainings: count.default(0),
  modulesLive: z.array(shortText).max(100).default([]),
});

export function refineProjectPlan(
  p: z.output<typeof projectPlanFields>,
  ctx: z.RefinementCtx,
): void {
  p.phases.forEach((ph, i) => {
    checkDateOrder(ctx, ph.plannedStart, ph.plannedEnd, ['phases', i, 'plannedEnd']);
    checkDateOrder(ctx, ph.actualStart, ph.actualEnd, ['phases', i, 'actualEnd']);
  });
}
