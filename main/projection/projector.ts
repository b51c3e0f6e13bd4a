// Writes documents into the projection's tables. Idempotent: applying the same change twice
// leaves the same rows, so replaying the changes feed from an older checkpoint is safe.
import type { Database, Statement } from 'better-sqlite3';
import { tiers } from '../../shared/domain/entities/account';
import { issuePriorities } from '../../shared/domain/entities/issue';
import { contractArr } from '../../shared/rules/arr';
import { activeContractSql } from '../../shared/rules/renewal';
import { TASK_LISTS, taskSourceOf } from '../../shared/rules/tasks';
import { SCORE_INPUT_TYPES, type FreshLoadCounts } from './bulkFill';
import { searchBody, UNSEARCHED_TYPES } from './searchText';
import { toIndexText } from './tokenize';
import { normaliseIndustry } from '../../shared/rules/industry';

export interface Change {
  id: string;
  deleted?: boolean;
  doc?: Record<string, unknown> & { _id: string; _rev?: string; _conflicts?: string[] };
}

type Doc = NonNullable<Change['doc']>;
type Row = Record<string, string | number | null>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A contract document's ARR by the one rule (shared/rules/arr.ts); null without its terms. */
function arrColumn(doc: Doc): number | null {
  const amount = num(doc.amount);
  const startDate = str(doc.startDate);
  const endDate = str(doc.endDate);
  // Stored contracts are validated (end on or after start); a malformed one carries no ARR.
  if (amount === null || !startDate || !endDate || endDate < startDate) return null;
  return contractArr({ amount, startDate, endDate });
}

/** The list columns of one document, by type. */
function columns(doc: Doc): Row {
  const type = String(doc.type);
  const row: Row = {
    status: null,
    priority: null,
    owner: null,
    date: null,
    due_date: null,
    amount: null,
  };
  switch (type) {
    case 'issue':
      row.status = str(doc.status);
      row.priority = issuePriorities.indexOf(doc.priority as (typeof issuePriorities)[number]);
      row.owner = str(doc.owner);
      row.date = str(doc.raisedOn);
      row.due_date = str(doc.dueDate);
      break;
    case 'visit':
      row.status = str(doc.status);
      row.date = str(doc.date);
      row.due_date = str(doc.nextVisitOn);
      break;
    case 'contract':
      row.status = str(doc.status);
      row.date = str(doc.endDate);
      row.amount = arrColumn(doc);
      break;
    case 'riskCase':
      row.status = str(doc.status);
      row.priority = ['high', 'medium', 'low'].indexOf(String(doc.level));
      row.date = str(doc.openedOn);
      break;
    case 'opportunity':
      row.status = str(doc.stage);
      row.date = str(doc.expectedCloseOn);
      row.amount = num(doc.value);
      break;
    case 'projectPlan':
      row.date = str(doc.goLiveOn);
      break;
    case 'successPlan':
      row.date = `${num(doc.year) ?? 0}-01-01`;
      break;
    case 'timeline':
      row.date = str(doc.at);
      row.owner = str(doc.by);
      break;
    case 'task':
      row.status = doc.done ? 'done' : 'open';
      row.owner = str(doc.owner);
      row.date = str(doc.dueDate);
      row.due_date = str(doc.dueDate);
      break;
    case 'touchpoint':
    case 'usageReading':
    case 'survey':
      row.date = str(doc.date);
      break;
  }
  return row;
}

