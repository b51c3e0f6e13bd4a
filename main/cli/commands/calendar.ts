// `csm export-ics FILE [--csm USER] [--account ID] [--tasks] [--lang zh-CN|en-US]`: visits as iCalendar.
import { ApiFailure } from '../../../shared/api/errors';
import { isLocale } from '../../../shared/i18n';
import { UsageError } from '../args';
import { checkOutputFile, writeOutputFile } from '../outputPath';
import { print } from '../output';
import type { Command } from './command';
import { needPositional, withBackend } from './core';

/** The API's field names as this command's flags, so an error names what the user typed. */
const FLAGS: Record<string, string> = { csm: '--csm', accountId: '--account', lang: '--lang' };

export const calendarCommands: Record<string, Command> = {
  'export-ics': {
    usage: `export-ics FILE [--csm USER] [--account ID] [--tasks] [--lang zh-CN|en-US]
      visits as an iCalendar file (.ics) for Outlook, WeCom, DingTalk: every account's, or one
      CSM's (login or display name) or one account's; --tasks adds open action items and tasks`,
    options: {
      csm: { type: 'string' },
      account: { type: 'string' },
      tasks: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
    run: (args, o) => {
      const file = needPositional(args, 0, 'FILE');
      if (!/\.ics$/i.test(file)) throw new UsageError(`FILE ${file}: name it *.ics`);
      const lang = (args.values.lang as string | undefined) ?? 'zh-CN';
      if (!isLocale(lang)) throw new UsageError(`--lang must be zh-CN or en-US, got "${lang}"`);
      const csm = args.values.csm as string | undefined;
      if (csm !== undefined && !csm.trim()) throw new UsageError('--csm needs a login or a name');
      const account = args.values.account as string | undefined;
      // Refused before any work: the folder must exist and be writable (see outputPath.ts).
      checkOutputFile(file, 'FILE');
      return withBackend(args, o, async (b) => {
        let ics;
        try {
          ics = await b.call('calendar.export', {
            lang,
            csm,
            accountId: account,
            tasks: args.values.tasks === true,
          });
        } catch (error) {
          // A refused flag is bad usage (exit 2), named as the user typed it.
          const first = error instanceof ApiFailure ? error.errors[0] : undefined;
          const flag = first ? FLAGS[String(first.path[0])] : undefined;
          if (first && flag) throw new UsageError(`${flag}: ${first.message}`);
          throw error;
        }
        writeOutputFile(file, ics.text, 'FILE');
        print(
          o,
          { file, visits: ics.visits, cancelled: ics.cancelled, done: ics.done, tasks: ics.tasks },
          () => [
            `wrote ${file}: ${ics.visits} visits (${ics.cancelled} cancelled, ${ics.done} done)${args.values.tasks ? `, ${ics.tasks} open action items and tasks` : ''}`,
          ],
        );
      });
    },
  },
};
