// LevelDB lets one process at a time open a data folder and says so as "IO error: lock
// .../LOCK: Resource temporarily unavailable". Callers get one line that names the folder.
import type { MessageKey } from '../../shared/i18n';

export class DataFolderInUse extends Error {
  readonly messageKey: MessageKey = 'error.dataFolderInUse';
  readonly params: Record<string, string>;

  constructor(readonly dataDir: string) {
    super(
      `the data folder ${dataDir} is in use by another CSM Workbench process (the app or a CLI); close it and try again`,
    );
    this.name = 'DataFolderInUse';
    this.params = { dir: dataDir };
  }
}

/** Whether an error from opening the store is LevelDB's lock held by another process. */
export function isHeldByAnotherProcess(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  const message = String(e?.message ?? '');
  return (
    (e?.name === 'OpenError' || /IO error/i.test(message)) && /\bLOCK\b|\block\b/i.test(message)
  );
}
