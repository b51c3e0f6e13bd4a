// The first pull into an empty store, in bulk: pages of `_all_docs?include_docs&conflicts`
// (every winning revision, plus the conflicting ones by `_bulk_get`), written with
// `new_edits: false`. It skips the per-change round trips of the replication protocol
// (changes, revs_diff, bulk_get), which an empty store does not need. Replication then continues
// from the server's sequence taken before the first page, so nothing written meanwhile is missed.
import type { Store } from '../store/store';
import { CouchHttp, type CouchCredentials } from './couchHttp';
import { isReplicated } from './localOnly';

type Doc = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[] };

export const BULK_PAGE = 5000;

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
}

async function fetchConflicts(http: CouchHttp, db: string, docs: Doc[]): Promise<Doc[]> {
  const wanted = docs.flatMap((d) => (d._conflicts ?? []).map((rev) => ({ id: d._id, rev })));
  if (wanted.length === 0) return [];
  const response = await http.request('POST', `${db}/_bulk_get?revs=true`, { docs: wanted });
  const results = (response.body.results ?? []) as { docs: { ok?: Doc }[] }[];
  return results.flatMap((r) => r.docs.flatMap((d) => (d.ok ? [d.ok] : [])));
}

export async function bulkFirstPull(options: BulkPullOptions): Promise<BulkPullResult> {
  const http = new CouchHttp(options.url, options.credentials, 120_000);
  const db = encodeURIComponent(options.db);
  const info = await http.request('GET', db);
  const since = info.body.update_seq as string | number;
  const total = Number(info.body.doc_count ?? 0);
  let seq = Number((await options.local.info()).update_seq);
  let contiguous = seq === 0;
  let done = 0;
  options.onProgress(done, total);

  const page = (startAfter: string | null) =>
    http.request(
      'GET',
      `${db}/_all_docs?include_docs=true&conflicts=true&limit=${BULK_PAGE}` +
        (startAfter === null
          ? ''
          : `&startkey=${encodeURIComponent(JSON.stringify(startAfter))}&skip=1`),
    );
  let next = page(null);
  next.catch(() => undefined);
  for (;;) {
    const response = await next;
    const rows = (response.body.rows ?? []) as { id: string; doc?: Doc }[];
    if (rows.length === 0) break;
    // Fetch the next page while this one is written.
    next =
      rows.length === BULK_PAGE
        ? page(rows[rows.length - 1].id)
        : Promise.resolve({ status: 200, body: { rows: [] } });
    // Awaited at the top of the loop; until then a failure must not count as unhandled.
    next.catch(() => undefined);
    // Documents each machine computes for itself are not taken (localOnly.ts).
    const docs = rows.flatMap((r) => (r.doc && isReplicated(r.doc._id) ? [r.doc] : []));
    const extra = await fetchConflicts(http, db, docs);
    const batch = [...docs.map(({ _conflicts: _c, ...d }) => d), ...extra];
    await options.write(batch);
    const after = Number((await options.local.info()).update_seq);
    if (after !== seq + batch.length) contiguous = false;
    seq = after;
    done += docs.length;
    options.onProgress(done, Math.max(total, done));
    if (options.cancelled() || rows.length < BULK_PAGE) break;
  }
  return { since, docs: done, pushSince: contiguous ? seq : null };
}
