// An account's health follows its inputs: after a write to one of them (a new urgent issue, a
// visit recorded, a task done ...) the account is scored again at once, not at the next batch
// recompute. The score document is rewritten only when the score moved (recompute.ts).
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import { SerialQueue } from '../store/serial';
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
 * Rescores run one at a time per backend, whoever asked (a handler's write, a pull): two of
 * them scoring the same account at once would write the same score document from one base
 * revision, and one would fail as a conflict.
 */
const queues = new WeakMap<BackendContext, SerialQueue>();

export function rescore(
  ctx: BackendContext,
  actor: Actor,
  scope: AccountScope,
): Promise<RecomputeReport> {
  let queue = queues.get(ctx);
  if (!queue) {
    queue = new SerialQueue();
    queues.set(ctx, queue);
  }
  return queue.run(() => recomputeHealth(ctx, actor, scope));
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
