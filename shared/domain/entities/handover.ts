import { z } from 'zod';
import {
  amountOf,
  businessDate,
  checkNotBefore,
  countOf,
  customIssue,
  discountFraction,
  isoDateTime,
  itemKey,
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
      employees: countOf('validation.employeesNotNegative').optional(),
      website: z.string().trim().max(300).optional(),
    })
    .default({}),
  sales: z
    .strictObject({
      products: optionalText,
      quantity: countOf('validation.quantityNotNegative').optional(),
      price: amountOf('validation.amountNotNegative').optional(),
      /** Fraction off list price (0.2 = 20 % off), typed as a percentage. */
      discount: discountFraction.optional(),
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
      userCount: countOf('validation.userCountNotNegative').optional(),
      whyBought: optionalText,
      urgentProblems: optionalText,
      serviceDemands: optionalText,
    })
    .default({}),
  history: optionalText,
  implementationPlan: z
    .strictObject({
      summary: optionalText,
      startDate: businessDate.optional(),
      goLiveDate: businessDate.optional(),
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
  checkNotBefore(
    ctx,
    h.implementationPlan.startDate,
    h.implementationPlan.goLiveDate,
    ['implementationPlan', 'goLiveDate'],
    'validation.goLiveBeforeImplementationStart',
    'go-live is before the implementation starts',
  );
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
