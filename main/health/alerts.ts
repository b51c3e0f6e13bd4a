// Today's alerts: the rules' results kept in the alert index (main/health/alertIndex.ts), read
// with acknowledged and snoozed alerts (states kept as documents, so they survive restarts and
// sync) set aside.
import { apiError } from '../../shared/api/errors';
import { accountKeyOf } from '../../shared/domain/ids';
import {
  alertDigest,
  alertRules,
  type AlertRule,
  type AlertSeverity,
} from '../../shared/domain/health/alerts';
import type { AlertList } from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { Doc } from '../store/documentWriter';
import { refreshAlertIndex } from './alertIndex';
import type { AccountScope } from '../projection/queries/scope';

export interface AlertListInput {
  scope: AccountScope;
  rules?: AlertRule[];
  /** Also list acknowledged alerts and those snoozed past today. */
  includeHidden: boolean;
  /** Rules left out (Today lists overdue action items and issues as tasks and issues). */
  exceptRules?: AlertRule[];
  severity?: AlertSeverity;
  q?: string;
  offset: number;
  limit: number;
}

export function alertStateId(key: string): string {
  const accountId = key.split('|')[1] ?? '';
  return `alertState:${accountKeyOf(accountId)}:${alertDigest(key)}`;
}

/**
 * A page of today's alerts in scope, with the counts of the whole list: read from the alert
 * index (brought up to date first), never by running every account's rules on each read.
 */
export function listAlerts(ctx: BackendContext, input: AlertListInput): AlertList {
  refreshAlertIndex(ctx);
  return ctx.queries.alertIndex.list({
    scope: input.scope,
    today: ctx.clock.today(),
    rules: input.rules,
    exceptRules: input.exceptRules,
    severity: input.severity,
    q: input.q,
    includeHidden: input.includeHidden,
    offset: input.offset,
    limit: input.limit,
  });
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
