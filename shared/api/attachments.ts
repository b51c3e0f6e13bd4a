// Attachments: add a file to a visit, an issue, a SOW or an account, list them, read one back,
// remove one. The bytes cross the API as base64 (the HTTP host also serves them raw, for
// previews: main/http/server.ts).
import { z } from 'zod';
import { docIdSchema, itemKey } from '../domain/common';
import type { MethodSpec } from './spec';

const revInput = z.string().regex(/^\d+-[0-9a-f]+$/, 'revision');
const attachmentId = z
  .string()
  .regex(/^attachment:[0-9A-Za-z]{1,64}:[0-9A-Za-z]{1,64}$/, 'attachment id');

export const attachmentsContract: Record<string, MethodSpec> = {
  'attachment.add': {
    input: z.strictObject({
      target: docIdSchema,
      /** The file's name (a path is cut to its last part); its extension must be allowed. */
      name: z.string().min(1).max(1000),
      /** The file, base64. Its size is checked against the limits at this field. */
      dataBase64: z.string().max(20_000_000),
      deliverableKey: itemKey.optional(),
    }),
    access: 'write',
  },
  'attachment.list': { input: z.strictObject({ target: docIdSchema }), access: 'read' },
  'attachment.get': { input: z.strictObject({ id: attachmentId }), access: 'read' },
  'attachment.remove': {
    input: z.strictObject({ id: attachmentId, rev: revInput }),
    access: 'write',
  },
};

export interface AttachmentInfo {
  id: string;
  rev: string;
  target: string;
  name: string;
  contentType: string;
  size: number;
  /** Login of who added it (show by display name) and when. */
  addedBy: string;
  addedAt: string;
  deliverableKey?: string;
}

export interface AttachmentList {
  items: AttachmentInfo[];
  /** Bytes on the document and the limits, so the UI can say how much room is left. */
  totalBytes: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export type AttachmentsMethods = {
  'attachment.add': {
    input: { target: string; name: string; dataBase64: string; deliverableKey?: string };
    output: AttachmentInfo;
  };
  'attachment.list': { input: { target: string }; output: AttachmentList };
  'attachment.get': {
    input: { id: string };
    output: { info: AttachmentInfo; dataBase64: string; available: boolean };
  };
  'attachment.remove': { input: { id: string; rev: string }; output: { id: string } };
};
