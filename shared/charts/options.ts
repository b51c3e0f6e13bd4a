// ECharts option builders shared by the UI and the server-side report charts: pure functions
// from data to an option object, with the labels in the reader's language.
import type { EChartsOption } from 'echarts';
import { issuePriorities, issueStatuses } from '../domain/entities/issue';
import type { IssuePriority, IssueStatus } from '../domain/entities/issue';
import { t, type Locale, type MessageKey } from '../i18n';

export interface UsagePoint {
  date: string;
  seats: number;
  activated: number;
  active: number;
}
export interface HealthPoint {
  date: string;
  score: number;
}
export interface CriterionPoint {
  metric: string;
  /** Fraction of the way from baseline to target; null without a reading. */
  progress: number | null;
}

const PALETTE = ['#3b6fd6', '#52b788', '#f4a261', '#e63946', '#8d99ae', '#6c4ab6'];
/** Colours of the issue priorities, highest first; the Excel issue list uses the same. */
export const PRIORITY_COLOURS: Record<IssuePriority, string> = {
  urgentFault: '#e63946',
  firstUse: '#f4a261',
  ordinaryFault: '#e9c46a',
  presales: '#8ecae6',
  selfConfig: '#adb5bd',
};
const STATUS_COLOURS: Record<IssueStatus, string> = {
  new: '#e63946',
  inProgress: '#f4a261',
  awaitingRelease: '#e9c46a',
  fixed: '#52b788',
  closed: '#2d6a4f',
};

const FONT = 'Noto Sans CJK SC, Microsoft YaHei, sans-serif';

function base(title: string): EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    title: { text: title, left: 'center', textStyle: { fontSize: 16, fontFamily: FONT } },
    grid: { left: 60, right: 30, top: 60, bottom: 60 },
    tooltip: { trigger: 'axis' },
  };
}

export function usageTrendOption(locale: Locale, points: UsagePoint[]): EChartsOption {
  const tr = (k: MessageKey) => t(locale, k);
  return {
    ...base(tr('deliverables.review.chart.usage')),
    legend: { bottom: 10 },
    xAxis: { type: 'category', data: points.map((p) => p.date.slice(0, 7)) },
    yAxis: { type: 'value', min: 0 },
    series: [
      {
        name: tr('deliverables.review.s2.seats'),
        type: 'line',
        data: points.map((p) => p.seats),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
      {
        name: tr('deliverables.review.s2.activated'),
        type: 'line',
        data: points.map((p) => p.activated),
      },
      {
        name: tr('deliverables.review.s2.active'),
        type: 'line',
        data: points.map((p) => p.active),
      },
    ],
  };
}

/** Stacked bars: one bar per priority, stacked by status. */
export function issuesByPriorityOption(
  locale: Locale,
  issues: { priority: IssuePriority; status: IssueStatus }[],
): EChartsOption {
  return {
    ...base(t(locale, 'deliverables.review.chart.issues')),
    grid: { left: 60, right: 30, top: 60, bottom: 90 },
    legend: { bottom: 6 },
    xAxis: {
      type: 'category',
      data: issuePriorities.map((p) => t(locale, `label.issuePriority.${p}`)),
      // Every priority is labelled: English labels are long, so they wrap instead of being
      // dropped by ECharts' automatic label thinning.
      axisLabel: { interval: 0, width: 96, overflow: 'break' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: issueStatuses.map((status) => ({
      name: t(locale, `label.issueStatus.${status}`),
      type: 'bar' as const,
      stack: 'status',
      itemStyle: { color: STATUS_COLOURS[status] },
      data: issuePriorities.map(
        (p) => issues.filter((i) => i.priority === p && i.status === status).length,
      ),
    })),
  };
}

/**
 * The health score over time, the bands shaded behind it. The review report shows months with
 * its fixed shading; the account's Health tab passes the tier's thresholds and shows days.
 */
export function healthTrendOption(
  locale: Locale,
  points: HealthPoint[],
  opts: { thresholds?: { yellow: number; green: number }; byDay?: boolean } = {},
): EChartsOption {
  const { yellow, green } = opts.thresholds ?? { yellow: 40, green: 70 };
  return {
    ...base(t(locale, 'deliverables.review.chart.health')),
    xAxis: {
      type: 'category',
      data: points.map((p) => (opts.byDay ? p.date : p.date.slice(0, 7))),
    },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        name: t(locale, 'deliverables.review.chart.score'),
        type: 'line',
        data: points.map((p) => p.score),
        markArea: {
          silent: true,
          data: [
            [{ yAxis: 0, itemStyle: { color: 'rgba(230,57,70,0.08)' } }, { yAxis: yellow }],
            [{ yAxis: yellow, itemStyle: { color: 'rgba(233,196,106,0.12)' } }, { yAxis: green }],
            [{ yAxis: green, itemStyle: { color: 'rgba(82,183,136,0.10)' } }, { yAxis: 100 }],
          ],
        },
      },
    ],
  };
}

/** Horizontal bars: percent of the way from baseline to target, capped for display at 150%. */
export function criteriaProgressOption(locale: Locale, items: CriterionPoint[]): EChartsOption {
  return {
    ...base(t(locale, 'deliverables.review.chart.criteria')),
    grid: { left: 160, right: 40, top: 60, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 150, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: items.map((i) => i.metric) },
    series: [
      {
        type: 'bar',
        data: items.map((i) => Math.max(0, Math.min(150, Math.round((i.progress ?? 0) * 100)))),
        label: { show: true, position: 'right', formatter: '{c}%' },
        markLine: { silent: true, symbol: 'none', data: [{ xAxis: 100 }] },
      },
    ],
  };
}

// ---- the portfolio's charts (the manager's screen; the same builders serve any report) ----

/** The health bands' colours, red first, as on the screen's band tags. */
export const BAND_COLOURS: Record<string, string> = {
  red: '#e63946',
  yellow: '#e9c46a',
  green: '#52b788',
  unscored: '#adb5bd',
};
const PORTFOLIO_BANDS = ['red', 'yellow', 'green', 'unscored'] as const;
const PORTFOLIO_TIERS = ['strategic', 'ordinary', 'micro'] as const;

/** A chart on the screen: the card names it, so no title inside and tighter margins. */
function panel(): EChartsOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    grid: { left: 56, right: 24, top: 36, bottom: 32, containLabel: false },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  };
}

