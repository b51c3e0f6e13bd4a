// Today, the accounts table's filter choices and first-run demo data for the desktop app
// (issue 6). Today is a handful of SQL reads over the projection, so it stays fast at 5,000
// accounts.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  AccountFacets,
  Today,
  TodayActionItem,
  TodayChange,
  TodayIssue,
  TodayRenewal,
  TodayVisit,
  todayInputSchema,
} from '../../../shared/api/app';
import { addDays, dayStart, daysBetween, weekOf } from '../../../shared/time/days';
import { loadDemo } from '../../demo/load';
import type { BackendContext, Handler } from '../context';

/** Recent changes are the timeline entries of the last this many days, today included. */
const RECENT_CHANGE_DAYS = 7;

/**
 * Today's recent changes: timeline entries since @changesSince, newest first. A timeline row
 * keeps its instant in the indexed `date` column, so this reads a range of the (type, date)
 * index instead of every timeline entry.
 */
export function recentChangesSql(scope: 'mine' | 'all'): string {
  return `SELECT d.id, d.account_id AS accountId, a.name AS accountName,
              d.date AS at, json_extract(d.json, '$.by') AS by,
              json_extract(d.json, '$.action') AS action,
              json_extract(d.json, '$.targetId') AS targetId,
              json_extract(d.json, '$.targetType') AS targetType,
              json_extract(d.json, '$.targetTitle') AS targetTitle
       FROM docs d JOIN accounts a ON a.id = d.account_id
       WHERE d.type = 'timeline' AND d.date >= @changesSince ${scopeSql(scope, 'a')}
       ORDER BY d.date DESC, d.id DESC LIMIT @limit`;
}

const db = (ctx: BackendContext): Database => ctx.store.projection.db as unknown as Database;

/** SQL restricting `alias.id` to the accounts in scope. */
function scopeSql(scope: 'mine' | 'all', alias: string): string {
  return scope === 'mine' ? `AND ${alias}.owner_csm = @user` : '';
}

function today(ctx: BackendContext, input: z.output<typeof todayInputSchema>): Today {
  const today = ctx.clock.today();
  const week = { today, ...weekOf(today) };
  const p = {
    user: ctx.user,
    today,
    weekStart: week.weekStart,
    weekEnd: week.weekEnd,
    actionUntil: addDays(today, input.actionDays),
    renewalUntil: addDays(today, input.renewalDays),
    // Timeline rows keep their instant in the indexed `date` column: compare instants.
    changesSince: dayStart(addDays(today, 1 - RECENT_CHANGE_DAYS)).toISOString(),
    limit: input.limit,
  };
  const mine = (alias: string) => scopeSql(input.scope, alias);
  const d = db(ctx);
  const accounts = (
    d.prepare(`SELECT count(*) AS c FROM accounts a WHERE 1=1 ${mine('a')}`).get(p) as {
      c: number;
    }
  ).c;
  const visits = d
    .prepare(
      `SELECT d.id, d.account_id AS accountId, a.name AS accountName, d.title AS purpose,
              d.date, json_extract(d.json, '$.time') AS time, d.status
       FROM docs d JOIN accounts a ON a.id = d.account_id
       WHERE d.type = 'visit' AND d.date BETWEEN @weekStart AND @weekEnd ${mine('a')}
       ORDER BY d.date, time, d.id LIMIT @limit`,
    )
    .all(p) as TodayVisit[];
  const actionItems = (
    d
      .prepare(
        `SELECT i.doc_id AS docId, i.item_key AS key, i.account_id AS accountId,
                a.name AS accountName, i.title, i.owner, i.due_date AS dueDate
         FROM action_items i JOIN accounts a ON a.id = i.account_id
         WHERE i.done = 0 AND (i.due_date IS NULL OR i.due_date <= @actionUntil) ${mine('a')}
         ORDER BY i.due_date IS NULL, i.due_date, i.doc_id LIMIT @limit`,
      )
      .all(p) as Omit<TodayActionItem, 'overdue'>[]
  ).map((i) => ({ ...i, overdue: i.dueDate !== null && i.dueDate < week.today }));
  const overdueIssues = (
    d
      .prepare(
        `SELECT d.id, d.account_id AS accountId, a.name AS accountName, d.title,
                json_extract(d.json, '$.priority') AS priority, d.status, d.due_date AS dueDate
         FROM docs d JOIN accounts a ON a.id = d.account_id
         WHERE d.type = 'issue' AND d.status NOT IN ('closed', 'fixed')
           AND d.due_date < @today ${mine('a')}
         ORDER BY d.priority, d.due_date, d.id LIMIT @limit`,
      )
      .all(p) as TodayIssue[]
  ).map((i) => ({ ...i }));
  const renewals = (
    d
      .prepare(
        `SELECT a.id AS accountId, a.name AS accountName, a.renewal_date AS renewalDate, a.arr
         FROM accounts a
         WHERE a.renewal_date BETWEEN @today AND @renewalUntil ${mine('a')}
         ORDER BY a.renewal_date, a.name LIMIT @limit`,
      )
      .all(p) as Omit<TodayRenewal, 'daysLeft'>[]
  ).map((r) => ({ ...r, daysLeft: daysBetween(today, r.renewalDate) }));
  const recentChanges = d.prepare(recentChangesSql(input.scope)).all(p) as TodayChange[];
  return { ...week, accounts, visits, actionItems, overdueIssues, renewals, recentChanges };
}

function distinct(d: Database, column: string): string[] {
  return (
    d
      .prepare(
        `SELECT DISTINCT ${column} AS v FROM accounts WHERE ${column} IS NOT NULL ORDER BY v`,
      )
      .all() as { v: string }[]
  ).map((r) => r.v);
}

function accountFacets(ctx: BackendContext): AccountFacets {
  const d = db(ctx);
  return {
    owners: distinct(d, 'owner_csm'),
    industries: distinct(d, 'industry'),
    regions: distinct(d, 'region'),
    total: (d.prepare('SELECT count(*) AS c FROM accounts').get() as { c: number }).c,
  };
}

export const appHandlers: Record<string, Handler> = {
  'app.today': today,
  'app.accountFacets': accountFacets,
  'app.loadDemo': (ctx: BackendContext, input: { accounts: number; seed: number }) =>
    loadDemo(ctx.store, input.accounts, {
      seed: input.seed,
      today: ctx.clock.today(),
      user: ctx.user,
    }),
};
