// The limits on what crosses a boundary into or out of the backend (HTTP bodies, worker and
// utility-process messages, Electron IPC, the CLI's `call`), and the checks every host runs
// before it parses or posts. The checks never recurse: a message nested 5,000 levels deep must be
// refused, not crash the checker (V8's JSON and structured-clone code throws RangeError past a
// few thousand levels, and an uncaught throw there ends the process).
import { ApiFailure, type ApiError } from '../../shared/api/errors';
import type { MessageKey } from '../../shared/i18n';

export interface Limits {
  /** What is limited: a call's input (the caller's fault) or a reply (too much asked for). */
  subject: 'input' | 'reply';
  /** Largest message: bytes of JSON text, or characters of a value's JSON form. */
  maxBytes: number;
  /** Deepest nesting of arrays and objects (the top level is depth 1). */
  maxDepth: number;
}

const MiB = 1024 * 1024;

/**
 * A request: an API call's input. The largest are a first-run restore of a JSON backup
 * (`backup.import`), a company .docx template and an Excel import as base64; a backup larger
 * than this restores with `csm import FILE`, which reads the file itself. 64 levels is far
 * beyond any contract schema.
 */
export const REQUEST_LIMITS: Limits = { subject: 'input', maxBytes: 64 * MiB, maxDepth: 64 };

/**
 * A reply: deliverables and backups are the large ones. 256 MiB stays well under the longest
 * string V8 can build (about 512 MiB), which the HTTP host needs to send the reply as JSON.
 */
export const REPLY_LIMITS: Limits = { subject: 'reply', maxBytes: 256 * MiB, maxDepth: 64 };

function sizeLabel(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

function refusal(
  subject: Limits['subject'],
  what: 'tooLarge' | 'tooDeep' | 'notJson',
  message: string,
  params: Record<string, string | number>,
): ApiError[] {
  return [
    {
      code: subject === 'input' ? 'VALIDATION' : 'INTERNAL',
      path: [],
      message,
      messageKey: `error.${subject}.${what}` as MessageKey,
      params,
    },
  ];
}

function tooLarge(limits: Limits): ApiError[] {
  const limit = sizeLabel(limits.maxBytes);
  return refusal(limits.subject, 'tooLarge', `${limits.subject} larger than ${limit}`, { limit });
}

function tooDeep(limits: Limits): ApiError[] {
  const message = `${limits.subject} nested deeper than ${limits.maxDepth} levels`;
  return refusal(limits.subject, 'tooDeep', message, { limit: limits.maxDepth });
}

/** Why raw JSON text is refused (too large, too deep), or null; one pass, no recursion. */
export function jsonTextRefusal(text: string, limits: Limits): ApiError[] | null {
  // Characters first (cheap), then the exact UTF-8 size when it could matter.
  if (text.length > limits.maxBytes || Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
    return tooLarge(limits);
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limits.maxDepth) return tooDeep(limits);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return null;
}

/**
 * Parses JSON text within the limits; throws ApiFailure (VALIDATION) when it is too large, too
 * deep or not JSON. Empty text is an empty input.
 */
export function parseBoundedJson(text: string, limits: Limits = REQUEST_LIMITS): unknown {
  const refused = jsonTextRefusal(text, limits);
  if (refused) throw new ApiFailure(refused);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiFailure(refusal(limits.subject, 'notJson', `not JSON: ${reason}`, { reason }));
  }
}

/**
 * Why a value is refused before it is posted to another thread or process, or null. Walks it
 * with an explicit stack; the size is that of its JSON form, counted in characters, and the walk
 * stops as soon as a limit is passed (so a cycle or a huge value costs at most the limit).
 */
export function valueRefusal(value: unknown, limits: Limits): ApiError[] | null {
  let size = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v === 'string') size += v.length + 2;
    else if (v === null || typeof v !== 'object') size += 8;
    else if (ArrayBuffer.isView(v)) size += v.byteLength;
    else if (v instanceof ArrayBuffer) size += v.byteLength;
    else {
      if (depth > limits.maxDepth) return tooDeep(limits);
      size += 2;
      if (Array.isArray(v)) {
        for (const item of v) stack.push({ value: item, depth: depth + 1 });
        size += v.length;
      } else {
        for (const [key, item] of Object.entries(v)) {
          size += key.length + 4;
          stack.push({ value: item, depth: depth + 1 });
        }
      }
    }
    if (size > limits.maxBytes) return tooLarge(limits);
  }
  return null;
}
