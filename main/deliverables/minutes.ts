// Visit minutes 拜访纪要: who, when, where, what was agreed and who does what by when.
import type { FileChild } from 'docx';
import type { EntityDoc } from '../../shared/domain/entities';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { bullet, fieldTable, heading, packDocument, para, table, title } from './docxKit';
import { formatDate, label, draftMark } from './format';
import { accountName, type AccountSnapshot } from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

export async function buildVisitMinutes(
  s: AccountSnapshot,
  visit: EntityDoc<'visit'>,
  o: BuildOptions,
): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const sep = L === 'zh-CN' ? '、' : ', ';
  const list = (heading2: MessageKey, items: string[]): FileChild[] =>
    items.length ? [heading(tr(heading2), 2), ...items.map(bullet)] : [];
  const body: FileChild[] = [
    title(tr('deliverables.minutes.title')),
    para(tr('deliverables.minutes.account', { account: accountName(s, L) }), { bold: true }),
    fieldTable([
      [tr('deliverables.minutes.purpose'), visit.purpose],
      [
        tr('deliverables.minutes.dateTime'),
        `${formatDate(L, visit.date)}${visit.time ? ` ${visit.time}` : ''}`,
      ],
      [tr('deliverables.minutes.place'), visit.place ?? ''],
      [tr('deliverables.minutes.mode'), label(L, 'visitMode', visit.mode)],
      [
        tr('deliverables.minutes.customerAttendees'),
        visit.attendees.customer.map((a) => a.name).join(sep),
      ],
      [tr('deliverables.minutes.vendorAttendees'), visit.attendees.vendor.map(person).join(sep)],
    ]),
    ...list('deliverables.minutes.agenda', visit.agenda),
    heading(tr('deliverables.minutes.minutes'), 2),
    ...(visit.minutes ?? '—').split('\n').map((line) => para(line, { indent: true })),
    ...list('deliverables.minutes.solved', visit.painPointsSolved),
    ...list('deliverables.minutes.new', visit.painPointsNew),
    ...list('deliverables.minutes.commitments', visit.commitments),
  ];
  if (visit.actionItems.length) {
    body.push(heading(tr('deliverables.minutes.actions'), 2));
    body.push(
      table(
        [
          tr('deliverables.minutes.actionTitle'),
          tr('deliverables.minutes.owner'),
          tr('deliverables.minutes.due'),
          tr('deliverables.minutes.done'),
        ],
        visit.actionItems.map((a) => [
          a.title,
          person(a.owner),
          formatDate(L, a.dueDate),
          tr(a.done ? 'deliverables.common.yes' : 'deliverables.common.no'),
        ]),
        [46, 18, 22, 14],
      ),
    );
  }
  if (visit.nextVisitOn) {
    body.push(para(tr('deliverables.minutes.next', { date: formatDate(L, visit.nextVisitOn) })));
  }
  const buffer = await packDocument(body, {
    title: `${tr('deliverables.minutes.title')} ${accountName(s, L)}`,
    creator: person(s.account.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings: [] };
}

/** The visit asked for, else the latest done visit, else the latest visit. */
export function pickVisit(s: AccountSnapshot, visitId?: string): EntityDoc<'visit'> | undefined {
  if (visitId) return s.visits.find((v) => v._id === visitId);
  const done = s.visits.filter((v) => v.status === 'done');
  return done.at(-1) ?? s.visits.at(-1);
}
