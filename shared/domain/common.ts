// Building blocks every entity schema shares.
import { z } from 'zod';

/** Bumped when a stored document's shape changes; the server's validate_doc_update checks it. */
export const SCHEMA_VERSION = 1;

export const text = z.string().trim().min(1).max(20_000);
export const shortText = z.string().trim().min(1).max(500);
export const optionalText = z.string().trim().max(20_000).optional();
export const userName = z.string().trim().min(1).max(100);
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
export const money = z.number().finite().min(0);
export const count = z.number().int().min(0);
/** A key for items inside a document's arrays, stable across edits so merges can match them. */
export const itemKey = z.string().trim().min(1).max(64);

export const accountIdSchema = z.string().regex(/^account:[0-9A-Za-z]{1,64}$/, 'account id');
/** `<type>:<accountKey>(:<ulid>)`, or a team member's `teamMember:<login>`. */
export const docIdSchema = z
  .string()
  .regex(
    /^([a-zA-Z]+:[0-9A-Za-z]{1,64}(:[0-9A-Za-z]{1,64})?|teamMember:[A-Za-z0-9][A-Za-z0-9._@-]{0,63})$/,
    'document id',
  );

export const partySide = z.enum(['partyA', 'partyB']);
export const level3 = z.enum(['high', 'medium', 'low']);

/** Fields the backend owns: set on write, never accepted from a caller. */
export const systemFields = {
  _id: docIdSchema,
  _rev: z.string().optional(),
  accountId: accountIdSchema,
  schemaVersion: z.literal(SCHEMA_VERSION),
  createdAt: isoDateTime,
  createdBy: userName,
  updatedAt: isoDateTime,
  updatedBy: userName,
};
export const SYSTEM_FIELD_NAMES = [
  '_id',
  '_rev',
  'type',
  'accountId',
  'schemaVersion',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
] as const;

/** A refinement failure whose text the UI can translate (see shared/i18n). */
export function customIssue(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  messageKey: string,
  message: string,
): void {
  ctx.addIssue({ code: 'custom', path, message, params: { messageKey } });
}

/** Adds an issue when an end date lies before its start date. */
export function checkDateOrder(
  ctx: z.RefinementCtx,
  start: string | undefined,
  end: string | undefined,
  path: (string | number)[],
): void {
  if (start && end && end < start) {
    customIssue(ctx, path, 'validation.endBeforeStart', 'end date is before start date');
  }
}

/** The range of plausible business dates: a day outside it is a typing slip (1900-01-01). */
export const EARLIEST_BUSINESS_DAY = '2000-01-01';
export const LATEST_BUSINESS_DAY = '2099-12-31';

/**
 * A business day (contract, deliverable, milestone, issue dates): an ISO date within
 * EARLIEST_BUSINESS_DAY..LATEST_BUSINESS_DAY, else `validation.dateImplausible` at the field.
 */
export const businessDate = isoDate.superRefine((day, ctx) => {
  if (day < EARLIEST_BUSINESS_DAY || day > LATEST_BUSINESS_DAY) {
    ctx.addIssue({
      code: 'custom',
      message: `${day} is outside ${EARLIEST_BUSINESS_DAY}..${LATEST_BUSINESS_DAY}`,
      params: {
        messageKey: 'validation.dateImplausible',
        from: EARLIEST_BUSINESS_DAY,
        to: LATEST_BUSINESS_DAY,
      },
    });
  }
});

/** Adds an issue with its own words when `later` lies before `earlier` (both optional). */
export function checkNotBefore(
  ctx: z.RefinementCtx,
  earlier: string | undefined,
  later: string | undefined,
  path: (string | number)[],
  messageKey: string,
  message: string,
): void {
  if (earlier && later && later < earlier) customIssue(ctx, path, messageKey, message);
}

/** A whole number of at least zero; a negative or fractional one is refused with `messageKey`. */
export function countOf(messageKey: string) {
  return z.number().superRefine((n, ctx) => {
    if (!Number.isInteger(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: `${n} is not a count`, params: { messageKey } });
    }
  });
}

/** An amount of money of at least zero; a negative one is refused with `messageKey`. */
export function amountOf(messageKey: string) {
  return z.number().superRefine((n, ctx) => {
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: `${n} is not an amount`, params: { messageKey } });
    }
  });
}

/**
 * A discount stored as a fraction (0.2 = 20 % off) and typed as a percentage: outside 0..1 it
 * is refused as `validation.discountRange` ("0 to 100 %"), never clamped.
 */
export const discountFraction = z.number().superRefine((n, ctx) => {
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `discount ${n} is outside 0..1 (0 to 100 %)`,
      params: { messageKey: 'validation.discountRange' },
    });
  }
});