export interface TierBandCell {
  tier: string;
  band: string;
  accounts: number;
  arr: number;
}

/** Stacked bars: one bar per tier, its accounts stacked by band. Series are bands, data tiers. */
export function tierBandOption(locale: Locale, cells: TierBandCell[]): EChartsOption {
  const bands = PORTFOLIO_BANDS.filter(
    (b) => b !== 'unscored' || cells.some((c) => c.band === b && c.accounts > 0),
  );
  return {
    ...panel(),
    legend: { top: 0 },
    xAxis: {
      type: 'category',
      data: PORTFOLIO_TIERS.map((tier) => t(locale, `label.tier.${tier}`)),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: bands.map((band) => ({
      id: band,
      name: t(locale, `label.healthBand.${band}`),
      type: 'bar' as const,
      stack: 'band',
      barMaxWidth: 56,
      itemStyle: { color: BAND_COLOURS[band] },
      data: PORTFOLIO_TIERS.map(
        (tier) => cells.find((c) => c.tier === tier && c.band === band)?.accounts ?? 0,
      ),
    })),
  };
}

/** Bars: ARR per band (all tiers), labelled with the amount. Data in band order. */
export function arrByBandOption(locale: Locale, cells: TierBandCell[]): EChartsOption {
  const bands = PORTFOLIO_BANDS.filter(
    (b) => b !== 'unscored' || cells.some((c) => c.band === b && c.accounts > 0),
  );
  const total = (band: string) =>
    Math.round(cells.filter((c) => c.band === band).reduce((s, c) => s + c.arr, 0));
  return {
    ...panel(),
    grid: { left: 72, right: 24, top: 24, bottom: 32 },
    xAxis: {
      type: 'category',
      data: bands.map((b) => t(locale, `label.healthBand.${b}`)),
    },
    yAxis: { type: 'value' },
    series: [
      {
        id: 'arr',
        name: t(locale, 'health.column.arr'),
        type: 'bar',
        barMaxWidth: 56,
        label: {
          show: true,
          position: 'top',
          formatter: (p) => Number(p.value).toLocaleString(locale),
        },
        data: bands.map((band) => ({
          value: total(band),
          itemStyle: { color: BAND_COLOURS[band] },
        })),
      },
    ],
  };
}

/** Bars of the amount due per month, with the accounts as a line on a second axis. */
export function renewalsByMonthOption(
  locale: Locale,
  months: { month: string; accounts: number; value: number }[],
): EChartsOption {
  return {
    ...panel(),
    grid: { left: 72, right: 40, top: 36, bottom: 32 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [{ type: 'value' }, { type: 'value', minInterval: 1, splitLine: { show: false } }],
    series: [
      {
        id: 'amount',
        name: t(locale, 'portfolioCharts.series.amount'),
        type: 'bar',
        barMaxWidth: 32,
        itemStyle: { color: PALETTE[0] },
        data: months.map((m) => Math.round(m.value)),
      },
      {
        id: 'accounts',
        name: t(locale, 'portfolioCharts.series.accounts'),
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 8,
        itemStyle: { color: PALETTE[2] },
        data: months.map((m) => m.accounts),
      },
    ],
  };
}

/** Lines per quarter: renewal rate (accounts) and net revenue retention, in percent. */
export function quarterTrendOption(
  locale: Locale,
  quarters: {
    label: string;
    renewalRateByCount: number | null;
    netRevenueRetention: number | null;
  }[],
): EChartsOption {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    ...panel(),
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '—' : `${String(v)}%`) },
    legend: { top: 0 },
    xAxis: { type: 'category', data: quarters.map((q) => q.label) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        id: 'renewalRate',
        name: t(locale, 'health.portfolio.renewalRateByCount'),
        type: 'line',
        symbolSize: 10,
        connectNulls: false,
        data: quarters.map((q) => pct(q.renewalRateByCount)),
      },
      {
        id: 'netRevenueRetention',
        name: t(locale, 'health.portfolio.renewalRateByAmount'),
        type: 'line',
        symbolSize: 10,
        connectNulls: false,
        data: quarters.map((q) => pct(q.netRevenueRetention)),
      },
    ],
  };
}

/** Horizontal stacked bars per CSM (names already shown as display names): covered or not. */
export function coverageOption(
  locale: Locale,
  rows: { name: string; accounts: number; covered: number }[],
): EChartsOption {
  return {
    ...panel(),
    grid: { left: 96, right: 24, top: 28, bottom: 24 },
    legend: { top: 0 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [
      {
        id: 'covered',
        name: t(locale, 'portfolioCharts.series.covered'),
        type: 'bar',
        stack: 'coverage',
        itemStyle: { color: BAND_COLOURS.green },
        data: rows.map((r) => r.covered),
      },
      {
        id: 'uncovered',
        name: t(locale, 'portfolioCharts.series.uncovered'),
        type: 'bar',
        stack: 'coverage',
        itemStyle: { color: BAND_COLOURS.red },
        data: rows.map((r) => r.accounts - r.covered),
      },
    ],
  };
}
