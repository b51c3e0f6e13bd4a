// The requirements board and export read, for every ask, whether its account is a reference
// customer, its contact's name and roles, its source's title and the ask's own revision, note,
// confirmation and told touchpoint. Until 0050 those came from json_extract over (or parsing of)
// the full documents on every read; here they are kept on the ask row itself,
// by triggers on `docs` from both sides (the ask's write reads its account and contact; an
// account's or contact's write updates its asks), so whichever order a rebuild projects them in
// the row ends the same.
import type { Database } from 'better-sqlite3';
import { requirementRowTriggers } from './requirementRowTriggers';

/** 1 when any of the account document's `reference` flags is true, 0 when none, NULL without it. */
const referenceOf = (json: string) =>
  `EXISTS (SELECT 1 FROM json_each(${json}, '$.reference') WHERE type = 'true')`;

/** A source document's title as the ask shows it; NULL without the document. */
const sourceTitleOf = (json: string) =>
  `COALESCE(json_extract(${json}, '$.title'), json_extract(${json}, '$.purpose'), '')`;

const ASK_INSERT = `
      INSERT OR REPLACE INTO requirement_asks (id, requirement_id, account_id, contact_id, asked_on,
                                               importance, source_type, source_id, confirmation,
                                               told_on, account_reference, contact_name,
                                               contact_roles, rev, note, confirmation_json,
                                               told_touchpoint_id, source_title)
      SELECT NEW.id, json_extract(NEW.json, '$.requirementId'), NEW.account_id,
             json_extract(NEW.json, '$.contactId'), json_extract(NEW.json, '$.askedOn'),
             json_extract(NEW.json, '$.importance'), json_extract(NEW.json, '$.sourceType'),
             json_extract(NEW.json, '$.sourceId'), json_extract(NEW.json, '$.confirmation.status'),
             json_extract(NEW.json, '$.toldOn'),
             (SELECT ${referenceOf('ad.json')} FROM docs ad WHERE ad.id = NEW.account_id),
             (SELECT c.title FROM docs c WHERE c.id = json_extract(NEW.json, '$.contactId')),
             (SELECT json_extract(c.json, '$.roles') FROM docs c
               WHERE c.id = json_extract(NEW.json, '$.contactId')),
             NEW.rev, json_extract(NEW.json, '$.note'), json_extract(NEW.json, '$.confirmation'),
             json_extract(NEW.json, '$.toldTouchpointId'),
             (SELECT ${sourceTitleOf('s.json')} FROM docs s
               WHERE s.id = json_extract(NEW.json, '$.sourceId'))
      WHERE NEW.type = 'requirementAsk';`;

const REQUIREMENT_INSERT = `
      INSERT OR REPLACE INTO requirements (id, rev, title, status, product_area, release,
                                           merged_into, updated_at)
      SELECT NEW.id, NEW.rev, NEW.title, json_extract(NEW.json, '$.status'),
             json_extract(NEW.json, '$.productArea'), json_extract(NEW.json, '$.release'),
             json_extract(NEW.json, '$.mergedInto'), NEW.updated_at
      WHERE NEW.type = 'requirement';`;

/** The account's and contact's fields on every ask of `NEW` (an account or a contact document). */
const FROM_ACCOUNT = `
      UPDATE requirement_asks SET account_reference = ${referenceOf('NEW.json')}
       WHERE account_id = NEW.id AND NEW.type = 'account';`;
const FROM_CONTACT = `
      UPDATE requirement_asks SET contact_name = NEW.title,
                                  contact_roles = json_extract(NEW.json, '$.roles')
       WHERE contact_id = NEW.id AND NEW.type = 'contact';`;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE requirement_asks ADD COLUMN account_reference INTEGER;
    ALTER TABLE requirement_asks ADD COLUMN contact_name TEXT;
    ALTER TABLE requirement_asks ADD COLUMN contact_roles TEXT;
    ALTER TABLE requirement_asks ADD COLUMN rev TEXT;
    ALTER TABLE requirement_asks ADD COLUMN note TEXT;
    -- The confirmation object as JSON.
    ALTER TABLE requirement_asks ADD COLUMN confirmation_json TEXT;
    ALTER TABLE requirement_asks ADD COLUMN told_touchpoint_id TEXT;
    ALTER TABLE requirement_asks ADD COLUMN source_title TEXT;

    UPDATE requirement_asks SET
      account_reference = (SELECT ${referenceOf('ad.json')} FROM docs ad
                            WHERE ad.id = requirement_asks.account_id),
      contact_name = (SELECT c.title FROM docs c WHERE c.id = requirement_asks.contact_id),
      contact_roles = (SELECT json_extract(c.json, '$.roles') FROM docs c
                        WHERE c.id = requirement_asks.contact_id),
      rev = (SELECT d.rev FROM docs d WHERE d.id = requirement_asks.id),
      note = (SELECT json_extract(d.json, '$.note') FROM docs d WHERE d.id = requirement_asks.id),
      confirmation_json = (SELECT json_extract(d.json, '$.confirmation') FROM docs d
                            WHERE d.id = requirement_asks.id),
      told_touchpoint_id = (SELECT json_extract(d.json, '$.toldTouchpointId') FROM docs d
                             WHERE d.id = requirement_asks.id),
      source_title = (SELECT ${sourceTitleOf('s.json')} FROM docs s
                       WHERE s.id = requirement_asks.source_id);

    DROP TRIGGER requirements_ins;
    DROP TRIGGER requirements_upd;
    ${requirementRowTriggers(REQUIREMENT_INSERT, ASK_INSERT)}

    CREATE TRIGGER requirement_asks_party_ins AFTER INSERT ON docs
      WHEN NEW.type IN ('account', 'contact') BEGIN
      ${FROM_ACCOUNT}
      ${FROM_CONTACT}
    END;
    CREATE TRIGGER requirement_asks_party_upd AFTER UPDATE ON docs
      WHEN NEW.type IN ('account', 'contact') BEGIN
      ${FROM_ACCOUNT}
      ${FROM_CONTACT}
    END;
    -- Any document can be an ask's source (a visit, an issue ...): only those that are cost more
    -- than an index probe.
    CREATE TRIGGER requirement_asks_source_ins AFTER INSERT ON docs
      WHEN EXISTS (SELECT 1 FROM requirement_asks WHERE source_id = NEW.id) BEGIN
      UPDATE requirement_asks SET source_title = ${sourceTitleOf('NEW.json')}
       WHERE source_id = NEW.id;
    END;
    CREATE TRIGGER requirement_asks_source_upd AFTER UPDATE ON docs
      WHEN EXISTS (SELECT 1 FROM requirement_asks WHERE source_id = NEW.id) BEGIN
      UPDATE requirement_asks SET source_title = ${sourceTitleOf('NEW.json')}
       WHERE source_id = NEW.id;
    END;
    CREATE TRIGGER requirement_asks_source_del AFTER DELETE ON docs
      WHEN EXISTS (SELECT 1 FROM requirement_asks WHERE source_id = OLD.id) BEGIN
      UPDATE requirement_asks SET source_title = NULL WHERE source_id = OLD.id;
    END;
    CREATE TRIGGER requirement_asks_party_del AFTER DELETE ON docs
      WHEN OLD.type IN ('account', 'contact') BEGIN
      UPDATE requirement_asks SET account_reference = NULL WHERE account_id = OLD.id;
      UPDATE requirement_asks SET contact_name = NULL, contact_roles = NULL
       WHERE contact_id = OLD.id;
    END;
  `);
}
