import type { MessageKey } from '..';

export const store = {
  'store.diskFull':
    'The disk is full: the store could not write ({reason}). Nothing more is saved until you free space and restart.',
  'store.writeFailed':
    'The store could not write ({reason}). Nothing more is saved until it is restarted.',
  'store.damaged':
    'The local data store is damaged ({reason}). Nothing was changed or rebuilt and every file is kept. Run the repair to recover the data.',
  'store.notDamaged': 'The local data store is not damaged; there is nothing to repair',
  'backup.duplicateId': '{id} appears more than once in the backup',
} satisfies Partial<Record<MessageKey, string>>;
