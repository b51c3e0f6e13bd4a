// Writes documents into the projection's tables. Idempotent: applying the same change twice
// leaves the same rows, so replaying the changes feed from an older checkpoint is safe.
import type { Database, Statement } from 'better-sqlite3';
import { activeContractSql } from '../../shared/rules/renewal';
import { taskSourceOf } from '../../shared/rules/tasks';
import { SCORE_INPUT_TYPES, type FreshLoadCounts } from './bulkFill';
import {
  ACCOUNT_COLUMNS,
  ACTION_COLUMNS,
  DOC_COLUMNS,
  prepareChanges,
  type Change,
  type PreparedChange,
  type PreparedDoc,
  type Value,
} from './prepare';

export type { Change } from './prepare';

type Doc = NonNullable<Change['doc']>;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const updateAll = (columns: readonly string[]) =>
  columns.map((c) => `${c} = excluded.${c}`).join(', ');

/** The `docs` columns a new revision's row is compared on: not the id, nor the json. */
const COMPARED = DOC_COLUMNS.slice(1, -1);
const JSON_COLUMN = DOC_COLUMNS.length - 1;

/** A document's current `docs` row: its rowid and the compared columns. */
type PreviousRow = Record<(typeof COMPARED)[number], Value> & {
  n: number;
  type: string;
  account_id: string;
};

// Renewal date and ARR of an account follow from its active contracts, as shared/rules/renewal.ts
// and arr.ts define them: the earliest end date, and the sum of the contracts' ARR (the `amount`
// column, computed by contractArr) rounded to the cent. Type, status and account are all
// equalities, so each subquery is a lookup in a covering index (docs_health_activity,
// docs_health_amount); a unary + on status left the planner on docs_type_date, a scan of every
// contract for each account refreshed (an import of 1,000 accounts took seconds more each time).
const ACTIVE_ROW = activeContractSql();
export const REFRESH_RENEWAL = `
  UPDATE accounts SET
    renewal_date = (SELECT MIN(date) FROM docs
                    WHERE account_id = accounts.id AND type = 'contract' AND ${ACTIVE_ROW}),
    arr = COALESCE((SELECT ROUND(SUM(amount), 2) FROM docs
                    WHERE account_id = accounts.id AND type = 'contract' AND ${ACTIVE_ROW}),
                   0)`;

/** The same for every account at once, after a fresh load. */
const REFRESH_ALL_RENEWALS = `
  UPDATE accounts SET renewal_date = c.renewal_date, arr = c.arr
  FROM (SELECT account_id, MIN(date) AS renewal_date, ROUND(SUM(amount), 2) AS arr FROM docs
        WHERE type = 'contract' AND ${activeContractSql()} GROUP BY account_id) AS c
  WHERE c.account_id = accounts.id`;

export class Projector {
  private readonly insertDoc: Statement;
  /** UPDATE statements by the set of compared columns they set (a bit per COMPARED column). */
  private readonly updateDocs = new Map<number, Statement>();
  private readonly findDoc: Statement;
  private readonly deleteDoc: Statement;
  private readonly upsertAccount: Statement;
  private readonly deleteAccount: Statement;
  private readonly deleteFts: Statement;
  private readonly insertFts: Statement;
  private readonly deleteActions: Statement;
  private readonly insertAction: Statement;
  private readonly refreshRenewal: Statement;
  /** The ids a fresh load has written so far. */
  private readonly seen = new Set<string>();
  /** What a fresh load's bulk fills need beside the final rows (bulkFill.ts). */
  readonly freshCounts: FreshLoadCounts = { scoreInputWrites: 0 };

