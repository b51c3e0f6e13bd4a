// The calendar export, read back by an independent parser (ical.js): stable UIDs across exports
// and edits, SEQUENCE from the revision, the Asia/Shanghai zone, attendees with their e-mails,
// place and agenda, all-day vs timed, cancelled visits, `csm export-ics --csm` and its errors.
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Backend } from '../../../main/backend';
import { runCli } from '../../../main/cli/csm';
import { dayFrom } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { validAccount, validInputs } from '../../fixtures/entities';

let dir: string;
let backend: Backend;
let mine: { _id: string };
let theirs: { _id: string };
let timed: { _id: string; _rev?: string };
let allDay: { _id: string };
let cancelled: { _id: string };
let other: { _id: string };

function parse(text: string): ICAL.Component {
  const cal = new ICAL.Component(ICAL.parse(text));
  // The file's own VTIMEZONE, so times resolve by it (not by this process's zone).
  for (const zone of cal.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return cal;
}

function events(text: string): ICAL.Event[] {
  return parse(text)
    .getAllSubcomponents('vevent')
    .map((c) => new ICAL.Event(c));
}

function byUid(text: string): Map<string, ICAL.Event> {
  return new Map(events(text).map((e) => [e.uid, e]));
}

async function exportIcs(input: Record<string, unknown> = {}) {
  return backend.call('calendar.export', { lang: 'zh-CN', ...input } as never);
}

async function csm(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = tempDir('csm-ics');
  backend = await openBackend(dir);
  await backend.call('directory.create', {
    data: { login: 'zhang.wei', nameZh: '张伟', nameEn: 'Wei Zhang', email: 'zhang.wei@vendor.cn' },
  } as never);
  await backend.call('directory.create', {
    data: { login: 'li.na', nameZh: '李娜', nameEn: 'Na Li' },
  } as never);
  mine = await backend.call('account.create', { data: validAccount as never });
  theirs = await backend.call('account.create', {
    data: {
      ...validAccount,
      name: '北京远航科技',
      nameEn: 'Beijing Yuanhang',
      ownerCsm: 'li.na',
    } as never,
  });
  const contact = await backend.call('contact.create', {
    accountId: mine._id,
    data: validInputs.contact as never,
  });
  timed = await backend.call('visit.create', {
    accountId: mine._id,
    data: {
      ...validInputs.visit,
      date: dayFrom(3),
      time: '14:30',
      place: '上海市浦东新区张江路 88 号',
      agenda: ['回顾行动项', '续约时间表'],
      attendees: {
        customer: [{ contactId: contact._id, name: '王芳' }, { name: '赵强' }],
        vendor: ['zhang.wei', 'li.na'],
      },
      actionItems: [{ key: 'a1', title: '发送报价', owner: 'zhang.wei', dueDate: dayFrom(10) }],
    } as never,
  });
  allDay = await backend.call('visit.create', {
    accountId: mine._id,
    data: { ...validInputs.visit, date: dayFrom(5), purpose: '上线回访' } as never,
  });
  cancelled = await backend.call('visit.create', {
    accountId: mine._id,
    data: { ...validInputs.visit, date: dayFrom(6), purpose: '培训', status: 'cancelled' } as never,
  });
  other = await backend.call('visit.create', {
    accountId: theirs._id,
    data: {
      ...validInputs.visit,
      date: dayFrom(4),
      purpose: '需求调研',
      attendees: { vendor: ['li.na'] },
    } as never,
  });
  await backend.call('task.create', {
    accountId: mine._id,
    data: validInputs.task as never,
  });
});
let closed = false;
afterAll(async () => {
  if (!closed) await backend.close();
  removeDir(dir);
});

