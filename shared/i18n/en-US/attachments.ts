// Attachments on visits, issues, SOWs and accounts (issue 14, item 5).
import type { MessageKey } from '..';

export const attachments = {
  'label.docType.attachment': 'Attachment',
  'attachment.error.badName': '"{name}" is not a usable file name',
  'attachment.error.badType':
    'Only images (PNG, JPEG, GIF, WebP), PDF, Office files (Word, Excel, PowerPoint) and text files can be attached; "{name}" is none of them',
  'attachment.error.notBase64': 'The file could not be read (not base64)',
  'attachment.error.empty': 'The file is empty',
  'attachment.error.tooLarge': 'The file is {size}; at most {limit} per file',
  'attachment.error.tooMany': 'A document holds at most {limit} attachments',
  'attachment.error.documentFull':
    'This document already holds {used} of attachments; {size} more would pass the limit of {limit} per document',
  'attachment.error.noDeliverable': 'This SOW has no deliverable {key}',
  'attachment.error.badTarget': 'Attachments go on visits, issues, SOWs and accounts',
  'attachmentsUi.title': 'Attachments',
  'attachmentsUi.add': 'Add attachment',
  'attachmentsUi.empty': 'No attachments yet',
  'attachmentsUi.limits': 'Up to {file} per file and {total} per document ({used} used)',
  'attachmentsUi.name': 'File',
  'attachmentsUi.size': 'Size',
  'attachmentsUi.added': 'Added',
  'attachmentsUi.addedBy': '{who}, {when}',
  'attachmentsUi.deliverable': 'Deliverable',
  'attachmentsUi.deliverableNone': 'No deliverable',
  'attachmentsUi.preview': 'Preview',
  'attachmentsUi.save': 'Save',
  'attachmentsUi.remove': 'Remove',
  'attachmentsUi.removeConfirm': 'Remove the attachment "{name}"?',
  'attachmentsUi.addedMessage': 'Attached "{name}"',
  'attachmentsUi.removedMessage': 'Attachment removed',
  'attachmentsUi.noPreview': 'This type has no preview here; save it to open it',
  'attachmentsUi.unavailable': 'The file itself is not on this computer',
} satisfies Partial<Record<MessageKey, string>>;
