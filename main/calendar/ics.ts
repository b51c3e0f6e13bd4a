// Visits (and open action items and tasks) as iCalendar, written with ical-generator. Each event's
// UID comes from its document id (and item key), so every export names the same event the same
// way and a calendar that imports or subscribes again replaces it; SEQUENCE is the revision's
// number and LAST-MODIFIED the document's updatedAt. Timed visits are in Asia/Shanghai, with its
// VTIMEZONE; a visit without a time is an all-day event.
import ical, {
  ICalAttendeeRole,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
} from 'ical-generator';
import type { CalendarFile } from '../../shared/api/calendar';
import { CALENDAR_TIME_ZONE } from '../../shared/api/calendar';
import { t, type Locale } from '../../shared/i18n';
import { enumLabel } from '../../shared/i18n/enumLabel';
import { displayName, type PeopleDirectory } from '../../shared/people/displayName';
import { addDays } from '../../shared/time/days';
import type { CalendarRow } from '../projection/queries/calendar';

/** The domain part of every UID: ours, so our events never collide with another tool's. */
export const UID_DOMAIN = 'csm-workbench';

export interface IcsPeople {
  directory: PeopleDirectory;
  /** A team member's e-mail by login, where the directory has one. */
  memberEmail(login: string): string | undefined;
  /** A contact's e-mail by document id, where the contact has one. */
  contactEmail(contactId: string): string | undefined;
}

export interface IcsInput {
  visits: CalendarRow[];
  /** Tasks of their own; their visits' action items come from `visits`. */
  tasks: CalendarRow[];
  includeTasks: boolean;
  lang: Locale;
  now: Date;
  people: IcsPeople;
  /** Minutes between refreshes a subscribing calendar is asked for. */
  refreshMinutes?: number;
}

interface VisitDoc {
  _id: string;
  updatedAt?: string;
  purpose: string;
  agenda?: string[];
  date: string;
  time?: string;
  place?: string;
  mode?: 'onSite' | 'remote';
  status?: 'planned' | 'done' | 'cancelled';
  attendees?: { customer?: { contactId?: string; name: string }[]; vendor?: string[] };
  actionItems?: { key: string; title: string; owner: string; dueDate: string; done?: boolean }[];
}

interface TaskDoc {
  _id: string;
  updatedAt?: string;
  title: string;
  owner: string;
  dueDate: string;
  notes?: string;
  done?: boolean;
}

/** The revision's number ("7-ab…" is 7): rises with every edit, so updates replace. */
export function sequenceOf(rev: string): number {
  const n = Number.parseInt(rev, 10);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function visitUid(docId: string): string {
  return `${docId}@${UID_DOMAIN}`;
}

export function itemUid(docId: string, key: string): string {
  return `${docId}/${key}@${UID_DOMAIN}`;
}

/**
 * ical-generator writes a Date of an event with a time zone by its local fields (getHours…),
 * so each wall-clock time is built from local fields: the same output whatever zone this
 * process runs in. Every event names Asia/Shanghai (all-day ones too, so their day is read
 * the same way; DTSTART;VALUE=DATE carries no TZID).
 */
function wallDate(day: string, time = '00:00'): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm, 0);
}

/** The end of a one-hour visit starting at `time` on `day` (past midnight: the next day). */
function oneHourLater(day: string, time: string): Date {
  const [hh, mm] = time.split(':').map(Number);
  const next = hh + 1;
  return next >= 24
    ? wallDate(
        addDays(day, 1),
        `${String(next - 24).padStart(2, '0')}:${String(mm).padStart(2, '0')}`,
      )
    : wallDate(day, `${String(next).padStart(2, '0')}:${String(mm).padStart(2, '0')}`);
}

