// The usage report 使用报告: what an ordinary account gets every two months (the book, 5.x): its
// usage data (activation, logins, modules, depth), the trend against the previous report, and
// how its needs and issues were handled.
import type { FileChild } from 'docx';
import { usageTrendOption } from '../../shared/charts/options';
import type { EntityDoc } from '../../shared/domain/entities';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { isOpenIssue, isOverdueIssue, isSolvedIssue } from '../../shared/rules/issues';
import {
  previousTwoMonths,
  usageReportPeriod,
  type TwoMonthPeriod,
} from '../../shared/rules/period';
import { renderChartPng } from './chartImage';
import { heading, image, packDocument, para, table, title } from './docxKit';
import { draftMark, formatDate, formatNumber, formatPercent, label } from './format';
import { accountName, openIssuesTable, signed } from './newDocKit';
import type { ReadinessCheck } from './readiness';
import type { AccountSnapshot } from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

type Reading = EntityDoc<'usageReading'>;

/** True when the day falls within the two months. */
export function inTwoMonths(date: string | undefined, p: TwoMonthPeriod): boolean {
  return !!date && date.slice(0, 10) >= p.from && date.slice(0, 10) <= p.to;
}

const CHART_W = 640;
const CHART_H = 300;
const OPEN_ISSUES_SHOWN = 8;

/** The reading a period reports: its latest one. */
export function periodReading(s: AccountSnapshot, p: TwoMonthPeriod): Reading | null {
  return s.usage.filter((u) => inTwoMonths(u.date, p)).at(-1) ?? null;
}

const rate = (part: number | undefined, whole: number) =>
  part === undefined || whole <= 0 ? null : part / whole;

/** Activation rate = activated / purchased; login ratio = daily logins / registered users. */
export function usageFigures(u: Reading | null) {
  if (!u) return null;
  const registered = u.importedUsers || u.purchasedSeats;
  return {
    seats: u.purchasedSeats,
    imported: u.importedUsers,
    activated: u.activatedUsers,
    activation: rate(u.activatedUsers, u.purchasedSeats),
    active: u.activeUsers,
    dailyLogins: u.dailyLogins ?? null,
    loginRatio: rate(u.dailyLogins, registered),
    depth: u.depth ?? null,
    modules: u.moduleRecords.filter((m) => m.records > 0),
  };
}

export const usageReadiness: ReadinessCheck = (s, context) => {
  // A month names the report's two months; anything else (or nothing) means the default ones.
  const p = usageReportPeriod(
    context.period?.kind === 'month' ? context.period.label : undefined,
    context.today,
  );
  return periodReading(s, p)
    ? []
    : [{ need: 'deliverables.need.usageInPeriod', tab: 'overview', params: { period: p.label } }];
};

