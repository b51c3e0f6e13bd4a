// The first pull into an empty store, in bulk: pages of `_all_docs?include_docs&conflicts`
// (every winning revision, plus the conflicting ones by `_bulk_get`), written with
// `new_edits: false`. It skips the per-change round trips of the replication protocol
// (changes, revs_diff, bulk_get), which an empty store does not need. Replication then continues
// from the server's sequence taken before the first page, so nothing written meanwhile is missed.
// After each page a mark records where it got to, so a pull cut short (the server died, the
// run gave up) resumes at the next page instead of starting over; once the last page is in, the
// mark keeps the starting sequence until the replication that follows has caught up.
import type { Store } from '../store/store';
import { CouchHttp, type CouchCredentials } from './couchHttp';
import { isReplicated } from './localOnly';

type Doc = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[] };

export const BULK_PAGE = 5000;
/**
 * The files of a page are fetched in batches of about this many bytes (by the stubs' `length`),
 * several at a time while the documents without files and the batches before are written, so
 * no response holds a whole page of files and the download, its parse and the writes overlap.
 */
export const FILE_BATCH_BYTES = 2 * 1024 * 1024;
/** How many of those batches are asked for at a time. */
export const FILE_BATCHES_IN_FLIGHT = 4;

/** Splits documents with files into batches of at most `limit` bytes (one document at least). */
export function batchesByBytes<T extends Record<string, unknown>>(
  docs: T[],
  limit = FILE_BATCH_BYTES,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const stubs = Object.values((doc._attachments ?? {}) as Record<string, { length?: number }>);
    const size = stubs.reduce((sum, a) => sum + (Number(a.length) || 0), 0);
    if (current.length > 0 && bytes + size > limit) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(doc);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** How far an unfinished bulk pull got, per server database (a `_local` document: not synced). */
const MARK_DOC = '_local/csm-bulk-pull';

interface BulkMark {
  /** `<url>/<db>` of the team database being pulled. */
  source: string;
  /** The server's sequence taken before the first page: replication continues from it. */
  since: string | number;
  /** The id of the last document of the last page written. */
  lastId: string;
  docs: number;
  /** The local sequence after that page, and whether only this pull had written until then. */
  seq: number;
  contiguous: boolean;
  /** Every page is in: only the replication from `since` is left. */
  finished: boolean;
}

type MarkDoc = BulkMark & { _id: string; _rev?: string };

async function readMark(local: PouchDB.Database, source: string): Promise<MarkDoc | null> {
  const doc = (await local.get(MARK_DOC).catch(() => null)) as MarkDoc | null;
  return doc && doc.source === source ? doc : null;
}

/**
 * Forgets the bulk pull once the pull replication has caught up (after the bulk pull, or in its
 * place when the bulk pull failed): there is nothing left to resume.
 */
export async function clearBulkPullMark(local: PouchDB.Database): Promise<void> {
  const doc = (await local.get(MARK_DOC).catch(() => null)) as MarkDoc | null;
  if (!doc?._rev) return;
  await local
    .remove({ _id: MARK_DOC, _rev: doc._rev } as PouchDB.Core.RemoveDocument)
    .catch((error: { status?: number }) => {
      // Cleared meanwhile (the end of a run and the caught-up event both clear it): the goal.
      if (error?.status !== 404) throw error;
    });
}

/** True when a bulk pull from this server database was cut short or not yet followed up. */
export async function unfinishedBulkPull(
  local: PouchDB.Database,
  url: string,
  db: string,
): Promise<boolean> {
  return (await readMark(local, `${url.replace(/\/+$/, '')}/${db}`)) !== null;
}

export interface BulkPullResult {
  /** Continue the pull replication from here. */
  since: string | number;
  docs: number;
  /**
   * The local sequence after the last write, when nothing else wrote in between: the push can
   * start there, since everything before it came from the server.
   */
  pushSince: number | null;
}

/** Writes one page of replicated revisions through the store (see Store.writeReplicated). */
export function writeReplicated(store: Store, docs: Record<string, unknown>[]): Promise<void> {
  return store.writeReplicated(docs);
}

export interface BulkPullOptions {
  local: PouchDB.Database;
  /** Writes one page of replicated revisions (see writeReplicated). */
  write: (docs: Record<string, unknown>[]) => Promise<void>;
  url: string;
  db: string;
  credentials: CouchCredentials;
  onProgress: (done: number, total: number) => void;
  /** Stops between pages (sync stopped). */
  cancelled: () => boolean;
  /**
   * Whether the user may read the files of an account (default: every account). Attachment
   * documents of the others are left out, as the pull selector leaves them out.
   */
  filesOf?: (accountKey: string) => boolean;
}

const ATTACHMENT_DOC = /^attachment:([0-9A-Za-z]{1,64}):/;

/** Whether a document is taken: replicated, and no file the user may not read. */
function taken(id: string, filesOf: ((key: string) => boolean) | undefined): boolean {
  if (!isReplicated(id)) return false;
  const file = ATTACHMENT_DOC.exec(id);
  return !file || !filesOf || filesOf(file[1]);
}

/**
 * The documents that carry files, again with their bytes: `_all_docs` gives only stubs, and a
 * stub without its data cannot be written into an empty store.
 */
async function withFiles(http: CouchHttp, db: string, docs: Doc[]): Promise<Doc[]> {
  const wanted = docs.filter((d) => d._attachments).map((d) => ({ id: d._id, rev: d._rev }));
  if (wanted.length === 0) return docs;
  const response = await http.request('POST', `${db}/_bulk_get?revs=true&attachments=true`, {
    docs: wanted,
  });
  const results = (response.body.results ?? []) as { docs: { ok?: Doc }[] }[];
  const full = new Map<string, Doc>();
  for (const r of results)
    for (const d of r.docs) if (d.ok) full.set(`${d.ok._id} ${d.ok._rev}`, d.ok);
  return docs.map((d) => {
    if (!d._attachments) return d;
    const got = full.get(`${d._id} ${d._rev}`);
    if (!got) throw new Error(`the server did not give the files of ${d._id}`);
    return { ...got, ...(d._conflicts ? { _conflicts: d._conflicts } : {}) };
  });
}

async function fetchConflicts(http: CouchHttp, db: string, docs: Doc[]): Promise<Doc[]> {
  const wanted = docs.flatMap((d) => (d._conflicts ?? []).map((rev) => ({ id: d._id, rev })));
  if (wanted.length === 0) return [];
  const response = await http.request('POST', `${db}/_bulk_get?revs=true&attachments=true`, {
    docs: wanted,
  });
  const results = (response.body.results ?? []) as { docs: { ok?: Doc }[] }[];
  return results.flatMap((r) => r.docs.flatMap((d) => (d.ok ? [d.ok] : [])));
}

export async function bulkFirstPull(options: BulkPullOptions): Promise<BulkPullResult> {
  const http = new CouchHttp(options.url, options.credentials, 120_000);
  const db = encodeURIComponent(options.db);
  const source = `${options.url.replace(/\/+$/, '')}/${options.db}`;
  const info = await http.request('GET', db);
  const total = Number(info.body.doc_count ?? 0);
  let seq = Number((await options.local.info()).update_seq);
  const mark = await readMark(options.local, source);
  // Resuming keeps the first run's starting sequence: what changed since is replicated after.
  const since = mark ? mark.since : (info.body.update_seq as string | number);
  let contiguous = mark ? mark.contiguous && mark.seq === seq : seq === 0;
  let done = mark?.docs ?? 0;
  let markRev = mark?._rev;
  options.onProgress(done, Math.max(total, done));
  const saveMark = async (lastId: string, finished: boolean) => {
    const fields: BulkMark = { source, since, lastId, docs: done, seq, contiguous, finished };
    const saved = await options.local.put({
      _id: MARK_DOC,
      ...(markRev ? { _rev: markRev } : {}),
      ...fields,
    } as PouchDB.Core.PutDocument<object>);
    markRev = saved.rev;
  };
  if (mark?.finished) return { since, docs: done, pushSince: contiguous ? seq : null };

  const page = (startAfter: string | null) =>
    http.request(
      'GET',
      `${db}/_all_docs?include_docs=true&conflicts=true&limit=${BULK_PAGE}` +
        (startAfter === null
          ? ''
          : `&startkey=${encodeURIComponent(JSON.stringify(startAfter))}&skip=1`),
    );
  let lastId = mark?.lastId ?? null;
  let next = page(lastId);
  next.catch(() => undefined);
  for (;;) {
    const response = await next;
    const rows = (response.body.rows ?? []) as { id: string; doc?: Doc }[];
    if (rows.length === 0) {
      await saveMark(lastId ?? '', true);
      break;
    }
    // Fetch the next page while this one is written.
    next =
      rows.length === BULK_PAGE
        ? page(rows[rows.length - 1].id)
        : Promise.resolve({ status: 200, body: { rows: [] } });
    // Awaited at the top of the loop; until then a failure must not count as unhandled.
    next.catch(() => undefined);
    // Documents each machine computes for itself are not taken (localOnly.ts).
    // So are files the user may not read (the server refuses them).
    const docs = rows.flatMap((r) => (r.doc && taken(r.doc._id, options.filesOf) ? [r.doc] : []));
    // The documents without files are written while the first batches of files are fetched (a
    // few at a time, so a page of large files is never in memory at once); each further batch
    // is asked for as one is written.
    const batches = batchesByBytes(docs.filter((d) => d._attachments));
    const fetchBatch = (i: number) => {
      if (i >= batches.length) return null;
      const got = withFiles(http, db, batches[i]);
      // Awaited in turn below; until then a failure must not count as unhandled.
      got.catch(() => undefined);
      return got;
    };
    const fetching = batches.map((_, i) => (i < FILE_BATCHES_IN_FLIGHT ? fetchBatch(i) : null));
    let written = 0;
    const writePart = async (part: Doc[]) => {
      if (part.length === 0) return;
      const extra = await fetchConflicts(http, db, part);
      await options.write([...part.map(({ _conflicts: _c, ...d }) => d), ...extra]);
      written += part.length + extra.length;
    };
    await writePart(docs.filter((d) => !d._attachments));
    for (let i = 0; i < batches.length; i += 1) {
      const got = await fetching[i]!;
      fetching[i + FILE_BATCHES_IN_FLIGHT] ??= fetchBatch(i + FILE_BATCHES_IN_FLIGHT);
      await writePart(got);
    }
    const after = Number((await options.local.info()).update_seq);
    if (after !== seq + written) contiguous = false;
    seq = after;
    done += docs.length;
    lastId = rows[rows.length - 1].id;
    await saveMark(lastId, rows.length < BULK_PAGE);
    options.onProgress(done, Math.max(total, done));
    if (options.cancelled() || rows.length < BULK_PAGE) break;
  }
  return { since, docs: done, pushSince: contiguous ? seq : null };
}
