import type { Database } from 'better-sqlite3';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    -- Every live document, its JSON and the columns lists filter and sort on.
    -- n is shared with the FTS index's rowid.
    CREATE TABLE docs (
      n INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      account_id TEXT NOT NULL,
      rev TEXT NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      status TEXT,
      priority INTEGER,
      owner TEXT,
      date TEXT,
      due_date TEXT,
      amount REAL,
      updated_at TEXT NOT NULL DEFAULT '',
      conflicts INTEGER NOT NULL DEFAULT 0,
      json TEXT NOT NULL
    );
    CREATE INDEX docs_account ON docs (account_id, type);
    CREATE INDEX docs_type_date ON docs (type, date);
    CREATE INDEX docs_type_status_due ON docs (type, status, due_date);
    CREATE INDEX docs_type_updated ON docs (type, updated_at);
    CREATE INDEX docs_conflicts ON docs (conflicts) WHERE conflicts = 1;

    CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_en TEXT,
      tier TEXT NOT NULL,
      tier_rank INTEGER NOT NULL,
      stage TEXT,
      owner_csm TEXT,
      consultant TEXT,
      risk TEXT,
      industry TEXT,
      region TEXT,
      updated_at TEXT NOT NULL DEFAULT '',
      renewal_date TEXT,
      arr REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX accounts_name ON accounts (name);
    CREATE INDEX accounts_owner ON accounts (owner_csm, name);
    CREATE INDEX accounts_tier ON accounts (tier_rank, name);
    CREATE INDEX accounts_renewal ON accounts (renewal_date);

    -- Action items of visits and risk cases, so Today can list the overdue ones.
    CREATE TABLE action_items (
      doc_id TEXT NOT NULL,
      item_key TEXT NOT NULL,
      account_id TEXT NOT NULL,
      title TEXT NOT NULL,
      owner TEXT,
      due_date TEXT,
      done INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (doc_id, item_key)
    );
    CREATE INDEX action_items_due ON action_items (done, due_date);

    -- Contentless: the text lives in docs.json; type and account are kept to filter inside
    -- the index, so a search ranks and limits before joining.
    CREATE VIRTUAL TABLE search USING fts5 (
      title, body, type UNINDEXED, account_id UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2',
      content = '', contentless_delete = 1, contentless_unindexed = 1
    );
  `);
}
