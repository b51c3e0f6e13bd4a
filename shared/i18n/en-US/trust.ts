import type { MessageKey } from '..';

// Trust leftovers: health rescored after a pull (docs/health.md), reported in the Sync drawer.
export const trust = {
  'trust.healthRescore.failed':
    'Rescoring health after the pull failed ({at}): {reason}. These accounts are rescored again after the next sync.',
} satisfies Partial<Record<MessageKey, string>>;
