import { z } from 'zod';
import {
  amountOf,
  businessDate,
  checkNotBefore,
  countOf,
  customIssue,
  discountFraction,
  optionalText,
  shortText,
} from '../common';

/** How a contract's renewal ended: renewed, churned, or renewed at a lower value (downsized). */
export const renewalOutcomes = ['renewed', 'downsized', 'churned'] as const;
export type RenewalOutcome = (typeof renewalOutcomes)[number];
/** The answers of the renewal self-check. */
export const selfCheckAnswers = ['yes', 'no', 'unknown'] as const;

const selfCheckAnswer = z.enum(selfCheckAnswers).default('unknown');

/**
 * The renewal record of one contract: the forecast while it is worked, the book's self-check
 * (is the original purchase reason met? has the decision chain changed? are promises
 * unfulfilled?), and the outcome with its reason and the successor contract.
 */
export const renewalRecordSchema = z.strictObject({
  /** Expected value of the renewal (TCV of the successor), in the contract's currency. */
  forecastAmount: amountOf('validation.amountNotNegative').optional(),
  /** Chance of renewing, in percent (0-100). */
  likelihood: z
    .number()
    .superRefine((n, ctx) => {
      if (!Number.isInteger(n) || n < 0 || n > 100)
        ctx.addIssue({
          code: 'custom',
          message: `likelihood ${n} is outside 0..100`,
          params: { messageKey: 'validation.likelihoodRange' },
        });
    })
    .optional(),
  selfCheck: z
    .strictObject({
      purchaseReasonMet: selfCheckAnswer,
      decisionChainChanged: selfCheckAnswer,
      promisesUnfulfilled: selfCheckAnswer,
      notes: optionalText,
    })
    .default({
      purchaseReasonMet: 'unknown',
      decisionChainChanged: 'unknown',
      promisesUnfulfilled: 'unknown',
    }),
  outcome: z.enum(renewalOutcomes).optional(),
  /** Why it churned or shrank (required then), or what won the renewal. */
  reason: optionalText,
  decidedOn: businessDate.optional(),
  /** The contract that continues this one (renewed or downsized). */
  successorContractId: z.string().trim().min(1).max(200).optional(),
  notes: optionalText,
});

export const contractFields = z.strictObject({
  contractNo: shortText,
  products: z
    .array(
      z.strictObject({
        name: shortText,
        /** The product's English name, for documents in English (the name as entered without it). */
        nameEn: shortText.optional(),
        edition: shortText.optional(),
        /** The product's modules with their English names (documents name modules by these). */
        modules: z
          .array(z.strictObject({ name: shortText, nameEn: shortText.optional() }))
          .max(100)
          .optional(),
        quantity: countOf('validation.quantityNotNegative'),
        unit: z.enum(['seat', 'usageUnit', 'personDay']).default('seat'),
        unitPrice: amountOf('validation.amountNotNegative'),
        /** Fraction off list price: 0.2 = 20% off (typed as a percentage, 0-100 %). */
        discount: discountFraction.default(0),
      }),
    )
    .min(1)
    .max(100),
  currency: z.enum(['CNY', 'USD', 'EUR']).default('CNY'),
  /** Total contract value (TCV) for the whole term. */
  amount: amountOf('validation.amountNotNegative'),
  paymentTerms: optionalText,
  paid: z.boolean().default(true),
  startDate: businessDate,
  endDate: businessDate,
  serviceLevel: z.enum(['standard5x8', 'premium7x24']).default('standard5x8'),
  status: z.enum(['active', 'renewed', 'expired', 'terminated']).default('active'),
  renewal: renewalRecordSchema.optional(),
  notes: optionalText,
});

export function refineContract(c: z.output<typeof contractFields>, ctx: z.RefinementCtx): void {
  checkNotBefore(
    ctx,
    c.startDate,
    c.endDate,
    ['endDate'],
    'validation.contractEndBeforeStart',
    "the contract's end date is before its start date",
  );
  const r = c.renewal;
  if (!r) return;
  if ((r.outcome === 'churned' || r.outcome === 'downsized') && !r.reason) {
    customIssue(
      ctx,
      ['renewal', 'reason'],
      'validation.renewalReasonRequired',
      'a churned or downsized renewal needs its reason',
    );
  }
  if (r.outcome && !r.decidedOn) {
    customIssue(
      ctx,
      ['renewal', 'decidedOn'],
      'validation.renewalDecidedOnRequired',
      'a renewal outcome needs the day it was decided',
    );
  }
  checkNotBefore(
    ctx,
    c.startDate,
    r.decidedOn,
    ['renewal', 'decidedOn'],
    'validation.renewalDecidedBeforeStart',
    'the renewal is decided before the contract started',
  );
  if (r.outcome === 'churned' && r.successorContractId) {
    customIssue(
      ctx,
      ['renewal', 'successorContractId'],
      'validation.churnWithSuccessor',
      'a churned contract has no successor contract',
    );
  }
}
