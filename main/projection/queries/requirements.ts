// The requirements library's reads (issue 16): requirement rows, every ask with what the
// priority model reads of its account and contact, and the full-text matches of a text.
import type { Database } from 'better-sqlite3';
import { statementCache } from '../statements';
import { queryTerms } from '../tokenize';

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
  /** The account's `reference` object as JSON. */
  reference: string | null;
  contact_name: string | null;
  /** The contact's roles as a JSON array. */
  roles: string | null;
}

const ASK_SELECT = `
  SELECT q.id, q.requirement_id, q.account_id, q.contact_id, q.asked_on, q.importance,
         q.source_type, q.source_id, q.confirmation, q.told_on,
         a.name AS account_name, a.tier, a.arr, a.renewal_date, a.owner_csm, a.stage,
         json_extract(ad.json, '$.reference') AS reference,
         c.title AS contact_name, json_extract(c.json, '$.roles') AS roles
    FROM requirement_asks q
    LEFT JOIN accounts a ON a.id = q.account_id
    LEFT JOIN docs ad ON ad.id = q.account_id
    LEFT JOIN docs c ON c.id = q.contact_id`;

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const MAX_TERMS = 48;

/**
 * An FTS5 expression matching any of the text's words (CJK runs by their bigrams): "similar",
 * ranked by bm25, rather than "every word" as the search palette asks.
 */
export function anyTermQuery(text: string): string | null {
  const tokens = new Set<string>();
  for (const term of queryTerms(text)) {
    if (!CJK.test(term)) {
      if (term.length >= 2) tokens.add(`"${term.replace(/"/g, '""')}"*`);
      continue;
    }
    const chars = Array.from(term);
    if (chars.length === 1) continue;
    for (let i = 0; i < chars.length - 1; i++) tokens.add(`"${chars[i]}${chars[i + 1]}"`);
  }
  const list = [...tokens].slice(0, MAX_TERMS);
  return list.length ? list.join(' OR ') : null;
}

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

  /** Duplicates merged into `id`. */
  mergedInto(id: string): { id: string; title: string }[] {
    return this.sql('SELECT id, title FROM requirements WHERE merged_into = ? ORDER BY id').all(
      id,
    ) as { id: string; title: string }[];
  }

  /** Requirements matching any word of `text`, best first, and how many matched in all. */
  matching(text: string, limit: number): { ids: string[]; total: number } {
    const match = anyTermQuery(text);
    if (!match) return { ids: [], total: 0 };
    const total = this.sql(
      `SELECT count(*) FROM search WHERE search MATCH ? AND type = 'requirement'`,
    )
      .pluck()
      .get(match) as number;
    const ids = this.sql(
      `SELECT d.id FROM (SELECT rowid, bm25(search, 5.0, 1.0) AS score FROM search
                          WHERE search MATCH ? AND type = 'requirement'
                          ORDER BY score LIMIT ?) s
         JOIN docs d ON d.n = s.rowid
         ORDER BY s.score`,
    )
      .pluck()
      .all(match, limit) as string[];
    return { ids, total };
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
