// An account's health follows its inputs: after a write to one of them (a new urgent issue, a
// visit recorded, a task done ...) the account is scored again at once, not at the next batch
// recompute. The score document is rewritten only when the score moved (recompute.ts).
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import { recomputeHealth } from './recompute';
import type { AccountScope } from '../projection/queries/scope';
import type { RecomputeReport } from '../../shared/api/health';

/**
 * The fields of each document type the health model's inputs are read from: what
 * main/projection/queries/healthInputs.ts reads of the projection (its columns, mirrors and
 * action items, filled from these fields by main/projection/prepare.ts and docMirrors.ts), as
 * shared/domain/health/inputs.ts gathers it. An update that changes none of them leaves the
 * account's inputs, and so its score, as they were. tests/integration/health/inputFields.test.ts
 * mutates every other field of the demo's documents and finds the inputs unchanged.
 */
export const HEALTH_INPUT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  account: ['name', 'tier', 'ownerCsm', 'lifecycleStage'],
  contract: ['status', 'startDate', 'endDate', 'amount', 'paid'],
  contact: ['name', 'roles', 'stance', 'active', 'leftOn', 'lastContactOn'],
  issue: ['title', 'status', 'priority', 'owner', 'dueDate'],
  visit: ['status', 'date', 'actionItems'],
  touchpoint: ['date'],
  usageReading: ['date', 'purchasedSeats', 'activatedUsers', 'activeUsers'],
  survey: ['kind', 'date', 'respondent', 'score'],
  riskCase: ['openedOn', 'actionPlan'],
  task: ['title', 'owner', 'dueDate', 'done'],
};

/** Document types the health model reads (shared/domain/health/inputs.ts). */
export const HEALTH_INPUT_TYPES: ReadonlySet<string> = new Set(Object.keys(HEALTH_INPUT_FIELDS));

/** Whether a new revision of a document changes a field the health model reads. */
export function movesHealthInputs(
  type: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): boolean {
  const fields = HEALTH_INPUT_FIELDS[type];
  if (!fields) return false;
  return fields.some((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

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

/**
 * Rescores the account after a write of `type`, before the write's call returns. `revision`:
 * the document before and after an update; one that moved no health input is not rescored (its
 * score stands: the inputs it was computed from are the same).
 */
export async function rescoreAfterWrite(
  ctx: BackendContext,
  actor: Actor,
  type: string,
  accountId: string,
  revision?: { before: Record<string, unknown>; after: Record<string, unknown> },
): Promise<void> {
  if (!HEALTH_INPUT_TYPES.has(type)) return;
  if (revision && !movesHealthInputs(type, revision.before, revision.after)) return;
  if (!ctx.queries.accountRow(accountId)) return;
  await rescore(ctx, actor, { accountId });
}