export async function buildUsageReport(
  s: AccountSnapshot,
  o: BuildOptions,
  period: TwoMonthPeriod,
): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const warnings: string[] = [];
  const previous = previousTwoMonths(period);
  const now = usageFigures(periodReading(s, period));
  const before = usageFigures(periodReading(s, previous));
  const dash = '—';
  const n = (v: number | null | undefined) =>
    v === null || v === undefined ? dash : formatNumber(L, v);
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? dash : formatPercent(L, v);
  const delta = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined ? dash : signed(L, a - b);
  const points = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined
      ? dash
      : tr('deliverables.usage.points', { delta: signed(L, (a - b) * 100, 1) });
  const name = accountName(s, L);
  const body: FileChild[] = [
    title(tr('deliverables.usage.title', { account: name })),
    para(
      tr('deliverables.usage.period', {
        from: formatDate(L, period.from),
        to: formatDate(L, period.to),
        prevFrom: formatDate(L, previous.from),
        prevTo: formatDate(L, previous.to),
      }),
    ),
    para(
      tr('deliverables.usage.preparedBy', {
        csm: person(s.account.ownerCsm),
        tier: label(L, 'tier', s.account.tier),
        date: formatDate(L, o.today),
      }),
    ),
  ];
  if (!now) warnings.push(tr('deliverables.usage.warnNoReading', { period: period.label }));
  if (!before) warnings.push(tr('deliverables.usage.warnNoPrevious', { period: previous.label }));

  const headers = [
    tr('deliverables.usage.metric'),
    tr('deliverables.usage.thisPeriod'),
    tr('deliverables.usage.previousPeriod'),
    tr('deliverables.usage.change'),
  ];
  const widths = [40, 20, 20, 20];
  // 一 activation
  body.push(heading(tr('deliverables.usage.s1')));
  body.push(
    table(
      headers,
      [
        [
          tr('deliverables.usage.seats'),
          n(now?.seats),
          n(before?.seats),
          delta(now?.seats, before?.seats),
        ],
        [
          tr('deliverables.usage.imported'),
          n(now?.imported),
          n(before?.imported),
          delta(now?.imported, before?.imported),
        ],
        [
          tr('deliverables.usage.activated'),
          n(now?.activated),
          n(before?.activated),
          delta(now?.activated, before?.activated),
        ],
        [
          tr('deliverables.usage.activation'),
          pct(now?.activation),
          pct(before?.activation),
          points(now?.activation, before?.activation),
        ],
      ],
      widths,
    ),
  );
  // 二 logins and activity
  body.push(heading(tr('deliverables.usage.s2')));
  body.push(
    table(
      headers,
      [
        [
          tr('deliverables.usage.active'),
          n(now?.active),
          n(before?.active),
          delta(now?.active, before?.active),
        ],
        [
          tr('deliverables.usage.dailyLogins'),
          n(now?.dailyLogins),
          n(before?.dailyLogins),
          delta(now?.dailyLogins, before?.dailyLogins),
        ],
        [
          tr('deliverables.usage.loginRatio'),
          pct(now?.loginRatio),
          pct(before?.loginRatio),
          points(now?.loginRatio, before?.loginRatio),
        ],
      ],
      widths,
    ),
  );
  // 三 modules
  body.push(heading(tr('deliverables.usage.s3')));
  const moduleNames = [
    ...new Set([...(now?.modules ?? []), ...(before?.modules ?? [])].map((m) => m.module)),
  ];
  if (moduleNames.length) {
    body.push(
      para(
        tr('deliverables.usage.modulesUsed', {
          count: now?.modules.length ?? 0,
          previous: before ? before.modules.length : dash,
        }),
      ),
    );
    const records = (f: typeof now, module: string) =>
      f ? (f.modules.find((m) => m.module === module)?.records ?? 0) : null;
    body.push(
      table(
        [tr('deliverables.usage.module'), headers[1], headers[2], headers[3]],
        moduleNames.map((m) => [
          m,
          n(records(now, m)),
          n(records(before, m)),
          delta(records(now, m), records(before, m)),
        ]),
        widths,
      ),
    );
  } else body.push(para(tr('deliverables.usage.noModules')));
  // 四 depth
  body.push(heading(tr('deliverables.usage.s4')));
  body.push(
    para(
      tr('deliverables.usage.depth', {
        depth: now?.depth ? label(L, 'usageDepth', now.depth) : dash,
        previous: before?.depth ? label(L, 'usageDepth', before.depth) : dash,
      }),
    ),
  );
  body.push(para(tr('deliverables.usage.depthNote'), { indent: true }));
  // 五 trend against the previous report
  body.push(heading(tr('deliverables.usage.s5')));
  if (now && before && now.activation !== null && before.activation !== null) {
    const key: MessageKey =
      now.activation > before.activation
        ? 'deliverables.usage.trendUp'
        : now.activation < before.activation
          ? 'deliverables.usage.trendDown'
          : 'deliverables.usage.trendFlat';
    body.push(
      para(
        tr(key, {
          from: formatPercent(L, before.activation),
          to: formatPercent(L, now.activation),
          points: signed(L, (now.activation - before.activation) * 100, 1),
          activeFrom: formatNumber(L, before.active),
          activeTo: formatNumber(L, now.active),
        }),
      ),
    );
  } else body.push(para(tr('deliverables.usage.trendNone')));
  const series = s.usage.filter((u) => u.date >= previous.from && u.date <= period.to);
  if (series.length >= 2) {
    const png = await renderChartPng(
      usageTrendOption(
        L,
        series.map((u) => ({
          date: u.date,
          seats: u.purchasedSeats,
          activated: u.activatedUsers,
          active: u.activeUsers,
        })),
      ),
      CHART_W,
      CHART_H,
    );
    body.push(image(png, CHART_W * 0.8, CHART_H * 0.8));
  }
  // 六 needs and issues
  body.push(heading(tr('deliverables.usage.s6')));
  const inThis = s.issues.filter((i) => inTwoMonths(i.raisedOn, period));
  const open = s.issues.filter(isOpenIssue);
  body.push(
    para(
      tr('deliverables.usage.issues', {
        raised: inThis.length,
        solved: inThis.filter(isSolvedIssue).length,
        open: open.length,
        overdue: open.filter((i) => isOverdueIssue(i, o.today)).length,
      }),
    ),
  );
  if (open.length) {
    body.push(...openIssuesTable(L, person, open, OPEN_ISSUES_SHOWN));
  }
  const buffer = await packDocument(body, {
    title: tr('deliverables.usage.title', { account: name }),
    creator: person(s.account.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}
