// A fresh load (a rebuild, a first import into a new file) fills the tables that per-row
// triggers on `docs` keep current elsewhere with one statement each at the end, from the
// final `docs` rows: the hot triggers fire for nearly every document and cost a fifth of a
// rebuild. Each fill gives what the triggers reach after the same documents (the incremental
// projection); its triggers are dropped while loading and re-created, unchanged, after it.
import { isOpenIssue, isTouch } from './migrations/0040-account-list';

export interface BulkFill {
  /** The triggers on `docs` the fill stands in for (insert, update and delete). */
  triggers: string[];
  sql: string;
}

export const BULK_FILLS: BulkFill[] = [
  {
    // 0030's alert_dirty_*: every account with a document of its alert rules' types, `names`
    // when the account document itself is among them.
    triggers: ['alert_dirty_ins', 'alert_dirty_upd', 'alert_dirty_del'],
    sql: `
      INSERT INTO alert_dirty (account_id, names)
        SELECT account_id, MAX(type = 'account') FROM docs
        WHERE type NOT IN ('timeline', 'alertState', 'healthScore')
        GROUP BY account_id
        ON CONFLICT (account_id) DO UPDATE SET names = MAX(names, excluded.names)`,
  },
  {
    // 0040's account_stats_* on docs (account_stats_account, on accounts, stays): the open
    // issues and the last touch of each account, in the order the documents came.
    triggers: ['account_stats_ins', 'account_stats_upd', 'account_stats_del'],
    sql: `
      INSERT INTO account_stats (account_id, open_issues, last_touch)
        SELECT account_id, open_issues, last_touch FROM (
          SELECT account_id, MIN(n) AS first,
                 SUM(CASE WHEN ${isOpenIssue('docs')} THEN 1 ELSE 0 END) AS open_issues,
                 MAX(CASE WHEN ${isTouch('docs')} THEN date END) AS last_touch
          FROM docs WHERE type IN ('issue', 'visit', 'touchpoint') GROUP BY account_id)
        WHERE open_issues > 0 OR last_touch IS NOT NULL
        ORDER BY first
        ON CONFLICT (account_id) DO UPDATE SET
          open_issues = open_issues + excluded.open_issues,
          last_touch = CASE WHEN excluded.last_touch IS NULL THEN last_touch
                            ELSE MAX(COALESCE(last_touch, ''), excluded.last_touch) END`,
  },
];
