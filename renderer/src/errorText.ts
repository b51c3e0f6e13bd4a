// What the user reads about a failure: always in the UI language. The backend's errors by their
// message keys; a transport failure as "backend unreachable"; anything else (a TypeError from a
// bug, a browser message) as a translated "unexpected error", its own words kept for the console.
import type { MessageKey } from '../../shared/i18n';
import type { Translate } from './i18n';

interface KeyedError {
  messageKey: MessageKey;
  params?: Record<string, string | number>;
}

function keyedErrors(error: unknown): KeyedError[] {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is KeyedError => !!e && typeof (e as KeyedError).messageKey === 'string',
  );
}

/** Browser and runtime words that must never reach the user as they are. */
const NETWORK = /failed to fetch|networkerror|load failed|network request failed|fetch/i;

export function errorText(t: Translate, error: unknown): string {
  const keyed = keyedErrors(error);
  if (keyed.length) return [...new Set(keyed.map((e) => t(e.messageKey, e.params)))].join('; ');
  if (error) console.error(error);
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return t(NETWORK.test(text) ? 'uxUi.error.backendUnreachable' : 'uxUi.error.unexpected');
}
