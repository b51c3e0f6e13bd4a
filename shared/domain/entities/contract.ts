import { z } from 'zod';
import { checkDateOrder, count, isoDate, money, optionalText, shortText } from '../common';

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
        quantity: count,
        unit: z.enum(['seat', 'usageUnit', 'personDay']).default('seat'),
        unitPrice: money,
        /** Fraction off list price: 0.2 = 20% off. */
        discount: z.number().min(0).max(1).default(0),
      }),
    )
    .min(1)
    .max(100),
  currency: z.enum(['CNY', 'USD', 'EUR']).default('CNY'),
  /** Total contract value (TCV) for the whole term. */
  amount: money,
  paymentTerms: optionalText,
  paid: z.boolean().default(true),
  startDate: isoDate,
  endDate: isoDate,
  serviceLevel: z.enum(['standard5x8', 'premium7x24']).default('standard5x8'),
  status: z.enum(['active', 'renewed', 'expired', 'terminated']).default('active'),
  notes: optionalText,
});

export function refineContract(c: z.output<typeof contractFields>, ctx: z.RefinementCtx): void {
  checkDateOrder(ctx, c.startDate, c.endDate, ['endDate']);
}