/** The same JSON whichever path a document came by (a direct write or the changes feed). */
function canonicalJson(doc: Doc): string {
  // Documents read from PouchDB have _id and _rev (and _conflicts) last already: stringified
  // as they are (a copy without them, then with them at the end, was a tenth of a rebuild).
  const keys = Object.keys(doc);
  const n = keys.length;
  const last =
    !('_attachments' in doc) &&
    (doc._conflicts?.length
      ? keys[n - 3] === '_id' && keys[n - 2] === '_rev' && keys[n - 1] === '_conflicts'
      : !('_conflicts' in doc) && keys[n - 2] === '_id' && keys[n - 1] === '_rev');
  if (last) return JSON.stringify(doc);
  // Attachments stay in PouchDB: neither their bytes (a replicated or restored document carries
  // them as base64) nor their stubs come into SQLite; an attachment document's own fields say
  // its name, type and size.
  const { _id, _rev, _conflicts, _attachments: _files, ...rest } = doc;
  return JSON.stringify(
    _conflicts?.length ? { ...rest, _id, _rev, _conflicts } : { ...rest, _id, _rev },
  );
}

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
  private readonly upsertDoc: Statement;
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
    this.upsertDoc = db.prepare(`
      INSERT INTO docs (id, type, account_id, rev, title, status, priority, owner, date, due_date,
                        amount, updated_at, conflicts, json)
      VALUES (@id, @type, @account_id, @rev, @title, @status, @priority, @owner, @date, @due_date,
              @amount, @updated_at, @conflicts, @json)
      ON CONFLICT (id) DO UPDATE SET type = excluded.type, account_id = excluded.account_id,
        rev = excluded.rev, title = excluded.title, status = excluded.status,
        priority = excluded.priority, owner = excluded.owner, date = excluded.date,
        due_date = excluded.due_date, amount = excluded.amount, updated_at = excluded.updated_at,
        conflicts = excluded.conflicts, json = excluded.json
      RETURNING n`);
    this.findDoc = db.prepare('SELECT n, type, account_id FROM docs WHERE id = ?');
    this.deleteDoc = db.prepare('DELETE FROM docs WHERE id = ?');
    this.upsertAccount = db.prepare(`
      INSERT INTO accounts (id, name, name_en, tier, tier_rank, stage, owner_csm, consultant, risk,
                            industry, region, updated_at)
      VALUES (@id, @name, @name_en, @tier, @tier_rank, @stage, @owner_csm, @consultant, @risk,
              @industry, @region, @updated_at)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
        tier = excluded.tier, tier_rank = excluded.tier_rank, stage = excluded.stage,
        owner_csm = excluded.owner_csm, consultant = excluded.consultant, risk = excluded.risk,
        industry = excluded.industry, region = excluded.region, updated_at = excluded.updated_at`);
    this.deleteAccount = db.prepare('DELETE FROM accounts WHERE id = ?');
    this.deleteFts = db.prepare('DELETE FROM search WHERE rowid = ?');
    this.insertFts = db.prepare(
      'INSERT INTO search (rowid, title, body, type, account_id) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteActions = db.prepare('DELETE FROM action_items WHERE doc_id = ?');
    this.insertAction = db.prepare(`
      INSERT INTO action_items (doc_id, item_key, account_id, title, owner, due_date, done,
                                source, starts_on, comments)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.refreshRenewal = db.prepare(`${REFRESH_RENEWAL} WHERE id = ?`);
  }

  /** Applies changes in order; returns the accounts whose contracts changed. */
  apply(changes: Change[]): void {
    const touchedContracts = new Set<string>();
    for (const change of changes) {
      if (change.id.startsWith('_')) continue;
      // A fresh load looks up only the ids it has written before (a later revision).
      const known = !this.fresh || this.seen.has(change.id);
      if (this.fresh && !known) this.seen.add(change.id);
      const previous = known
        ? (this.findDoc.get(change.id) as
            { n: number; type: string; account_id: string } | undefined)
        : undefined;
      if (previous?.type === 'contract') touchedContracts.add(previous.account_id);
      if (this.fresh) this.countScoreInputWrite(change, previous?.type);
      if (change.deleted || !change.doc) {
        this.remove(change.id, previous);
      } else {
        this.put(change.doc, previous?.n);
        if (change.doc.type === 'contract') touchedContracts.add(String(change.doc.accountId));
      }
    }
    if (this.fresh) return;
    for (const accountId of touchedContracts) this.refreshRenewal.run(accountId);
  }

  /** The requirement_version triggers' condition, for the write this change makes. */
  private countScoreInputWrite(change: Change, previousType: string | undefined): void {
    const type = change.deleted || !change.doc ? undefined : String(change.doc.type ?? '');
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

  private remove(id: string, previous: { n: number; type: string } | undefined): void {
    if (!previous) return;
    this.deleteFts.run(previous.n);
    this.deleteActions.run(id);
    this.deleteDoc.run(id);
    if (previous.type === 'account') this.deleteAccount.run(id);
  }

  private put(doc: Doc, previousN: number | undefined): void {
    const type = String(doc.type ?? '');
    const accountId = String(doc.accountId ?? '');
    const title = type ? this.titleOf(doc) : '';
    const { n } = this.upsertDoc.get({
      id: doc._id,
      type,
      account_id: accountId,
      rev: doc._rev ?? '',
      title,
      ...columns(doc),
      updated_at: str(doc.updatedAt) ?? '',
      conflicts: doc._conflicts?.length ? 1 : 0,
      json: canonicalJson(doc),
    }) as { n: number };
    if (previousN !== undefined) this.deleteFts.run(previousN);
    if (!UNSEARCHED_TYPES.has(type))
      this.insertFts.run(n, toIndexText(title), toIndexText(searchBody(doc)), type, accountId);

    if (type === 'account') {
      const tier = str(doc.tier) ?? 'ordinary';
      this.upsertAccount.run({
        id: doc._id,
        name: title,
        name_en: str(doc.nameEn),
        tier,
        tier_rank: tiers.indexOf(tier as (typeof tiers)[number]),
        stage: str(doc.lifecycleStage),
        owner_csm: str(doc.ownerCsm),
        consultant: str(doc.consultant),
        risk: str(doc.riskLevel),
        // One value per industry, also for documents written before it was normalised.
        industry: normaliseIndustry(str(doc.industry)) ?? null,
        region: str(doc.region),
        updated_at: str(doc.updatedAt) ?? '',
      });
      if (!this.fresh) this.refreshRenewal.run(doc._id);
    }
    // A fresh load sees most documents once; one it saw before (a later revision in the same
    // load) has its earlier action items replaced.
    if (!this.fresh || previousN !== undefined) this.deleteActions.run(doc._id);
    const source = taskSourceOf(type);
    if (!source) return;
    const { list, title: titleField } = TASK_LISTS[source];
    const items = list ? doc[list] : [{ ...doc, key: '' }];
    const startsOn =
      type === 'visit' ? str(doc.date) : type === 'riskCase' ? str(doc.openedOn) : null;
    if (Array.isArray(items)) {
      for (const item of items as Record<string, unknown>[]) {
        this.insertAction.run(
          doc._id,
          String(item.key),
          accountId,
          String(item[titleField] ?? ''),
          str(item.owner),
          str(item.dueDate),
          item.done ? 1 : 0,
          source,
          startsOn,
          Array.isArray(item.comments) ? item.comments.length : 0,
        );
      }
    }
  }
}
