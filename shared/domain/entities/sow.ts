import { z } from 'zod';
import {
  businessDate,
  checkNotBefore,
  isoDate,
  itemKey,
  optionalText,
  shortText,
  userName,
} from '../common';

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
  dueDate: businessDate.optional(),
  reviewOn: businessDate.optional(),
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
  /** The day the work under this SOW starts: no deliverable is due before it. */
  startDate: businessDate.optional(),
  /** The contract this SOW delivers (its start bounds the deliverables too, checked on write). */
  contractId: z.string().trim().min(1).max(200).optional(),
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

export function refineSow(s: z.output<typeof sowFields>, ctx: z.RefinementCtx): void {
  s.deliverables.forEach((d, i) => {
    checkNotBefore(
      ctx,
      s.startDate,
      d.dueDate,
      ['deliverables', i, 'dueDate'],
      'validation.deliverableDueBeforeSowStart',
      'the deliverable is due before the SOW starts',
    );
    checkNotBefore(
      ctx,
      s.startDate,
      d.reviewOn,
      ['deliverables', i, 'reviewOn'],
      'validation.reviewBeforeSowStart',
      'the review is before the SOW starts',
    );
  });
  s.changeRequests.forEach((cr, i) =>
    checkNotBefore(
      ctx,
      cr.requestedOn,
      cr.decidedOn,
      ['changeRequests', i, 'decidedOn'],
      'validation.decidedBeforeRequested',
      'the change request is decided before it was requested',
    ),
  );
}

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
