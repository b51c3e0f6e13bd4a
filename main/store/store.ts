// The local store: PouchDB first, then the SQLite projection, before a write returns. A write
// is synced to disk before it is acknowledged (durability.ts); concurrent writes share one sync.
import fs from 'node:fs';
import path from 'node:path';
import { localLoader, threadLoader, type LoaderHandle, type LoadMode } from '../projection/loader';
import { Projection, type RebuildProgress } from '../projection/projection';
import type { Change } from '../projection/projector';
import {
  asFoundDir,
  damageAfterOpen,
  damageBeforeOpen,
  keepAsFound,
  StoreDamagedError,
} from './damage';
import { durabilityOf, forgetDurability, syncNow, type Durability } from './durability';
import { existingIdentity, openPouch, pouchLocation, storeIdentity, type Pouch } from './pouch';
import { readWithHistory, type RevisedDoc } from './revisions';
import { SerialQueue } from './serial';
import { ApiFailure } from '../../shared/api/errors';
import { writeRefused } from './writeFailure';

export interface StoreOptions {
  dataDir: string;
  onProgress?: (progress: RebuildProgress) => void;
  onRebuild?: (reason: string) => void;
  /** Where a rebuild applies its batches (tests force either; default: by the store's size). */
  loaderThread?: 'auto' | 'always' | 'never';
}

export type WriteDoc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };
export type WriteResult =
  | { id: string; ok: true; rev: string }
  | { id: string; ok: false; status: number; message: string };

export interface BulkOptions {
  /** false: the revisions given are kept (`new_edits: false`, a restore). Default true. */
  newEdits?: boolean;
  /** One LevelDB batch for everything: all or nothing (a restore). */
  atomic?: boolean;
  /** Documents per PouchDB batch (default 1,000: PouchDB slows down with bigger ones). */
  batch?: number;
  /** Where the projection applies: a worker thread from 20,000 documents (`auto`). */
  loaderThread?: 'auto' | 'always' | 'never';
  /** How many documents a batch source will give (for `auto`), when it is not an array. */
  expectedDocs?: number;
  /** Documents written so far, after each batch. */
  onProgress?: (written: number) => void;
}

/** Documents per bulk batch: PouchDB's bulkDocs costs more per document in bigger batches. */
const BULK_BATCH = 1000;
/** Documents per projection transaction on the bulk path. */
const PROJECTION_BATCH = 8000;

function isBatchList(source: unknown[]): boolean {
  return source.length > 0 && Array.isArray(source[0]);
}

/**
 * The documents in the bulk path's PouchDB batches of at most `size`, from a flat list or from
 * batches (exported for the bench's bare baseline, which writes the same batches).
 */
