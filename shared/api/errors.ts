// One error shape for every call, whichever host carries it (IPC, HTTP, CLI).
import type { z } from 'zod';
import type { MessageKey } from '../i18n';

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'OFFLINE',
  'UNAUTHORIZED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** The failing field, as a zod issue path; [] for the whole call. */
  path: (string | number)[];
  /** English, for logs. The user reads t(messageKey, params). */
  message: string;
  messageKey: MessageKey;
  params?: Record<string, string | number>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; errors: ApiError[] };

/** Thrown inside the backend; dispatch turns it into `{ ok: false, errors }`. */
export class ApiFailure extends Error {
  constructor(public readonly errors: ApiError[]) {
    super(
      errors
        .map((e) => `${e.code}${e.path.length ? ` at ${e.path.join('.')}` : ''}: ${e.message}`)
        .join('; '),
    );
    this.name = 'ApiFailure';
  }
  get code(): ErrorCode {
    return this.errors[0].code;
  }
}

export function apiError(
  code: ErrorCode,
  messageKey: MessageKey,
  message: string,
  params?: Record<string, string | number>,
  path: (string | number)[] = [],
): ApiFailure {
  return new ApiFailure([{ code, path, message, messageKey, params }]);
}

const ZOD_MESSAGE_KEYS: Record<string, MessageKey> = {
  invalid_type: 'validation.invalidType',
  too_small: 'validation.tooSmall',
  too_big: 'validation.tooBig',
  invalid_format: 'validation.invalidFormat',
  invalid_value: 'validation.invalidValue',
  unrecognized_keys: 'validation.unrecognizedKeys',
};

/** Maps zod issues to API errors, keeping the field path and any translatable key. */
/** The message parameters a custom issue carries (`params.values`, e.g. a sum to show). */
export function customValues(issue: z.core.$ZodIssue): Record<string, string | number> {
  const values = (issue as { params?: { values?: unknown } }).params?.values;
  if (!values || typeof values !== 'object') return {};
  return Object.fromEntries(
    Object.entries(values).filter(
      (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
    ),
  );
}

export function fromZodIssues(
  issues: z.core.$ZodIssue[],
  pathPrefix: (string | number)[] = [],
): ApiFailure {
  return new ApiFailure(
    issues.map((issue) => {
      const custom = (issue as { params?: { messageKey?: MessageKey } }).params?.messageKey;
      const params: Record<string, string | number> = {};
      if ('minimum' in issue) params.minimum = Number(issue.minimum);
      if ('maximum' in issue) params.maximum = Number(issue.maximum);
      if ('keys' in issue && Array.isArray(issue.keys)) params.keys = issue.keys.join(', ');
      Object.assign(params, customValues(issue));
      return {
        code: 'VALIDATION' as const,
        path: [...pathPrefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: issue.message,
        messageKey: custom ?? ZOD_MESSAGE_KEYS[issue.code] ?? 'validation.invalid',
        params,
      };
    }),
  );
}
