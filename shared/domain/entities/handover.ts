import { z } from 'zod';
import {
  count,
  customIssue,
  isoDate,
  isoDateTime,
  itemKey,
  money,
  optionalText,
  shortText,
  userName,
} from '../common';
import { decisionChainRoles } from './contact';

const signature = z.strictObject({ by: userName, at: isoDateTime });

/** Sales -> CS "trust transfer": every section of the handover list, signed by both sides. */
export const handoverFields = z.strictObject({
  basics: z
    .strictObject({
      overview: optionalText,
      industryPosition: optionalText,
      employees: count.optional(),
      website: z.string().trim().max(300).optional(),
    })
    .default({}),
  sales: z
    .strictObject({
      products: optionalText,
      quantity: count.optional(),
      price: money.optional(),
      discount: z.number().min(0).max(1).optional(),
      paymentTerms: optionalText,
    })
    .default({}),
  keyPeople: z
    .array(
      z.strictObject({
        key: itemKey,
        contactId: z.string().optional(),
        name: shortText,
        position: shortText.optional(),
        role: z.enum(decisionChainRoles).optional(),
        notes: optionalText,
      }),
    )
    .max(100)
    .default([]),
  needs: z
    .strictObject({
      businessGoals: optionalText,
      departments: optionalText,
      userCount: count.optional(),
      whyBought: optionalText,
      urgentProblems: optionalText,
      serviceDemands: optionalText,
    })
    .default({}),
  history: optionalText,
  implementationPlan: z
    .strictObject({
      summary: optionalText,
      startDate: isoDate.optional(),
      goLiveDate: isoDate.optional(),
    })
    .default({}),
  supportNeeds: optionalText,
  anticipatedIssues: z
    .array(z.strictObject({ key: itemKey, issue: shortText, proposedAnswer: optionalText }))
    .max(100)
    .default([]),
  salesFeedback: z
    .strictObject({ demoUsed: optionalText, researchMaterial: optionalText })
    .default({}),
  commitments: z
    .strictObject({
      ours: z.array(shortText).max(100).default([]),
      theirs: z.array(shortText).max(100).default([]),
    })
    .default({ ours: [], theirs: [] }),
  /** Strategic accounts are handed over face to face. */
  faceToFace: z.boolean().default(false),
  signOff: z.strictObject({ sales: signature.optional(), csm: signature.optional() }).default({}),
});

export function refineHandover(h: z.output<typeof handoverFields>, ctx: z.RefinementCtx): void {
  if (h.signOff.csm && !h.signOff.sales) {
    customIssue(
      ctx,
      ['signOff', 'sales'],
      'validation.salesSignFirst',
      'sales signs the handover before the receiving CSM',
    );
  }
}

export function isHandoverSigned(h: { signOff: { sales?: unknown; csm?: unknown } }): boolean {
  return Boolean(h.signOff.sales && h.signOff.csm);
}
