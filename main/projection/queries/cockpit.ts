// Today's cockpit (issue 13): each group (this week's visits, tasks due, renewals, overdue
// issues, recent changes) as a count and a page, with SQL over indexed columns, so Today for a
// whole team of 5,000 accounts reads pages instead of everything. Alerts come from the alert
// index (queries/alertIndex.ts). Open and overdue by shared/rules/tasks.ts and issues.ts.
import type { Database, Statement } from 'better-sqlite3';
import type { TodayChange, TodayIssue, TodayRenewal, TodayVisit } from '../../../shared/api/app';
import type { TodayTask } from '../../../shared/api/tasks';
import { overdueIssueSql } from '../../../shared/rules/issues';
import { openTaskSql } from '../../../shared/rules/tasks';
import { statementCache } from '../statements';

export interface CockpitWindow {
  scope: 'mine' | 'all';
  user: string;
  today: string;
  weekStart: string;
  weekEnd: string;
  /** Tasks due up to this day (overdue ones included). */
  actionUntil: string;
  renewalUntil: string;
  changesSince: string;
  q?: string;
  overdueOnly: boolean;
  offset: number;
  limit: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

type Params = Record<string, unknown>;

/** Account name or `title` column contains @q. */
const matches = (w: CockpitWindow, title: string) =>
  w.q ? `AND (instr(lower(a.name), lower(@q)) > 0 OR instr(lower(${title}), lower(@q)) > 0)` : '';

const mineAccount = (w: CockpitWindow) => (w.scope === 'mine' ? 'AND a.owner_csm = @user' : '');

/**
 * My tasks: assigned to me, or on my account and not assigned to another member of the team
 * (an owner outside the directory, e.g. the customer's person, stays with the account's CSM).
 */
const mineTask = (w: CockpitWindow) =>
  w.scope === 'mine'
    ? `AND (i.owner = @user OR (a.owner_csm = @user AND (i.owner IS NULL OR NOT EXISTS
         (SELECT 1 FROM docs m WHERE m.id = 'teamMember:' || i.owner AND m.type = 'teamMember'))))`
    : '';

export class CockpitQueries {
  private readonly sql: (sql: string) => Statement;

  constructor(dbOf: () => Database) {
    this.sql = statementCache(dbOf);
  }

  accounts(w: CockpitWindow): number {
    return (
      this.sql(`SELECT count(*) AS c FROM accounts a WHERE 1 = 1 ${mineAccount(w)}`).get(
        this.params(w),
      ) as { c: number }
    ).c;
  }

  private params(w: CockpitWindow): Params {
    const { scope: _scope, overdueOnly: _o, q, ...rest } = w;
    return q ? { ...rest, q } : rest;
  }

  /**
   * count(*) and one page of `select ... from ... where ...` ordered by `order`; `itemsFrom`
   * (the same rows) when the page reads better through another index than the count.
   */
  private page<T>(
    w: CockpitWindow,
    select: string,
    from: string,
    order: string,
    itemsFrom = from,
  ): Page<T> {
    const p = this.params(w);
    const total = (this.sql(`SELECT count(*) AS c ${from}`).get(p) as { c: number }).c;
    const items = this.sql(
      `SELECT ${select} ${itemsFrom} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    ).all(p) as T[];
    return { total, items };
  }

  visits(w: CockpitWindow): Page<TodayVisit> {
    return this.page(
      w,
      `d.id, d.account_id AS accountId, a.name AS accountName, d.title AS purpose, d.date,
       json_extract(d.json, '$.time') AS time, d.status`,
      `FROM docs d JOIN accounts a ON a.id = d.account_id
       WHERE d.type = 'visit' AND d.date BETWEEN @weekStart AND @weekEnd
         AND d.status <> 'cancelled' ${mineAccount(w)} ${matches(w, 'd.title')}`,
      `d.date, json_extract(d.json, '$.time'), d.id`,
    );
  }

  tasks(w: CockpitWindow): Page<Omit<TodayTask, 'overdue'>> {
    // Every task source requires a due date (the schemas), so none is without one.
    const due = w.overdueOnly ? 'i.due_date < @today' : 'i.due_date <= @actionUntil';
    return this.page(
      w,
      `i.source, i.doc_id AS docId, i.item_key AS key, d.rev, i.account_id AS accountId,
       a.name AS accountName, i.title, i.owner, i.due_date AS dueDate, i.starts_on AS startsOn,
       i.comments`,
      `FROM action_items i JOIN accounts a ON a.id = i.account_id JOIN docs d ON d.id = i.doc_id
       WHERE ${openTaskSql('i.')} AND ${due} ${mineTask(w)} ${matches(w, 'i.title')}`,
      `i.due_date, i.doc_id, i.item_key`,
    );
  }

  renewals(w: CockpitWindow): Page<Omit<TodayRenewal, 'daysLeft'>> {
    return this.page(
      w,
      `a.id AS accountId, a.name AS accountName, a.renewal_date AS renewalDate, a.arr`,
      `FROM accounts a WHERE a.renewal_date BETWEEN @today AND @renewalUntil
         ${mineAccount(w)} ${matches(w, 'a.name')}`,
      `a.renewal_date, a.name`,
    );
  }

  issues(w: CockpitWindow): Page<TodayIssue> {
    const from = (d: string) => `FROM ${d} JOIN accounts a ON a.id = d.account_id
       WHERE d.type = 'issue' AND ${overdueIssueSql('@today', 'd.status', 'd.due_date')}
         ${mineAccount(w)} ${matches(w, 'd.title')}`;
    return this.page(
      w,
      `d.id, d.account_id AS accountId, a.name AS accountName, d.title,
       json_extract(d.json, '$.priority') AS priority, d.status, d.due_date AS dueDate`,
      from('docs d'),
      `d.priority, d.due_date, d.id`,
      // In priority order from the index, stopping at the page's end (no sort of every one).
      from('docs d INDEXED BY docs_issue_order'),
    );
  }

  changes(w: CockpitWindow): Page<TodayChange> {
    // Timeline entries since @changesSince: a range of the (type, date) index.
    return this.page(
      w,
      `d.id, d.account_id AS accountId, a.name AS accountName, d.date AS at,
       json_extract(d.json, '$.by') AS by, json_extract(d.json, '$.action') AS action,
       json_extract(d.json, '$.targetId') AS targetId,
       json_extract(d.json, '$.targetType') AS targetType,
       json_extract(d.json, '$.targetTitle') AS targetTitle`,
      `FROM docs d JOIN accounts a ON a.id = d.account_id
       WHERE d.type = 'timeline' AND d.date >= @changesSince ${mineAccount(w)}
         ${matches(w, "COALESCE(json_extract(d.json, '$.targetTitle'), '')")}`,
      'd.date DESC, d.id DESC',
    );
  }
}
