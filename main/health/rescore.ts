// An account's health follows its inputs: after a write to one of them (a new urgent issue, a
// visit recorded, a task done ...) the account is scored again at once, not at the next batch
// recompute. The score document is rewritten only when the score moved (recompute.ts).
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import { recomputeHealth } from './recompute';

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

export async function rescoreAfterWrite(
  ctx: BackendContext,
  actor: Actor,
  type: string,
  accountId: string,
): Promise<void> {
  if (!HEALTH_INPUT_TYPES.has(type)) return;
  if (!ctx.queries.accountRow(accountId)) return;
  await recomputeHealth(ctx, actor, { accountId });
}
