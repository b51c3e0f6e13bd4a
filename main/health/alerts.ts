// Today's alerts: the rules run over local data for the accounts in scope, then acknowledged
// and snoozed alerts (states kept as documents, so they survive restarts and sync) are set aside.
import { apiError } from '../../shared/api/errors';
import { accountKeyOf } from '../../shared/domain/ids';
import {
  alertDigest,
  alertRules,
  compareAlerts,
  evaluateAlerts,
  type AlertRule,
} from '../../shared/domain/health/alerts';
import type { AlertList, AlertState, ListedAlert } from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { Doc } from '../store/documentWriter';
import { loadModel } from './modelStore';
import type { AccountScope } from '../projection/queries/scope';

export interface AlertListInput {
  scope: AccountScope;
  rules?: AlertRule[];
  /** Also list acknowledged alerts and those snoozed past today. */
  includeHidden: boolean;
  offset: number;
  limit: number;
}

export function alertStateId(key: string): string {
  const accountId = key.split('|')[1] ?? '';
  return `alertState:${accountKeyOf(accountId)}:${alertDigest(key)}`;
}

function statesOf(
  ctx: BackendContext,
  scope: AccountScope,
): Map<string, AlertState & { rev: string }> {
  const out = new Map<string, AlertState & { rev: string }>();
  for (const doc of ctx.queries.health.docsInScope('alertState', {
    ...scope,
    includeChurned: true,
  })) {
    const d = doc as Record<string, string>;
    out.set(d.alertKey, {
      status: d.status as AlertState['status'],
      snoozedUntil: d.snoozedUntil,
      note: d.note,
      by: d.updatedBy,
      at: d.updatedAt,
      rev: d._rev,
    });
  }
  return out;
}

function isHidden(state: AlertState | undefined, today: string): boolean {
  if (!state) return false;
  if (state.status === 'acknowledged') return true;
  return (state.snoozedUntil ?? '') >= today;
}

export function listAlerts(ctx: BackendContext, input: AlertListInput): AlertList {
  const today = ctx.clock.today();
  const { model } = loadModel(ctx);
  const states = statesOf(ctx, input.scope);
  const wanted = input.rules?.length ? new Set(input.rules) : null;
  const all: ListedAlert[] = [];
  let hidden = 0;
  for (const account of ctx.queries.health.inputs(input.scope, today)) {
    for (const alert of evaluateAlerts(account, model, today)) {
      if (wanted && !wanted.has(alert.rule)) continue;
      const stored = states.get(alert.key);
      const state = stored
        ? {
            status: stored.status,
            snoozedUntil: stored.snoozedUntil,
            note: stored.note,
            by: stored.by,
            at: stored.at,
          }
        : undefined;
      const isOff = isHidden(state, today);
      if (isOff) hidden++;
      if (isOff && !input.includeHidden) continue;
      all.push({ ...alert, ...(state ? { state } : {}), hidden: isOff });
    }
  }
  all.sort(compareAlerts);
  const byRule: AlertList['byRule'] = {};
  const bySeverity = { high: 0, medium: 0, low: 0 };
  for (const a of all) {
    byRule[a.rule] = (byRule[a.rule] ?? 0) + 1;
    bySeverity[a.severity]++;
  }
  return {
    today,
    total: all.length,
    hidden,
    byRule,
    bySeverity,
    items: all.slice(input.offset, input.offset + input.limit),
  };
}

const KEY_PATTERN = /^([a-zA-Z]+)\|(account:[0-9A-Za-z]{1,64})\|/;

/** Acknowledges or snoozes one alert (by its key), or reopens it (state removed). */
export async function setAlertState(
  ctx: BackendContext,
  actor: Actor,
  input: {
    key: string;
    status: 'acknowledged' | 'snoozed' | 'open';
    snoozedUntil?: string;
    note?: string;
  },
): Promise<{ key: string; status: string; snoozedUntil?: string }> {
  const match = KEY_PATTERN.exec(input.key);
  if (!match)
    throw apiError('VALIDATION', 'health.alert.badKey', `not an alert key: ${input.key}`, {}, [
      'key',
    ]);
  const [, rule, accountId] = match;
  if (!(alertRules as readonly string[]).includes(rule))
    throw apiError('VALIDATION', 'health.alert.badKey', `no alert rule ${rule}`, {}, ['key']);
  if (!ctx.queries.getDoc(accountId))
    throw apiError('NOT_FOUND', 'error.notFound', `${accountId} not found`, { id: accountId }, [
      'key',
    ]);
  const today = ctx.clock.today();
  if (input.status === 'snoozed' && (!input.snoozedUntil || input.snoozedUntil < today))
    throw apiError(
      'VALIDATION',
      'health.alert.snoozeNeedsDate',
      'a snooze needs a day from today on',
      {},
      ['snoozedUntil'],
    );
  const id = alertStateId(input.key);
  const current = ctx.queries.getDoc(id) as Doc | null;
  if (input.status === 'open') {
    if (current) await ctx.writer.commit(actor, { changes: [{ kind: 'delete', base: current }] });
  } else {
    await ctx.writer.commit(actor, {
      changes: [
        {
          kind: 'put',
          type: 'alertState',
          accountId,
          id,
          base: current,
          fields: {
            alertKey: input.key,
            rule,
            status: input.status,
            ...(input.status === 'snoozed' ? { snoozedUntil: input.snoozedUntil } : {}),
            ...(input.note ? { note: input.note } : {}),
          },
        },
      ],
    });
  }
  return {
    key: input.key,
    status: input.status,
    ...(input.status === 'snoozed' ? { snoozedUntil: input.snoozedUntil } : {}),
  };
}
