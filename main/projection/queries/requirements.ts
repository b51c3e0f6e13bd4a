// The requirements library's reads (issue 16): requirement rows, every ask with what the
// priority model reads of its account and contact, and the full-text matches of a text.
import type { Database } from 'better-sqlite3';
import { statementCache } from '../statements';

export interface RequirementDbRow {
  id: string;
  rev: string;
  title: string;
  status: string;
  product_area: string;
  release: string | null;
  merged_into: string | null;
  updated_at: string;
}

/** An ask with its account's and contact's columns (null when those are not in the store). */
export interface AskDbRow {
  id: string;
  requirement_id: string;
  account_id: string;
  contact_id: string | null;
  asked_on: string | null;
  importance: string | null;
  source_type: string | null;
  source_id: string | null;
  confirmation: string | null;
  told_on: string | null;
  account_name: string | null;
  tier: string | null;
  arr: number | null;
  renewal_date: string | null;
  owner_csm: string | null;
  stage: string | null;
  /** 1 when the account is a reference customer in any way, 0 when not (migration 0060). */
  reference: number | null;
  contact_name: string | null;
  /** The contact's roles as a JSON array. */
  roles: string | null;
  /** The ask document's own revision, note, confirmation (JSON) and told touchpoint (0060). */
  rev: string | null;
  note: string | null;
  confirmation_json: string | null;
  told_touchpoint_id: string | null;
  /** The source document's title; null without the document. */
  source_title: string | null;
}

// The account's reference flag and the contact's name and roles are on the ask row (0060): no
// document is read.
const ASK_SELECT = `
  SELECT q.id, q.requirement_id, q.account_id, q.contact_id, q.asked_on, q.importance,
         q.source_type, q.source_id, q.confirmation, q.told_on,
         a.name AS account_name, a.tier, a.arr, a.renewal_date, a.owner_csm, a.stage,
         q.account_reference AS reference, q.contact_name, q.contact_roles AS roles,
         q.rev, q.note, q.confirmation_json, q.told_touchpoint_id, q.source_title
    FROM requirement_asks q
    LEFT JOIN accounts a ON a.id = q.account_id`;

/** A number per database, so a rebuild (a new database) never matches an old version. */
const databaseNumbers = new WeakMap<Database, number>();
let nextDatabase = 1;

export class RequirementQueries {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly dbOf: () => Database) {
    this.sql = statementCache(dbOf);
  }

  /** Changes with every write to what scores read (see migration 0050), and on a rebuild. */
  version(): string {
    const db = this.dbOf();
    let n = databaseNumbers.get(db);
    if (n === undefined) {
      n = nextDatabase++;
      databaseNumbers.set(db, n);
    }
    const v = this.sql('SELECT v FROM requirement_version WHERE id = 1').pluck().get() as number;
    return `${n}:${v}`;
  }

  all(): RequirementDbRow[] {
    return this.sql('SELECT * FROM requirements').all() as RequirementDbRow[];
  }

  one(id: string): RequirementDbRow | undefined {
    return this.sql('SELECT * FROM requirements WHERE id = ?').get(id) as
      RequirementDbRow | undefined;
  }

  /** Every ask with its account and contact. */
  allAsks(): AskDbRow[] {
    return this.sql(ASK_SELECT).all() as AskDbRow[];
  }

  asksOf(requirementId: string): AskDbRow[] {
    return this.sql(`${ASK_SELECT} WHERE q.requirement_id = ? ORDER BY q.asked_on, q.id`).all(
      requirementId,
    ) as AskDbRow[];
  }

  asksOfAccount(accountId: string): AskDbRow[] {
    return this.sql(`${ASK_SELECT} WHERE q.account_id = ? ORDER BY q.asked_on DESC, q.id`).all(
      accountId,
    ) as AskDbRow[];
  }

  ask(id: string): AskDbRow | undefined {
    return this.sql(`${ASK_SELECT} WHERE q.id = ?`).get(id) as AskDbRow | undefined;
  }

  /**
   * Requirements asked by at least one account whose renewal date falls in [from, until]
   * (the board's `renewingSoon` filter).
   */
  renewingBetween(from: string, until: string): Set<string> {
    const ids = this.sql(
      `SELECT DISTINCT q.requirement_id FROM requirement_asks q
         JOIN accounts a ON a.id = q.account_id
        WHERE a.renewal_date >= ? AND a.renewal_date <= ?`,
    )
      .pluck()
      .all(from, until) as string[];
    return new Set(ids);
  }

  /** Every requirement's words, for the requirements' own text index. */
  texts(): { id: string; title: string; body: string }[] {
    return this.sql(
      `SELECT r.id, r.title,
              COALESCE(json_extract(d.json, '$.scenario'), '') || ' ' ||
              COALESCE(json_extract(d.json, '$.workaround'), '') || ' ' ||
              COALESCE(json_extract(d.json, '$.blocks'), '') AS body
         FROM requirements r JOIN docs d ON d.id = r.id`,
    ).all() as { id: string; title: string; body: string }[];
  }

  /** Duplicates merged into `id`. */
  mergedInto(id: string): { id: string; title: string }[] {
    return this.sql('SELECT id, title FROM requirements WHERE merged_into = ? ORDER BY id').all(
      id,
    ) as { id: string; title: string }[];
  }

  /** The open "tell the customer" task of an ask, if any. */
  tellTask(accountId: string, askId: string): Record<string, unknown> | null {
    const row = this.sql(
      `SELECT json FROM docs WHERE account_id = ? AND type = 'task' AND status = 'open'
         AND json_extract(json, '$.origin.askId') = ? LIMIT 1`,
    ).get(accountId, askId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Record<string, unknown>) : null;
  }

  /** Open "tell the customer" tasks by ask id (for the requirement's page). */
  openTellTasks(requirementId: string): Map<string, string> {
    const rows = this.sql(
      `SELECT id, json_extract(json, '$.origin.askId') AS ask FROM docs
         WHERE type = 'task' AND status = 'open'
           AND json_extract(json, '$.origin.requirementId') = ?`,
    ).all(requirementId) as { id: string; ask: string }[];
    return new Map(rows.map((r) => [r.ask, r.id]));
  }
}
