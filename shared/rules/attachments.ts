// Attachments (signed acceptance scans, whiteboard photos, customer files): which files a
// document may carry, how large, and what a file name may be. The API checks them at the field
// (main/api/handlers/attachments.ts) and the team server checks the same numbers in its
// validate_doc_update (main/sync/designDoc.ts), so a laptop that skips the app cannot push more.

const MiB = 1024 * 1024;
/** Largest single file. */
export const MAX_ATTACHMENT_BYTES = 10 * MiB;
/** Largest total of the files on one document (a visit, an issue, a SOW, an account). */
export const MAX_ATTACHMENTS_PER_DOC_BYTES = 25 * MiB;
/** Most files on one document. */
export const MAX_ATTACHMENTS_PER_DOC = 50;
/** The name of the one PouchDB attachment an attachment document carries. */
export const ATTACHMENT_FILE = 'file';

/** Document types that carry attachments. */
export const ATTACHMENT_TARGET_TYPES = ['visit', 'issue', 'sow', 'account'] as const;
export type AttachmentTargetType = (typeof ATTACHMENT_TARGET_TYPES)[number];

/** The allow-list: content type by file extension (lower case). */
export const ATTACHMENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
};

export const ATTACHMENT_CONTENT_TYPES = [...new Set(Object.values(ATTACHMENT_TYPES))] as [
  string,
  ...string[],
];

/** Types the app previews inline (everything else is only saved to disk). */
export const PREVIEW_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
];

export function isPreviewable(contentType: string): boolean {
  return PREVIEW_CONTENT_TYPES.includes(contentType);
}

/** The file extension of a name, lower case ('' without one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export type NameCheck =
  | { ok: true; name: string; contentType: string }
  | {
      ok: false;
      messageKey: 'attachment.error.badName' | 'attachment.error.badType';
      reason: string;
    };

/**
 * A file name as given (maybe a path from the user's disk) made safe to store, show and save:
 * the last path segment only, control characters and characters Windows forbids replaced,
 * trimmed, at most 200 characters. A name that is (or ends as) `.`/`..`, or empty, is refused;
 * so is an extension outside the allow-list.
 */
export function checkFileName(given: string): NameCheck {
  const last = given.split(/[/\\]/).pop() ?? '';
  const cleaned = last
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned === '' || /^[. ]*$/.test(cleaned) || given.split(/[/\\]/).some((s) => s === '..')) {
    return {
      ok: false,
      messageKey: 'attachment.error.badName',
      reason: `not a file name: ${given}`,
    };
  }
  const ext = extensionOf(cleaned);
  const contentType = ATTACHMENT_TYPES[ext];
  if (!contentType) {
    return {
      ok: false,
      messageKey: 'attachment.error.badType',
      reason: `.${ext || '(none)'} is not an allowed attachment type`,
    };
  }
  let name = cleaned;
  if (name.length > 200) name = `${name.slice(0, 195 - ext.length)}.${ext}`;
  return { ok: true, name, contentType };
}

/**
 * A size and its limit for a refusal: rounded as formatBytes, or to the byte when rounding
 * would show them equal ("10,485,761 bytes; at most 10,485,760 bytes").
 */
export function sizeAgainstLimit(size: number, limit: number): { size: string; limit: string } {
  if (formatBytes(size) !== formatBytes(limit)) {
    return { size: formatBytes(size), limit: formatBytes(limit) };
  }
  const exact = (n: number) => `${n.toLocaleString('en-US')} B`;
  return { size: exact(size), limit: exact(limit) };
}

/** Bytes, for people: 1.2 MB, 340 KB, 12 B. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
