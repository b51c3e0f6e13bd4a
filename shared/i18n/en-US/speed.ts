import type { MessageKey } from '..';

// Speed at team scale (issue 15): what the bulk paths say when they stop part way.
export const speed = {
  'backup.restoreStopped':
    'The restore stopped after {written} of {total} documents ({reason}). Nothing the store held before was changed; importing the same backup again completes the restore.',
} satisfies Partial<Record<MessageKey, string>>;
