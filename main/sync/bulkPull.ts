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
/**
 * How many of those batches may be asked for or in hand, not yet written, at a time: the bound
 * on the bytes of files in memory (about 16 MB of base64).
 */
export const FILE_BATCHES_IN_FLIGHT = 8;
/** How many batches in hand one write takes (each write is one sync). */
export const FILE_BATCHES_PER_WRITE = 4;
/**
 * How many listed pages may be unfinished at once: the documents of the next pages are written
 * while the files of the first are still arriving, so neither the server nor the writer waits.
 */
export const PAGES_AHEAD = 3;

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
  /**
   * The local sequence after this pull's last write (pages written ahead of `lastId` too), and
   * whether only this pull had written until then.
   */
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
 * A document's files as bytes rather than base64: PouchDB takes a Buffer as it is, where from
 * base64 it decodes, encodes again to check and converts through a binary string.
 */
function asBytes(doc: Doc): Doc {
  const files = doc._attachments as Record<string, { data?: unknown }> | undefined;
  if (!files) return doc;
  const converted: Record<string, unknown> = {};
  for (const [name, file] of Object.entries(files)) {
    converted[name] =
      typeof file.data === 'string' ? { ...file, data: Buffer.from(file.data, 'base64') } : file;
  }
  return { ...doc, _attachments: converted };
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
    return { ...asBytes(got), ...(d._conflicts ? { _conflicts: d._conflicts } : {}) };
  });
}

async function fetchConflicts(http: CouchHttp, db: string, docs: Doc[]): Promise<Doc[]> {
  const wanted = docs.flatMap((d) => (d._conflicts ?? []).map((rev) => ({ id: d._id, rev })));
  if (wanted.length === 0) return [];
  const response = await http.request('POST', `${db}/_bulk_get?revs=true&attachments=true`, {
    docs: wanted,
  });
  const results = (response.body.results ?? []) as { docs: { ok?: Doc }[] }[];
  return results.flatMap((r) => r.docs.flatMap((d) => (d.ok ? [asBytes(d.ok)] : [])));
}

/** One part of a listed page to write: its documents without files, or one batch with files. */
interface Part {
  /** Ready to write (the documents without files, or a batch whose bytes have arrived). */
  docs: Doc[] | null;
  /** A batch with files: the stubs from the listing, until the fetch gives the bytes. */
  stubs: Doc[] | null;
  fetching: Promise<void> | null;
  written: boolean;
}

interface Page {
  lastId: string;
  /** Documents taken from this page (progress and the mark count them). */
  taken: number;
  parts: Part[];
  /** Fewer rows than a page: the listing ends here. */
  last: boolean;
}

