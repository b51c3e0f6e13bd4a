// The calendar feed (issue 14, item 4): export visits as .ics, and the per-user subscription
// token the loopback hosts check before serving `/calendar.ics?token=…`.
import type { z } from 'zod';
import {
  CALENDAR_FEED_PATH,
  type CalendarFeedStatus,
  type CalendarFile,
  type calendarExportSchema,
  type calendarFeedCreateSchema,
  type calendarFeedServeSchema,
} from '../../../shared/api/calendar';
import { apiError } from '../../../shared/api/errors';
import type { Locale } from '../../../shared/i18n';
import { directoryOf, loginOf } from '../../../shared/people/displayName';
import { buildIcs } from '../../calendar/ics';
import { FeedTokens, type FeedRecord } from '../../calendar/feedTokens';
import { loadMembers } from '../../people/directory';
import type { CalendarScope } from '../../projection/queries/calendar';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

function feeds(ctx: BackendContext): FeedTokens {
  return new FeedTokens(ctx.store.dataDir);
}

/** The calendar of a scope, in one language. */
export function calendarOf(
  ctx: BackendContext,
  scope: CalendarScope,
  options: { lang: Locale; tasks: boolean; fileName: string },
): CalendarFile {
  const members = loadMembers(ctx.queries);
  const emails = new Map(members.map((m) => [m.login, m.email]));
  const result = buildIcs({
    visits: ctx.queries.calendar.docs('visit', scope),
    tasks: options.tasks ? ctx.queries.calendar.docs('task', scope) : [],
    includeTasks: options.tasks,
    lang: options.lang,
    now: ctx.clock.now(),
    people: {
      directory: directoryOf(members),
      memberEmail: (login) => emails.get(login),
      contactEmail: (id) => {
        const contact = ctx.queries.getDoc(id);
        return contact?.type === 'contact' && typeof contact.email === 'string'
          ? contact.email
          : undefined;
      },
    },
  });
  return { fileName: options.fileName, ...result };
}

function exportCalendar(
  ctx: BackendContext,
  input: z.output<typeof calendarExportSchema>,
  actor: Actor,
): CalendarFile {
  const scope: CalendarScope = {};
  let who = '';
  if (input.csm !== undefined) {
    const members = loadMembers(ctx.queries);
    const login = loginOf(directoryOf(members), input.csm.trim());
    const known = members.some((m) => m.login === login);
    if (!known && ctx.queries.calendar.ownedAccounts(login) === 0)
      throw apiError(
        'VALIDATION',
        'calendar.error.unknownCsm',
        `${input.csm} is no team member and owns no account`,
        { csm: input.csm },
        ['csm'],
      );
    scope.ownerCsm = login;
    who = `-${login}`;
  } else if (input.scope === 'mine') {
    scope.ownerCsm = actor.login;
    who = `-${actor.login}`;
  }
  if (input.accountId !== undefined) {
    if (!ctx.queries.getDoc(input.accountId))
      throw apiError(
        'NOT_FOUND',
        'error.notFound',
        `no account ${input.accountId}`,
        { id: input.accountId },
        ['accountId'],
      );
    scope.accountId = input.accountId;
    who = `-${input.accountId.slice('account:'.length)}`;
  }
  const fileName = `visits${who}-${ctx.clock.today()}.ics`.replace(/[^A-Za-z0-9._-]/g, '_');
  return calendarOf(ctx, scope, { lang: input.lang, tasks: input.tasks, fileName });
}

function statusOf(login: string, record: FeedRecord | undefined): CalendarFeedStatus {
  return record
    ? {
        active: true,
        login,
        token: record.token,
        lang: record.lang,
        tasks: record.tasks,
        createdAt: record.createdAt,
        path: CALENDAR_FEED_PATH,
      }
    : { active: false, login, path: CALENDAR_FEED_PATH };
}

/** Serves the feed of the token's owner: their accounts, in the language they chose. */
function serveFeed(
  ctx: BackendContext,
  input: z.output<typeof calendarFeedServeSchema>,
): CalendarFile {
  const found = input.token ? feeds(ctx).owner(input.token) : undefined;
  if (!found)
    throw apiError('FORBIDDEN', 'calendar.error.wrongToken', 'wrong or revoked calendar token');
  return calendarOf(
    ctx,
    { ownerCsm: found.login },
    { lang: found.record.lang, tasks: found.record.tasks, fileName: 'calendar.ics' },
  );
}

export const calendarHandlers: Record<string, Handler> = {
  'calendar.export': exportCalendar as Handler,
  'calendar.feedStatus': (ctx, _input, actor) => statusOf(actor.login, feeds(ctx).get(actor.login)),
  'calendar.feedCreate': ((
    ctx: BackendContext,
    input: z.output<typeof calendarFeedCreateSchema>,
    actor: Actor,
  ) =>
    statusOf(
      actor.login,
      feeds(ctx).create(actor.login, {
        lang: input.lang,
        tasks: input.tasks,
        now: ctx.clock.now(),
      }),
    )) as Handler,
  'calendar.feedRevoke': (ctx, _input, actor) => {
    feeds(ctx).revoke(actor.login);
    return statusOf(actor.login, undefined);
  },
  'calendar.feedServe': serveFeed as Handler,
};
