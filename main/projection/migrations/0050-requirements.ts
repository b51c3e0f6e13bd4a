// The requirements library (issue 16): each requirement and each account's ask in a table of its
// own, kept by triggers on `docs` (as 0030's alert states are), so the projector needs no change
// and a rebuild fills them too. Full-text search over title and scenario is the `search` index
// every document already has (type 'requirement'). Scores are computed on read from these rows,
// the accounts and the contacts (shared/rules/requirementPriority.ts), so a tier, ARR or role
// change moves them at once.
import type { Database } from 'better-sqlite3';
import { requirementRowTriggers } from './requirementRowTriggers';

const j = (row: 'NEW' | 'OLD', path: string) => `json_extract(${row}.json, '$.${path}')`;

const INSERT_REQUIREMENT = `
      INSERT OR REPLACE INTO requirements (id, rev, title, status, product_area, release,
                                           merged_into, updated_at)
      SELECT NEW.id, NEW.rev, NEW.title, ${j('NEW', 'status')}, ${j('NEW', 'productArea')},
             ${j('NEW', 'release')}, ${j('NEW', 'mergedInto')}, NEW.updated_at
      WHERE NEW.type = 'requirement';`;

const INSERT_ASK = `
      INSERT OR REPLACE INTO requirement_asks (id, requirement_id, account_id, contact_id, asked_on,
                                               importance, source_type, source_id, confirmation,
                                               told_on)
      SELECT NEW.id, ${j('NEW', 'requirementId')}, NEW.account_id, ${j('NEW', 'contactId')},
             ${j('NEW', 'askedOn')}, ${j('NEW', 'importance')}, ${j('NEW', 'sourceType')},
             ${j('NEW', 'sourceId')}, ${j('NEW', 'confirmation.status')}, ${j('NEW', 'toldOn')}
      WHERE NEW.type = 'requirementAsk';`;

/** What a requirement's score or figures read: a change to any of these bumps the version. */
const SCORE_INPUT_TYPES = `('account', 'contact', 'contract', 'requirement', 'requirementAsk',
  'requirementModel', 'teamMember', 'task')`;
const BUMP = 'UPDATE requirement_version SET v = v + 1 WHERE id = 1;';

export function up(db: Database): void {
  db.exec(`
    -- Bumped by every change to what the scores read, so the board's scores are computed once
    -- per change instead of once per read (main/requirements/board.ts).
    CREATE TABLE requirement_version (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);
    INSERT INTO requirement_version (id, v) VALUES (1, 0);
    CREATE TRIGGER requirement_version_ins AFTER INSERT ON docs
      WHEN NEW.type IN ${SCORE_INPUT_TYPES} BEGIN ${BUMP} END;
    CREATE TRIGGER requirement_version_upd AFTER UPDATE ON docs
      WHEN OLD.type IN ${SCORE_INPUT_TYPES} OR NEW.type IN ${SCORE_INPUT_TYPES} BEGIN ${BUMP} END;
    CREATE TRIGGER requirement_version_del AFTER DELETE ON docs
      WHEN OLD.type IN ${SCORE_INPUT_TYPES} BEGIN ${BUMP} END;

    CREATE TABLE requirements (
      id TEXT PRIMARY KEY,
      rev TEXT NOT NULL,
      title TEXT NOT NULL,
      status TEXT NOT NULL,
      product_area TEXT NOT NULL,
      release TEXT,
      merged_into TEXT,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX requirements_status ON requirements (status, updated_at);

    CREATE TABLE requirement_asks (
      id TEXT PRIMARY KEY,
      requirement_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      contact_id TEXT,
      asked_on TEXT,
      importance TEXT,
      source_type TEXT,
      source_id TEXT,
      confirmation TEXT,
      told_on TEXT
    ) WITHOUT ROWID;
    CREATE INDEX requirement_asks_requirement ON requirement_asks (requirement_id, account_id);
    CREATE INDEX requirement_asks_account ON requirement_asks (account_id, requirement_id);
    CREATE INDEX requirement_asks_contact ON requirement_asks (contact_id) WHERE contact_id IS NOT NULL;
    CREATE INDEX requirement_asks_source ON requirement_asks (source_id) WHERE source_id IS NOT NULL;

    ${requirementRowTriggers(INSERT_REQUIREMENT, INSERT_ASK)}
    CREATE TRIGGER requirements_del AFTER DELETE ON docs
      WHEN OLD.type IN ('requirement', 'requirementAsk') BEGIN
      DELETE FROM requirements WHERE id = OLD.id;
      DELETE FROM requirement_asks WHERE id = OLD.id;
    END;
  `);
}
