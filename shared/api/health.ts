// Health, alerts, risk and the portfolio (issue 5): method schemas and the shapes they return.
import { z } from 'zod';
import { accountIdSchema, isoDate, shortText, text, userName } from '../domain/common';
import { tiers } from '../domain/entities/account';
import { alertRules, type Alert, type AlertRule } from '../domain/health/alerts';
import {
  healthBands,
  type HealthBand,
  type HealthDimension,
  type HealthModel,
} from '../domain/health/model';
import type { Period } from '../rules/period';
import type { HealthFactor } from '../domain/health/score';
import type { ModelChange } from '../domain/health/modelDiff';
import { PERIOD_PATTERN } from '../rules/period';
import type { MethodSpec } from './spec';

const names = z.union([userName, z.array(userName).min(1).max(100)]).optional();
const labels = z.union([shortText, z.array(shortText).min(1).max(100)]).optional();

export const portfolioFiltersSchema = z.strictObject({
  ownerCsm: names,
  tier: z.union([z.enum(tiers), z.array(z.enum(tiers)).min(1)]).optional(),
  region: labels,
  industry: labels,
  period: z
    .string()
    .regex(PERIOD_PATTERN, { message: 'period is 2026, 2026-Q4 (or 2026Q4) or 2026-11' })
    .optional(),
});
export type PortfolioFiltersInput = z.input<typeof portfolioFiltersSchema>;

export const PORTFOLIO_FIGURES = [
  'accounts',
  'tierBand',
  'renewals',
  'atRisk',
  'overdue',
  'coverage',
  'opportunities',
  'arr',
  'cohort',
  'nps',
  'trend',
] as const;
export type PortfolioFigure = (typeof PORTFOLIO_FIGURES)[number];

/**
 * The columns a drill-down sorts by (the backend orders by them; nothing else is accepted).
 * `value` and `date` are the figure's own (a renewal's amount and end date, an opportunity's
 * amount and expected close, a last contact, a response's date); `respondent` and `npsScore`
 * belong to the NPS drill's survey rows.
 */
