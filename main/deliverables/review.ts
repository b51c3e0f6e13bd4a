// The business review: quarterly (季度业务回顾) or annual (年度业务分析报告). Word for the
// narrative with embedded charts, Excel for the data appendix with live formulas.
import ExcelJS from 'exceljs';
import type { FileChild } from 'docx';
import type { EChartsOption } from 'echarts';
import {
  criteriaProgressOption,
  healthTrendOption,
  issuesByPriorityOption,
  usageTrendOption,
} from '../../shared/charts/options';
import { issuePriorities } from '../../shared/domain/entities/issue';
import { SOLVED_ISSUE_STATUSES } from '../../shared/rules/issues';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { renderChartPngs } from './chartImage';
import { bullet, heading, image, packDocument, para, table, title } from './docxKit';
import { formatDate, formatMoney, formatNumber, formatPercent, label, draftMark } from './format';
import type { Period } from '../../shared/rules/period';
import { requirementsReviewSection } from '../requirements/forAccount';
import { reviewData, type ReviewData } from './reviewData';
import { accountName, type AccountSnapshot } from './snapshot';
import {
  DATE_FORMAT,
  dataSheet,
  excelDay,
  fitColumnsFrom,
  fitTitleRows,
  formatColumn,
  headerRow,
  INTEGER_FORMAT,
  markDraft,
  moneyFormat,
  printSetup,
  sheetName,
  titleRows,
  workbookBuffer,
  wrapColumns,
} from './xlsxKit';
import { addSafeRow } from './xlsxSafe';
import type { BuildOptions, BuiltFile } from './types';

const CHART_W = 640;
const CHART_H = 320;

/** The review's title; a period still running says so ("（截至12月1日）" / "(to Dec 1)"). */
export function reviewTitle(locale: Locale, s: AccountSnapshot, p: Period, today?: string): string {
  const account = accountName(s, locale);
  const main = p.quarter
    ? t(locale, 'deliverables.review.titleQuarter', { account, year: p.year, quarter: p.quarter })
    : t(locale, 'deliverables.review.titleYear', { account, year: p.year });
  return today && p.to > today
    ? `${main}${t(locale, 'readiness.review.toDateTitle', { date: formatDate(locale, today) })}`
    : main;
}

type ChartName = 'criteria' | 'usage' | 'issues' | 'health';

/** The review's charts, rendered together (one font load), only where there is data. */
async function renderReviewCharts(
  L: Locale,
  d: ReviewData,
): Promise<Partial<Record<ChartName, Buffer>>> {
  const wanted: [ChartName, EChartsOption][] = [];
  if (d.criteria.length) {
    wanted.push([
      'criteria',
      criteriaProgressOption(
        L,
        d.criteria.map((c) => ({ metric: c.metric, progress: c.progress })),
      ),
    ]);
  }
  if (d.usage.length) {
    wanted.push([
      'usage',
      usageTrendOption(
        L,
        d.usage.map((u) => ({
          date: u.date,
          seats: u.purchasedSeats,
          activated: u.activatedUsers,
          active: u.activeUsers,
        })),
      ),
    ]);
  }
  if (d.issuesRaised.length) wanted.push(['issues', issuesByPriorityOption(L, d.issuesRaised)]);
  if (d.health)
    wanted.push([
      'health',
      healthTrendOption(L, d.health.trend, { thresholds: d.health.thresholds }),
    ]);
  const pngs = await renderChartPngs(
    wanted.map(([, option]) => option),
    CHART_W,
    CHART_H,
  );
  return Object.fromEntries(wanted.map(([name], i) => [name, pngs[i]]));
}

/** Column headers of the success-criteria table, in the Word report and its Excel appendix. */
function criteriaHeaders(tr: (key: MessageKey) => string): string[] {
  return [
    tr('deliverables.review.s1.metric'),
    tr('deliverables.review.s1.baseline'),
    tr('deliverables.review.s1.target'),
    tr('deliverables.review.s1.stageTarget'),
    tr('deliverables.review.s1.actual'),
    tr('deliverables.review.s1.progress'),
  ];
}

function chart(png: Buffer): FileChild {
  return image(png, CHART_W * 0.85, CHART_H * 0.85);
}

