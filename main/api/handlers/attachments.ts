// Attachments: one `attachment:<accountKey>:<ulid>` document per file, whose fields say what it
// is and whose one PouchDB attachment (`file`) holds the bytes, written through the one writer.
// The limits and the allow-list are shared/rules/attachments.ts; each refusal names its field.
import type { AttachmentInfo, AttachmentList } from '../../../shared/api/attachments';
import { apiError } from '../../../shared/api/errors';
import {
  ATTACHMENT_FILE,
  ATTACHMENT_TARGET_TYPES,
  checkFileName,
  formatBytes,
  sizeAgainstLimit,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_DOC,
  MAX_ATTACHMENTS_PER_DOC_BYTES,
} from '../../../shared/rules/attachments';
import type { Doc } from '../../store/documentWriter';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

export function attachmentInfo(doc: Record<string, unknown>): AttachmentInfo {
  return {
    id: String(doc._id),
    rev: String(doc._rev),
    target: String(doc.target),
    name: String(doc.name),
    contentType: String(doc.contentType),
    size: Number(doc.size),
    addedBy: String(doc.createdBy),
    addedAt: String(doc.createdAt),
    ...(typeof doc.deliverableKey === 'string' ? { deliverableKey: doc.deliverableKey } : {}),
  };
}

function targetOf(ctx: BackendContext, id: string): Doc {
  const doc = ctx.queries.getDoc(id) as Doc | null;
  if (!doc) throw apiError('NOT_FOUND', 'error.notFound', `${id} not found`, { id }, ['target']);
  if (!(ATTACHMENT_TARGET_TYPES as readonly string[]).includes(String(doc.type))) {
    throw apiError(
      'VALIDATION',
      'attachment.error.badTarget',
      `a ${String(doc.type)} carries no attachments`,
      { type: String(doc.type) },
      ['target'],
    );
  }
  return doc;
}

function listOf(ctx: BackendContext, target: Doc): AttachmentList {
  const items = ctx.queries.attachmentsOf(String(target.accountId), target._id).map(attachmentInfo);
  return {
    items,
    totalBytes: items.reduce((sum, a) => sum + a.size, 0),
    maxFileBytes: MAX_ATTACHMENT_BYTES,
    maxTotalBytes: MAX_ATTACHMENTS_PER_DOC_BYTES,
  };
}

/** The exact byte length of base64 text, or null when it is not base64. */
function base64Bytes(text: string): number | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return (clean.length / 4) * 3 - pad;
}