export function* bulkBatches(
  source: WriteDoc[] | Iterable<WriteDoc[]>,
  size = BULK_BATCH,
): Generator<WriteDoc[]> {
  const flat = Array.isArray(source) && !isBatchList(source);
  const batches = flat ? [source as WriteDoc[]] : (source as Iterable<WriteDoc[]>);
  let pending: WriteDoc[] = [];
  for (const batch of batches) {
    if (pending.length === 0 && batch.length <= size && !flat) {
      yield batch;
      continue;
    }
    for (const doc of batch) {
      pending.push(doc);
      if (pending.length >= size) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length) yield pending;
}

/** A restore that did not finish: how many of its documents are in the store. */
export class RestoreStopped extends Error {
  constructor(
    readonly written: number,
    readonly total: number,
    readonly reason: unknown,
  ) {
    super(
      `restore stopped after ${written} of ${total} documents: ${(reason as Error)?.message ?? String(reason)}`,
    );
  }
}

function rmFile(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * A written document as PouchDB stores it and its changes feed gives it: without its revision
 * history (a restore's `_revisions`), `_id` and `_rev` last, so the projection takes the same
 * JSON by either path and stringifies it as it is.
 */
function asStored(doc: WriteDoc, rev: string): NonNullable<Change['doc']> {
  const { _id, _rev: _given, _revisions: _history, ...body } = doc;
  return { ...body, _id, _rev: rev } as NonNullable<Change['doc']>;
}

/** The next turn of the event loop: PouchDB's queued work starts before what follows. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export type StoredDoc = Record<string, unknown> & {
  _id: string;
  _rev: string;
  _conflicts?: string[];
  _revisions?: { start: number; ids: string[] };
};

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** Most writes one sync may cover, so a steady stream of writes is still acknowledged. */
const MAX_GROUP = 64;

interface GroupMember {
  results: WriteResult[];
  resolve: (results: WriteResult[]) => void;
  reject: (error: unknown) => void;
}

export function projectionFile(dataDir: string): string {
  return path.join(dataDir, 'projection.sqlite');
}

export class Store {
  private readonly queue = new SerialQueue();
  private readonly durability: Durability;
  /** Writes called and not yet started: a write defers its sync only to a write behind it. */
  private queuedWrites = 0;
  /** Written, not yet synced nor acknowledged: the next synced write acknowledges them. */
  private group: GroupMember[] = [];

  private constructor(
    readonly dataDir: string,
    private readonly pouch: Pouch,
    readonly projection: Projection,
  ) {
    this.durability = durabilityOf(pouchLocation(dataDir));
  }

  /**
   * Opens the store, or throws StoreDamagedError (keeping every file, rebuilding nothing) when
   * LevelDB cannot open it or it holds less than its projection saw.
   */
  static async open(options: StoreOptions): Promise<Store> {
    const { dataDir } = options;
    fs.mkdirSync(dataDir, { recursive: true });
    const location = pouchLocation(dataDir);
    const before = damageBeforeOpen(location);
    if (before) throw new StoreDamagedError(dataDir, before);
    keepAsFound(location);
    const pouch = openPouch(dataDir);
    let info: PouchDB.Core.DatabaseInfo;
    let found: string | null;
    try {
      info = await pouch.info();
      found = await existingIdentity(pouch);
    } catch (error) {
      await pouch.close().catch(() => undefined);
      throw new StoreDamagedError(
        dataDir,
        `LevelDB could not open it: ${(error as Error).message}`,
      );
    }
    const file = projectionFile(dataDir);
    const damage = damageAfterOpen(
      { identity: found, docCount: info.doc_count, updateSeq: Number(info.update_seq) },
      Projection.readRecord(file),
    );
    if (damage) {
      await pouch.close();
      forgetDurability(location);
      throw new StoreDamagedError(dataDir, damage);
    }
    fs.rmSync(asFoundDir(location), { recursive: true, force: true });
    const identity = found ?? (await storeIdentity(pouch));
    const projection = await Projection.open({
      file,
      pouch,
      identity,
      onProgress: options.onProgress,
      onRebuild: options.onRebuild,
      loaderThread: options.loaderThread,
    });
    return new Store(dataDir, pouch, projection);
  }

  /**
   * Writes documents in one batch and returns once they are on disk and the projection shows
   * them. Writes queued behind each other share one sync (group commit): each is written as it
   * comes, and the last of the group syncs LevelDB's log, which covers the earlier ones, before
   * any of them is acknowledged. After a failed write every write is refused. The raw batch:
   * workbench documents go through DocumentWriter; only the backup import and the demo loader
   * call this directly (ESLint keeps it so).
   */
  write(docs: WriteDoc[]): Promise<WriteResult[]> {
    this.queuedWrites++;
    return new Promise<WriteResult[]>((resolve, reject) => {
      void this.queue.run(async () => {
        this.queuedWrites--;
        const member: GroupMember = { results: [], resolve, reject };
        try {
          if (this.durability.failure) throw writeRefused(this.durability.failure);
          const defer =
            this.queuedWrites > 0 &&
            this.queuedWrites === this.queue.pending &&
            this.group.length < MAX_GROUP - 1;
          const grouped = defer || this.group.length > 0;
          const syncsBefore = this.durability.syncs;
          this.durability.deferSync = defer;
          try {
            member.results = await this.writeOnce(docs, !grouped);
          } finally {
            this.durability.deferSync = false;
          }
          this.group.push(member);
          if (defer) return;
          // A write that conflicted everywhere wrote nothing, so it synced nothing either.
          const synced = this.durability.syncs > syncsBefore || this.durability.unsyncedBaseline;
          if (!synced) await syncNow(pouchLocation(this.dataDir));
          if (grouped) await this.projection.catchUp();
          const acknowledged = this.group;
          this.group = [];
          for (const m of acknowledged) m.resolve(m.results);
        } catch (error) {
          // Any failure past the refusal check (LevelDB, or SQLite's SQLITE_FULL applying the
          // projection) latches the store: the next write could be acknowledged and then lost.
          if (!this.durability.failure && !(error instanceof ApiFailure)) {
            this.durability.failure = error as Error;
          }
          const failed = [...this.group, ...(this.group.includes(member) ? [] : [member])];
          this.group = [];
          const reason = this.durability.failure ? writeRefused(this.durability.failure) : error;
          for (const m of failed) m.reject(reason);
        }
      });
    });
  }

  /** One bulkDocs; with `project`, the projection applies it before this returns. */
  private async writeOnce(docs: WriteDoc[], project: boolean): Promise<WriteResult[]> {
    {
      const before = await this.updateSeq();
      const upToDate = String(before) === this.projection.checkpoint;
      const raw = await this.pouch.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
      const results = raw.map((r, i): WriteResult => {
        if ('ok' in r && r.ok) return { id: r.id, ok: true, rev: r.rev };
        const err = r as PouchDB.Core.Error;
        return {
          id: docs[i]._id,
          ok: false,
          status: err.status ?? 500,
          message: err.message ?? 'write failed',
        };
      });
      if (!project) return results;
      const written = results.flatMap((r, i) => (r.ok ? [{ ...docs[i], _rev: r.rev }] : []));
      const info = await this.pouch.info();
      const after = info.update_seq;
      // Each written revision takes one sequence number: if the counts match, nothing else
      // (replication) came in between and the written documents are the winners, unless one
      // already had conflicting branches.
      const direct =
        upToDate &&
        typeof before === 'number' &&
        after === before + written.length &&
        !written.some((d) => this.projection.hasConflicts(d._id));
      if (direct) {
        this.projection.applyWritten(
          written.map((doc) => ({ id: doc._id, deleted: doc._deleted === true, doc })),
          after,
          info.doc_count,
        );
      } else {
        await this.projection.catchUp();
      }
      return results;
    }
  }

  private async updateSeq(): Promise<number | string> {
    return (await this.pouch.info()).update_seq;
  }

  /** Runs a job while no write is in progress (for reads that must see a settled projection). */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.queue.run(job);
  }

  /**
   * Applies whatever reached PouchDB behind the store's back (replication): the replicator
   * calls it after each pulled batch. There is deliberately no live changes listener: it would
   * re-query the feed after every write, and nothing else writes to this PouchDB.
   */
  catchUp(): Promise<number> {
    return this.queue.run(() => this.projection.catchUp());
  }

  rebuildProjection(): Promise<number> {
    return this.queue.run(() => this.projection.rebuild());
  }

  // Reads and local documents for callers outside main/store: PouchDB itself stays private.

  async info(): Promise<{ docCount: number; updateSeq: number | string }> {
    const info = await this.pouch.info();
    return { docCount: info.doc_count, updateSeq: info.update_seq };
  }

  /** The winning revision, or null when there is none (never written, or deleted). */
  get(id: string): Promise<StoredDoc | null> {
    return orNull(this.pouch.get(id));
  }

  /** The bytes of a document's attachment, or null when it has none of that name. */
  async getAttachment(id: string, name: string): Promise<Buffer | null> {
    try {
      return (await this.pouch.getAttachment(id, name)) as Buffer;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  /** The winning revision with its `_conflicts` and `_revisions` (conflict resolution). */
  getWithConflicts(id: string): Promise<StoredDoc | null> {
    return orNull(this.pouch.get(id, { conflicts: true, revs: true }));
  }

  /** One given revision with its history, or null when it is missing (e.g. compacted). */
  getRevision(id: string, rev: string): Promise<StoredDoc | null> {
    return orNull(this.pouch.get(id, { rev, revs: true }));
  }

  /** Every live document (winning revisions), for the backup export. */
  async allDocs(): Promise<StoredDoc[]> {
    const all = await this.pouch.allDocs({ include_docs: true });
    return all.rows.flatMap((r) => (r.doc ? [r.doc as unknown as StoredDoc] : []));
  }

  /** Changes after `since` with their documents (and conflicts), `limit` at a time. */
  changesSince(
    since: number | string,
    limit: number,
  ): Promise<PouchDB.Core.ChangesResponse<Record<string, unknown>>> {
    return this.pouch.changes({ since, limit, include_docs: true, conflicts: true });
  }

  /** A `_local/<name>` document: kept on this machine only, never replicated, never projected. */
  async getLocal<T extends object>(name: string): Promise<(T & { _rev: string }) | null> {
    return (await orNull(this.pouch.get(`_local/${name}`))) as (T & { _rev: string }) | null;
  }

  async putLocal(name: string, body: object): Promise<void> {
    const current = await this.getLocal(name);
    await this.pouch.put({
      ...body,
      _id: `_local/${name}`,
      ...(current ? { _rev: current._rev } : {}),
    } as unknown as PouchDB.Core.PutDocument<object>);
  }

  /**
   * Replicated revisions (`new_edits: false`) in one batch, with the projection updated from
   * the documents in hand when nothing else wrote in between; the bulk first pull's writer.
   */
  writeReplicated(docs: Record<string, unknown>[]): Promise<void> {
    return this.queue.run(async () => {
      if (this.durability.failure) throw writeRefused(this.durability.failure);
      const before = Number(await this.updateSeq());
      const upToDate = String(before) === this.projection.checkpoint;
      const results = await this.pouch.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], {
        new_edits: false,
      });
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`replicated write failed: ${JSON.stringify(failed)}`);
      const after = Number(await this.updateSeq());
      const ids = new Set(docs.map((d) => d._id));
      // One sequence per document and no id twice (no conflicting leaves in the batch): the
      // written revisions are the winners and the projection can take them as they are.
      if (upToDate && ids.size === docs.length && after === before + docs.length) {
        this.projection.applyWritten(
          docs.map((doc) => ({ id: String(doc._id), doc: doc as never })),
          after,
        );
      } else {
        await this.projection.catchUp();
      }
    });
  }

  /**
   * The PouchDB handle for PouchDB's own replication protocol (replicate.to/from need the
   * database object). Only the sync service passes it on, to the replicator (ESLint keeps it so).
   */
  replicationHandle(): Pouch {
    return this.pouch;
  }

  /** Every live document and conflicting leaf with its revision history (for backups). */
  readWithHistory(): Promise<{ docs: RevisedDoc[]; conflicts: RevisedDoc[] }> {
    return this.queue.run(() => readWithHistory(this.pouch));
  }

  /**
   * Restores revisions as they were (`new_edits: false`: the given revision ids and history,
   * merged into each document's revision tree) on the bulk path: PouchDB batches of 1,000,
   * each one LevelDB batch, synced, the projection applying them alongside (into an empty
   * projection: loaded as a rebuild into a new file, swapped in at the end). A restore only
   * adds revisions, so what the store held before stays as it was whatever happens; a restore
   * that fails part way throws RestoreStopped with how many documents went in, and restoring
   * the same backup again completes it (a revision already there is kept once).
   */
  async restore(docs: RevisedDoc[], onProgress?: (written: number) => void): Promise<void> {
    let written = 0;
    let results: WriteResult[];
    try {
      results = await this.bulkWrite(docs, {
        newEdits: false,
        onProgress: (n) => {
          written = n;
          onProgress?.(n);
        },
      });
    } catch (error) {
      throw new RestoreStopped(written, docs.length, error);
    }
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) {
      const done = results.filter((r) => r.ok).length;
      throw new RestoreStopped(done, docs.length, new Error(`${failed.id}: ${failed.message}`));
    }
  }

  /**
   * The bulk path: many documents (the demo generator, a backup restore, an import commit)
   * written in large PouchDB batches, each synced before the projection shows it, while the
   * projection applies the batch before in one transaction (on a worker thread for large
   * loads, so the two overlap). `atomic`: one LevelDB batch for everything, all or nothing.
   * `newEdits: false` keeps the revisions given (a restore). Returns one result per document,
   * in order; a document that failed (a 409) does not stop the others. The raw batch, like
   * write(): workbench documents come through DocumentWriter.bulkPut.
   */
  bulkWrite(
    source: WriteDoc[] | Iterable<WriteDoc[]>,
    options: BulkOptions = {},
  ): Promise<WriteResult[]> {
    return this.queue.run(() => this.bulkWriteNow(source, options));
  }

  private async bulkWriteNow(
    source: WriteDoc[] | Iterable<WriteDoc[]>,
    options: BulkOptions,
  ): Promise<WriteResult[]> {
    if (this.durability.failure) throw writeRefused(this.durability.failure);
    const newEdits = options.newEdits ?? true;
    const size = options.atomic ? Number.POSITIVE_INFINITY : (options.batch ?? BULK_BATCH);
    const results: WriteResult[] = [];
    const expected =
      options.expectedDocs ?? (Array.isArray(source) && !isBatchList(source) ? source.length : 0);
    const projection = this.projection;
    // The loader thread pays off for big loads only; a small one applies in this thread.
    const threaded =
      options.loaderThread === 'always' || (options.loaderThread !== 'never' && expected >= 20_000);
    let info = await this.pouch.info();
    // Into an empty projection (a new store: the demo, a first-run restore) the documents go
    // into a new file loaded like a rebuild (unindexed tables, indexes built once at the end),
    // swapped in when the load is done; otherwise into the live file.
    let fresh = String(info.update_seq) === projection.checkpoint && projection.isEmpty();
    const openLoader = (mode: LoadMode, file: string) =>
      threaded ? threadLoader(file, mode) : Promise.resolve(localLoader(file, mode));
    if (fresh) for (const f of [projection.bulkFile, `${projection.bulkFile}-journal`]) rmFile(f);
    let loader: LoaderHandle | null = fresh ? await openLoader('fresh', projection.bulkFile) : null;
    // Synced batches wait here for the projection's next transaction: FTS5 flushes its terms at
    // every commit, so a few big transactions index faster than many small ones.
    let pending: Change[] = [];
    let pendingMeta: Record<string, string> = {};
    // The checkpoint the projection reaches once what it was handed is applied: a batch written
    // while the one before still waits in `pending` follows on from it, not from the file's.
    let projected = projection.checkpoint;
    // Restored ids written directly so far: a document with a tree here, though a pending or
    // in-flight batch may not have reached the file yet (see `direct`).
    const restored = newEdits ? null : new Set<string>();
    const flush = async () => {
      if (!loader || pending.length === 0) return;
      const batch = pending;
      pending = [];
      await loader.apply(batch, fresh ? {} : pendingMeta);
    };
    try {
      const batches = bulkBatches(source, size)[Symbol.iterator]();
      let next = batches.next();
      while (!next.done) {
        const chunk = next.value;
        const before = Number(info.update_seq);
        const upToDate = fresh || String(info.update_seq) === projected;
        // No copy: PouchDB clones what it is given (and sorts its clone with new_edits false).
        const writing = this.pouch.bulkDocs(chunk as PouchDB.Core.PutDocument<object>[], {
          new_edits: newEdits,
        }) as Promise<(PouchDB.Core.Response | PouchDB.Core.Error)[]>;
        // While PouchDB writes this batch (its LevelDB reads and synced write run on libuv's
        // threads), this thread hands the projection the batches before it, which are synced
        // already, and makes the next batch (the demo generator's work).
        const meanwhile = (async () => {
          await nextTurn();
          if (pending.length >= PROJECTION_BATCH) await flush();
          next = batches.next();
        })();
        const [wrote, prepared] = await Promise.allSettled([writing, meanwhile]);
        if (wrote.status === 'rejected') throw wrote.reason;
        if (prepared.status === 'rejected') throw prepared.reason;
        const raw = wrote.value;
        const written: Change[] = [];
        const ids = new Set<string>();
        let unique = true;
        // With new_edits false PouchDB answers only the failures (as CouchDB does), by id.
        const refused = newEdits
          ? null
          : new Map(raw.map((r) => [String(r.id), r as PouchDB.Core.Error]));
        chunk.forEach((doc, i) => {
          const r = newEdits ? raw[i] : refused!.get(doc._id);
          const err = r as PouchDB.Core.Error | undefined;
          const ok = newEdits ? !!r && 'ok' in r && r.ok : !err;
          if (ok) {
            const rev = newEdits ? (r as PouchDB.Core.Response).rev : String(doc._rev);
            results.push({ id: doc._id, ok: true, rev });
            if (ids.has(doc._id)) unique = false;
            ids.add(doc._id);
            written.push({ id: doc._id, deleted: doc._deleted === true, doc: asStored(doc, rev) });
          } else {
            results.push({
              id: doc._id,
              ok: false,
              status: err?.status ?? 500,
              message: err?.message ?? 'write failed',
            });
          }
        });
        info = await this.pouch.info();
        // One sequence per written revision and no id twice: nothing else came in between, so
        // the written revisions are the winners, unless a document already had a tree here (a
        // restored leaf may lose to it) or conflicting branches.
        const direct =
          upToDate &&
          unique &&
          Number(info.update_seq) === before + written.length &&
          (fresh ||
            !written.some((c) =>
              newEdits
                ? projection.hasConflicts(c.id)
                : restored!.has(c.id) || projection.known(c.id),
            ));
        if (!direct) {
          // The changes feed takes over: from the live file's checkpoint (for a fresh load,
          // the new file is dropped and the live one catches up on everything).
          if (fresh) {
            await loader?.abort();
            rmFile(projection.bulkFile);
            fresh = false;
            pending = [];
          } else {
            await flush();
            await loader?.finish({});
          }
          loader = null;
          await projection.catchUp();
          projected = projection.checkpoint;
          continue;
        }
        loader ??= await openLoader('live', projection.file);
        pending.push(...written);
        if (restored) for (const c of written) restored.add(c.id);
        projected = String(info.update_seq);
        pendingMeta = {
          checkpoint: String(info.update_seq),
          store_docs: String(info.doc_count),
          store_docs_seq: String(info.update_seq),
        };
        options.onProgress?.(results.length);
      }
      await flush();
      if (loader && fresh) {
        await loader.finish({ ...pendingMeta, identity: projection.identity, clean: '1' });
        loader = null;
        if (pendingMeta.checkpoint) projection.adopt(projection.bulkFile);
        else rmFile(projection.bulkFile);
      } else if (loader) {
        await loader.finish({});
      }
      loader = null;
    } catch (error) {
      // What the loader had not applied yet, the projection's catch-up applies on the next open.
      if (loader) await loader.abort().catch(() => undefined);
      if (fresh) rmFile(projection.bulkFile);
      // As in write(): a failure past the refusal check (LevelDB, or SQLite applying the
      // projection) latches the store.
      if (!this.durability.failure && !(error instanceof ApiFailure)) {
        this.durability.failure = error as Error;
      }
      throw this.durability.failure ? writeRefused(this.durability.failure) : error;
    }
    return results;
  }

  /** Whether writes are refused after a failed one (the error every write then gets). */
  get writeFailure(): Error | null {
    return this.durability.failure;
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      // Each part closes even when another fails (a full disk can refuse SQLite's checkpoint
      // at close): a store reopened in this process starts from its files, not this state.
      try {
        this.projection.close();
      } finally {
        try {
          await this.pouch.close();
        } finally {
          forgetDurability(pouchLocation(this.dataDir));
        }
      }
    });
  }
}
