// Recomputes health scores with the team's model and stores them as one healthScore document
// per account. A document is rewritten only when something changed, so a daily recompute of an
// unchanged portfolio writes (and replicates) little.
import { SCHEMA_VERSION } from '../../shared/domain/common';
import { accountKeyOf } from '../../shared/domain/ids';
import type { AccountInputs } from '../../shared/domain/health/inputs';
import type { HealthBand, HealthModel } from '../../shared/domain/health/model';
import { scoreAccount } from '../../shared/domain/health/score';
import type { HistoryPoint, RecomputeReport } from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import type { WriteDoc } from '../store/store';
import { loadInputs } from './inputs';
import { loadModel } from './modelStore';
import { activeOverride, overrideHistory } from './overrides';
import { bindings, prepared, scopeCondition, type AccountScope } from './scope';

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

function scoreDoc(
  ctx: BackendContext,
  model: HealthModel,
  inputs: AccountInputs,
  override: ReturnType<typeof activeOverride>,
  previous: Stored | undefined,
  today: string,
): WriteDoc | null {
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
  const at = ctx.now().toISOString();
  return {
    ...fields,
    computedOn: today,
    _id: healthScoreId(inputs.accountId),
    ...(previous ? { _rev: previous._rev } : {}),
    type: 'healthScore',
    accountId: inputs.accountId,
    schemaVersion: SCHEMA_VERSION,
    createdAt: (previous?.createdAt as string | undefined) ?? at,
    createdBy: (previous?.createdBy as string | undefined) ?? ctx.user,
    updatedAt: at,
    updatedBy: ctx.user,
  };
}

export async function recomputeHealth(
  ctx: BackendContext,
  scope: AccountScope = {},
): Promise<RecomputeReport> {
  const started = performance.now();
  const db = ctx.store.projection.db;
  const today = ctx.clock.today();
  const { model } = loadModel(ctx);
  const inputs = loadInputs(db, scope, today);
  const overrides = overrideHistory(db, scope);
  const s = scopeCondition(scope);
  const previous = new Map<string, Stored>();
  for (const row of prepared(
    db,
    `SELECT json FROM docs WHERE type = 'healthScore' AND ${s.sql}`,
  ).all(...bindings(s)) as { json: string }[]) {
    const doc = JSON.parse(row.json) as Stored;
    if (doc._id === healthScoreId(doc.accountId as string))
      previous.set(doc.accountId as string, doc);
  }

  const bands: Record<HealthBand, number> = { red: 0, yellow: 0, green: 0 };
  let bandChanged = 0;
  const docs: WriteDoc[] = [];
  for (const account of inputs) {
    const override = activeOverride(overrides.get(account.accountId), today);
    const prev = previous.get(account.accountId);
    const doc = scoreDoc(ctx, model, account, override, prev, today);
    const band = (override?.band ?? (doc ?? prev)?.band) as HealthBand;
    bands[band]++;
    // The model's band against the stored one: what a new model (or new data) moved.
    if (doc && prev && doc.band !== prev.band) bandChanged++;
    if (doc) docs.push(doc);
  }
  let failed = 0;
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    const results = await ctx.store.write(docs.slice(i, i + WRITE_BATCH));
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
