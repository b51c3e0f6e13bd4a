// What of a document goes into full-text search: its title and every human-written string.
import { SYSTEM_FIELD_NAMES } from '../../shared/domain/common';

const SKIPPED_KEYS = new Set<string>([
  ...SYSTEM_FIELD_NAMES,
  '_conflicts',
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
  // People are found in the team directory; a hit would open no account.
  'teamMember',
]);

export function searchBody(doc: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (SKIPPED_KEYS.has(key)) return;
    if (typeof value === 'string') {
      if (!DATE_LIKE.test(value)) out.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, '');
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(doc, '');
  return out.join('\n');
}
