// Recomputes health scores with the team's model and stores them as one healthScore document
// per account. A document is rewritten only when something changed, so a daily recompute of an
// unchanged portfolio writes (and replicates) little.
import { accountKeyOf } from '../../shared/domain/ids';
import type { AccountInputs } from '../../shared/domain/health/inputs';
import type { HealthBand, HealthModel } from '../../shared/domain/health/model';
import { scoreAccount } from '../../shared/domain/health/score';
import type { HistoryPoint, RecomputeReport } from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { PutChange } from '../store/documentWriter';
import { loadModel } from './modelStore';
import { activeOverride, overrideHistory } from './overrides';
import type { AccountScope } from '../projection/queries/scope';

const WRITE_BATCH = 1000;

export function healthScoreId(accountId: string): string {
  return `healthScore:${accountKeyOf(accountId)}:current`;
}

/**
 * Records today's point when the score or band moved since the point before it; one point per
 * day at most, kept in date order (a clock set back, or a history from another machine, must
 * not leave two points on one day).
 */
export function nextHistory(
  previous: HistoryPoint[],
  point: HistoryPoint,
  limit: number,
): HistoryPoint[] {
  const sameDay = previous.find((p) => p.date === point.date);
  const earlier = previous.filter((p) => p.date < point.date);
  const before = sameDay ?? earlier[earlier.length - 1];
  if (before && before.score === point.score && before.band === point.band) return previous;
  return [...previous.filter((p) => p.date !== point.date), point]
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
    .slice(-limit);
}

type Stored = Record<string, unknown> & { _id: string; _rev: string };

/** The account's new score document, or null when nothing in it changed. */
function scoreChange(
  model: HealthModel,
  inputs: AccountInputs,
  override: ReturnType<typeof activeOverride>,
  previous: Stored | undefined,
  today: string,
): PutChange | null {
  const result = scoreAccount(inputs, model, today);
  const history = nextHistory(
    (previous?.history as HistoryPoint[] | undefined) ?? [],
    { date: today, score: result.score, band: result.band },
    model.historyLimit,
  );
  const fields = {
    score: result.score,
    band: result.band,
    factors: result.factors,
    missing: result.missing,
    ...(override ? { override } : {}),
    history,
  };
  if (previous) {
    const same = (Object.keys(fields) as (keyof typeof fields)[]).every(
      (k) => JSON.stringify(previous[k]) === JSON.stringify(fields[k]),
    );
    if (same && Boolean(previous.override) === Boolean(override)) return null;
  }
  return {
    kind: 'put',
    type: 'healthScore',
    accountId: inputs.accountId,
    id: healthScoreId(inputs.accountId),
    base: previous ?? null,
    fields: { ...fields, computedOn: today },
  };
}

export async function recomputeHealth(
  ctx: BackendContext,
  actor: Actor,
  scope: AccountScope = {},
): Promise<RecomputeReport> {
  const started = performance.now();
  const today = ctx.clock.today();
  const { model } = loadModel(ctx);
  const inputs = ctx.queries.health.inputs(scope, today);
  const overrides = overrideHistory(ctx.queries, scope);
  const previous = new Map<string, Stored>();
  for (const doc of ctx.queries.health.docsInScope('healthScore', scope) as Stored[]) {
    if (doc._id === healthScoreId(doc.accountId as string))
      previous.set(doc.accountId as string, doc);
  }

  const bands: Record<HealthBand, number> = { red: 0, yellow: 0, green: 0 };
  let bandChanged = 0;
  const docs: PutChange[] = [];
  for (const account of inputs) {
    const override = activeOverride(overrides.get(account.accountId), today);
    const prev = previous.get(account.accountId);
    const doc = scoreChange(model, account, override, prev, today);
    const band = (override?.band ?? (doc?.fields ?? prev)?.band) as HealthBand;
    bands[band]++;
    // The model's band against the stored one: what a new model (or new data) moved.
    if (doc && prev && doc.fields.band !== prev.band) bandChanged++;
    if (doc) docs.push(doc);
  }
  let failed = 0;
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    const results = await ctx.writer.putEach(actor, docs.slice(i, i + WRITE_BATCH));
    failed += results.filter((r) => !r.ok).length;
  }
  return {
    accounts: inputs.length,
    written: docs.length - failed,
    unchanged: inputs.length - docs.length,
    failed,
    bands,
    bandChanged,
    ms: Math.round(performance.now() - started),
  };
}
