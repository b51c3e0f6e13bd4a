// The account list's sortable columns (issue 13): open issues and the last touch of each
// account, kept by triggers on `docs` (as 0020's health tables are), so the projector needs no
// change and a rebuild fills them too; indexes for sorting on them and on the health score.
// Last touch = the latest done visit or touchpoint, the activity the health model counts as a
// contact (main/projection/queries/healthInputs.ts) less the contact records' own dates.
import type { Database } from 'better-sqlite3';
import { openIssueSql } from '../../../shared/rules/issues';

export const isOpenIssue = (row: string) =>
  `${row}.type = 'issue' AND ${openIssueSql(`${row}.status`)}`;
export const isTouch = (row: string) =>
  `((${row}.type = 'visit' AND ${row}.status = 'done') OR ${row}.type = 'touchpoint') AND ${row}.date IS NOT NULL`;

/** Adds NEW's share (an open issue, a touch) to its account's row. */
const ADD_NEW = `
      INSERT INTO account_stats (account_id, open_issues) SELECT NEW.account_id, 1
        WHERE ${isOpenIssue('NEW')}
        ON CONFLICT (account_id) DO UPDATE SET open_issues = open_issues + 1;
      INSERT INTO account_stats (account_id, last_touch) SELECT NEW.account_id, NEW.date
        WHERE ${isTouch('NEW')}
        ON CONFLICT (account_id) DO UPDATE
        SET last_touch = MAX(COALESCE(last_touch, ''), excluded.last_touch);`;

/** Takes OLD's share away again (an update or a delete). */
const REMOVE_OLD = `
      UPDATE account_stats SET open_issues = open_issues - 1
        WHERE account_id = OLD.account_id AND ${isOpenIssue('OLD')};
      UPDATE account_stats SET last_touch = (
          SELECT MAX(d) FROM (
            SELECT MAX(date) AS d FROM docs
              WHERE type = 'visit' AND account_id = OLD.account_id AND status = 'done'
            UNION ALL
            SELECT MAX(date) FROM docs WHERE type = 'touchpoint' AND account_id = OLD.account_id))
        WHERE account_id = OLD.account_id AND ${isTouch('OLD')};`;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE account_stats (
      account_id TEXT PRIMARY KEY,
      open_issues INTEGER NOT NULL DEFAULT 0,
      last_touch TEXT
    );
    CREATE INDEX account_stats_open ON account_stats (open_issues);
    CREATE INDEX account_stats_touch ON account_stats (last_touch);
    CREATE INDEX health_scores_score ON health_scores (score);
    CREATE INDEX accounts_arr ON accounts (arr);
    CREATE INDEX accounts_updated ON accounts (updated_at);

    -- Every account has its row, so the list joins it without a LEFT JOIN.
    CREATE TRIGGER account_stats_account AFTER INSERT ON accounts BEGIN
      INSERT OR IGNORE INTO account_stats (account_id) VALUES (NEW.id);
    END;
    CREATE TRIGGER account_stats_ins AFTER INSERT ON docs
      WHEN NEW.type IN ('issue', 'visit', 'touchpoint') BEGIN ${ADD_NEW}
    END;
    CREATE TRIGGER account_stats_upd AFTER UPDATE ON docs
      WHEN OLD.type IN ('issue', 'visit', 'touchpoint') OR NEW.type IN ('issue', 'visit', 'touchpoint')
      BEGIN ${REMOVE_OLD} ${ADD_NEW}
    END;
    CREATE TRIGGER account_stats_del AFTER DELETE ON docs
      WHEN OLD.type IN ('issue', 'visit', 'touchpoint') BEGIN ${REMOVE_OLD}
    END;
  `);
}
