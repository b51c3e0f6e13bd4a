// Tasks and alerts (issue 13/15): every task (visit action items, risk plan tasks, success-plan
// milestones, tasks of their own) in `action_items` with its source, and the alert index that
// Today and the alert list page through with SQL instead of evaluating every account's rules
// on each read. `alert_rows` holds each account's current alerts (computed by the rules in
// shared/domain/health/alerts.ts), `alert_dirty` the accounts whose documents changed since
// (filled by triggers on `docs`), `alert_states` the acknowledged and snoozed alerts.
import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE action_items ADD COLUMN source TEXT NOT NULL DEFAULT 'visit';
    -- The day the source starts (visit day, case opened), shown next to the task.
    ALTER TABLE action_items ADD COLUMN starts_on TEXT;
    ALTER TABLE action_items ADD COLUMN comments INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX action_items_owner ON action_items (owner, done, due_date);
    -- Today's task and overdue-issue pages in their order, read from an index and stopped at
    -- the page's end instead of sorting every open one.
    CREATE INDEX action_items_open_order ON action_items (done, due_date, doc_id, item_key);
    CREATE INDEX docs_issue_order ON docs (priority, due_date, id, status) WHERE type = 'issue';
    CREATE INDEX action_items_account ON action_items (account_id, done, due_date);

    CREATE TABLE alert_rows (
      key TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      rule TEXT NOT NULL,
      rule_rank INTEGER NOT NULL,
      severity TEXT NOT NULL,
      severity_rank INTEGER NOT NULL,
      -- The account's place in the zh-CN order of names (alert_account_rank), so the list's
      -- order is one index: severity, rule, account, key.
      name_rank INTEGER NOT NULL DEFAULT 0,
      target_id TEXT,
      params TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX alert_rows_order ON alert_rows (severity_rank, rule_rank, name_rank, key);
    CREATE INDEX alert_rows_account ON alert_rows (account_id);

    -- Each account's place in the zh-CN collation of names (the alerts' order after severity
    -- and rule), refreshed with the index.
    CREATE TABLE alert_account_rank (
      account_id TEXT PRIMARY KEY,
      rank INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE alert_dirty (
      account_id TEXT PRIMARY KEY,
      names INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;

    CREATE TABLE alert_states (
      doc_id TEXT PRIMARY KEY,
      alert_key TEXT,
      status TEXT,
      snoozed_until TEXT,
      note TEXT,
      by TEXT,
      at TEXT
    );
    CREATE INDEX alert_states_key ON alert_states (alert_key);

    CREATE TRIGGER alert_dirty_ins AFTER INSERT ON docs
      WHEN NEW.type NOT IN ('timeline', 'alertState', 'healthScore') BEGIN
      INSERT INTO alert_dirty (account_id, names) VALUES (NEW.account_id, NEW.type = 'account')
        ON CONFLICT (account_id) DO UPDATE SET names = MAX(names, excluded.names);
    END;
    CREATE TRIGGER alert_dirty_upd AFTER UPDATE ON docs
      WHEN NEW.type NOT IN ('timeline', 'alertState', 'healthScore') BEGIN
      INSERT INTO alert_dirty (account_id, names) VALUES (NEW.account_id, NEW.type = 'account')
        ON CONFLICT (account_id) DO UPDATE SET names = MAX(names, excluded.names);
    END;
    CREATE TRIGGER alert_dirty_del AFTER DELETE ON docs
      WHEN OLD.type NOT IN ('timeline', 'alertState', 'healthScore') BEGIN
      INSERT INTO alert_dirty (account_id, names) VALUES (OLD.account_id, OLD.type = 'account')
        ON CONFLICT (account_id) DO UPDATE SET names = MAX(names, excluded.names);
    END;

    CREATE TRIGGER alert_states_ins AFTER INSERT ON docs WHEN NEW.type = 'alertState' BEGIN
      INSERT OR REPLACE INTO alert_states (doc_id, alert_key, status, snoozed_until, note, by, at)
      VALUES (NEW.id, json_extract(NEW.json, '$.alertKey'), json_extract(NEW.json, '$.status'),
              json_extract(NEW.json, '$.snoozedUntil'), json_extract(NEW.json, '$.note'),
              json_extract(NEW.json, '$.updatedBy'), json_extract(NEW.json, '$.updatedAt'));
    END;
    CREATE TRIGGER alert_states_upd AFTER UPDATE ON docs
      WHEN OLD.type = 'alertState' OR NEW.type = 'alertState' BEGIN
      DELETE FROM alert_states WHERE doc_id = OLD.id;
      INSERT OR REPLACE INTO alert_states (doc_id, alert_key, status, snoozed_until, note, by, at)
      SELECT NEW.id, json_extract(NEW.json, '$.alertKey'), json_extract(NEW.json, '$.status'),
             json_extract(NEW.json, '$.snoozedUntil'), json_extract(NEW.json, '$.note'),
             json_extract(NEW.json, '$.updatedBy'), json_extract(NEW.json, '$.updatedAt')
      WHERE NEW.type = 'alertState';
    END;
    CREATE TRIGGER alert_states_del AFTER DELETE ON docs WHEN OLD.type = 'alertState' BEGIN
      DELETE FROM alert_states WHERE doc_id = OLD.id;
    END;
  `);
}
