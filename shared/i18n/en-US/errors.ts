import type { MessageKey } from '..';

export const errors = {
  'validation.invalid': 'Invalid input',
  'validation.invalidType': 'Wrong type',
  'validation.tooSmall': 'Must be at least {minimum}',
  'validation.tooBig': 'Must be at most {maximum}',
  'validation.invalidFormat': 'Wrong format',
  'validation.invalidValue': 'Not an allowed value',
  'validation.unrecognizedKeys': 'Unknown fields: {keys}',
  'validation.unknownField': 'Unknown field',
  'validation.readOnlyField': 'This field is kept by the system and cannot be changed',
  'validation.period':
    'The period must be a year (2026), a quarter (2026-Q3) or a month (2026-11), got {period}',
  'validation.endBeforeStart': 'The end date is before the start date',
  'validation.churnReasonRequired': 'A churned account needs the reason recorded',
  'validation.leftOnRequired': 'A contact who left needs the date they left',
  'validation.salesSignFirst': 'Sales signs the handover sheet before the receiving CSM',
  'validation.closeNeedsConfirmation':
    'An issue can be closed only after the customer confirmed the fix',
  'validation.minutesRequired': 'A recorded visit needs its minutes',
  'validation.activatedAboveSeats': 'More users activated than purchased or imported',
  'validation.csatRange': 'A CSAT score is 1 to 5',
  'validation.accountMismatch': 'The document does not belong to this account',
  'validation.badBackup': 'Invalid backup file: {reason}',
  'error.notFound': '{id} was not found',
  'error.accountNotFound': 'Account {id} was not found',
  'error.conflict':
    '{id} was changed by someone else (now at {currentRev}); review the newer version before saving',
  'error.importConflict': '{id} already exists locally with different content; not overwritten',
  'error.forbidden': 'Not allowed: {reason}',
  'error.unauthorized': 'Wrong user name or password',
  'error.unavailable': 'Service unavailable: {reason}',
  'error.offline': 'You are offline',
  'error.dataFolderInUse':
    'The data folder {dir} is in use by another CSM Workbench process (the app or a CLI); close it and try again',
  'error.internal': 'Internal error: {reason}',
  'error.unknownMethod': 'Unknown method {method}',
  'error.projectionFromFuture':
    'The local index comes from a newer version ({found} > {supported}); rebuilding it from the data',
} satisfies Partial<Record<MessageKey, string>>;
