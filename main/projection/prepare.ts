// The rows a document gives, computed from the document alone: no database, so the loader
// thread (loader.ts) computes them from the documents' JSON, which is all the thread reading the
// changes feed sends it: that thread, the rebuild's critical path, only stringifies.
import { tiers } from '../../shared/domain/entities/account';
import { issuePriorities } from '../../shared/domain/entities/issue';
import { contractArr } from '../../shared/rules/arr';
import { normaliseIndustry } from '../../shared/rules/industry';
import { TASK_LISTS, taskSourceOf } from '../../shared/rules/tasks';
import { searchBody, UNSEARCHED_TYPES } from './searchText';
import { toIndexText } from './tokenize';

export interface Change {
  id: string;
  deleted?: boolean;
  doc?: Record<string, unknown> & { _id: string; _rev?: string; _conflicts?: string[] };
}

type Doc = NonNullable<Change['doc']>;
export type Value = string | number | null;

/** The `docs` columns a prepared row holds, in its order. */
export const DOC_COLUMNS = [
  'id',
  'type',
  'account_id',
  'rev',
  'title',
  'status',
  'priority',
  'owner',
  'date',
  'due_date',
  'amount',
  'updated_at',
  'conflicts',
  'json',
] as const;

/** The `accounts` columns of an account document's row, in its order. */
export const ACCOUNT_COLUMNS = [
  'id',
  'name',
  'name_en',
  'tier',
  'tier_rank',
  'stage',
  'owner_csm',
  'consultant',
  'risk',
  'industry',
  'region',
  'updated_at',
] as const;

/** The `action_items` columns of a task row after `doc_id`, in its order. */
export const ACTION_COLUMNS = [
  'item_key',
  'account_id',
  'title',
  'owner',
  'due_date',
  'done',
  'source',
  'starts_on',
  'comments',
] as const;

export interface PreparedDoc {
  type: string;
  accountId: string;
  /** The `docs` row, DOC_COLUMNS. */
  row: Value[];
  /** The index text of title and body; null for a type search leaves out. */
  search: [string, string] | null;
  /** The `accounts` row (ACCOUNT_COLUMNS) of an account document. */
  account: Value[] | null;
  /** The `action_items` rows (ACTION_COLUMNS) of a type that holds tasks. */
  actions: Value[][];
}

/** A change ready to write: a document's rows, or a deletion (`doc` null). */
export interface PreparedChange {
  id: string;
  doc: PreparedDoc | null;
}

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

