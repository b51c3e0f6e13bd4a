// The statement of work 工作说明书 (SOW): the book (6.1.1) has it state, for both parties, the
// work to be done, the deliverables and the standard at which each counts as done, when each is
// reviewed, what is out of scope (phase 2), the assumptions, and how change requests were judged.
import type { FileChild } from 'docx';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import {
  bullet,
  fieldTable,
  heading,
  packDocument,
  para,
  signatureLine,
  table,
  title,
} from './docxKit';
import { draftMark, formatDate, label } from './format';
import { accountName } from './newDocKit';
import type { ReadinessCheck } from './readiness';
import { currentContract, customerPm, vendorPm, type AccountSnapshot } from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

export const sowReadiness: ReadinessCheck = (s) =>
  s.sow && s.sow.deliverables.length
    ? []
    : [{ need: 'deliverables.need.sowDeliverables', tab: 'sow' }];

export async function buildSowDocument(s: AccountSnapshot, o: BuildOptions): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const yesNo = (v: boolean) => tr(v ? 'deliverables.common.yes' : 'deliverables.common.no');
  const warnings: string[] = [];
  const sow = s.sow;
  const contract = currentContract(s);
  const plan = s.projectPlan;
  const name = accountName(s, L);
  if (!sow) warnings.push(tr('deliverables.sow.warnNoSow'));
  if (!contract) warnings.push(tr('deliverables.warning.noContract'));
  const none = tr('deliverables.common.none');
  const list = (items: string[]): FileChild[] =>
    items.length ? items.map(bullet) : [para(none, { indent: true })];

  const body: FileChild[] = [
    title(tr('deliverables.sow.title', { account: name })),
    para(tr('deliverables.sow.intro'), { indent: true }),
    // 一 project overview
    heading(tr('deliverables.sow.s1')),
    fieldTable([
      [tr('deliverables.sow.sowTitle'), sow?.title ?? ''],
      [tr('deliverables.sow.partyA'), name],
      [tr('deliverables.sow.partyB'), o.vendorName ?? tr('deliverables.common.vendor')],
      [tr('deliverables.sow.contractNo'), contract?.contractNo ?? ''],
      [
        tr('deliverables.sow.products'),
        contract?.products
          .map((p) => p.name + (p.edition ? ` ${p.edition}` : ''))
          .join(L === 'zh-CN' ? '、' : ', ') ?? '',
      ],
      [tr('deliverables.sow.project'), plan?.name ?? ''],
      [
        tr('deliverables.sow.schedule'),
        plan?.kickoffOn || plan?.goLiveOn
          ? tr('deliverables.sow.scheduleText', {
              kickoff: formatDate(L, plan?.kickoffOn) || '—',
              goLive: formatDate(L, plan?.goLiveOn) || '—',
            })
          : '',
      ],
      [tr('deliverables.sow.customerPm'), customerPm(s)],
      [tr('deliverables.sow.vendorPm'), person(vendorPm(s))],
    ]),
    // 二 scope of work of each party
    heading(tr('deliverables.sow.s2')),
    heading(tr('deliverables.sow.s2.partyA'), 2),
    ...list(sow?.scope.partyA ?? []),
    heading(tr('deliverables.sow.s2.partyB'), 2),
    ...list(sow?.scope.partyB ?? []),
    // 三 deliverables and acceptance criteria
    heading(tr('deliverables.sow.s3')),
  ];
  const deliverables = sow?.deliverables ?? [];
  if (deliverables.length)
    body.push(
      table(
        [
          tr('deliverables.sow.no'),
          tr('deliverables.sow.deliverable'),
          tr('deliverables.sow.criteria'),
          tr('deliverables.sow.due'),
          tr('deliverables.sow.status'),
        ],
        deliverables.map((d, i) => [
          String(i + 1),
          d.description ? `${d.name}\n${d.description}` : d.name,
          d.acceptanceCriteria,
          formatDate(L, d.dueDate) || '—',
          label(L, 'deliverableStatus', d.status),
        ]),
        [8, 30, 32, 15, 15],
      ),
    );
  else body.push(para(none, { indent: true }));
  // 四 reviews and when
  body.push(heading(tr('deliverables.sow.s4')));
  const reviews = deliverables.filter((d) => d.reviewOn);
  if (reviews.length)
    body.push(
      ...reviews.map((d) =>
        bullet(
          tr('deliverables.sow.reviewLine', { date: formatDate(L, d.reviewOn), name: d.name }),
        ),
      ),
    );
  else body.push(para(tr('deliverables.sow.noReviews'), { indent: true }));
  // 五 out of scope
  body.push(heading(tr('deliverables.sow.s5')));
  body.push(
    ...list(
      (sow?.outOfScope ?? []).map((x) =>
        x.phase2 ? tr('deliverables.sow.phase2Item', { item: x.item }) : x.item,
      ),
    ),
  );
  // 六 assumptions
  body.push(heading(tr('deliverables.sow.s6')));
  body.push(...list(sow?.assumptions ?? []));
  // 七 change requests: the book's three questions and the decision
  body.push(heading(tr('deliverables.sow.s7')));
  body.push(para(tr('deliverables.sow.s7.rule'), { indent: true }));
  const changes = sow?.changeRequests ?? [];
  if (changes.length)
    body.push(
      table(
        [
          tr('deliverables.sow.cr.title'),
          tr('deliverables.sow.cr.requestedOn'),
          tr('deliverables.sow.cr.core'),
          tr('deliverables.sow.cr.urgent'),
          tr('deliverables.sow.cr.extra'),
          tr('deliverables.sow.cr.decision'),
        ],
        changes.map((c) => [
          c.title,
          formatDate(L, c.requestedOn),
          yesNo(c.core),
          yesNo(c.urgent),
          yesNo(c.extraWorkload),
          label(L, 'changeDecision', c.decision),
        ]),
        [30, 18, 10, 10, 12, 20],
      ),
    );
  else body.push(para(none, { indent: true }));
  // Sign-off of both parties
  body.push(heading(tr('deliverables.sow.s8')));
  body.push(
    signatureLine(
      `${tr('deliverables.common.partyA')}${tr('deliverables.common.signature')}`,
      tr('deliverables.common.date'),
    ),
    signatureLine(
      `${tr('deliverables.common.partyB')}${tr('deliverables.common.signature')}`,
      tr('deliverables.common.date'),
    ),
  );
  const buffer = await packDocument(body, {
    title: tr('deliverables.sow.title', { account: name }),
    creator: person(s.account.consultant ?? s.account.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}
