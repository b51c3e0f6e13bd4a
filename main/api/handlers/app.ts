// Today, the accounts table's filter choices and first-run demo data for the desktop app
// (issue 6). The reads are the projection's (main/projection/queries/today.ts).
import type { z } from 'zod';
import type { AccountFacets, Today, todayInputSchema } from '../../../shared/api/app';
import { addDays, dayStart, daysBetween, weekOf } from '../../../shared/time/days';
import { loadDemo } from '../../demo/load';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

/** Recent changes are the timeline entries of the last this many days, today included. */
const RECENT_CHANGE_DAYS = 7;

function today(ctx: BackendContext, input: z.output<typeof todayInputSchema>, actor: Actor): Today {
  const today = ctx.clock.today();
  const week = { today, ...weekOf(today) };
  const p = {
    user: actor.login,
    today,
    weekStart: week.weekStart,
    weekEnd: week.weekEnd,
    actionUntil: addDays(today, input.actionDays),
    renewalUntil: addDays(today, input.renewalDays),
    // Timeline rows keep their instant in the indexed `date` column: compare instants.
    changesSince: dayStart(addDays(today, 1 - RECENT_CHANGE_DAYS)).toISOString(),
    limit: input.limit,
  };
  const rows = ctx.queries.today.read({ scope: input.scope, ...p });
  const actionItems = rows.actionItems.map((i) => ({
    ...i,
    overdue: i.dueDate !== null && i.dueDate < today,
  }));
  const renewals = rows.renewals.map((r) => ({
    ...r,
    daysLeft: daysBetween(today, r.renewalDate),
  }));
  const { accounts, visits, overdueIssues, recentChanges } = rows;
  return { ...week, accounts, visits, actionItems, overdueIssues, renewals, recentChanges };
}

function accountFacets(ctx: BackendContext): AccountFacets {
  return ctx.queries.today.facets();
}

export const appHandlers: Record<string, Handler> = {
  'app.today': today,
  'app.accountFacets': accountFacets,
  'app.loadDemo': (ctx: BackendContext, input: { accounts: number; seed: number }, actor: Actor) =>
    loadDemo(ctx.store, input.accounts, {
      seed: input.seed,
      today: ctx.clock.today(),
      user: actor.login,
    }),
};
