// `csm attach`, `csm attachments`, `csm attachment-save`: files on visits, issues, SOWs and
// accounts, through the same API methods as the app (limits and allow-list included).
import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentInfo } from '../../../shared/api/attachments';
import { apiError } from '../../../shared/api/errors';
import { displayName } from '../../../shared/people/displayName';
import { loadDirectory } from '../../people/directory';
import {
  formatBytes,
  MAX_ATTACHMENT_BYTES,
  sizeAgainstLimit,
} from '../../../shared/rules/attachments';
import type { Backend } from '../../backend';
import { UsageError } from '../args';
import { checkOutputFile, writeOutputFile } from '../outputPath';
import { print } from '../output';
import type { Command } from './command';
import { needPositional, withBackend } from './core';

function readInput(file: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  if (!stat.isFile()) throw new UsageError(`${file} is not a regular file`);
  // Refused before it is read: the same error, at the same field, as the API gives.
  if (stat.size > MAX_ATTACHMENT_BYTES) {
    throw apiError(
      'VALIDATION',
      'attachment.error.tooLarge',
      `${stat.size} bytes is over the limit of ${MAX_ATTACHMENT_BYTES} bytes per file`,
      sizeAgainstLimit(stat.size, MAX_ATTACHMENT_BYTES),
      ['dataBase64'],
    );
  }
  return fs.readFileSync(file);
}

function who(b: Backend, login: string): string {
  return displayName(loadDirectory(b.ctx.queries), login, 'en-US');
}

function line(b: Backend, a: AttachmentInfo): string {
  const deliverable = a.deliverableKey ? `  deliverable ${a.deliverableKey}` : '';
  return `${a.id}  ${a.name}  ${a.contentType}  ${formatBytes(a.size)}  added by ${who(b, a.addedBy)} ${a.addedAt}${deliverable}`;
}

export const attachmentsCommands: Record<string, Command> = {
  attach: {
    usage:
      'attach DOC_ID FILE [--name NAME] [--deliverable KEY]   attach a file (image, PDF, Office, text; at most 10 MB) to a visit, issue, SOW or account',
    options: { name: { type: 'string' }, deliverable: { type: 'string' } },
    run: (args, o) => {
      const target = needPositional(args, 0, 'DOC_ID');
      const file = needPositional(args, 1, 'FILE');
      const bytes = readInput(file);
      return withBackend(args, o, async (b) => {
        const added = await b.call('attachment.add', {
          target,
          name: (args.values.name as string | undefined) ?? path.basename(file),
          dataBase64: bytes.toString('base64'),
          ...(args.values.deliverable ? { deliverableKey: args.values.deliverable as string } : {}),
        });
        print(o, added, () => [
          `attached ${added.name} (${formatBytes(added.size)}) as ${added.id}`,
        ]);
      });
    },
  },
  attachments: {
    usage: 'attachments DOC_ID   the files on a document: name, type, size, who added it and when',
    options: {},
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const list = await b.call('attachment.list', { target: needPositional(args, 0, 'DOC_ID') });
        print(o, list, () => [
          ...(list.items.length ? list.items.map((a) => line(b, a)) : ['no attachments']),
          `${list.items.length} files, ${formatBytes(list.totalBytes)} of ${formatBytes(list.maxTotalBytes)}`,
        ]);
      }),
  },
  'attachment-save': {
    usage:
      'attachment-save DOC_ID NAME OUT | attachment-save ATTACHMENT_ID OUT   save an attached file to OUT',
    options: {},
    run: (args, o) => {
      const first = needPositional(args, 0, 'DOC_ID');
      const byId = first.startsWith('attachment:');
      const out = needPositional(args, byId ? 1 : 2, 'OUT');
      if (args.positionals.length > (byId ? 2 : 3)) throw new UsageError('too many arguments');
      checkOutputFile(out, 'OUT');
      return withBackend(args, o, async (b) => {
        let id = first;
        if (!byId) {
          const name = needPositional(args, 1, 'NAME');
          const list = await b.call('attachment.list', { target: first });
          const found = list.items.filter((a) => a.name === name);
          if (found.length === 0) {
            const names = list.items.map((a) => a.name).join(', ') || 'none';
            throw new UsageError(`${first} has no attachment named ${name} (it has: ${names})`);
          }
          if (found.length > 1) {
            throw new UsageError(
              `${first} has ${found.length} attachments named ${name}; give one id: ${found.map((a) => a.id).join(', ')}`,
            );
          }
          id = found[0].id;
        }
        const got = await b.call('attachment.get', { id });
        if (!got.available) {
          throw apiError(
            'NOT_FOUND',
            'attachmentsUi.unavailable',
            `the file of ${id} is not on this computer`,
            { id },
          );
        }
        const bytes = Buffer.from(got.dataBase64, 'base64');
        writeOutputFile(out, new Uint8Array(bytes), 'OUT');
        print(o, { ...got.info, file: out }, () => [
          `saved ${got.info.name} (${formatBytes(bytes.length)}) to ${out}`,
        ]);
      });
    },
  },
};
