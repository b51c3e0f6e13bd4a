// An early-warning alert's words, for the UI and the CLI alike.
import type { MessageKey } from '.';
import { enumLabel } from './enumLabel';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The alert's message with a key person's role translated. An account never contacted has no
 * day count (`days: -1`): it reads "no contact on record", never "-1 days".
 */
export function alertMessage(
  t: Translate,
  a: { rule: string; params: Record<string, string | number> },
): string {
  const params = { ...a.params };
  if (typeof params.role === 'string')
    params.role = enumLabel((k) => t(k), 'contactRole', params.role);
  if (a.rule === 'noContact' && params.days === -1) return t('health.alert.noContactEver', params);
  return t(`health.alert.${a.rule}` as MessageKey, params);
}
