// An account's health follows its inputs: after a write to one of them (a new urgent issue, a
// visit recorded, a task done ...) the account is scored again at once, not at the next batch
// recompute. The score document is rewritten only when the score moved (recompute.ts).
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import { recomputeHealth } from './recompute';
import type { AccountScope } from '../projection/queries/scope';
import type { RecomputeReport } from '../../shared/api/health';

/** Document types the health model reads (shared/domain/health/inputs.ts). */
export const HEALTH_INPUT_TYPES: ReadonlySet<string> = new Set([
  'account',
  'contract',
  'contact',
  'issue',
  'visit',
  'touchpoint',
  'usageReading',
  'survey',
  'riskCase',
  'task',
]);

/**
 * Rescores of one account run one at a time, and a team-wide one alone: two of them scoring the
 * same account at once would write the same score document from one base revision, and one
 * would fail as a conflict. Different accounts' rescores run together, so concurrent writes
 * still share one disk sync for their scores (store.ts groups them).
 */
class RescoreLocks {
  private team: Promise<void> = Promise.resolve();
  private readonly accounts = new Map<string, Promise<void>>();

  run<T>(accountId: string | undefined, job: () => Promise<T>): Promise<T> {
    const before = accountId
      ? [this.team, this.accounts.get(accountId) ?? Promise.resolve()]
      : [this.team, ...this.accounts.values()];
    const result = Promise.all(before).then(job);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    if (!accountId) this.team = done;
    else {
      this.accounts.set(accountId, done);
      void done.then(() => {
        if (this.accounts.get(accountId) === done) this.accounts.delete(accountId);
      });
    }
    return result;
  }
}

const locks = new WeakMap<BackendContext, RescoreLocks>();

export function rescore(
  ctx: BackendContext,
  actor: Actor,
  scope: AccountScope,
): Promise<RecomputeReport> {
  let lock = locks.get(ctx);
  if (!lock) {
    lock = new RescoreLocks();
    locks.set(ctx, lock);
  }
  return lock.run(scope.accountId, () => recomputeHealth(ctx, actor, scope));
}

export async function rescoreAfterWrite(
  ctx: BackendContext,
  actor: Actor,
  type: string,
  accountId: string,
): Promise<void> {
  if (!HEALTH_INPUT_TYPES.has(type)) return;
  if (!ctx.queries.accountRow(accountId)) return;
  await rescore(ctx, actor, { accountId });
}