it('writes the visits with their time zone, place, agenda and attendees', async () => {
  const ics = await exportIcs();
  expect(ics.visits).toBe(4);
  const cal = parse(ics.text);
  const zones = cal.getAllSubcomponents('vtimezone');
  expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Asia/Shanghai']);
  const e = byUid(ics.text).get(`${timed._id}@csm-workbench`)!;
  expect(e).toBeDefined();
  expect(e.summary).toBe(`拜访计划：${validAccount.name} · ${validInputs.visit.purpose}`);
  expect(e.location).toBe('上海市浦东新区张江路 88 号');
  expect(e.startDate.isDate).toBe(false);
  expect(e.startDate.zone.tzid).toBe('Asia/Shanghai');
  expect(e.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
  const [y, m, d] = dayFrom(3).split('-').map(Number);
  expect([e.startDate.year, e.startDate.month, e.startDate.day]).toEqual([y, m, d]);
  expect([e.startDate.hour, e.startDate.minute]).toEqual([14, 30]);
  expect([e.endDate.hour, e.endDate.minute]).toEqual([15, 30]);
  // 14:30 in Shanghai is 06:30 UTC, whatever zone this process runs in.
  expect(e.startDate.toJSDate().toISOString()).toBe(`${dayFrom(3)}T06:30:00.000Z`);
  expect(e.description).toContain('1. 回顾行动项');
  expect(e.description).toContain('2. 续约时间表');
  expect(e.description).toContain('客户方参会人：王芳、赵强');
  expect(e.description).toContain('我方参会人：张伟、李娜');
  expect(e.description).not.toContain('zhang.wei');
  // Attendees the calendar can address: those with an e-mail, shown by their names.
  const attendees = e.attendees.map((a) => ({
    cn: a.getParameter('cn'),
    to: String(a.getFirstValue()).toLowerCase(),
  }));
  expect(attendees).toEqual([
    { cn: '王芳', to: 'mailto:wang.fang@example.cn' },
    { cn: '张伟', to: 'mailto:zhang.wei@vendor.cn' },
  ]);
  expect(e.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
});

it('writes a visit without a time as an all-day event, a cancelled one as CANCELLED', async () => {
  const ics = await exportIcs();
  const map = byUid(ics.text);
  const day = map.get(`${allDay._id}@csm-workbench`)!;
  expect(day.startDate.isDate).toBe(true);
  expect(day.startDate.toString()).toBe(dayFrom(5));
  expect(day.endDate.toString()).toBe(dayFrom(6));
  expect(day.description).toContain('未定时间，按全天事件显示。');
  const gone = map.get(`${cancelled._id}@csm-workbench`)!;
  expect(gone.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  expect(ics.cancelled).toBe(1);
});

it('keeps every UID across two exports and after an edit, raising SEQUENCE', async () => {
  const first = await exportIcs({ tasks: true });
  const second = await exportIcs({ tasks: true });
  const uids = (text: string) =>
    events(text)
      .map((e) => e.uid)
      .sort();
  expect(uids(second.text)).toEqual(uids(first.text));
  const before = byUid(first.text).get(`${timed._id}@csm-workbench`)!;
  const current = await backend.call('visit.get', { id: timed._id });
  await backend.call('visit.update', {
    id: timed._id,
    rev: current._rev!,
    changes: { place: '线上会议室 A' },
  } as never);
  const edited = await exportIcs({ tasks: true });
  expect(uids(edited.text)).toEqual(uids(first.text));
  const after = byUid(edited.text).get(`${timed._id}@csm-workbench`)!;
  expect(after.location).toBe('线上会议室 A');
  expect(after.sequence).toBeGreaterThan(before.sequence);
  // LAST-MODIFIED is the document's updatedAt and DTSTAMP the export's instant, both in UTC.
  const modified = after.component.getFirstPropertyValue('last-modified') as ICAL.Time;
  const stored = await backend.call('visit.get', { id: timed._id });
  expect(modified.zone.tzid).toBe('UTC');
  expect(modified.toJSDate().getTime()).toBe(
    Math.floor(new Date(stored.updatedAt).getTime() / 1000) * 1000,
  );
  expect(edited.text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
});

it('adds open action items and tasks as all-day events only with the switch', async () => {
  const without = await exportIcs();
  expect(without.tasks).toBe(0);
  expect(events(without.text).some((e) => e.uid.includes('/a1@'))).toBe(false);
  const withTasks = await exportIcs({ tasks: true });
  expect(withTasks.tasks).toBe(2);
  const item = byUid(withTasks.text).get(`${timed._id}/a1@csm-workbench`)!;
  expect(item.startDate.isDate).toBe(true);
  expect(item.startDate.toString()).toBe(dayFrom(10));
  expect(item.summary).toBe(`行动项：发送报价（${validAccount.name}）`);
  expect(item.description).toContain('负责人：张伟');
});

it('writes the document in the language asked for', async () => {
  const ics = await exportIcs({ lang: 'en-US' });
  const e = byUid(ics.text).get(`${timed._id}@csm-workbench`)!;
  expect(e.summary).toBe(`Visit plan: ${validAccount.nameEn} · ${validInputs.visit.purpose}`);
  expect(e.description).toContain('Our attendees: Wei Zhang, Na Li');
  expect(byUid(ics.text).get(`${allDay._id}@csm-workbench`)!.description).toContain(
    'No time set: shown as an all-day event.',
  );
});

describe('csm export-ics', () => {
  // The command opens the data folder itself: the test's backend lets go of it first.
  beforeAll(async () => {
    await backend.close();
    closed = true;
  });

  it('csm export-ics --csm keeps one CSM’s accounts, by login or display name', async () => {
    const file = path.join(dir, 'li.ics');
    const byLogin = await csm('export-ics', file, '--csm', 'li.na');
    expect(byLogin.code).toBe(0);
    expect(byLogin.out).toContain('1 visits');
    expect(events(fs.readFileSync(file, 'utf8')).map((e) => e.uid)).toEqual([
      `${other._id}@csm-workbench`,
    ]);
    const byName = await csm('export-ics', file, '--csm', '张伟', '--tasks', '--json');
    expect(byName.code).toBe(0);
    expect(JSON.parse(byName.out)).toMatchObject({ visits: 3, cancelled: 1, tasks: 2 });
    const uids = events(fs.readFileSync(file, 'utf8')).map((e) => e.uid);
    expect(uids).not.toContain(`${other._id}@csm-workbench`);
    expect(uids).toContain(`${timed._id}@csm-workbench`);
  });

  it('csm export-ics refuses a bad flag with exit code 2, naming it', async () => {
    const file = path.join(dir, 'x.ics');
    const unknown = await csm('export-ics', file, '--csm', 'nobody.here');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--csm');
    const lang = await csm('export-ics', file, '--lang', 'fr');
    expect(lang.code).toBe(2);
    expect(lang.err).toContain('--lang');
    const account = await csm('export-ics', file, '--account', 'account:NOPE');
    expect(account.code).toBe(2);
    expect(account.err).toContain('--account');
    const noFile = await csm('export-ics', path.join(dir, 'x.txt'));
    expect(noFile.code).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
  });
});
