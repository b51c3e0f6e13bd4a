// Tasks (action items of visits and risk plans, success-plan milestones, tasks of their own):
// one home for what "open" and "overdue" mean and for the due-date rules, so the schemas, the
// projection's SQL, Today and the alerts cannot disagree. A task is overdue when it is not done
// and its due day has passed (the due day itself is not overdue), like an issue.
import type { z } from 'zod';
import { customIssue } from '../domain/common';

/** Where a task lives: the document type and the list inside it (none for a task of its own). */
export const TASK_SOURCES = ['visit', 'riskCase', 'milestone', 'task'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** The list of a source document holding its tasks, and the field naming a task's title. */
export const TASK_LISTS = {
  visit: { docType: 'visit', list: 'actionItems', title: 'title' },
  riskCase: { docType: 'riskCase', list: 'actionPlan', title: 'task' },
  milestone: { docType: 'successPlan', list: 'milestones', title: 'title' },
  task: { docType: 'task', list: null, title: 'title' },
} as const satisfies Record<
  TaskSource,
  { docType: string; list: string | null; title: 'title' | 'task' }
>;

/** The source of a document type holding tasks, or null. */
export function taskSourceOf(docType: string): TaskSource | null {
  for (const s of TASK_SOURCES) if (TASK_LISTS[s].docType === docType) return s;
  return null;
}

export function isOverdueTask(
  t: { done: boolean; dueDate?: string | null },
  asOf: string,
): boolean {
  return !t.done && typeof t.dueDate === 'string' && t.dueDate < asOf;
}

/** SQL condition on an `action_items` row (under `alias`): not done. */
export function openTaskSql(alias = ''): string {
  return `${alias}done = 0`;
}

/**
 * SQL condition: the row is an action item (a visit's, a risk plan's or a task of its own).
 * Success-plan milestones are tasks on Today but raise no overdue alert and are not counted
 * among the portfolio's overdue actions (they are the plan's dates, not follow-ups).
 */
export function actionItemSql(alias = ''): string {
  return `${alias}source <> 'milestone'`;
}

/** SQL condition: not done and due before the day bound to `asOf` (e.g. @today). */
export function overdueTaskSql(asOf: string, alias = ''): string {
  return `${openTaskSql(alias)} AND ${alias}due_date < ${asOf}`;
}

/**
 * Due-date rules, each with its own words at the task's due-date field:
 * - a visit's action item is not due before the visit's day;
 * - a risk plan's task is not due before the case was opened;
 * - neither is marked done (doneOn) before that day.
 */
export function checkTaskDates(
  ctx: z.RefinementCtx,
  items: readonly { dueDate?: string; doneOn?: string }[],
  list: string,
  startsOn: string,
  rule: 'visit' | 'riskCase',
): void {
  items.forEach((item, i) => {
    if (item.dueDate && item.dueDate < startsOn)
      customIssue(
        ctx,
        [list, i, 'dueDate'],
        rule === 'visit' ? 'validation.actionDueBeforeVisit' : 'validation.actionDueBeforeOpened',
        rule === 'visit'
          ? "an action item's due date is before its visit's date"
          : "a risk plan task's due date is before the case was opened",
      );
    if (item.doneOn && item.doneOn < startsOn)
      customIssue(
        ctx,
        [list, i, 'doneOn'],
        'validation.doneBeforeStart',
        rule === 'visit'
          ? 'an action item is marked done before its visit'
          : 'a risk plan task is marked done before the case was opened',
      );
  });
}

/** A task of its own: done on a day only when done. */
export function checkTaskDone(
  t: { done: boolean; doneOn?: string },
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  if (t.doneOn && !t.done)
    customIssue(ctx, [...path, 'doneOn'], 'validation.doneOnNotDone', 'done on a day but not done');
}
