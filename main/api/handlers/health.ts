// Health, alerts, portfolio (issue 5): thin handlers over main/health.
import type {
  DrillSort,
  PortfolioFigure,
  PortfolioFilters,
  SortOrder,
} from '../../../shared/api/health';
import type { AlertRule } from '../../../shared/domain/health/alerts';
import type { HealthBand } from '../../../shared/domain/health/model';
import type { Locale } from '../../../shared/i18n';
import { accountHealth, accountOutlook, recordOverride } from '../../health/account';
import { listAlerts, setAlertState } from '../../health/alerts';
import { loadModel, modelHistory, restoreModel, saveModel } from '../../health/modelStore';
import { previewModel } from '../../health/preview';
import { drillPage } from '../../health/drill';
import { drillWorkbook } from '../../health/drillXlsx';
import { buildPortfolio } from '../../health/portfolioSummary';
import { healthTrend } from '../../health/trend';
import { portfolioWorkbook } from '../../health/portfolioXlsx';
import { recomputeHealth } from '../../health/recompute';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

type OneOrMany<T> = T | T[] | undefined;
const list = <T>(v: OneOrMany<T>): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

interface FiltersInput {
  ownerCsm?: string | string[];
  tier?: string | string[];
  region?: string | string[];
  industry?: string | string[];
  period?: string;
}

interface DrillInput {
  filters: FiltersInput;
  figure: PortfolioFigure;
  key?: string;
  sort?: DrillSort;
  order: SortOrder;
}

function filtersOf(f: FiltersInput = {}): PortfolioFilters {
  return {
    ownerCsm: list(f.ownerCsm),
    tier: list(f.tier),
    region: list(f.region),
    industry: list(f.industry),
    period: f.period?.toUpperCase(),
  };
}

export const healthHandlers: Record<string, Handler> = {
  'health.model.get': (ctx: BackendContext) => loadModel(ctx),
  'health.model.save': (
    ctx: BackendContext,
    input: { model: unknown; rev?: string },
    actor: Actor,
  ) => saveModel(ctx, actor, input),
  'health.model.preview': (
    ctx: BackendContext,
    input: { model: unknown; offset: number; limit: number },
  ) => previewModel(ctx, input),
  'health.model.history': (ctx: BackendContext, input: { offset: number; limit: number }) =>
    modelHistory(ctx, input),
  'health.model.restore': (
    ctx: BackendContext,
    input: { versionId: string; rev?: string },
    actor: Actor,
  ) => restoreModel(ctx, actor, input),
  'health.recompute': (
    ctx: BackendContext,
    input: { accountId?: string; ownerCsm?: string | string[] },
    actor: Actor,
  ) => recomputeHealth(ctx, actor, { accountId: input.accountId, ownerCsm: list(input.ownerCsm) }),
  'health.account': (ctx: BackendContext, input: { accountId: string }) =>
    accountHealth(ctx, input.accountId),
  'health.override.set': (
    ctx: BackendContext,
    input: { accountId: string; band: HealthBand; reason: string; expiresOn?: string },
    actor: Actor,
  ) => recordOverride(ctx, actor, { ...input, action: 'set' }),
  'health.override.clear': (
    ctx: BackendContext,
    input: { accountId: string; reason: string },
    actor: Actor,
  ) => recordOverride(ctx, actor, { ...input, action: 'clear' }),
  'health.outlook': (ctx: BackendContext, input: { accountId: string }) =>
    accountOutlook(ctx, input.accountId),
  'alerts.list': (
    ctx: BackendContext,
    input: {
      ownerCsm?: string | string[];
      tier?: string | string[];
      accountId?: string;
      rules?: AlertRule[];
      includeHidden: boolean;
      offset: number;
      limit: number;
    },
  ) =>
    listAlerts(ctx, {
      scope: { ownerCsm: list(input.ownerCsm), tier: list(input.tier), accountId: input.accountId },
      rules: input.rules,
      includeHidden: input.includeHidden,
      offset: input.offset,
      limit: input.limit,
    }),
  'alerts.acknowledge': (
    ctx: BackendContext,
    input: { key: string; note?: string },
    actor: Actor,
  ) => setAlertState(ctx, actor, { ...input, status: 'acknowledged' }),
  'alerts.snooze': (
    ctx: BackendContext,
    input: { key: string; until: string; note?: string },
    actor: Actor,
  ) =>
    setAlertState(ctx, actor, {
      key: input.key,
      note: input.note,
      status: 'snoozed',
      snoozedUntil: input.until,
    }),
  'alerts.reopen': (ctx: BackendContext, input: { key: string }, actor: Actor) =>
    setAlertState(ctx, actor, { key: input.key, status: 'open' }),
  'portfolio.get': (ctx: BackendContext, input: { filters: FiltersInput }) =>
    buildPortfolio(ctx, filtersOf(input.filters)),
  'portfolio.drill': (
    ctx: BackendContext,
    input: DrillInput & { offset: number; limit: number },
  ) => {
    const page = drillPage(ctx, filtersOf(input.filters), input.figure, input.key, {
      sort: input.sort,
      order: input.order,
      offset: input.offset,
      limit: input.limit,
    });
    return {
      figure: input.figure,
      ...(input.key !== undefined ? { key: input.key } : {}),
      total: page.total,
      offset: input.offset,
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      order: input.order,
      rows: page.rows,
    };
  },
  'portfolio.drillExport': async (ctx: BackendContext, input: DrillInput & { locale: Locale }) => {
    const filters = filtersOf(input.filters);
    const sheet = await drillWorkbook(ctx, { ...input, filters });
    const day = ctx.clock.today();
    const key = input.key ? `-${input.key.replace(/[^\w.-]+/g, '_')}` : '';
    return {
      fileName: `portfolio-${input.figure}${key}-${day}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: sheet.buffer.toString('base64'),
      rows: sheet.rows,
    };
  },
  'portfolio.trend': (ctx: BackendContext, input: { filters: FiltersInput }) =>
    healthTrend(ctx, filtersOf(input.filters)),
  'portfolio.export': async (
    ctx: BackendContext,
    input: { filters: FiltersInput; locale: Locale },
  ) => {
    const filters = filtersOf(input.filters);
    const buffer = await portfolioWorkbook(ctx, filters, input.locale);
    const day = ctx.clock.today();
    return {
      fileName: `portfolio-${filters.period ?? day.slice(0, 4)}-${day}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buffer.toString('base64'),
    };
  },
};
