import type { MessageKey } from '..';

export const store = {
  'store.diskFull':
    'The disk is full: the store could not write ({reason}). Nothing more is saved until you free space and restart.',
  'store.writeFailed':
    'The store could not write ({reason}). Nothing more is saved until it is restarted.',
  'store.damaged':
    'The local data store is damaged ({reason}). Nothing was changed or rebuilt and every file is kept. Run the repair to recover the data.',
  'store.notDamaged': 'The local data store is not damaged; there is nothing to repair',
  'storeUi.damagedTitle': 'The local data store is damaged',
  'storeUi.repair': 'Repair',
  'storeUi.repairExplained':
    "The repair first copies the whole data folder ({dataDir}) aside, then recovers the documents with LevelDB's repair and from the local index's copies, and then from a backup file if you add one.",
  'storeUi.repaired':
    "Recovered {total} documents: {fromLevelDb} from LevelDB's repair, {fromProjection} from the local index, {fromBackup} from a backup. The old folder was copied to {copiedTo}.",
  'storeUi.refusingWrites':
    'The store could not write ({reason}) and saves nothing more. Free disk space and restart.',
  'storeUi.addBackup': 'Add a backup file',
  'storeUi.notABackup': 'The file is not a workbench backup',
  'storeUi.backupChosen': 'Backup to use: {name}',
  'backup.duplicateId': '{id} appears more than once in the backup',
} satisfies Partial<Record<MessageKey, string>>;
