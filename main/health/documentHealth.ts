// An account's health for a document, from the same computation the Health tab shows: as of
// today it is accountHealth() itself (the stored score, else the live one, with the override in
// force); as of an earlier day (a past review period) it is the stored history's point for that
// day with the override then in force, else the model scored on that day's inputs.
import type { HistoryPoint } from '../../shared/api/health';
import { profileFor, type HealthBand } from '../../shared/domain/health/model';
import { scoreAccount, type HealthFactor } from '../../shared/domain/health/score';
import type { BandThresholds } from '../../shared/rules/healthBand';
import type { BackendContext } from '../api/context';
import { accountHealth } from './account';
import { loadModel } from './modelStore';
import { activeOverride, overrideHistory } from './overrides';

export interface DocumentHealth {
  /** The day the score is for. */
  asOf: string;
  score: number;
  /** The band shown: a CSM override's when one was in force, else the model's. */
  band: HealthBand;
  /** Where the account's tier turns yellow and green (the trend chart's shading). */
  thresholds: BandThresholds;
  /** One point per month (the month's last) up to `asOf`, ending with `score`. */
  trend: { date: string; score: number }[];
  /** Why (as of today only): the model's dimensions, the costliest first. */
  factors?: HealthFactor[];
  /** The CSM override in force (as of today only), with its written reason. */
  override?: { band: HealthBand; reason: string };
}

/** What a document builder asks for: the account's health as of a day. */
export type HealthReader = (accountId: string, asOf: string) => DocumentHealth;

export function documentHealth(
  ctx: BackendContext,
  accountId: string,
  asOf: string,
): DocumentHealth {
  const tab = accountHealth(ctx, accountId);
  const { model } = loadModel(ctx);
  const tier = String(ctx.queries.getDoc(accountId)?.tier ?? 'ordinary');
  const thresholds = profileFor(model, tier).thresholds;
  const history = tab.history.filter((p) => p.date <= asOf);
  if (asOf >= ctx.clock.today())
    return {
      asOf,
      score: tab.score,
      band: tab.band,
      thresholds,
      trend: trendOf(history, asOf, tab.score),
      factors: tab.factors,
      ...(tab.override
        ? { override: { band: tab.override.band, reason: tab.override.reason } }
        : {}),
    };

  const records = (
    overrideHistory(ctx.queries, { accountId, includeChurned: true }).get(accountId) ?? []
  ).filter((r) => r.at.slice(0, 10) <= asOf);
  const override = activeOverride(records, asOf);
  const point: Pick<HistoryPoint, 'score' | 'band'> =
    history.at(-1) ?? liveScore(ctx, accountId, asOf);
  return {
    asOf,
    score: point.score,
    band: override?.band ?? point.band,
    thresholds,
    trend: trendOf(history, asOf, point.score),
  };
}

function liveScore(ctx: BackendContext, accountId: string, asOf: string) {
  const [inputs] = ctx.queries.health.inputs({ accountId, includeChurned: true }, asOf);
  return scoreAccount(inputs, loadModel(ctx).model, asOf);
}

/** The last point of each month, the last twelve months, ending with the document's score. */
function trendOf(history: HistoryPoint[], asOf: string, score: number) {
  const byMonth = new Map<string, { date: string; score: number }>();
  for (const p of [...history].sort((a, b) => a.date.localeCompare(b.date)))
    byMonth.set(p.date.slice(0, 7), { date: p.date, score: Math.round(p.score) });
  byMonth.set(asOf.slice(0, 7), { date: asOf, score });
  return [...byMonth.values()].slice(-12);
}
