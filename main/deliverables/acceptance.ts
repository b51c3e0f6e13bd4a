// The acceptance report 验收报告: project review, run status, ongoing support, future plan,
// conclusion, and the acceptance form annex with one row per SOW deliverable.
import { PageBreak, Paragraph, type FileChild } from 'docx';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { isOpenIssue } from '../../shared/rules/issues';
import {
  bullet,
  heading,
  packDocument,
  para,
  signatureLine,
  spacer,
  table,
  title,
} from './docxKit';
import { daysBetween } from '../../shared/time/days';
import { formatDate, formatNumber, label, draftMark } from './format';
import { currentContract, customerPm, vendorPm, type AccountSnapshot } from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

/** The project's display name: the account and the product it bought. */
export function projectName(s: AccountSnapshot): string {
  const product = currentContract(s)?.products[0]?.name;
  return product ? `${s.account.name} ${product}` : s.account.name;
}

export async function buildAcceptanceReport(
  s: AccountSnapshot,
  o: BuildOptions,
): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const today = o.today;
  const warnings: string[] = [];
  const plan = s.projectPlan;
  const sow = s.sow;
  const contract = currentContract(s);
  if (!plan) warnings.push(tr('deliverables.warning.noPlan'));
  if (!sow) warnings.push(tr('deliverables.warning.noSow'));
  if (!contract) warnings.push(tr('deliverables.warning.noContract'));
  const project = projectName(s);
  const body: FileChild[] = [];

  body.push(title(tr('deliverables.acceptance.title', { project })));
  body.push(para(tr('deliverables.acceptance.createdOn', { date: formatDate(L, today) })));
  body.push(para(tr('deliverables.acceptance.modifiedOn', { date: formatDate(L, today) })));
  body.push(para(tr('deliverables.acceptance.customerPm', { name: customerPm(s) })));
  body.push(para(`${tr('deliverables.common.date')} ____________________`));
  body.push(para(tr('deliverables.acceptance.vendorPm', { name: person(vendorPm(s)) })));
  body.push(para(`${tr('deliverables.common.date')} ____________________`));

  // 一、项目回顾
  body.push(heading(tr('deliverables.acceptance.s1')));
  body.push(heading(tr('deliverables.acceptance.s1.period'), 2));
  const start = plan?.kickoffOn ?? contract?.startDate ?? today;
  const goLive = plan?.goLiveOn ?? plan?.phases.at(-1)?.plannedEnd ?? today;
  const cutover = plan?.phases.find((p) => p.phase === 'cutover');
  const live = goLive <= today && (!cutover || Boolean(cutover.actualEnd));
  const periodParams = {
    account: s.account.name,
    project: plan?.name ?? project,
    start: formatDate(L, start),
    goLive: formatDate(L, cutover?.actualEnd ?? goLive),
    asOf: formatDate(L, today),
    days: Math.max(0, daysBetween(start, live ? (cutover?.actualEnd ?? goLive) : today)),
    rounds: plan?.discussionRounds ?? 0,
    trainings: plan?.onSiteTrainings ?? 0,
  };
  body.push(
    para(
      tr(
        live ? 'deliverables.acceptance.s1.periodText' : 'deliverables.acceptance.s1.periodNotLive',
        periodParams,
      ),
      { indent: true },
    ),
  );
  body.push(heading(tr('deliverables.acceptance.s1.phases'), 2));
  const phases = plan?.phases ?? [];
  const onPlan = phases.filter((p) => p.actualEnd && p.actualEnd <= p.plannedEnd).length;
  body.push(
    para(tr('deliverables.acceptance.s1.phasesText', { onPlan, total: phases.length }), {
      indent: true,
    }),
  );
  if (phases.length) {
    body.push(
      table(
        [
          tr('deliverables.acceptance.s1.phaseHeader.phase'),
          tr('deliverables.acceptance.s1.phaseHeader.owner'),
          tr('deliverables.acceptance.s1.phaseHeader.planned'),
          tr('deliverables.acceptance.s1.phaseHeader.actual'),
          tr('deliverables.acceptance.s1.phaseHeader.onPlan'),
        ],
        phases.map((p) => [
          p.name ?? label(L, 'phase', p.phase),
          person(p.owner),
          formatDate(L, p.plannedEnd),
          p.actualEnd ? formatDate(L, p.actualEnd) : tr('deliverables.acceptance.s1.phaseOpen'),
          p.actualEnd
            ? tr(p.actualEnd <= p.plannedEnd ? 'deliverables.common.yes' : 'deliverables.common.no')
            : '—',
        ]),
        [24, 18, 22, 22, 14],
      ),
    );
  }
  body.push(heading(tr('deliverables.acceptance.s1.modules'), 2));
  body.push(para(tr('deliverables.acceptance.s1.modulesText', { project }), { indent: true }));
  const modules = plan?.modulesLive ?? [];
  body.push(
    para(
      modules.length ? modules.join(L === 'zh-CN' ? '；' : '; ') : tr('deliverables.common.none'),
    ),
  );

  // 二、运行状态
  body.push(heading(tr('deliverables.acceptance.s2')));
  const reading = s.usage.at(-1);
  if (reading) {
    body.push(
      para(tr('deliverables.acceptance.s2.text', { date: formatDate(L, reading.date) }), {
        indent: true,
      }),
    );
    for (const m of reading.moduleRecords) {
      body.push(
        bullet(
          tr('deliverables.acceptance.s2.moduleLine', {
            module: m.module,
            records: formatNumber(L, m.records),
          }),
        ),
      );
    }
    body.push(
      bullet(
        tr('deliverables.acceptance.s2.users', {
          imported: formatNumber(L, reading.importedUsers || reading.purchasedSeats),
          activated: formatNumber(L, reading.activatedUsers),
        }),
      ),
    );
  } else {
    warnings.push(tr('deliverables.warning.noUsage'));
    body.push(para(tr('deliverables.acceptance.s2.noData')));
  }
  if (s.health) {
    body.push(
      para(
        tr('deliverables.acceptance.s2.health', {
          date: formatDate(L, s.health.asOf),
          score: s.health.score,
          band: label(L, 'healthBand', s.health.band),
        }),
        { indent: true },
      ),
    );
  }

  // 三、持续支持
  body.push(heading(tr('deliverables.acceptance.s3')));
  body.push(
    para(
      tr('deliverables.acceptance.s3.consultant', {
        consultant: person(s.account.consultant ?? vendorPm(s)),
      }),
      { indent: true },
    ),
  );
  body.push(
    para(
      tr('deliverables.acceptance.s3.csm', {
        csm: person(s.account.ownerCsm),
        end: formatDate(L, contract?.endDate) || '—',
      }),
      { indent: true },
    ),
  );
  if (o.hotline) {
    body.push(
      para(
        tr('deliverables.acceptance.s3.hotline', {
          hotline: o.hotline,
          serviceLevel: label(L, 'serviceLevel', contract?.serviceLevel ?? 'standard5x8'),
        }),
      ),
    );
  }
  const open = s.issues.filter(isOpenIssue).length;
  if (open)
    body.push(para(tr('deliverables.acceptance.s3.openIssues', { open }), { indent: true }));

  // 四、后期规划
  body.push(heading(tr('deliverables.acceptance.s4')));
  const phase2 = [
    ...(sow?.outOfScope.filter((x) => x.phase2).map((x) => x.item) ?? []),
    ...(sow?.changeRequests
      .filter((c) => c.decision === 'deferred')
      .map((c) => tr('deliverables.acceptance.s4.deferredCr', { title: c.title })) ?? []),
  ];
  if (phase2.length) {
    body.push(para(tr('deliverables.acceptance.s4.text'), { indent: true }));
    for (const item of phase2) body.push(bullet(item));
  } else {
    body.push(para(tr('deliverables.acceptance.s4.none')));
  }

  // 五、项目验收
  body.push(heading(tr('deliverables.acceptance.s5')));
  body.push(para(tr('deliverables.acceptance.s5.text'), { indent: true }));
  const deliverables = sow?.deliverables ?? [];
  const notPassed = deliverables.filter((d) => d.status !== 'accepted').length;
  if (notPassed)
    body.push(para(tr('deliverables.acceptance.s5.pending', { count: notPassed }), { bold: true }));
  body.push(para(tr('deliverables.acceptance.s5.closing'), { indent: true }));

  // 附件一：项目验收单
  body.push(new Paragraph({ children: [new PageBreak()] }));
  body.push(heading(tr('deliverables.acceptance.annex', { project })));
  body.push(
    para(
      tr('deliverables.acceptance.annex.title', {
        project,
        contractNo: contract?.contractNo ?? '—',
      }),
      { bold: true },
    ),
  );
  const partyB = o.vendorName ?? '____________________';
  const colon = L === 'zh-CN' ? '：' : ': ';
  body.push(para(`${tr('deliverables.common.partyA')}${colon}${s.account.name}`));
  body.push(para(`${tr('deliverables.common.partyB')}${colon}${partyB}`));
  body.push(para(tr('deliverables.acceptance.annex.project', { project: plan?.name ?? project })));
  body.push(para(tr('deliverables.acceptance.annex.results'), { bold: true }));
  body.push(
    table(
      [
        tr('deliverables.acceptance.annex.no'),
        tr('deliverables.acceptance.annex.deliverable'),
        tr('deliverables.acceptance.annex.criteria'),
        tr('deliverables.acceptance.annex.result'),
        tr('deliverables.acceptance.annex.remarks'),
      ],
      deliverables.map((d, i) => [
        String(i + 1),
        d.name,
        d.acceptanceCriteria,
        [...new Set([label(L, 'deliverableStatus', d.status), d.result ?? ''])]
          .filter(Boolean)
          .join('\n'),
        d.remarks ?? '',
      ]),
      [8, 22, 34, 18, 18],
    ),
  );
  body.push(para(tr('deliverables.acceptance.annex.note', { sow: sow?.title ?? 'SOW' })));
  body.push(spacer());
  body.push(para(`${tr('deliverables.common.partyA')}${colon}${s.account.name}`, { bold: true }));
  body.push(
    signatureLine(tr('deliverables.acceptance.annex.signA'), tr('deliverables.common.date')),
  );
  body.push(para(`${tr('deliverables.common.partyB')}${colon}${partyB}`, { bold: true }));
  body.push(
    signatureLine(tr('deliverables.acceptance.annex.signB'), tr('deliverables.common.date')),
  );

  const buffer = await packDocument(body, {
    title: tr('deliverables.acceptance.title', { project }),
    creator: person(s.account.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}