  /**
   * `fresh`: the tables start empty and see each document once (a rebuild), so the lookups of
   * earlier rows and the per-account renewal refresh are skipped; call finishFresh() at the end.
   */
  constructor(
    private readonly db: Database,
    private readonly titleOf: (doc: Doc) => string,
    private readonly fresh = false,
  ) {
    const docColumns = DOC_COLUMNS.join(', ');
    this.insertDoc = db.prepare(
      `INSERT INTO docs (${docColumns}) VALUES (${placeholders(DOC_COLUMNS.length)})`,
    );
    this.findDoc = db.prepare(`SELECT n, ${COMPARED.join(', ')} FROM docs WHERE id = ?`);
    this.deleteDoc = db.prepare('DELETE FROM docs WHERE id = ?');
    this.upsertAccount = db.prepare(`
      INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')})
      VALUES (${placeholders(ACCOUNT_COLUMNS.length)})
      ON CONFLICT (id) DO UPDATE SET ${updateAll(ACCOUNT_COLUMNS.slice(1))}`);
    this.deleteAccount = db.prepare('DELETE FROM accounts WHERE id = ?');
    this.deleteFts = db.prepare('DELETE FROM search WHERE rowid = ?');
    this.insertFts = db.prepare(
      'INSERT INTO search (rowid, title, body, type, account_id) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteActions = db.prepare('DELETE FROM action_items WHERE doc_id = ?');
    this.insertAction = db.prepare(`
      INSERT INTO action_items (doc_id, ${ACTION_COLUMNS.join(', ')})
      VALUES (${placeholders(ACTION_COLUMNS.length + 1)})`);
    this.refreshRenewal = db.prepare(`${REFRESH_RENEWAL} WHERE id = ?`);
  }

  /** Applies changes in order. */
  apply(changes: Change[]): void {
    this.applyPrepared(prepareChanges(changes, this.titleOf));
  }

  /** Applies changes prepared by prepareChanges() (on this thread or another), in order. */
  applyPrepared(changes: PreparedChange[]): void {
    const touchedContracts = new Set<string>();
    for (const change of changes) {
      // A fresh load looks up only the ids it has written before (a later revision).
      const known = !this.fresh || this.seen.has(change.id);
      if (this.fresh && !known) this.seen.add(change.id);
      const previous = known ? (this.findDoc.get(change.id) as PreviousRow | undefined) : undefined;
      if (previous?.type === 'contract') touchedContracts.add(previous.account_id);
      if (this.fresh) this.countScoreInputWrite(change, previous?.type);
      if (change.doc) {
        this.put(change.id, change.doc, previous);
        if (change.doc.type === 'contract') touchedContracts.add(change.doc.accountId);
      } else {
        this.remove(change.id, previous);
      }
    }
    if (this.fresh) return;
    for (const accountId of touchedContracts) this.refreshRenewal.run(accountId);
  }

  /** The requirement_version triggers' condition, for the write this change makes. */
  private countScoreInputWrite(change: PreparedChange, previousType: string | undefined): void {
    const type = change.doc?.type;
    // No previous row and no document: nothing is written, no trigger fires.
    const bumps =
      (previousType !== undefined && SCORE_INPUT_TYPES.has(previousType)) ||
      (type !== undefined && SCORE_INPUT_TYPES.has(type));
    if (bumps) this.freshCounts.scoreInputWrites++;
  }

  /** After a fresh load: renewal dates and ARR of every account in one statement. */
  finishFresh(): void {
    this.db.exec(REFRESH_ALL_RENEWALS);
  }

  private remove(id: string, previous: PreviousRow | undefined): void {
    if (!previous) return;
    this.deleteFts.run(previous.n);
    this.deleteActions.run(id);
    this.deleteDoc.run(id);
    if (previous.type === 'account') this.deleteAccount.run(id);
  }

  private put(id: string, doc: PreparedDoc, previous: PreviousRow | undefined): void {
    // A document's first revision is a plain insert: no row to conflict with.
    const n = previous
      ? this.update(previous, doc.row)
      : Number(this.insertDoc.run(doc.row).lastInsertRowid);
    if (previous) this.deleteFts.run(n);
    if (doc.search) this.insertFts.run(n, doc.search[0], doc.search[1], doc.type, doc.accountId);
    if (doc.account) {
      this.upsertAccount.run(doc.account);
      if (!this.fresh) this.refreshRenewal.run(id);
    }
    // Only a previous revision of a type that holds tasks has action items to replace (a new
    // document, or most of a fresh load, has none).
    if (previous && taskSourceOf(previous.type)) this.deleteActions.run(id);
    for (const action of doc.actions) this.insertAction.run(id, ...action);
  }

  /**
   * Writes a new revision's row over its previous one, setting only the columns that moved
   * (and the json): SQLite then rewrites only the indexes over those, where setting every
   * column rewrote all nine of `docs`' indexes (most of an update's cost). No trigger on `docs`
   * names columns (`UPDATE OF`), so each fires as it did. Returns the row's rowid.
   */
  private update(previous: PreviousRow, row: Value[]): number {
    let moved = 0;
    const values: Value[] = [];
    COMPARED.forEach((column, i) => {
      if (previous[column] === row[i + 1]) return;
      moved |= 1 << i;
      values.push(row[i + 1]);
    });
    let statement = this.updateDocs.get(moved);
    if (!statement) {
      const set = COMPARED.filter((_, i) => moved & (1 << i)).map((c) => `${c} = ?, `);
      statement = this.db.prepare(`UPDATE docs SET ${set.join('')}json = ? WHERE n = ?`);
      this.updateDocs.set(moved, statement);
    }
    statement.run(...values, row[JSON_COLUMN], previous.n);
    return previous.n;
  }
}