async function add(
  ctx: BackendContext,
  input: { target: string; name: string; dataBase64: string; deliverableKey?: string },
  actor: Actor,
): Promise<AttachmentInfo> {
  const target = targetOf(ctx, input.target);
  const checked = checkFileName(input.name);
  if (!checked.ok) {
    throw apiError('VALIDATION', checked.messageKey, checked.reason, { name: input.name }, [
      'name',
    ]);
  }
  const size = base64Bytes(input.dataBase64);
  if (size === null) {
    throw apiError('VALIDATION', 'attachment.error.notBase64', 'the file is not base64', {}, [
      'dataBase64',
    ]);
  }
  if (size === 0) {
    throw apiError('VALIDATION', 'attachment.error.empty', 'the file is empty', {}, ['dataBase64']);
  }
  if (size > MAX_ATTACHMENT_BYTES) {
    throw apiError(
      'VALIDATION',
      'attachment.error.tooLarge',
      `${size} bytes is over the limit of ${MAX_ATTACHMENT_BYTES} bytes per file`,
      sizeAgainstLimit(size, MAX_ATTACHMENT_BYTES),
      ['dataBase64'],
    );
  }
  const current = listOf(ctx, target);
  if (current.items.length >= MAX_ATTACHMENTS_PER_DOC) {
    throw apiError(
      'VALIDATION',
      'attachment.error.tooMany',
      `the document already has ${current.items.length} attachments`,
      { limit: MAX_ATTACHMENTS_PER_DOC },
      ['dataBase64'],
    );
  }
  if (current.totalBytes + size > MAX_ATTACHMENTS_PER_DOC_BYTES) {
    throw apiError(
      'VALIDATION',
      'attachment.error.documentFull',
      `${current.totalBytes + size} bytes on the document is over ${MAX_ATTACHMENTS_PER_DOC_BYTES}`,
      {
        used: formatBytes(current.totalBytes),
        size: formatBytes(size),
        limit: formatBytes(MAX_ATTACHMENTS_PER_DOC_BYTES),
      },
      ['dataBase64'],
    );
  }
  if (input.deliverableKey !== undefined) {
    const deliverables = (target.deliverables as { key?: string }[] | undefined) ?? [];
    if (target.type !== 'sow' || !deliverables.some((d) => d.key === input.deliverableKey)) {
      throw apiError(
        'VALIDATION',
        'attachment.error.noDeliverable',
        `no deliverable ${input.deliverableKey} on ${target._id}`,
        { key: input.deliverableKey },
        ['deliverableKey'],
      );
    }
  }
  const { docs } = await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'attachment',
        accountId: String(target.accountId),
        fields: {
          target: target._id,
          targetType: target.type,
          name: checked.name,
          contentType: checked.contentType,
          size,
          ...(input.deliverableKey ? { deliverableKey: input.deliverableKey } : {}),
        },
        attachments: {
          [ATTACHMENT_FILE]: {
            content_type: checked.contentType,
            data: input.dataBase64.replace(/\s+/g, ''),
          },
        },
      },
    ],
    timeline: 'created',
  });
  return attachmentInfo(docs[0]);
}

function loadAttachment(ctx: BackendContext, id: string): Doc {
  const doc = ctx.queries.getDoc(id) as Doc | null;
  if (!doc || doc.type !== 'attachment') {
    throw apiError('NOT_FOUND', 'error.notFound', `${id} not found`, { id }, ['id']);
  }
  return doc;
}

async function get(
  ctx: BackendContext,
  input: { id: string },
): Promise<{ info: AttachmentInfo; dataBase64: string; available: boolean }> {
  const doc = loadAttachment(ctx, input.id);
  const bytes = await ctx.store.getAttachment(doc._id, ATTACHMENT_FILE);
  return {
    info: attachmentInfo(doc),
    dataBase64: bytes ? bytes.toString('base64') : '',
    available: bytes !== null,
  };
}

/** The raw bytes for the HTTP host's preview route (null: no such attachment). */
export async function attachmentBytes(
  ctx: BackendContext,
  id: string,
): Promise<{ info: AttachmentInfo; bytes: Buffer } | null> {
  const doc = ctx.queries.getDoc(id) as Doc | null;
  if (!doc || doc.type !== 'attachment') return null;
  const bytes = await ctx.store.getAttachment(doc._id, ATTACHMENT_FILE);
  return bytes ? { info: attachmentInfo(doc), bytes } : null;
}

async function remove(
  ctx: BackendContext,
  input: { id: string; rev: string },
  actor: Actor,
): Promise<{ id: string }> {
  const doc = loadAttachment(ctx, input.id);
  if (doc._rev !== input.rev) {
    throw apiError(
      'CONFLICT',
      'error.conflict',
      `stale revision of ${input.id}`,
      { id: input.id, currentRev: String(doc._rev) },
      ['rev'],
    );
  }
  await ctx.writer.commit(actor, { changes: [{ kind: 'delete', base: doc }], timeline: 'deleted' });
  return { id: doc._id };
}

export const attachmentsHandlers: Record<string, Handler> = {
  'attachment.add': add,
  'attachment.list': (ctx: BackendContext, input: { target: string }) =>
    listOf(ctx, targetOf(ctx, input.target)),
  'attachment.get': get,
  'attachment.remove': remove,
};
