// Form validation with the backend's own zod schemas, and the backend's field errors placed on
// the fields they name.
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { customValues, type ApiError } from '../../shared/api/errors';
import type { MessageKey } from '../../shared/i18n';
import type { Translate } from './i18n';
import { ApiCallError } from './api/client';
import { errorText } from './errorText';

export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

const ZOD_KEYS: Record<string, MessageKey> = {
  invalid_type: 'validation.invalidType',
  too_small: 'validation.tooSmall',
  too_big: 'validation.tooBig',
  invalid_format: 'validation.invalidFormat',
  invalid_value: 'validation.invalidValue',
  unrecognized_keys: 'validation.unrecognizedKeys',
};

function group(list: { path: (string | number)[]; text: string }[]): FieldError[] {
  const byPath = new Map<string, FieldError>();
  for (const { path, text } of list) {
    const k = JSON.stringify(path);
    const entry = byPath.get(k) ?? { name: path, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byPath.set(k, entry);
  }
  return [...byPath.values()];
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const step of path) at = (at as Record<PropertyKey, unknown> | undefined)?.[step];
  return at;
}

/** Runs the schema in the browser; returns the parsed value or the field errors. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
): { ok: true; data: z.output<S> } | { ok: false; fields: FieldError[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    fields: group(
      parsed.error.issues.map((issue) => {
        const custom = (issue as { params?: { messageKey?: MessageKey } }).params?.messageKey;
        // A field left empty reads "required", not the schema's "wrong type".
        const missing = issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
        const params: Record<string, string | number> = {};
        if ('minimum' in issue) params.minimum = Number(issue.minimum);
        if ('maximum' in issue) params.maximum = Number(issue.maximum);
        Object.assign(params, customValues(issue));
        return {
          path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          text: t(
            custom ??
              (missing ? 'ui.common.required' : ZOD_KEYS[issue.code]) ??
              'validation.invalid',
            params,
          ),
        };
      }),
    ),
  };
}

/** The backend's errors with their field paths, minus the envelope (data., changes.). */
export function fieldErrorsOf(
  error: unknown,
  t: Translate,
): { fields: FieldError[]; general: string[] } {
  const errors: ApiError[] = error instanceof ApiCallError ? error.errors : [];
  const fields: { path: (string | number)[]; text: string }[] = [];
  const general: string[] = [];
  for (const e of errors) {
    const text = t(e.messageKey, e.params);
    const path = ['data', 'changes'].includes(String(e.path[0])) ? e.path.slice(1) : e.path;
    if (path.length) fields.push({ path, text });
    else general.push(text);
  }
  if (!errors.length && error) general.push(errorText(t, error));
  return { fields: group(fields), general };
}

/** Removes the errors a previous save put on the form's fields. */
export function clearFieldErrors(form: FormInstance): void {
  const shown = form.getFieldsError().filter((f) => f.errors.length > 0);
  form.setFields(shown.map((f) => ({ name: f.name, errors: [] })));
}

/**
 * Shows field errors on an antd form (replacing earlier ones); errors for fields the form lacks
 * come back as text.
 */
export function showFieldErrors(form: FormInstance, fields: FieldError[]): string[] {
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const known = fields.filter((f) => registered.has(JSON.stringify(f.name)));
  clearFieldErrors(form);
  form.setFields(known.map((f) => ({ name: f.name, errors: f.errors })));
  return fields
    .filter((f) => !known.includes(f))
    .map((f) => `${f.name.join('.')}: ${f.errors.join(', ')}`);
}

/** Drops empty strings and empty nested objects so optional fields stay absent. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compact(v);
      if (c === undefined || c === null || c === '') continue;
      out[k] = c;
    }
    return out;
  }
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  return value;
}
