// The error a write gets once the store has failed to write (disk full, I/O error): the store
// refuses every write until it has been reopened and has verified itself.
import { apiError, type ApiFailure } from '../../shared/api/errors';

export function isDiskFull(error: Error): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === 'SQLITE_FULL' ||
    /ENOSPC|No space left on device|database or disk is full/i.test(error.message)
  );
}

export function writeRefused(cause: Error): ApiFailure {
  const reason = cause.message.split('\n')[0];
  return isDiskFull(cause)
    ? apiError(
        'UNAVAILABLE',
        'store.diskFull',
        `the disk is full: the store could not write (${reason}); nothing more is written until you free space and restart`,
        { reason },
      )
    : apiError(
        'UNAVAILABLE',
        'store.writeFailed',
        `the store could not write (${reason}); nothing more is written until it is restarted`,
        { reason },
      );
}