function pageOf(rows: { id: string; doc?: Doc }[], filesOf: BulkPullOptions['filesOf']): Page {
  // Documents each machine computes for itself are not taken (localOnly.ts).
  // So are files the user may not read (the server refuses them).
  const docs = rows.flatMap((r) => (r.doc && taken(r.doc._id, filesOf) ? [r.doc] : []));
  const plain = docs.filter((d) => !d._attachments);
  const parts: Part[] = [];
  if (plain.length > 0) parts.push({ docs: plain, stubs: null, fetching: null, written: false });
  for (const batch of batchesByBytes(docs.filter((d) => d._attachments))) {
    parts.push({ docs: null, stubs: batch, fetching: null, written: false });
  }
  return {
    lastId: rows[rows.length - 1].id,
    taken: docs.length,
    parts,
    last: rows.length < BULK_PAGE,
  };
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

  // Listed pages not yet complete, in order. Later pages' documents are written while an
  // earlier page's files are still on their way, but the mark only passes a page once it and
  // every page before it are written, so a resumed pull never skips a file.
  const pages: Page[] = [];
  let listedUpTo = mark?.lastId ?? null;
  let listing: Promise<void> | null = null;
  let exhausted = false;
  /** Batches of files asked for or in hand, not yet written. */
  let inHand = 0;
  let failure: unknown = null;
  // Wakes the writer when a page is listed or a batch of files arrives.
  let wake: () => void = () => undefined;
  const woken = () => new Promise<void>((resolve) => (wake = resolve));

  const list = () => {
    const startAfter = listedUpTo;
    listing = http
      .request(
        'GET',
        `${db}/_all_docs?include_docs=true&conflicts=true&limit=${BULK_PAGE}` +
          (startAfter === null
            ? ''
            : `&startkey=${encodeURIComponent(JSON.stringify(startAfter))}&skip=1`),
      )
      .then((response) => {
        const rows = (response.body.rows ?? []) as { id: string; doc?: Doc }[];
        if (rows.length === 0) exhausted = true;
        else {
          const page = pageOf(rows, options.filesOf);
          pages.push(page);
          listedUpTo = page.lastId;
          if (page.last) exhausted = true;
        }
      })
      .catch((error: unknown) => void (failure ??= error))
      .finally(() => {
        listing = null;
        wake();
      });
  };
  // Files are asked for in page order, a few batches at a time, whatever is being written.
  const fetchFiles = () => {
    for (const page of pages) {
      for (const part of page.parts) {
        if (inHand >= FILE_BATCHES_IN_FLIGHT) return;
        if (!part.stubs || part.fetching) continue;
        const stubs = part.stubs;
        inHand += 1;
        part.fetching = withFiles(http, db, stubs)
          .then((docs) => {
            part.docs = docs;
            part.stubs = null;
          })
          .catch((error: unknown) => void (failure ??= error))
          .finally(() => wake());
      }
    }
  };
  /**
   * The first part, in page order, whose documents are in hand, with the batches of files
   * after it that are in hand too (one write for several: fewer syncs).
   */
  const nextParts = (): Part[] => {
    for (const page of pages) {
      const at = page.parts.findIndex((p) => !p.written && p.docs);
      if (at === -1) continue;
      const parts = [page.parts[at]];
      if (!parts[0].fetching) return parts;
      for (const p of page.parts.slice(at + 1)) {
        if (p.written || !p.docs || parts.length >= FILE_BATCHES_PER_WRITE) break;
        parts.push(p);
      }
      return parts;
    }
    return [];
  };
  /** Whether every change after `since` is one of these documents. */
  const onlyThese = async (since: number, ...written: Doc[][]): Promise<boolean> => {
    const ids = new Set(written.flat().map((d) => d._id));
    const feed = await options.local.changes({ since, limit: ids.size + 1 });
    return feed.results.every((r) => ids.has(r.id));
  };
  // The id of the last page marked complete: a resumed pull lists the pages after it.
  let markedId = mark?.lastId ?? null;
  const writeParts = async (parts: Part[]) => {
    const docs = parts.flatMap((p) => p.docs!);
    const extra = await fetchConflicts(http, db, docs);
    await options.write([...docs.map(({ _conflicts: _c, ...d }) => d), ...extra]);
    for (const part of parts) {
      part.written = true;
      part.docs = null;
      // A batch of files counts against the bound until its bytes are written.
      if (part.fetching) inHand -= 1;
    }
    // Only this pull's writes since the last one: the push may start after them. Marked after
    // every write, since later pages are written before an earlier one is complete: a pull
    // resumed after a crash still knows that what it wrote ahead came from the server.
    const after = Number((await options.local.info()).update_seq);
    const ours = docs.length + extra.length;
    // Fewer new sequences than documents: a resumed pull wrote again revisions it had (they
    // take none). Then only the changes feed tells whether anything else wrote meanwhile.
    if (after !== seq + ours && !(after < seq + ours && (await onlyThese(seq, docs, extra)))) {
      contiguous = false;
    }
    seq = after;
    if (markedId !== null) await saveMark(markedId, false);
  };
  /** Marks every complete page at the front; false when the pull should stop here. */
  const completePages = async (): Promise<boolean> => {
    while (pages.length > 0 && pages[0].parts.every((p) => p.written)) {
      const page = pages.shift()!;
      done += page.taken;
      markedId = page.lastId;
      await saveMark(page.lastId, page.last);
      options.onProgress(done, Math.max(total, done));
      if (page.last || options.cancelled()) return false;
    }
    return true;
  };

  for (;;) {
    if (failure) throw failure;
    if (!(await completePages())) break;
    if (pages.length === 0 && exhausted && !listing) {
      // The listing ended on a full page: the empty page after it ends the pull.
      await saveMark(listedUpTo ?? '', true);
      break;
    }
    if (!listing && !exhausted && pages.length < PAGES_AHEAD) list();
    fetchFiles();
    const parts = nextParts();
    if (parts.length > 0) await writeParts(parts);
    else await woken();
  }
  return { since, docs: done, pushSince: contiguous ? seq : null };
}
