import { z } from 'zod';
import { customIssue, isoDate, level3, optionalText, shortText, userName } from '../common';
import { normaliseIndustry } from '../../rules/industry';

export const tiers = ['strategic', 'ordinary', 'micro'] as const;
export const lifecycleStages = [
  'purchase',
  'handover',
  'implementation',
  'acceptance',
  'rollout',
  'stableUse',
  'renewal',
  'churned',
] as const;

export const accountFields = z.strictObject({
  name: shortText,
  nameEn: shortText.optional(),
  /** One value per industry: a known one is stored as its code (shared/rules/industry.ts). */
  industry: shortText.overwrite((v) => normaliseIndustry(v) ?? v).optional(),
  region: shortText.optional(),
  size: z.number().int().min(1).optional(),
  tier: z.enum(tiers),
  growthPotential: z.boolean().default(false),
  ownerCsm: userName,
  consultant: userName.optional(),
  salesOwner: userName.optional(),
  /** Extra users (e.g. a second consultant) allowed to edit this account on the team server. */
  assignees: z.array(userName).max(50).default([]),
  lifecycleStage: z.enum(lifecycleStages).default('purchase'),
  churnReason: optionalText,
  churnedOn: isoDate.optional(),
  riskLevel: z.enum(['none', ...level3.options]).default('none'),
  reference: z
    .strictObject({
      caseStudy: z.boolean().default(false),
      logoUse: z.boolean().default(false),
      speaker: z.boolean().default(false),
    })
    .default({ caseStudy: false, logoUse: false, speaker: false }),
  tags: z.array(shortText).max(50).default([]),
  northStarMetric: shortText.optional(),
  /** Terms that must survive handover, e.g. "no publicity". */
  specialTerms: z.array(shortText).max(50).default([]),
  notes: optionalText,
});

export function refineAccount(a: z.output<typeof accountFields>, ctx: z.RefinementCtx): void {
  if (a.lifecycleStage === 'churned' && !a.churnReason) {
    customIssue(
      ctx,
      ['churnReason'],
      'validation.churnReasonRequired',
      'a churned account needs the reason recorded',
    );
  }
}