export async function buildReviewDocx(
  s: AccountSnapshot,
  period: Period,
  o: BuildOptions,
): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const today = o.today;
  const d = reviewData(s, period, today);
  const warnings: string[] = [];
  const body: FileChild[] = [];
  const charts = await renderReviewCharts(L, d);
  const num = (n: number | null, unit = '') =>
    n === null ? '—' : `${formatNumber(L, n, 2)}${unit}`;

  body.push(title(reviewTitle(L, s, period, today)));
  body.push(
    para(
      d.toDate
        ? tr('readiness.review.periodToDate', {
            from: formatDate(L, period.from),
            to: formatDate(L, period.to),
            asOf: formatDate(L, d.asOf),
          })
        : tr('deliverables.review.period', {
            from: formatDate(L, period.from),
            to: formatDate(L, period.to),
          }),
    ),
  );
  body.push(para(tr('deliverables.review.preparedBy', { csm: person(s.account.ownerCsm) })));
  body.push(para(tr('deliverables.common.generatedOn', { date: formatDate(L, today) })));

  // Executive summary: the period in a few facts, each from the section that details it.
  body.push(heading(tr('readiness.review.summary')));
  for (const line of executiveSummary(L, d)) body.push(bullet(line));

  // 一 results against the success criteria
  body.push(heading(tr('deliverables.review.s1')));
  if (d.criteria.length) {
    body.push(
      table(
        criteriaHeaders(tr),
        d.criteria.map((c) => [
          c.metric,
          num(c.baseline, c.unit),
          num(c.target, c.unit),
          num(c.stageTarget, c.unit),
          num(c.actual, c.unit),
          c.progress === null ? '—' : formatPercent(L, c.progress),
        ]),
        [26, 14, 14, 16, 14, 16],
      ),
    );
    body.push(chart(charts.criteria!));
  } else {
    body.push(para(tr('deliverables.review.s1.none')));
  }

  // 二 usage and trend
  body.push(heading(tr('deliverables.review.s2')));
  if (d.usage.length) {
    const first = d.usage[0];
    const last = d.usage.at(-1)!;
    const change = first.activatedUsers
      ? (last.activatedUsers - first.activatedUsers) / first.activatedUsers
      : 0;
    body.push(
      para(
        tr('deliverables.review.s2.trend', {
          first: formatNumber(L, first.activatedUsers),
          last: formatNumber(L, last.activatedUsers),
          change: `${change >= 0 ? '+' : ''}${formatPercent(L, change)}`,
          rate: last.purchasedSeats
            ? formatPercent(L, last.activatedUsers / last.purchasedSeats)
            : '—',
        }),
        { indent: true },
      ),
    );
    body.push(chart(charts.usage!));
    body.push(
      table(
        [
          tr('deliverables.review.s2.month'),
          tr('deliverables.review.s2.seats'),
          tr('deliverables.review.s2.activated'),
          tr('deliverables.review.s2.active'),
          tr('deliverables.review.s2.rate'),
        ],
        d.usage.map((u) => [
          formatDate(L, u.date),
          formatNumber(L, u.purchasedSeats),
          formatNumber(L, u.activatedUsers),
          formatNumber(L, u.activeUsers),
          u.purchasedSeats ? formatPercent(L, u.activatedUsers / u.purchasedSeats) : '—',
        ]),
      ),
    );
  } else {
    warnings.push(tr('deliverables.warning.noUsage'));
    body.push(para(tr('deliverables.review.s2.none')));
  }

  // 三 help given
  body.push(heading(tr('deliverables.review.s3')));
  body.push(
    para(
      tr('deliverables.review.s3.summary', {
        raised: d.issuesRaised.length,
        solved: d.issuesSolved.length,
        needs: d.needsDelivered,
        trainings: d.trainings.length,
        visits: d.visitsDone.length,
      }),
      { indent: true },
    ),
  );
  body.push(
    table(
      [
        tr('deliverables.review.s3.priority'),
        tr('deliverables.review.s3.raised'),
        tr('deliverables.review.s3.solved'),
        tr('deliverables.review.s3.open'),
      ],
      [
        ...issuePriorities.map((p) => {
          const raised = d.issuesRaised.filter((i) => i.priority === p).length;
          const done = d.issuesSolved.filter((i) => i.priority === p).length;
          return [
            label(L, 'issuePriority', p),
            String(raised),
            String(done),
            String(raised - done),
          ];
        }),
        [
          tr('deliverables.common.total'),
          String(d.issuesRaised.length),
          String(d.issuesSolved.length),
          String(d.issuesRaised.length - d.issuesSolved.length),
        ],
      ],
      [34, 22, 22, 22],
    ),
  );
  if (d.issuesRaised.length) {
    body.push(chart(charts.issues!));
  }
  if (d.visitsDone.length) {
    body.push(
      para(tr('readiness.review.visitsDone', { count: d.visitsDone.length }), { bold: true }),
    );
    for (const v of d.visitsDone) body.push(bullet(`${formatDate(L, v.date)}  ${v.purpose}`));
  }
  if (d.visitsPlanned.length) {
    body.push(
      para(tr('readiness.review.visitsPlanned', { count: d.visitsPlanned.length }), {
        bold: true,
      }),
    );
    for (const v of d.visitsPlanned) body.push(bullet(`${formatDate(L, v.date)}  ${v.purpose}`));
  }

  body.push(...requirementsReviewSection(L, s.requirements, period, d.asOf));

  // 四 health
  body.push(heading(tr('deliverables.review.s4')));
  if (d.health) {
    body.push(
      para(
        tr('deliverables.review.s4.text', {
          date: formatDate(L, d.health.asOf),
          score: d.health.score,
          band: label(L, 'healthBand', d.health.band),
        }),
        { indent: true },
      ),
    );
    body.push(chart(charts.health!));
  }
  body.push(heading(tr('readiness.review.nps'), 2));
  body.push(para(npsLine(L, d), { indent: true }));
  body.push(heading(tr('readiness.review.risks'), 2));
  if (d.risks.length) {
    for (const r of d.risks)
      body.push(
        bullet(
          tr('readiness.review.risk', {
            level: label(L, 'riskLevel', r.level),
            cause: r.cause,
            openedOn: formatDate(L, r.openedOn),
          }),
        ),
      );
  } else {
    body.push(
      para(tr('readiness.review.noRisks', { date: formatDate(L, d.asOf) }), { indent: true }),
    );
  }

  // 五 next period
  body.push(heading(tr('deliverables.review.s5')));
  for (const m of d.openMilestones) {
    body.push(
      bullet(
        m.overdueDays
          ? tr('readiness.review.milestoneOverdue', {
              title: m.title,
              date: formatDate(L, m.dueDate),
              days: m.overdueDays,
            })
          : tr('deliverables.review.s5.milestone', {
              title: m.title,
              date: formatDate(L, m.dueDate),
            }),
      ),
    );
  }
  const from = d.nextTargetsFrom;
  if (from.kind === 'none') {
    body.push(bullet(tr('readiness.review.noNextPlan', { year: from.year })));
  } else if (d.nextTargets.length) {
    body.push(
      para(
        from.kind === 'quarter'
          ? tr('readiness.review.nextQuarterTargets', { year: from.year, quarter: from.quarter })
          : tr('readiness.review.nextYearTargets', { year: from.year }),
        { bold: true },
      ),
    );
    for (const n of d.nextTargets) {
      body.push(
        bullet(
          tr('deliverables.review.s5.nextTarget', {
            metric: n.metric,
            target: num(n.target, n.unit),
          }),
        ),
      );
    }
  }
  body.push(
    bullet(
      tr('readiness.review.openIssuesAsOf', {
        date: formatDate(L, d.asOf),
        count: d.openIssues.length,
        urgent: d.openIssues.filter((i) => i.priority === 'urgentFault').length,
      }),
    ),
  );
  if (d.nextVisit) {
    body.push(
      bullet(
        tr('deliverables.review.s5.nextVisit', {
          date: formatDate(L, d.nextVisit.date),
          purpose: d.nextVisit.purpose,
        }),
      ),
    );
  }

  // 六 renewal and expansion
  body.push(heading(tr('deliverables.review.s6')));
  if (d.contract) {
    body.push(
      para(
        tr('deliverables.review.s6.contract', {
          contractNo: d.contract.contractNo,
          end: formatDate(L, d.contract.endDate),
          days: d.daysToRenewal ?? 0,
          arr: formatMoney(L, d.arr, d.contract.currency),
        }),
        { indent: true },
      ),
    );
  } else {
    warnings.push(tr('deliverables.warning.noContract'));
    body.push(para(tr('deliverables.review.s6.noContract')));
  }
  if (d.opportunities.length) {
    for (const op of d.opportunities) {
      body.push(
        bullet(
          tr('deliverables.review.s6.opportunity', {
            title: op.title,
            value: formatMoney(L, op.value, d.contract?.currency ?? 'CNY'),
          }),
        ),
      );
    }
  } else {
    body.push(para(tr('deliverables.review.s6.noOpportunity')));
  }

  const buffer = await packDocument(body, {
    title: reviewTitle(L, s, period, today),
    creator: person(s.account.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}

/** The NPS of the period, or plainly that there was no answer. */
function npsLine(L: Locale, d: ReviewData): string {
  return d.nps.score === null
    ? t(L, 'readiness.review.noNps')
    : t(L, 'readiness.review.npsLine', {
        score: formatNumber(L, d.nps.score, 0),
        responses: d.nps.responses,
      });
}

/** A few lines on the period, each a figure the sections below detail. */
function executiveSummary(L: Locale, d: ReviewData): string[] {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const lines: string[] = [];
  if (d.health)
    lines.push(
      tr('deliverables.review.s4.text', {
        date: formatDate(L, d.health.asOf),
        score: d.health.score,
        band: label(L, 'healthBand', d.health.band),
      }),
    );
  if (d.criteria.length)
    lines.push(
      tr('readiness.review.criteriaMet', {
        met: d.criteria.filter((c) => (c.progress ?? 0) >= 1).length,
        total: d.criteria.length,
      }),
    );
  const last = d.usage.at(-1);
  if (last?.purchasedSeats)
    lines.push(
      tr('readiness.review.activation', {
        rate: formatPercent(L, last.activatedUsers / last.purchasedSeats),
        date: formatDate(L, last.date),
      }),
    );
  lines.push(
    tr('readiness.review.issuesLine', {
      raised: d.issuesRaised.length,
      solved: d.issuesSolved.length,
      open: d.openIssues.length,
      date: formatDate(L, d.asOf),
    }),
  );
  lines.push(npsLine(L, d));
  lines.push(
    d.risks.length
      ? tr('readiness.review.risksLine', { count: d.risks.length })
      : tr('readiness.review.noRisks', { date: formatDate(L, d.asOf) }),
  );
  if (d.contract && d.renewalDate)
    lines.push(
      tr('readiness.review.renewalLine', {
        date: formatDate(L, d.renewalDate),
        arr: formatMoney(L, d.arr, d.contract.currency),
      }),
    );
  return lines;
}

/** Quoted sheet reference for formulas: sheet names may be Chinese. */
const ref = (sheet: string, range: string) => `'${sheet.replace(/'/g, "''")}'!${range}`;

export async function buildReviewXlsx(
  s: AccountSnapshot,
  period: Period,
  o: BuildOptions,
): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey) => t(L, key);
  const person = personFormatter(s.people, L);
  const d: ReviewData = reviewData(s, period, o.today);
  const wb = new ExcelJS.Workbook();
  wb.creator = person(s.account.ownerCsm);
  wb.created = o.now;
  wb.title = reviewTitle(L, s, period);
  // The summary names the period, the account is in its title row and on every printed page.
  const summary = wb.addWorksheet(
    sheetName(wb, `${tr('deliverables.review.sheet.summary')} ${period.label}`),
  );

  const names = {
    issues: tr('deliverables.review.sheet.issues'),
    visits: tr('deliverables.review.sheet.visits'),
    usage: tr('deliverables.review.sheet.usage'),
    criteria: tr('deliverables.review.sheet.criteria'),
  };
  dataSheet(
    wb,
    names.issues,
    [
      tr('deliverables.issues.col.id'),
      tr('deliverables.issues.col.title'),
      tr('deliverables.issues.col.category'),
      tr('deliverables.issues.col.module'),
      tr('deliverables.issues.col.raisedOn'),
      tr('deliverables.issues.col.priority'),
      tr('deliverables.issues.col.status'),
      tr('deliverables.issues.col.owner'),
      tr('deliverables.issues.col.resolution'),
    ],
    d.issuesRaised.map((i) => [
      i._id,
      i.title,
      label(L, 'issueCategory', i.category),
      i.module,
      excelDay(i.raisedOn),
      label(L, 'issuePriority', i.priority),
      label(L, 'issueStatus', i.status),
      person(i.owner),
      i.resolution,
    ]),
  );
  dataSheet(
    wb,
    names.visits,
    [
      tr('deliverables.minutes.dateTime'),
      tr('deliverables.minutes.purpose'),
      tr('deliverables.issues.col.status'),
      tr('deliverables.minutes.place'),
      tr('deliverables.minutes.mode'),
    ],
    s.visits
      .filter((v) => v.date >= period.from && v.date <= period.to)
      .map((v) => [
        excelDay(v.date),
        v.purpose,
        label(L, 'visitStatus', v.status),
        v.place,
        label(L, 'visitMode', v.mode),
      ]),
  );
  const usageSheet = dataSheet(
    wb,
    names.usage,
    [
      tr('deliverables.review.s2.month'),
      tr('deliverables.review.s2.seats'),
      tr('deliverables.review.s2.activated'),
      tr('deliverables.review.s2.active'),
      tr('deliverables.review.s2.rate'),
    ],
    d.usage.map((u) => [excelDay(u.date), u.purchasedSeats, u.activatedUsers, u.activeUsers, null]),
  );
  d.usage.forEach((u, i) => {
    const r = i + 2;
    const cell = usageSheet.getCell(`E${r}`);
    cell.value = {
      formula: `IF(B${r}=0,0,C${r}/B${r})`,
      result: u.purchasedSeats ? u.activatedUsers / u.purchasedSeats : 0,
    };
    cell.numFmt = '0.0%';
  });
  const criteriaSheet = dataSheet(
    wb,
    names.criteria,
    criteriaHeaders(tr),
    d.criteria.map((c) => [c.metric, c.baseline, c.target, c.stageTarget, c.actual, null]),
  );
  d.criteria.forEach((c, i) => {
    const r = i + 2;
    const cell = criteriaSheet.getCell(`F${r}`);
    cell.value = {
      formula: `IF(OR(E${r}="",C${r}=B${r}),"",(E${r}-B${r})/(C${r}-B${r}))`,
      result: c.progress ?? '',
    };
    cell.numFmt = '0%';
  });

  // Summary: every total is a live formula over the data sheets.
  const titled = titleRows(
    summary,
    reviewTitle(L, s, period),
    2,
    t(L, 'deliverables.review.period', {
      from: formatDate(L, period.from),
      to: formatDate(L, period.to),
    }),
  );
  headerRow(summary, [
    tr('deliverables.review.summary.item'),
    tr('deliverables.review.summary.value'),
  ]);
  const last = (n: number) => Math.max(2, n + 1);
  const nI = d.issuesRaised.length;
  const nV = s.visits.filter((v) => v.date >= period.from && v.date <= period.to).length;
  const nU = d.usage.length;
  const nC = d.criteria.length;
  const statusRange = ref(names.issues, `G2:G${last(nI)}`);
  const rows: [MessageKey, string, number][] = [
    [
      'deliverables.review.summary.issuesRaised',
      `COUNTA(${ref(names.issues, `A2:A${last(nI)}`)})`,
      nI,
    ],
    [
      'deliverables.review.summary.issuesSolved',
      SOLVED_ISSUE_STATUSES.map(
        (st) => `COUNTIF(${statusRange},"${label(L, 'issueStatus', st)}")`,
      ).join('+'),
      d.issuesSolved.length,
    ],
    [
      'deliverables.review.summary.urgent',
      `COUNTIF(${ref(names.issues, `F2:F${last(nI)}`)},"${label(L, 'issuePriority', 'urgentFault')}")`,
      d.issuesRaised.filter((i) => i.priority === 'urgentFault').length,
    ],
    [
      'deliverables.review.summary.visitsDone',
      `COUNTIF(${ref(names.visits, `C2:C${last(nV)}`)},"${label(L, 'visitStatus', 'done')}")`,
      d.visitsDone.length,
    ],
    [
      'deliverables.review.summary.latestActivated',
      nU ? ref(names.usage, `C${nU + 1}`) : '0',
      d.usage.at(-1)?.activatedUsers ?? 0,
    ],
    [
      'deliverables.review.summary.avgActive',
      `IFERROR(ROUND(AVERAGE(${ref(names.usage, `D2:D${last(nU)}`)}),0),0)`,
      nU ? Math.round(d.usage.reduce((a, u) => a + u.activeUsers, 0) / nU) : 0,
    ],
    [
      'deliverables.review.summary.criteriaMet',
      `COUNTIF(${ref(names.criteria, `F2:F${last(nC)}`)},">=1")`,
      d.criteria.filter((c) => (c.progress ?? 0) >= 1).length,
    ],
  ];
  for (const [key, formula, result] of rows) {
    const row = addSafeRow(summary, [tr(key), null]);
    row.getCell(2).value = { formula, result };
  }
  // The account's standing, the same figures as the brief, the portfolio and the Health tab.
  const standing: [MessageKey, string | number | Date][] = [
    ['deliverables.review.summary.arr', d.arr],
    ['deliverables.review.summary.renewalDate', excelDay(d.renewalDate) ?? ''],
    ['deliverables.review.summary.openIssues', d.openIssues.length],
    ['deliverables.review.summary.healthScore', d.health?.score ?? ''],
    [
      'deliverables.review.summary.healthBand',
      d.health ? label(L, 'healthBand', d.health.band) : '',
    ],
  ];
  for (const [key, value] of standing) {
    const row = addSafeRow(summary, [tr(key), value]);
    const cell = row.getCell(2);
    if (key === 'deliverables.review.summary.arr') cell.numFmt = moneyFormat(L);
    else if (value instanceof Date) cell.numFmt = DATE_FORMAT;
    else if (typeof value === 'number') cell.numFmt = INTEGER_FORMAT;
  }
  fitColumnsFrom(summary, titled + 1);
  fitTitleRows(summary, titled, 2);
  summary.views = [{ state: 'frozen', ySplit: titled + 1 }];
  const printTitle = (what: string) => `${s.account.name} · ${what} · ${period.label}`;
  printSetup(summary, {
    locale: L,
    title: printTitle(tr('deliverables.review.sheet.summary')),
    headerRow: titled + 1,
  });
  // Data sheets: real dates, long text wrapped, landscape where wide; the id is not printed.
  const issuesSheet = wb.getWorksheet(names.issues)!;
  formatColumn(issuesSheet, 5, DATE_FORMAT);
  issuesSheet.getColumn(5).width = 12;
  issuesSheet.getColumn(2).width = Math.min(issuesSheet.getColumn(2).width ?? 40, 40);
  issuesSheet.getColumn(9).width = Math.min(issuesSheet.getColumn(9).width ?? 36, 36);
  wrapColumns(issuesSheet, [2, 4, 9]);
  printSetup(issuesSheet, {
    locale: L,
    title: printTitle(names.issues),
    landscape: true,
    headerRow: 1,
    columns: [2, 9],
  });
  const visitsSheet = wb.getWorksheet(names.visits)!;
  formatColumn(visitsSheet, 1, DATE_FORMAT);
  visitsSheet.getColumn(1).width = 12;
  printSetup(visitsSheet, { locale: L, title: printTitle(names.visits), headerRow: 1 });
  formatColumn(usageSheet, 1, DATE_FORMAT);
  usageSheet.getColumn(1).width = 12;
  for (const c of [2, 3, 4]) formatColumn(usageSheet, c, INTEGER_FORMAT);
  printSetup(usageSheet, { locale: L, title: printTitle(names.usage), headerRow: 1 });
  printSetup(criteriaSheet, {
    locale: L,
    title: printTitle(names.criteria),
    landscape: true,
    headerRow: 1,
  });
  markDraft(wb, draftMark(o));
  return { buffer: await workbookBuffer(wb), warnings: [] };
}
