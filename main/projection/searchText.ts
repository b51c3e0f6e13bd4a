// What of a document goes into full-text search: its title and every human-written string.
import { SYSTEM_FIELD_NAMES } from '../../shared/domain/common';

const SKIPPED_KEYS = new Set<string>([
  ...SYSTEM_FIELD_NAMES,
  '_conflicts',
  // An attachment's bytes (base64 on a replicated document) are no text to search.
  '_attachments',
  'key',
  'contactId',
  'targetId',
]);
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Types with nothing a person would search for. */
export const UNSEARCHED_TYPES = new Set([
  'usageReading',
  'timeline',
  'healthModel',
  'healthScore',
  'healthOverride',
  'alertState',
  'requirementModel',
  // People are found in the team directory; a hit would open no account.
  'teamMember',
]);

/**
 * `relabel(key, value)` may replace a stored string by what a reader sees (an enum value by its
 * label, for snippets); the index itself keeps the stored values.
 */
export function searchBody(
  doc: Record<string, unknown>,
  relabel?: (key: string, value: string) => string,
): string {
  const out: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (SKIPPED_KEYS.has(key)) return;
    if (typeof value === 'string') {
      if (!DATE_LIKE.test(value)) out.push(relabel ? relabel(key, value) : value);
    } else if (Array.isArray(value)) {
      // Elements of a list of values (roles: ['decisionMaker']) keep the list's name.
      for (const item of value) walk(item, typeof item === 'string' ? key : '');
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(doc, '');
  return out.join('\n');
}
