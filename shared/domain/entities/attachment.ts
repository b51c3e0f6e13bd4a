// A file attached to a visit, an issue, a SOW or an account: its metadata here, its bytes in the
// document's one PouchDB attachment (`_attachments.file`), so the file replicates with its
// account's documents and the server's rules apply to it as to any document of that account.
// Who added it and when are the envelope's createdBy/createdAt.
import { z } from 'zod';
import { count, docIdSchema, itemKey } from '../common';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_TARGET_TYPES,
  MAX_ATTACHMENT_BYTES,
} from '../../rules/attachments';

export const attachmentFields = z.strictObject({
  /** The document it is attached to (of the same account). */
  target: docIdSchema,
  targetType: z.enum(ATTACHMENT_TARGET_TYPES),
  /** The file name, sanitized (shared/rules/attachments.ts checkFileName). */
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\u0000-\u001f\u007f<>:"|?*]+$/, 'file name'),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
  size: count.max(MAX_ATTACHMENT_BYTES),
  /** The SOW deliverable (its item key) a signed acceptance scan belongs to. */
  deliverableKey: itemKey.optional(),
});
