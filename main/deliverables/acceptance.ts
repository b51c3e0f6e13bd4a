// The acceptance report 验收报告: project review, run status, ongoing support, future plan,
// conclusion, and the acceptance form annex with one row per SOW deliverable.
import { PageBreak, Paragraph, type FileChild } from 'docx';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
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
import { daysBetween, localDay } from '../../shared/time/days';
import { formatDate, formatNumber, label, draftMark } from './format';
import {
  accountName,
  currentContract,
  customerPm,
  moduleName,
  productName,
  vendorPm,
  type AccountSnapshot,
} from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

/** The project's display name in the document's language: the account and the product it bought. */
export function projectName(s: AccountSnapshot, locale: Locale = 'zh-CN'): string {
  const product = productName(currentContract(s)?.products[0], locale);
  const account = accountName(s, locale);
  return product ? `${account} ${product}` : account;
}

/** The project plan's name in the document's language; the composed project name without one. */
function planName(s: AccountSnapshot, locale: Locale): string {
  const plan = s.projectPlan;
  if (!plan) return projectName(s, locale);
  if (locale === 'en-US') return plan.nameEn ?? projectName(s, locale);
  return plan.name;
}

/** Words a reviewer writes as the result that only repeat the status (通过 under Accepted). */
const RESTATES_STATUS: Record<string, string[]> = {
  accepted: ['通过', '验收通过', '已通过', 'passed', 'accepted', 'pass'],
  rejected: ['不通过', '未通过', 'rejected', 'failed'],
  delivered: ['已交付', 'delivered'],
  pending: ['待交付', 'pending'],
};

/** The result cell: the status in the document's language, and the result when it adds to it. */
function resultCell(L: Locale, d: { status: string; result?: string }): string {
  const status = label(L, 'deliverableStatus', d.status);
  const result = d.result?.trim() ?? '';
  const same = [
    ...(RESTATES_STATUS[d.status] ?? []),
    label('zh-CN', 'deliverableStatus', d.status),
    label('en-US', 'deliverableStatus', d.status),
  ].map((w) => w.toLowerCase());
  return !result || same.includes(result.toLowerCase()) ? status : `${status}\n${result}`;
}

