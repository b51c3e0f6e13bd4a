// Keeps the alert index (main/projection/queries/alertIndex.ts) current before it is read:
// on a new day or a new health model every account's rules run again (once); otherwise only the
// accounts whose documents changed since (marked by triggers, whatever wrote them: a handler,
// replication, an import) are evaluated again. Reads then page and count with SQL.
import { evaluateAlerts, type Alert } from '../../shared/domain/health/alerts';
import type { BackendContext } from '../api/context';
import type { AccountScope } from '../projection/queries/scope';
import { loadModel } from './modelStore';

/** More changed accounts than this and one pass over every account is cheaper. */
const PARTIAL_LIMIT = 200;
const byName = new Intl.Collator('zh-CN');

/** Every alert of the accounts in scope, evaluated now: the rules' own answer (no index). */
export function evaluateScope(ctx: BackendContext, scope: AccountScope): Alert[] {
  const today = ctx.clock.today();
  const { model } = loadModel(ctx);
  const out: Alert[] = [];
  for (const account of ctx.queries.health.inputs(scope, today))
    out.push(...evaluateAlerts(account, model, today));
  return out;
}

function ranks(ctx: BackendContext): { id: string; rank: number }[] {
  return ctx.queries.alertIndex
    .accountNames()
    .sort((x, y) => byName.compare(x.name, y.name) || (x.id < y.id ? -1 : 1))
    .map((a, rank) => ({ id: a.id, rank }));
}

/** What the refresh did: `full`, `partial` (with the number of accounts) or `none`. */
export type RefreshKind =
  { kind: 'full' } | { kind: 'partial'; accounts: number } | { kind: 'none' };

export function refreshAlertIndex(ctx: BackendContext): RefreshKind {
  const index = ctx.queries.alertIndex;
  const today = ctx.clock.today();
  const stored = loadModel(ctx);
  const stamp = { day: today, model: stored.rev ?? 'default' };
  const current = index.stamp();
  const dirty = index.dirty();
  const stale = !current || current.day !== stamp.day || current.model !== stamp.model;
  if (stale || dirty.length > PARTIAL_LIMIT) {
    index.replace('all', evaluateScope(ctx, {}), stamp, ranks(ctx));
    return { kind: 'full' };
  }
  if (!dirty.length) return { kind: 'none' };
  const alerts: Alert[] = [];
  for (const { accountId } of dirty) alerts.push(...evaluateScope(ctx, { accountId }));
  index.replace(
    dirty.map((d) => d.accountId),
    alerts,
    stamp,
    dirty.some((d) => d.names) ? ranks(ctx) : undefined,
  );
  return { kind: 'partial', accounts: dirty.length };
}
