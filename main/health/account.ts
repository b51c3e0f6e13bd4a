// One account's health for the account view: the stored score with its history and every
// override, plus what links it to its future (open risk cases with plans, open opportunities).
import type { AccountHealth, AccountOutlook, HistoryPoint } from '../../shared/api/health';
import { apiError } from '../../shared/api/errors';
import type { HealthBand } from '../../shared/domain/health/model';
import { scoreAccount } from '../../shared/domain/health/score';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import { loadModel } from './modelStore';
import { activeOverride, overrideHistory } from './overrides';
import { openFrame, opportunityRows, riskRows } from './portfolio';
import { healthScoreId, recomputeHealth } from './recompute';

function requireAccount(ctx: BackendContext, accountId: string): void {
  const doc = ctx.queries.getDoc(accountId);
  if (!doc || doc.type !== 'account')
    throw apiError('NOT_FOUND', 'error.notFound', `${accountId} not found`, { id: accountId }, [
      'accountId',
    ]);
}

export function accountHealth(ctx: BackendContext, accountId: string): AccountHealth {
  requireAccount(ctx, accountId);
  const today = ctx.clock.today();
  const records =
    overrideHistory(ctx.queries, { accountId, includeChurned: true }).get(accountId) ?? [];
  const override = activeOverride(records, today);
  const stored = ctx.queries.getDoc(healthScoreId(accountId));
  const overrides = [...records].reverse();
  if (stored) {
    const computedBand = stored.band as HealthBand;
    return {
      accountId,
      score: stored.score as number,
      computedBand,
      band: override?.band ?? computedBand,
      computedOn: stored.computedOn as string,
      factors: stored.factors as AccountHealth['factors'],
      missing: stored.missing as AccountHealth['missing'],
      ...(override ? { override } : {}),
      history: (stored.history as HistoryPoint[] | undefined) ?? [],
      overrides,
      live: false,
    };
  }
  const [inputs] = ctx.queries.health.inputs({ accountId, includeChurned: true }, today);
  const result = scoreAccount(inputs, loadModel(ctx).model, today);
  return {
    accountId,
    score: result.score,
    computedBand: result.band,
    band: override?.band ?? result.band,
    computedOn: today,
    factors: result.factors,
    missing: result.missing,
    ...(override ? { override } : {}),
    history: [],
    overrides,
    live: true,
  };
}

/** Records an override (set or clear) as a new document, then rescores the account. */
export async function recordOverride(
  ctx: BackendContext,
  actor: Actor,
  input: {
    accountId: string;
    action: 'set' | 'clear';
    band?: HealthBand;
    reason: string;
    expiresOn?: string;
  },
): Promise<AccountHealth> {
  requireAccount(ctx, input.accountId);
  const today = ctx.clock.today();
  if (input.expiresOn && input.expiresOn < today)
    throw apiError(
      'VALIDATION',
      'validation.endBeforeStart',
      'the override would expire before today',
      {},
      ['expiresOn'],
    );
  await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'healthOverride',
        accountId: input.accountId,
        fields: {
          action: input.action,
          ...(input.band ? { band: input.band } : {}),
          reason: input.reason,
          ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
        },
      },
    ],
    timeline: 'created',
  });
  await recomputeHealth(ctx, actor, { accountId: input.accountId, includeChurned: true });
  return accountHealth(ctx, input.accountId);
}

export function accountOutlook(ctx: BackendContext, accountId: string): AccountOutlook {
  requireAccount(ctx, accountId);
  const frame = openFrame(ctx, {}, { accountId, includeChurned: true });
  return {
    accountId,
    riskCases: riskRows(frame).flatMap((r) => r.cases),
    opportunities: opportunityRows(frame),
  };
}
