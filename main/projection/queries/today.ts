// The Today screen's and the accounts table's reads: a handful of SQL selects over the projection,
// so Today stays fast at 5,000 accounts. Overdue issues by shared/rules/issues.ts.
import type { Database, Statement } from 'better-sqlite3';
import type {
  AccountFacets,
  TodayActionItem,
  TodayChange,
  TodayIssue,
  TodayRenewal,
  TodayVisit,
} from '../../../shared/api/app';
import { overdueIssueSql } from '../../../shared/rules/issues';
import { statementCache } from '../statements';

export interface TodayWindow {
  scope: 'mine' | 'all';
  user: string;
  today: string;
  weekStart: string;
  weekEnd: string;
  /** Action items due up to this day (and those without a due day). */
  actionUntil: string;
  /** Renewals from today up to this day. */
  renewalUntil: string;
  /** Recent changes from this instant (ISO), newest first. */
  changesSince: string;
  limit: number;
}

export interface TodayRows {
  accounts: number;
  visits: TodayVisit[];
  actionItems: Omit<TodayActionItem, 'overdue'>[];
  overdueIssues: TodayIssue[];
  renewals: Omit<TodayRenewal, 'daysLeft'>[];
  recentChanges: TodayChange[];
}

/** SQL restricting the accounts under `alias` to the user's own ones. */
const mine = (scope: TodayWindow['scope'], alias: string) =>
  scope === 'mine' ? `AND ${alias}.owner_csm = @user` : '';

/**
 * Today's recent changes: timeline entries since @changesSince, newest first. A timeline row
 * keeps its instant in the indexed `date` column, so this reads a range of the (type, date)
 * index instead of every timeline entry.
 */
export function recentChangesSql(scope: TodayWindow['scope']): string {
  return `SELECT d.id, d.account_id AS accountId, a.name AS accountName,
              d.date AS at, json_extract(d.json, '$.by') AS by,
              json_extract(d.json, '$.action') AS action,
              json_extract(d.json, '$.targetId') AS targetId,
              json_extract(d.json, '$.targetType') AS targetType,
              json_extract(d.json, '$.targetTitle') AS targetTitle
       FROM docs d JOIN accounts a ON a.id = d.account_id
       WHERE d.type = 'timeline' AND d.date >= @changesSince ${mine(scope, 'a')}
       ORDER BY d.date DESC, d.id DESC LIMIT @limit`;
}

export class TodayQueries {
  private readonly sql: (sql: string) => Statement;

  constructor(dbOf: () => Database) {
    this.sql = statementCache(dbOf);
  }

  read(w: TodayWindow): TodayRows {
    const { scope, ...p } = w;
    const m = (alias: string) => mine(scope, alias);
    return {
      accounts: (
        this.sql(`SELECT count(*) AS c FROM accounts a WHERE 1=1 ${m('a')}`).get(p) as {
          c: number;
        }
      ).c,
      visits: this.sql(
        `SELECT d.id, d.account_id AS accountId, a.name AS accountName, d.title AS purpose,
                d.date, json_extract(d.json, '$.time') AS time, d.status
         FROM docs d JOIN accounts a ON a.id = d.account_id
         WHERE d.type = 'visit' AND d.date BETWEEN @weekStart AND @weekEnd ${m('a')}
         ORDER BY d.date, time, d.id LIMIT @limit`,
      ).all(p) as TodayVisit[],
      actionItems: this.sql(
        `SELECT i.doc_id AS docId, i.item_key AS key, i.account_id AS accountId,
                a.name AS accountName, i.title, i.owner, i.due_date AS dueDate
         FROM action_items i JOIN accounts a ON a.id = i.account_id
         WHERE i.done = 0 AND (i.due_date IS NULL OR i.due_date <= @actionUntil) ${m('a')}
         ORDER BY i.due_date IS NULL, i.due_date, i.doc_id LIMIT @limit`,
      ).all(p) as Omit<TodayActionItem, 'overdue'>[],
      overdueIssues: this.sql(
        `SELECT d.id, d.account_id AS accountId, a.name AS accountName, d.title,
                json_extract(d.json, '$.priority') AS priority, d.status, d.due_date AS dueDate
         FROM docs d JOIN accounts a ON a.id = d.account_id
         WHERE d.type = 'issue' AND ${overdueIssueSql('@today', 'd.status', 'd.due_date')}
           ${m('a')}
         ORDER BY d.priority, d.due_date, d.id LIMIT @limit`,
      ).all(p) as TodayIssue[],
      renewals: this.sql(
        `SELECT a.id AS accountId, a.name AS accountName, a.renewal_date AS renewalDate, a.arr
         FROM accounts a
         WHERE a.renewal_date BETWEEN @today AND @renewalUntil ${m('a')}
         ORDER BY a.renewal_date, a.name LIMIT @limit`,
      ).all(p) as Omit<TodayRenewal, 'daysLeft'>[],
      recentChanges: this.sql(recentChangesSql(scope)).all(p) as TodayChange[],
    };
  }

  /** The accounts table's filter choices. */
  facets(): AccountFacets {
    const distinct = (column: 'owner_csm' | 'industry' | 'region') =>
      (
        this.sql(
          `SELECT DISTINCT ${column} AS v FROM accounts WHERE ${column} IS NOT NULL ORDER BY v`,
        ).all() as { v: string }[]
      ).map((r) => r.v);
    return {
      owners: distinct('owner_csm'),
      industries: distinct('industry'),
      regions: distinct('region'),
      total: (this.sql('SELECT count(*) AS c FROM accounts').get() as { c: number }).c,
    };
  }
}
