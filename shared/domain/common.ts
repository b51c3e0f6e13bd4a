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