/** The list columns of one document by type: status, priority, owner, date, due_date, amount. */
function columns(type: string, doc: Doc): Value[] {
  switch (type) {
    case 'issue':
      return [
        str(doc.status),
        issuePriorities.indexOf(doc.priority as (typeof issuePriorities)[number]),
        str(doc.owner),
        str(doc.raisedOn),
        str(doc.dueDate),
        null,
      ];
    case 'visit':
      return [str(doc.status), null, null, str(doc.date), str(doc.nextVisitOn), null];
    case 'contract':
      return [str(doc.status), null, null, str(doc.endDate), null, arrColumn(doc)];
    case 'riskCase':
      return [
        str(doc.status),
        ['high', 'medium', 'low'].indexOf(String(doc.level)),
        null,
        str(doc.openedOn),
        null,
        null,
      ];
    case 'opportunity':
      return [str(doc.stage), null, null, str(doc.expectedCloseOn), null, num(doc.value)];
    case 'projectPlan':
      return [null, null, null, str(doc.goLiveOn), null, null];
    case 'successPlan':
      return [null, null, null, `${num(doc.year) ?? 0}-01-01`, null, null];
    case 'timeline':
      return [null, null, str(doc.by), str(doc.at), null, null];
    case 'task':
      return [
        doc.done ? 'done' : 'open',
        null,
        str(doc.owner),
        str(doc.dueDate),
        str(doc.dueDate),
        null,
      ];
    case 'touchpoint':
    case 'usageReading':
    case 'survey':
      return [null, null, null, str(doc.date), null, null];
    default:
      return [null, null, null, null, null, null];
  }
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

function accountRow(doc: Doc, title: string): Value[] {
  const tier = str(doc.tier) ?? 'ordinary';
  return [
    doc._id,
    title,
    str(doc.nameEn),
    tier,
    tiers.indexOf(tier as (typeof tiers)[number]),
    str(doc.lifecycleStage),
    str(doc.ownerCsm),
    str(doc.consultant),
    str(doc.riskLevel),
    // One value per industry, also for documents written before it was normalised.
    normaliseIndustry(str(doc.industry)) ?? null,
    str(doc.region),
    str(doc.updatedAt) ?? '',
  ];
}

function actionRows(type: string, doc: Doc, accountId: string): Value[][] {
  const source = taskSourceOf(type);
  if (!source) return [];
  const { list, title: titleField } = TASK_LISTS[source];
  const items = list ? doc[list] : [{ ...doc, key: '' }];
  if (!Array.isArray(items)) return [];
  const startsOn =
    type === 'visit' ? str(doc.date) : type === 'riskCase' ? str(doc.openedOn) : null;
  return (items as Record<string, unknown>[]).map((item) => [
    String(item.key),
    accountId,
    String(item[titleField] ?? ''),
    str(item.owner),
    str(item.dueDate),
    item.done ? 1 : 0,
    source,
    startsOn,
    Array.isArray(item.comments) ? item.comments.length : 0,
  ]);
}

/** The rows of one document. */
export function prepareDoc(
  doc: Doc,
  titleOf: (doc: Doc) => string,
  json = canonicalJson(doc),
): PreparedDoc {
  const type = String(doc.type ?? '');
  const accountId = String(doc.accountId ?? '');
  const title = type ? titleOf(doc) : '';
  return {
    type,
    accountId,
    row: [
      doc._id,
      type,
      accountId,
      doc._rev ?? '',
      title,
      ...columns(type, doc),
      str(doc.updatedAt) ?? '',
      doc._conflicts?.length ? 1 : 0,
      json,
    ],
    search: UNSEARCHED_TYPES.has(type) ? null : [toIndexText(title), toIndexText(searchBody(doc))],
    account: type === 'account' ? accountRow(doc, title) : null,
    actions: actionRows(type, doc, accountId),
  };
}

/** The changes a projection writes (not PouchDB's own `_design`/`_local` ones), prepared. */
export function prepareChanges(changes: Change[], titleOf: (doc: Doc) => string): PreparedChange[] {
  const prepared: PreparedChange[] = [];
  for (const change of changes) {
    if (change.id.startsWith('_')) continue;
    prepared.push({
      id: change.id,
      doc: change.deleted || !change.doc ? null : prepareDoc(change.doc, titleOf),
    });
  }
  return prepared;
}

/** A change as another thread receives it: the id and the document's canonical JSON. */
export interface SerializedChange {
  id: string;
  /** null for a deletion. */
  json: string | null;
}

/**
 * The changes a projection writes, as strings: one JSON string clones to another thread much
 * cheaper than a document tree, and it is the `json` column the loader stores as it is.
 */
export function serializeChanges(changes: Change[]): SerializedChange[] {
  const serialized: SerializedChange[] = [];
  for (const change of changes) {
    if (change.id.startsWith('_')) continue;
    serialized.push({
      id: change.id,
      json: change.deleted || !change.doc ? null : canonicalJson(change.doc),
    });
  }
  return serialized;
}

/** Serialized changes prepared on the thread that received them. */
export function prepareSerialized(
  changes: SerializedChange[],
  titleOf: (doc: Doc) => string,
): PreparedChange[] {
  return changes.map(({ id, json }) => ({
    id,
    doc: json === null ? null : prepareDoc(JSON.parse(json) as Doc, titleOf, json),
  }));
}