export const DRILL_SORTS = [
  'name',
  'tier',
  'ownerCsm',
  'region',
  'industry',
  'band',
  'score',
  'arr',
  'renewalDate',
  'value',
  'date',
  'respondent',
  'npsScore',
] as const;
export type DrillSort = (typeof DRILL_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

const ACCOUNT_SORTS: readonly DrillSort[] = [
  'name',
  'tier',
  'ownerCsm',
  'region',
  'industry',
  'band',
  'score',
  'arr',
  'renewalDate',
];
/** The sorts each figure's drill-down accepts (the screen's sortable columns). */
export const FIGURE_SORTS: Record<PortfolioFigure, readonly DrillSort[]> = {
  accounts: ACCOUNT_SORTS,
  arr: ACCOUNT_SORTS,
  tierBand: ACCOUNT_SORTS,
  renewals: [...ACCOUNT_SORTS, 'value', 'date'],
  atRisk: ACCOUNT_SORTS,
  overdue: ACCOUNT_SORTS,
  coverage: [...ACCOUNT_SORTS, 'date'],
  opportunities: [...ACCOUNT_SORTS, 'value', 'date'],
  cohort: [...ACCOUNT_SORTS, 'value'],
  nps: [...ACCOUNT_SORTS, 'respondent', 'npsScore', 'date'],
  trend: ACCOUNT_SORTS,
};

const drillTarget = {
  filters: portfolioFiltersSchema.default({}),
  figure: z.enum(PORTFOLIO_FIGURES),
  key: z.string().max(200).optional(),
  sort: z.enum(DRILL_SORTS).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
};

const alertKey = z.string().min(3).max(1000);

export const healthContract: Record<string, MethodSpec> = {
  'health.model.get': { input: z.strictObject({}), access: 'read' },
  'health.model.save': {
    input: z.strictObject({ model: z.unknown(), rev: z.string().optional() }),
    access: 'write',
  },
  'health.model.preview': {
    input: z.strictObject({
      model: z.unknown(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
    access: 'read',
  },
  'health.model.history': {
    input: z.strictObject({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    access: 'read',
  },
  'health.model.restore': {
    input: z.strictObject({ versionId: z.string().min(1).max(200), rev: z.string().optional() }),
    access: 'write',
  },
  'health.recompute': {
    input: z.strictObject({ accountId: accountIdSchema.optional(), ownerCsm: names }),
    access: 'write',
  },
  'health.account': { input: z.strictObject({ accountId: accountIdSchema }), access: 'read' },
  'health.override.set': {
    input: z.strictObject({
      accountId: accountIdSchema,
      band: z.enum(healthBands),
      reason: text,
      expiresOn: isoDate.optional(),
    }),
    access: 'write',
  },
  'health.override.clear': {
    input: z.strictObject({ accountId: accountIdSchema, reason: text }),
    access: 'write',
  },
  'health.outlook': { input: z.strictObject({ accountId: accountIdSchema }), access: 'read' },
  'alerts.list': {
    input: z.strictObject({
      ownerCsm: names,
      tier: z.union([z.enum(tiers), z.array(z.enum(tiers)).min(1)]).optional(),
      accountId: accountIdSchema.optional(),
      rules: z.array(z.enum(alertRules)).max(alertRules.length).optional(),
      includeHidden: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    access: 'read',
  },
  'alerts.acknowledge': {
    input: z.strictObject({ key: alertKey, note: shortText.optional() }),
    access: 'write',
  },
  'alerts.snooze': {
    input: z.strictObject({ key: alertKey, until: isoDate, note: shortText.optional() }),
    access: 'write',
  },
  'alerts.reopen': { input: z.strictObject({ key: alertKey }), access: 'write' },
  'portfolio.get': {
    input: z.strictObject({ filters: portfolioFiltersSchema.default({}) }),
    access: 'read',
  },
  'portfolio.drill': {
    input: z.strictObject({
      ...drillTarget,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10_000).default(50),
    }),
    access: 'read',
  },
  'portfolio.drillExport': {
    input: z.strictObject({
      ...drillTarget,
      locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
    }),
    access: 'read',
  },
  'portfolio.trend': {
    input: z.strictObject({ filters: portfolioFiltersSchema.default({}) }),
    access: 'read',
  },
  'portfolio.export': {
    input: z.strictObject({
      filters: portfolioFiltersSchema.default({}),
      locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
    }),
    access: 'read',
  },
};

// ---- what the methods return ---------------------------------------------------------------

export interface StoredModel {
  model: HealthModel;
  /** Absent while the default model applies. */
  rev?: string;
  isDefault: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

/** One account whose band the draft model would change (health.model.preview). */
export interface PreviewRow {
  accountId: string;
  name: string;
  tier: (typeof tiers)[number];
  ownerCsm: string | null;
  oldScore: number;
  oldBand: HealthBand;
  newScore: number;
  newBand: HealthBand;
}

/**
 * The draft model's effect on every account, nothing saved: each account scored with the model
 * in force and with the draft, on today's data (overrides aside: the model's own bands).
 */
export interface ModelPreview {
  accounts: number;
  bandsBefore: Record<HealthBand, number>;
  bandsAfter: Record<HealthBand, number>;
  /** Accounts per band move, the most frequent first ("12 accounts green -> yellow"). */
  moves: { from: HealthBand; to: HealthBand; count: number }[];
  /** Accounts whose score changed, band or not. */
  scoreChanged: number;
  /** Accounts that move band: `total` of them, `items` the page asked for (largest move first). */
  total: number;
  offset: number;
  items: PreviewRow[];
  ms: number;
}

/** One saved version of the model, newest first in health.model.history. */
export interface ModelVersion {
  id: string;
  at: string;
  by: string;
  kind: 'save' | 'restore';
  /** The version a restore brought back (its time and author). */
  restoredFrom?: { id: string; at?: string; by?: string };
  name: string;
  /** What differs from the version before (the default model before the first one). */
  changes: ModelChange[];
  /** True for the version in force. */
  current: boolean;
}

export interface ModelHistory {
  total: number;
  offset: number;
  items: ModelVersion[];
}

export interface RecomputeReport {
  accounts: number;
  written: number;
  unchanged: number;
  failed: number;
  bands: Record<HealthBand, number>;
  /** Accounts whose model band differs from their stored score's (unscored ones not counted). */
  bandChanged: number;
  ms: number;
}

export interface HistoryPoint {
  date: string;
  score: number;
  band: HealthBand;
}

export interface ActiveOverride {
  id: string;
  band: HealthBand;
  reason: string;
  by: string;
  on: string;
}

export interface OverrideRecord {
  id: string;
  action: 'set' | 'clear';
  band?: HealthBand;
  reason: string;
  expiresOn?: string;
  by: string;
  at: string;
}

export interface AccountHealth {
  accountId: string;
  /** The model's score and band. */
  score: number;
  computedBand: HealthBand;
  /** The band shown: the override's when one is in force. */
  band: HealthBand;
  computedOn: string;
  factors: HealthFactor[];
  missing: HealthDimension[];
  override?: ActiveOverride;
  history: HistoryPoint[];
  /** Every override ever made, newest first. */
  overrides: OverrideRecord[];
  /** True when no stored score exists yet and this one was computed for the call. */
  live: boolean;
}

export interface AlertState {
  status: 'acknowledged' | 'snoozed';
  snoozedUntil?: string;
  note?: string;
  by: string;
  at: string;
}

export type ListedAlert = Alert & { state?: AlertState; hidden: boolean };

export interface AlertList {
  today: string;
  total: number;
  hidden: number;
  byRule: Partial<Record<AlertRule, number>>;
  bySeverity: Record<Alert['severity'], number>;
  items: ListedAlert[];
}

/** One account behind a figure, with the figure's own values. */
export interface AccountRow {
  accountId: string;
  name: string;
  tier: string;
  /** Lifecycle stage; `churned` appears only in the renewal cohort. */
  stage: string | null;
  ownerCsm: string | null;
  region: string | null;
  industry: string | null;
  band: string;
  score: number | null;
  arr: number;
  renewalDate: string | null;
}
export interface RenewalRow extends AccountRow {
  /** ARR of the contracts ending in the window, and the first end date. */
  value: number;
  endDate: string;
  daysLeft: number;
}
export interface RiskCaseView {
  id: string;
  level: string;
  cause: string;
  countermeasures?: string;
  openedOn: string;
  actions: { task: string; owner: string; dueDate: string; done: boolean }[];
}
export interface RiskRow extends AccountRow {
  level: string;
  cases: RiskCaseView[];
  openActions: number;
  overdueActions: number;
}
export interface OverdueRow extends AccountRow {
  actionItems: number;
  issues: number;
}
export interface CoverageRow extends AccountRow {
  lastContactOn: string | null;
  cadenceDays: number;
  covered: boolean;
}
export interface OpportunityRow extends AccountRow {
  opportunityId: string;
  title: string;
  kind: string;
  stage: string;
  value: number;
  expectedCloseOn: string | null;
}
export interface CohortRow extends AccountRow {
  arrBefore: number;
  arrAfter: number;
  renewed: boolean;
  churned: boolean;
}
/** One survey answer behind the NPS: who answered, the score (0-10), when, and its group. */
export interface NpsResponseRow extends AccountRow {
  responseId: string;
  respondent: string | null;
  npsScore: number;
  respondedOn: string;
  group: 'promoter' | 'passive' | 'detractor';
}
export interface NpsRow extends AccountRow {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface PortfolioFilters {
  ownerCsm?: string[];
  tier?: string[];
  region?: string[];
  industry?: string[];
  period?: string;
}

export interface Portfolio {
  today: string;
  period: Period;
  filters: PortfolioFilters;
  /** Customers in scope (churned ones are not counted)... */
  accounts: number;
  /** ...and the churned accounts in scope left out of that count. */
  churnedExcluded: number;
  /** Contracts ending per month from today's month on, twelve months (renewals key `YYYY-MM`). */
  renewalsByMonth: { month: string; accounts: number; value: number }[];
  /** The renewal cohort and NPS per quarter, oldest first, ending with the period's last one. */
  quarters: QuarterFigures[];
  tierBand: { tier: string; band: string; accounts: number; arr: number }[];
  renewals: { days: number; accounts: number; value: number }[];
  atRisk: { accounts: number; openActions: number; overdueActions: number };
  overdue: { csm: string; accounts: number; actionItems: number; issues: number }[];
  coverage: { csm: string; accounts: number; covered: number; rate: number | null }[];
  opportunities: {
    open: number;
    value: number;
    byStage: { stage: string; count: number; value: number }[];
  };
  team: {
    arr: number;
    cohort: {
      atStart: number;
      stillThere: number;
      churned: number;
      renewalRateByCount: number | null;
      churnRate: number | null;
      arrBefore: number;
      arrAfter: number;
      renewalRateByAmount: number | null;
    };
    nps: {
      responses: number;
      promoters: number;
      passives: number;
      detractors: number;
      score: number | null;
    };
  };
}

export interface QuarterFigures {
  /** 2026-Q3; the current quarter counts up to today. */
  label: string;
  from: string;
  to: string;
  atStart: number;
  stillThere: number;
  renewalRateByCount: number | null;
  arrBefore: number;
  arrAfter: number;
  /** 续费率: ARR after over ARR before of the quarter's renewal cohort. */
  netRevenueRetention: number | null;
  npsResponses: number;
  npsScore: number | null;
}

/** Accounts per band on one day, from the score histories (the model's band, not overrides). */
export interface TrendPoint {
  date: string;
  red: number;
  yellow: number;
  green: number;
  /** Accounts with a score on that day; the mean of their scores. */
  scored: number;
  averageScore: number | null;
}
export interface TrendRow extends AccountRow {
  date: string;
  bandOn: HealthBand;
  scoreOn: number;
}

export interface DrillResult {
  figure: PortfolioFigure;
  key?: string;
  /** Every row behind the figure; `rows` is the page from `offset`. */
  total: number;
  offset: number;
  sort?: DrillSort;
  order: SortOrder;
  rows: AccountRow[];
}

type DrillInput = {
  filters?: PortfolioFiltersInput;
  figure: PortfolioFigure;
  key?: string;
  sort?: DrillSort;
  order?: SortOrder;
};

export interface AccountOutlook {
  accountId: string;
  riskCases: RiskCaseView[];
  opportunities: OpportunityRow[];
}

type Scope = {
  ownerCsm?: string | string[];
  tier?: (typeof tiers)[number] | (typeof tiers)[number][];
};

export type HealthMethods = {
  'health.model.get': { input: Record<string, never>; output: StoredModel };
  'health.model.save': { input: { model: unknown; rev?: string }; output: StoredModel };
  'health.model.preview': {
    input: { model: unknown; offset?: number; limit?: number };
    output: ModelPreview;
  };
  'health.model.history': { input: { offset?: number; limit?: number }; output: ModelHistory };
  'health.model.restore': { input: { versionId: string; rev?: string }; output: StoredModel };
  'health.recompute': {
    input: { accountId?: string; ownerCsm?: string | string[] };
    output: RecomputeReport;
  };
  'health.account': { input: { accountId: string }; output: AccountHealth };
  'health.override.set': {
    input: { accountId: string; band: HealthBand; reason: string; expiresOn?: string };
    output: AccountHealth;
  };
  'health.override.clear': {
    input: { accountId: string; reason: string };
    output: AccountHealth;
  };
  'health.outlook': { input: { accountId: string }; output: AccountOutlook };
  'alerts.list': {
    input: Scope & {
      accountId?: string;
      rules?: AlertRule[];
      includeHidden?: boolean;
      offset?: number;
      limit?: number;
    };
    output: AlertList;
  };
  'alerts.acknowledge': {
    input: { key: string; note?: string };
    output: { key: string; status: string };
  };
  'alerts.snooze': {
    input: { key: string; until: string; note?: string };
    output: { key: string; status: string; snoozedUntil?: string };
  };
  'alerts.reopen': { input: { key: string }; output: { key: string; status: string } };
  'portfolio.get': { input: { filters?: PortfolioFiltersInput }; output: Portfolio };
  'portfolio.drill': {
    input: DrillInput & { offset?: number; limit?: number };
    output: DrillResult;
  };
  'portfolio.drillExport': {
    input: DrillInput & { locale?: 'zh-CN' | 'en-US' };
    output: { fileName: string; contentType: string; base64: string; rows: number };
  };
  'portfolio.trend': { input: { filters?: PortfolioFiltersInput }; output: TrendPoint[] };
  'portfolio.export': {
    input: { filters?: PortfolioFiltersInput; locale?: 'zh-CN' | 'en-US' };
    output: { fileName: string; contentType: string; base64: string };
  };
};
