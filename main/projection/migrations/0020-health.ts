// Health (issue 5): tables the health model, the alerts and the portfolio read with SQL instead
// of parsing documents. Triggers on `docs` keep them current, so the projector needs no change
// and a rebuild (which replays every document into `docs`) fills them too. Derived columns allow
// NULL: a malformed document (e.g. from a newer app) must never make a projection write fail.
import type { Database } from 'better-sqlite3';
import { DOC_MIRRORS } from './docMirrors';

/** Insert, update and delete triggers that mirror one document type into a table by doc id. */
function mirror(type: string, table: string, columns: string[], values: string[]): string {
  const cols = columns.join(', ');
  const vals = values.join(', ');
  return `
    CREATE TRIGGER ${table}_ins AFTER INSERT ON docs WHEN NEW.type = '${type}' BEGIN
      INSERT OR REPLACE INTO ${table} (${cols}) VALUES (${vals});
    END;
    CREATE TRIGGER ${table}_upd AFTER UPDATE ON docs
      WHEN OLD.type = '${type}' OR NEW.type = '${type}' BEGIN
      DELETE FROM ${table} WHERE doc_id = OLD.id;
      INSERT OR REPLACE INTO ${table} (${cols}) SELECT ${vals} WHERE NEW.type = '${type}';
    END;
    CREATE TRIGGER ${table}_del AFTER DELETE ON docs WHEN OLD.type = '${type}' BEGIN
      DELETE FROM ${table} WHERE doc_id = OLD.id;
    END;`;
}

export function up(db: Database): void {
  db.exec(`
    -- The current health of each account (one healthScore document per account).
    CREATE TABLE health_scores (
      doc_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      score REAL,
      computed_band TEXT,
      band TEXT,
      overridden INTEGER,
      computed_on TEXT
    );
    CREATE INDEX health_scores_account ON health_scores (account_id);
    CREATE INDEX health_scores_band ON health_scores (band);

    -- Every point of every account's score history, for the team's health trend.
    CREATE TABLE health_history (
      doc_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      date TEXT,
      score REAL,
      band TEXT,
      PRIMARY KEY (doc_id, date)
    ) WITHOUT ROWID;
    CREATE INDEX health_history_account ON health_history (account_id, date, band, score);

    CREATE TABLE usage_points (
      doc_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      date TEXT,
      purchased INTEGER,
      activated INTEGER,
      active INTEGER
    );
    CREATE INDEX usage_points_account ON usage_points (account_id, date, purchased, activated, active);

    CREATE TABLE contact_people (
      doc_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      name TEXT,
      roles TEXT,
      stance TEXT,
      active INTEGER,
      left_on TEXT,
      last_contact_on TEXT
    );
    CREATE INDEX contact_people_account
      ON contact_people (account_id, doc_id, name, roles, stance, active, left_on);

    CREATE TABLE survey_scores (
      doc_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      kind TEXT,
      date TEXT,
      respondent TEXT,
      score INTEGER
    );
    CREATE INDEX survey_scores_kind_date ON survey_scores (kind, date);
    CREATE INDEX survey_scores_account ON survey_scores (account_id);

    -- Contracts with their start date, for renewal cohorts (successor = a later start).
    CREATE TABLE contract_terms (
      doc_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      start_date TEXT,
      end_date TEXT,
      status TEXT,
      paid INTEGER,
      arr REAL
    );
    CREATE INDEX contract_terms_account ON contract_terms (account_id, start_date);
    CREATE INDEX contract_terms_end ON contract_terms (end_date);

    -- Covering indexes (no JSON row reads) for the per-account counts the health model and the
    -- portfolio take: last visit or touchpoint, open and overdue issues, open risks, opportunities.
    CREATE INDEX docs_health_activity ON docs (type, account_id, status, date);
    CREATE INDEX docs_health_due ON docs (type, account_id, status, due_date, priority);
    CREATE INDEX docs_health_amount ON docs (type, status, account_id, amount, date);
  `);
  // History points unnest from the healthScore document's array (json_each).
  db.exec(`
    CREATE TRIGGER health_history_ins AFTER INSERT ON docs WHEN NEW.type = 'healthScore' BEGIN
      INSERT OR REPLACE INTO health_history (doc_id, account_id, date, score, band)
        SELECT NEW.id, NEW.account_id, json_extract(value, '$.date'),
               json_extract(value, '$.score'), json_extract(value, '$.band')
        FROM json_each(NEW.json, '$.history')
        WHERE json_extract(value, '$.date') IS NOT NULL
        GROUP BY json_extract(value, '$.date');
    END;
    CREATE TRIGGER health_history_upd AFTER UPDATE ON docs
      WHEN OLD.type = 'healthScore' OR NEW.type = 'healthScore' BEGIN
      DELETE FROM health_history WHERE doc_id = OLD.id;
      INSERT OR REPLACE INTO health_history (doc_id, account_id, date, score, band)
        SELECT NEW.id, NEW.account_id, json_extract(value, '$.date'),
               json_extract(value, '$.score'), json_extract(value, '$.band')
        FROM json_each(NEW.json, '$.history')
        WHERE NEW.type = 'healthScore' AND json_extract(value, '$.date') IS NOT NULL
        GROUP BY json_extract(value, '$.date');
    END;
    CREATE TRIGGER health_history_del AFTER DELETE ON docs WHEN OLD.type = 'healthScore' BEGIN
      DELETE FROM health_history WHERE doc_id = OLD.id;
    END;
  `);
  db.exec(DOC_MIRRORS.map((m) => mirror(m.type, m.table, m.columns, m.values('NEW'))).join('\n'));
}
