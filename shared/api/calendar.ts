// The calendar feed (issue 14, item 4): planned visits (and, on request, open action items and
// tasks) as iCalendar, to download once or to subscribe to through a per-user token.
import { z } from 'zod';
import { accountIdSchema, shortText } from '../domain/common';
import type { MethodSpec } from './spec';

const lang = z.enum(['zh-CN', 'en-US']).default('zh-CN');

/** The time zone every timed event is written in (with its VTIMEZONE). */
export const CALENDAR_TIME_ZONE = 'Asia/Shanghai';

/** The path the loopback hosts serve the subscription on: `/calendar.ics?token=…`. */
export const CALENDAR_FEED_PATH = '/calendar.ics';

/**
 * The desktop app serves the subscription from its main process on 127.0.0.1 at this port (a
 * fixed one, so a subscribed calendar finds it after a restart); browser mode serves it on its
 * own server's port.
 */
export const DESKTOP_FEED_PORT = 48620;

export const calendarExportSchema = z.strictObject({
  lang,
  /** Only this CSM's accounts: a login or a team member's display name. */
  csm: shortText.optional(),
  /** `mine`: the acting user's accounts (Today's download); `all`: every account. */
  scope: z.enum(['mine', 'all']).default('all'),
  /** Only this account's visits (the account's Visits tab). */
  accountId: accountIdSchema.optional(),
  /** Also the due dates of open action items and tasks, as all-day events. */
  tasks: z.boolean().default(false),
});

export const calendarFeedCreateSchema = z.strictObject({
  lang,
  tasks: z.boolean().default(false),
});

export const calendarFeedServeSchema = z.strictObject({
  token: z.string().max(200),
});

export const calendarContract: Record<string, MethodSpec> = {
  'calendar.export': { input: calendarExportSchema, access: 'read' },
  'calendar.feedStatus': { input: z.strictObject({}), access: 'read' },
  'calendar.feedCreate': { input: calendarFeedCreateSchema, access: 'write' },
  'calendar.feedRevoke': { input: z.strictObject({}), access: 'write' },
  'calendar.feedServe': { input: calendarFeedServeSchema, access: 'read' },
};

export interface CalendarFile {
  fileName: string;
  /** The .ics text (UTF-8). */
  text: string;
  /** How many events of each kind it holds. */
  visits: number;
  cancelled: number;
  done: number;
  tasks: number;
}

/** The acting user's subscription: absent until created, gone once revoked. */
export interface CalendarFeedStatus {
  active: boolean;
  login: string;
  /** The token, shown so the user can copy the URL again (only its owner's app asks). */
  token?: string;
  lang?: 'zh-CN' | 'en-US';
  tasks?: boolean;
  createdAt?: string;
  path: string;
}

export type CalendarMethods = {
  'calendar.export': { input: z.input<typeof calendarExportSchema>; output: CalendarFile };
  'calendar.feedStatus': { input: Record<string, never>; output: CalendarFeedStatus };
  'calendar.feedCreate': {
    input: z.input<typeof calendarFeedCreateSchema>;
    output: CalendarFeedStatus;
  };
  'calendar.feedRevoke': { input: Record<string, never>; output: CalendarFeedStatus };
  'calendar.feedServe': { input: z.input<typeof calendarFeedServeSchema>; output: CalendarFile };
};
