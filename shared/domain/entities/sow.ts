import { z } from 'zod';
import { isoDate, itemKey, optionalText, shortText, userName } from '../common';

export const changeRequestDecisions = [
  'pending',
  'accepted',
  'supplementaryContract',
  'deferred',
  'rejected',
] as const;
export type ChangeRequestDecision = (typeof changeRequestDecisions)[number];

export const deliverableSchema = z.strictObject({
  key: itemKey,
  name: shortText,
  description: optionalText,
  acceptanceCriteria: shortText,
  dueDate: isoDate.optional(),
  reviewOn: isoDate.optional(),
  status: z.enum(['pending', 'delivered', 'accepted', 'rejected']).default('pending'),
  result: optionalText,
  remarks: optionalText,
});

export const changeRequestSchema = z.strictObject({
  key: itemKey,
  title: shortText,
  description: optionalText,
  requestedBy: shortText.optional(),
  requestedOn: isoDate,
  core: z.boolean(),
  urgent: z.boolean(),
  extraWorkload: z.boolean(),
  decision: z.enum(changeRequestDecisions).default('pending'),
  decidedOn: isoDate.optional(),
  decidedBy: userName.optional(),
});

export const sowFields = z.strictObject({
  title: shortText,
  scope: z
    .strictObject({
      partyA: z.array(shortText).max(200).default([]),
      partyB: z.array(shortText).max(200).default([]),
    })
    .default({ partyA: [], partyB: [] }),
  deliverables: z.array(deliverableSchema).max(200).default([]),
  outOfScope: z
    .array(z.strictObject({ key: itemKey, item: shortText, phase2: z.boolean().default(true) }))
    .max(200)
    .default([]),
  assumptions: z.array(shortText).max(200).default([]),
  changeRequests: z.array(changeRequestSchema).max(500).default([]),
});

/**
 * The book's judgement of a change request: not core -> phase 2; core but not urgent -> phase 2;
 * core and urgent with extra workload -> supplementary contract; otherwise do it in scope.
 */
export function suggestChangeRequestDecision(cr: {
  core: boolean;
  urgent: boolean;
  extraWorkload: boolean;
}): ChangeRequestDecision {
  if (!cr.core || !cr.urgent) return 'deferred';
  return cr.extraWorkload ? 'supplementaryContract' : 'accepted';
}
