// Tasks and Today's cockpit (issue 13): thin handlers over main/tasks and the cockpit queries.
import type { z } from 'zod';
import type { TodayPage, todayGroupSchema } from '../../../shared/api/tasks';
import { addDays, dayStart, daysBetween, weekOf } from '../../../shared/time/days';
import { isOverdueTask } from '../../../shared/rules/tasks';
import { listAlerts } from '../../health/alerts';
import type { CockpitWindow, Page } from '../../projection/queries/cockpit';
import { updateTask, type TaskUpdate } from '../../tasks/update';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

/** Tasks due within this many days are listed with the overdue ones. */
const TASK_DAYS = 14;
const RENEWAL_DAYS = 90;
/** Recent changes are the timeline entries of the last this many days, today included. */
const RECENT_CHANGE_DAYS = 7;

function todayGroup(
  ctx: BackendContext,
  input: z.output<typeof todayGroupSchema>,
  actor: Actor,
): TodayPage {
  const today = ctx.clock.today();
  const week = weekOf(today);
  const w: CockpitWindow = {
    scope: input.scope,
    user: actor.login,
    today,
    weekStart: week.weekStart,
    weekEnd: week.weekEnd,
    actionUntil: addDays(today, TASK_DAYS),
    renewalUntil: addDays(today, RENEWAL_DAYS),
    changesSince: dayStart(addDays(today, 1 - RECENT_CHANGE_DAYS)).toISOString(),
    ...(input.q ? { q: input.q } : {}),
    overdueOnly: input.overdueOnly,
    offset: input.offset,
    limit: input.limit,
  };
  const q = ctx.queries.cockpit;
  const head = {
    group: input.group,
    today,
    ...week,
    accounts: q.accounts(w),
    offset: input.offset,
  };
  const page = (p: Page<unknown>): TodayPage => ({
    ...head,
    total: p.total,
    items: p.items as never,
  });
  switch (input.group) {
    case 'visits':
      return page(q.visits(w));
    case 'tasks': {
      const p = q.tasks(w);
      return page({
        total: p.total,
        items: p.items.map((t) => ({ ...t, overdue: isOverdueTask({ done: false, ...t }, today) })),
      });
    }
    case 'renewals': {
      const p = q.renewals(w);
      return page({
        total: p.total,
        items: p.items.map((r) => ({ ...r, daysLeft: daysBetween(today, r.renewalDate) })),
      });
    }
    case 'issues':
      return page(q.issues(w));
    case 'changes':
      return page(q.changes(w));
    case 'alerts': {
      // Overdue action items and issues are Today's tasks and issues: one entry, not two.
      const list = listAlerts(ctx, {
        scope: input.scope === 'mine' ? { ownerCsm: [actor.login] } : {},
        exceptRules: ['overdueAction', 'overdueIssue'],
        ...(input.severity ? { severity: input.severity } : {}),
        ...(input.q ? { q: input.q } : {}),
        includeHidden: false,
        offset: input.offset,
        limit: input.limit,
      });
      return { ...head, total: list.total, hidden: list.hidden, items: list.items as never };
    }
  }
}

export const tasksHandlers: Record<string, Handler> = {
  'tasks.update': (ctx: BackendContext, input: TaskUpdate, actor: Actor) =>
    updateTask(ctx, input, actor),
  'today.group': todayGroup,
};
