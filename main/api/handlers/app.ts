// Today, the accounts table's filter choices and first-run demo data for the desktop app
// (issue 6). The reads are the projection's (main/projection/queries/today.ts).
import type { z } from 'zod';
import type { AccountFacets, Today, todayInputSchema } from '../../../shared/api/app';
import { loadDemo } from '../../demo/load';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Monday..Sunday of the week holding `now` (UTC days, as the rest of the store). */
export function weekOf(now: Date): { today: string; weekStart: string; weekEnd: string } {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  const start = day - sinceMonday * DAY;
  return { today: isoDay(day), weekStart: isoDay(start), weekEnd: isoDay(start + 6 * DAY) };
}

function today(ctx: BackendContext, input: z.output<typeof todayInputSchema>, actor: Actor): Today {
  const now = ctx.now();
  const week = weekOf(now);
  const dayMs = Date.parse(week.today);
  const p = {
    user: actor.login,
    today: week.today,
    weekStart: week.weekStart,
    weekEnd: week.weekEnd,
    actionUntil: isoDay(dayMs + input.actionDays * DAY),
    renewalUntil: isoDay(dayMs + input.renewalDays * DAY),
    limit: input.limit,
  };
  const rows = ctx.queries.today.read({ scope: input.scope, ...p });
  const actionItems = rows.actionItems.map((i) => ({
    ...i,
    overdue: i.dueDate !== null && i.dueDate < week.today,
  }));
  const renewals = rows.renewals.map((r) => ({
    ...r,
    daysLeft: Math.round((Date.parse(r.renewalDate) - dayMs) / DAY),
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
    loadDemo(ctx.store, input.accounts, { seed: input.seed, now: ctx.now(), user: actor.login }),
};
