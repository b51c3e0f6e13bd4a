// The handover sheet 交接单 (sales -> CS "trust transfer"): every section of the book's list,
// with the sign-off of sales and the receiving CSM.
import type { FileChild } from 'docx';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { bullet, fieldTable, heading, packDocument, para, table, title } from './docxKit';
import { formatDate, formatMoney, formatNumber, formatPercent, label, draftMark } from './format';
import { currentContract, type AccountSnapshot, accountName, productName } from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

export async function buildHandoverSheet(s: AccountSnapshot, o: BuildOptions): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const f = (k: string) => tr(`deliverables.handover.field.${k}` as MessageKey);
  const h = s.handover;
  const a = s.account;
  const contract = currentContract(s);
  const warnings: string[] = [];
  const body: FileChild[] = [
    title(tr('deliverables.handover.title', { account: accountName(s, L) })),
  ];
  if (!h) {
    warnings.push(tr('deliverables.handover.missing'));
    body.push(para(tr('deliverables.handover.missing')));
  }
  const n = (v: number | undefined) => (v === undefined ? '' : formatNumber(L, v));
  const section = (key: MessageKey, ...children: FileChild[]) =>
    body.push(heading(tr(key)), ...children);
  const bullets = (items: string[]) => (items.length ? items.map(bullet) : [para('—')]);

  section(
    'deliverables.handover.basics',
    fieldTable([
      [f('name'), accountName(s, L)],
      [f('industry'), a.industry ?? ''],
      [f('region'), a.region ?? ''],
      [f('tier'), label(L, 'tier', a.tier)],
      [f('overview'), h?.basics.overview ?? ''],
      [f('employees'), n(h?.basics.employees ?? a.size)],
    ]),
  );
  const product = contract?.products[0];
  section(
    'deliverables.handover.sales',
    fieldTable([
      [
        f('products'),
        h?.sales.products ?? contract?.products.map((p) => productName(p, L)).join(', ') ?? '',
      ],
      [f('quantity'), n(h?.sales.quantity ?? product?.quantity)],
      [
        f('price'),
        (h?.sales.price ?? product?.unitPrice) === undefined
          ? ''
          : formatMoney(L, (h?.sales.price ?? product?.unitPrice)!, contract?.currency),
      ],
      [
        f('discount'),
        (h?.sales.discount ?? product?.discount) === undefined
          ? ''
          : formatPercent(L, (h?.sales.discount ?? product?.discount)!),
      ],
      [f('paymentTerms'), h?.sales.paymentTerms ?? contract?.paymentTerms ?? ''],
    ]),
  );
  const people = h?.keyPeople.length
    ? h.keyPeople.map((p) => [
        p.name,
        p.position ?? '',
        p.role ? label(L, 'contactRole', p.role) : '',
        p.notes ?? '',
      ])
    : s.contacts
        .filter((c) => c.active)
        .map((c) => [
          c.name,
          c.position ?? '',
          c.roles.map((r) => label(L, 'contactRole', r)).join(', '),
          c.personalityNotes ?? '',
        ]);
  section(
    'deliverables.handover.keyPeople',
    table([f('name'), f('position'), f('role'), f('notes')], people, [22, 26, 22, 30]),
  );
  section(
    'deliverables.handover.needs',
    fieldTable([
      [f('businessGoals'), h?.needs.businessGoals ?? ''],
      [f('departments'), h?.needs.departments ?? ''],
      [f('userCount'), n(h?.needs.userCount)],
      [f('whyBought'), h?.needs.whyBought ?? ''],
      [f('urgentProblems'), h?.needs.urgentProblems ?? ''],
      [f('serviceDemands'), h?.needs.serviceDemands ?? ''],
    ]),
  );
  section('deliverables.handover.history', para(h?.history ?? '—', { indent: true }));
  section(
    'deliverables.handover.plan',
    fieldTable([
      [f('summary'), h?.implementationPlan.summary ?? ''],
      [f('startDate'), formatDate(L, h?.implementationPlan.startDate)],
      [f('goLiveDate'), formatDate(L, h?.implementationPlan.goLiveDate)],
      [f('faceToFace'), tr(h?.faceToFace ? 'deliverables.common.yes' : 'deliverables.common.no')],
    ]),
  );
  section('deliverables.handover.support', para(h?.supportNeeds ?? '—', { indent: true }));
  section(
    'deliverables.handover.anticipated',
    table(
      [f('issue'), f('answer')],
      (h?.anticipatedIssues ?? []).map((x) => [x.issue, x.proposedAnswer ?? '']),
      [45, 55],
    ),
  );
  section(
    'deliverables.handover.feedback',
    fieldTable([
      [f('demoUsed'), h?.salesFeedback.demoUsed ?? ''],
      [f('research'), h?.salesFeedback.researchMaterial ?? ''],
    ]),
  );
  section(
    'deliverables.handover.commitments',
    para(f('ours'), { bold: true }),
    ...bullets(h?.commitments.ours ?? []),
    para(f('theirs'), { bold: true }),
    ...bullets(h?.commitments.theirs ?? []),
  );
  section('deliverables.handover.specialTerms', ...bullets(a.specialTerms));
  const sign = (key: MessageKey, sig?: { by: string; at: string }) =>
    para(
      sig
        ? tr(key, { by: person(sig.by), at: formatDate(L, sig.at) })
        : tr(key, { by: '____________', at: tr('deliverables.handover.unsigned') }),
    );
  section(
    'deliverables.handover.signOff',
    sign('deliverables.handover.signSales', h?.signOff.sales),
    sign('deliverables.handover.signCsm', h?.signOff.csm),
  );
  const buffer = await packDocument(body, {
    title: tr('deliverables.handover.title', { account: accountName(s, L) }),
    creator: person(a.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}