/** The one zone we write: China Standard Time, +08:00 all year (no daylight saving since 1991). */
export function vtimezone(zone: string): string | null {
  if (zone !== CALENDAR_TIME_ZONE) return null;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    `X-LIC-LOCATION:${zone}`,
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

function accountName(row: CalendarRow, lang: Locale): string {
  return lang === 'en-US' && row.accountNameEn ? row.accountNameEn : row.accountName;
}

function lastModified(doc: { updatedAt?: string }): Date | null {
  if (!doc.updatedAt) return null;
  const at = new Date(doc.updatedAt);
  return Number.isNaN(at.getTime()) ? null : at;
}

function addVisit(cal: ICalCalendar, row: CalendarRow, v: VisitDoc, input: IcsInput): void {
  const { lang, people } = input;
  const tr = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
    t(lang, key, params);
  const account = accountName(row, lang);
  const customer = v.attendees?.customer ?? [];
  const vendor = v.attendees?.vendor ?? [];
  const vendorNames = vendor.map((login) => displayName(people.directory, login, lang));
  const sep = lang === 'zh-CN' ? '、' : ', ';
  const lines = [
    tr('calendar.desc.account', { account }),
    tr('calendar.desc.purpose', { purpose: v.purpose }),
    tr('calendar.desc.mode', { mode: enumLabel(tr, 'visitMode', v.mode ?? 'onSite') }),
  ];
  if (v.agenda?.length) {
    lines.push(tr('calendar.desc.agenda'), ...v.agenda.map((a, i) => `${i + 1}. ${a}`));
  }
  if (customer.length)
    lines.push(tr('calendar.desc.customer', { names: customer.map((c) => c.name).join(sep) }));
  if (vendorNames.length) lines.push(tr('calendar.desc.vendor', { names: vendorNames.join(sep) }));
  lines.push(v.time ? tr('calendar.desc.oneHour') : tr('calendar.desc.noTime'));

  const done = v.status === 'done';
  const summary =
    (done ? tr('calendar.doneMark') : '') +
    tr('calendar.visitSummary', { account, purpose: v.purpose });
  const event = cal.createEvent({
    id: visitUid(v._id),
    sequence: sequenceOf(row.rev),
    stamp: input.now,
    timezone: CALENDAR_TIME_ZONE,
    lastModified: lastModified(v),
    summary,
    description: lines.join('\n'),
    location: v.place ?? (v.mode === 'remote' ? enumLabel(tr, 'visitMode', 'remote') : null),
    status: v.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(v.time
      ? {
          start: wallDate(v.date, v.time),
          end: oneHourLater(v.date, v.time),
        }
      : { start: wallDate(v.date), end: wallDate(addDays(v.date, 1)), allDay: true }),
  });
  // Attendees the calendar can address: those with an e-mail (all are named in the description).
  for (const c of customer) {
    const email = c.contactId ? people.contactEmail(c.contactId) : undefined;
    if (email)
      event.createAttendee({ email, name: c.name, role: ICalAttendeeRole.REQ, rsvp: false });
  }
  vendor.forEach((login, i) => {
    const email = people.memberEmail(login);
    if (email)
      event.createAttendee({
        email,
        name: vendorNames[i],
        role: ICalAttendeeRole.REQ,
        rsvp: false,
      });
  });
}

function addDueItem(
  cal: ICalCalendar,
  input: IcsInput,
  item: {
    uid: string;
    rev: string;
    updatedAt?: string;
    summary: string;
    lines: string[];
    due: string;
  },
): void {
  cal.createEvent({
    id: item.uid,
    sequence: sequenceOf(item.rev),
    stamp: input.now,
    timezone: CALENDAR_TIME_ZONE,
    lastModified: lastModified(item),
    summary: item.summary,
    description: item.lines.join('\n'),
    start: wallDate(item.due),
    end: wallDate(addDays(item.due, 1)),
    allDay: true,
    status: ICalEventStatus.CONFIRMED,
  });
}

export interface IcsResult extends Omit<CalendarFile, 'fileName'> {
  text: string;
}

/** The calendar of `input`'s visits (and open action items and tasks when asked). */
export function buildIcs(input: IcsInput): IcsResult {
  const { lang, people } = input;
  const tr = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
    t(lang, key, params);
  const cal = ical({
    name: tr('calendar.name'),
    prodId: {
      company: 'CSM Workbench',
      product: 'csm-workbench',
      language: lang === 'zh-CN' ? 'ZH' : 'EN',
    },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: DTSTAMP and LAST-MODIFIED stay UTC (…Z), as RFC 5545 wants; each
    // event names Asia/Shanghai itself, and the generator writes its VTIMEZONE once.
    timezone: { name: null, generator: vtimezone },
    ttl: (input.refreshMinutes ?? 60) * 60,
  });
  let visits = 0;
  let cancelled = 0;
  let done = 0;
  let tasks = 0;
  for (const row of input.visits) {
    const v = JSON.parse(row.json) as VisitDoc;
    addVisit(cal, row, v, input);
    visits += 1;
    if (v.status === 'cancelled') cancelled += 1;
    if (v.status === 'done') done += 1;
    if (!input.includeTasks || v.status === 'cancelled') continue;
    for (const a of v.actionItems ?? []) {
      if (a.done) continue;
      addDueItem(cal, input, {
        uid: itemUid(v._id, a.key),
        rev: row.rev,
        updatedAt: v.updatedAt,
        due: a.dueDate,
        summary: tr('calendar.actionSummary', { title: a.title, account: accountName(row, lang) }),
        lines: [
          tr('calendar.desc.account', { account: accountName(row, lang) }),
          tr('calendar.desc.owner', { owner: displayName(people.directory, a.owner, lang) }),
          tr('calendar.desc.fromVisit', { date: v.date, purpose: v.purpose }),
        ],
      });
      tasks += 1;
    }
  }
  if (input.includeTasks) {
    for (const row of input.tasks) {
      const task = JSON.parse(row.json) as TaskDoc;
      if (task.done) continue;
      addDueItem(cal, input, {
        uid: visitUid(task._id),
        rev: row.rev,
        updatedAt: task.updatedAt,
        due: task.dueDate,
        summary: tr('calendar.taskSummary', { title: task.title, account: accountName(row, lang) }),
        lines: [
          tr('calendar.desc.account', { account: accountName(row, lang) }),
          tr('calendar.desc.owner', { owner: displayName(people.directory, task.owner, lang) }),
          ...(task.notes ? [task.notes] : []),
        ],
      });
      tasks += 1;
    }
  }
  return { text: cal.toString(), visits, cancelled, done, tasks };
}