/** The day of the earliest creation and the latest change among the report's sources. */
function sourceDates(s: AccountSnapshot): { created?: string; modified?: string } {
  const sources = [s.projectPlan, s.sow, currentContract(s)].filter(
    (d): d is NonNullable<typeof d> => Boolean(d),
  );
  const day = (instant: string) => localDay(new Date(instant));
  const created = sources.map((d) => day(d.createdAt)).sort()[0];
  const modified = sources
    .map((d) => day(d.updatedAt))
    .sort()
    .at(-1);
  return { created, modified };
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
  const project = projectName(s, L);
  const account = accountName(s, L);
  const body: FileChild[] = [];
  const dates = sourceDates(s);

  body.push(title(tr('deliverables.acceptance.title', { project })));
  if (dates.created)
    body.push(
      para(tr('deliverables.acceptance.createdOn', { date: formatDate(L, dates.created) })),
    );
  if (dates.modified)
    body.push(
      para(tr('deliverables.acceptance.modifiedOn', { date: formatDate(L, dates.modified) })),
    );
  body.push(para(tr('deliverables.common.generatedOn', { date: formatDate(L, today) })));
  body.push(para(tr('deliverables.acceptance.customerPm', { name: customerPm(s) })));
  body.push(para(`${tr('deliverables.common.date')} ____________________`));
  body.push(para(tr('deliverables.acceptance.vendorPm', { name: person(vendorPm(s)) })));
  body.push(para(`${tr('deliverables.common.date')} ____________________`));

  // 一、项目回顾: only what the data says; a fact without data is left out.
  body.push(heading(tr('deliverables.acceptance.s1')));
  body.push(heading(tr('deliverables.acceptance.s1.period'), 2));
  const start = plan?.kickoffOn ?? plan?.phases[0]?.plannedStart ?? contract?.startDate;
  const goLive = plan?.goLiveOn ?? plan?.phases.at(-1)?.plannedEnd;
  const cutover = plan?.phases.find((p) => p.phase === 'cutover');
  // Live when the cutover is done (or, without a cutover phase, when every phase is).
  const allDone = Boolean(plan?.phases.length) && plan!.phases.every((p) => p.actualEnd);
  const wentLive =
    cutover?.actualEnd ??
    (!cutover && allDone
      ? plan!.phases
          .map((p) => p.actualEnd!)
          .sort()
          .at(-1)
      : undefined);
  if (start) {
    const parts = [
      tr('readiness.acceptance.started', {
        account,
        project: planName(s, L),
        start: formatDate(L, start),
      }),
    ];
    if (wentLive)
      parts.push(
        tr('readiness.acceptance.wentLive', {
          goLive: formatDate(L, wentLive),
          days: daysBetween(start, wentLive),
        }),
      );
    else if (goLive)
      parts.push(
        tr('readiness.acceptance.plannedLive', {
          goLive: formatDate(L, goLive),
          asOf: formatDate(L, today),
          days: Math.max(0, daysBetween(start, today)),
        }),
      );
    if (plan?.discussionRounds)
      parts.push(tr('readiness.acceptance.rounds', { rounds: plan.discussionRounds }));
    if (plan?.onSiteTrainings)
      parts.push(tr('readiness.acceptance.trainings', { trainings: plan.onSiteTrainings }));
    body.push(para(parts.join('') + tr('readiness.sentenceEnd'), { indent: true }));
  } else {
    body.push(para(tr('readiness.acceptance.noPeriod'), { indent: true }));
  }
  body.push(heading(tr('deliverables.acceptance.s1.phases'), 2));
  const phases = plan?.phases ?? [];
  const onPlan = phases.filter((p) => p.actualEnd && p.actualEnd <= p.plannedEnd).length;
  const late = phases.filter((p) => p.actualEnd && p.actualEnd > p.plannedEnd).length;
  const running = phases.length - onPlan - late;
  if (phases.length)
    body.push(
      para(
        tr(
          onPlan === phases.length
            ? 'readiness.acceptance.phasesAllOnPlan'
            : 'readiness.acceptance.phasesMixed',
          { onPlan, late, running, total: phases.length },
        ),
        { indent: true },
      ),
    );
  else body.push(para(tr('readiness.acceptance.noPhases'), { indent: true }));
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
            ? p.actualEnd <= p.plannedEnd
              ? tr('deliverables.common.yes')
              : tr('readiness.acceptance.lateBy', { days: daysBetween(p.plannedEnd, p.actualEnd) })
            : '—',
        ]),
        [24, 18, 22, 22, 14],
      ),
    );
  }
  body.push(heading(tr('deliverables.acceptance.s1.modules'), 2));
  body.push(para(tr('deliverables.acceptance.s1.modulesText', { project }), { indent: true }));
  const modules = (plan?.modulesLive ?? []).map((m) => moduleName(s, m, L));
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
            module: moduleName(s, m.module, L),
            records: formatNumber(L, m.records),
          }),
        ),
      );
    }
    body.push(
      bullet(
        reading.importedUsers
          ? tr('deliverables.acceptance.s2.users', {
              imported: formatNumber(L, reading.importedUsers),
              activated: formatNumber(L, reading.activatedUsers),
            })
          : tr('readiness.acceptance.usersSeats', {
              seats: formatNumber(L, reading.purchasedSeats),
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
      contract
        ? tr('deliverables.acceptance.s3.csm', {
            csm: person(s.account.ownerCsm),
            end: formatDate(L, contract.endDate),
          })
        : tr('readiness.acceptance.csmNoContract', { csm: person(s.account.ownerCsm) }),
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
  const openIssues = s.issues.filter(isOpenIssue).length;
  if (openIssues)
    body.push(
      para(tr('deliverables.acceptance.s3.openIssues', { open: openIssues }), { indent: true }),
    );

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
  // The conclusion follows from the annex: acceptance only when every deliverable is accepted.
  const deliverables = sow?.deliverables ?? [];
  const open = deliverables.filter((d) => d.status !== 'accepted');
  if (deliverables.length && !open.length) {
    body.push(para(tr('deliverables.acceptance.s5.text'), { indent: true }));
    body.push(para(tr('deliverables.acceptance.s5.closing'), { indent: true }));
  } else if (deliverables.length) {
    body.push(
      para(
        tr('readiness.acceptance.openDeliverables', {
          date: formatDate(L, today),
          total: deliverables.length,
          accepted: deliverables.length - open.length,
          open: open.length,
        }),
        { indent: true, bold: true },
      ),
    );
    for (const d of open)
      body.push(
        bullet(
          tr('readiness.acceptance.openDeliverable', {
            name: d.name,
            status: label(L, 'deliverableStatus', d.status),
          }),
        ),
      );
    body.push(para(tr('readiness.acceptance.notYet'), { indent: true }));
  } else {
    body.push(para(tr('readiness.acceptance.noDeliverables'), { indent: true }));
  }

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
  body.push(para(`${tr('deliverables.common.partyA')}${colon}${account}`));
  body.push(para(`${tr('deliverables.common.partyB')}${colon}${partyB}`));
  body.push(para(tr('deliverables.acceptance.annex.project', { project: planName(s, L) })));
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
        resultCell(L, d),
        d.remarks ?? '',
      ]),
      [8, 22, 34, 18, 18],
    ),
  );
  body.push(para(tr('deliverables.acceptance.annex.note', { sow: sow?.title ?? 'SOW' })));
  body.push(spacer());
  body.push(para(`${tr('deliverables.common.partyA')}${colon}${account}`, { bold: true }));
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
