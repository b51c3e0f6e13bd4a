import { z } from 'zod';
import {
  businessDate,
  checkNotBefore,
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
  plannedStart: businessDate,
  plannedEnd: businessDate,
  actualStart: businessDate.optional(),
  actualEnd: businessDate.optional(),
});

export const projectPlanFields = z.strictObject({
  name: shortText,
  /** The project's English name, for documents in English. */
  nameEn: shortText.optional(),
  kickoffOn: businessDate.optional(),
  goLiveOn: businessDate.optional(),
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
  checkNotBefore(
    ctx,
    p.kickoffOn,
    p.goLiveOn,
    ['goLiveOn'],
    'validation.goLiveBeforeKickoff',
    'go-live is before the kickoff meeting',
  );
  p.phases.forEach((ph, i) => {
    checkNotBefore(
      ctx,
      ph.plannedStart,
      ph.plannedEnd,
      ['phases', i, 'plannedEnd'],
      'validation.phasePlannedEndBeforeStart',
      "the phase's planned end is before its planned start",
    );
    checkNotBefore(
      ctx,
      ph.actualStart,
      ph.actualEnd,
      ['phases', i, 'actualEnd'],
      'validation.phaseActualEndBeforeStart',
      "the phase's actual end is before its actual start",
    );
    checkNotBefore(
      ctx,
      p.kickoffOn,
      ph.plannedStart,
      ['phases', i, 'plannedStart'],
      'validation.phaseBeforeKickoff',
      'the phase is planned to start before the kickoff meeting',
    );
  });
}
