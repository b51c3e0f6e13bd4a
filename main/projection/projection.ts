// The SQLite projection of the PouchDB store: opened, checked, migrated, caught up from the
// changes feed, or rebuilt from scratch when it cannot be trusted.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { LATEST_VERSION, ProjectionFromFutureError } from './migrate';
import { connectProjection, localLoader, safeTitle, threadLoader } from './loader';
import { Projector, type Change } from './projector';
import { statementCache } from './statements';
import { integrityProblem } from './integrity';

/** What the projection recorded about its store (see main/store/damage.ts). */
export interface StoreRecord {
  identity: string | null;
  checkpoint: number;
  docs: number | null;
  docsSeq: number | null;
}

export interface RebuildProgress {
  done: number;
  total: number;
}

export interface ProjectionOptions {
  file: string;
  pouch: PouchDB.Database;
  /** Ties the projection to one PouchDB: a projection of another store is rebuilt. */
  identity: string;
  onProgress?: (progress: RebuildProgress) => void;
  /** Why a projection was rebuilt, for the log. */
  onRebuild?: (reason: string) => void;
  /** Where a rebuild applies its batches: a worker thread from 20,000 documents (`auto`). */
  loaderThread?: 'auto' | 'always' | 'never';
}

const BATCH = 2000;

/**
 * Query plans need the tables' statistics: without them SQLite searched team-wide indexes for
 * one account's rows (the health inputs of every write that rescores an account took 12 ms
 * instead of 0.02 at 2,000 accounts). But statistics taken of a nearly empty projection make
 * SQLite plan for tables that stay tiny: a catch-up of 100,000 pulled documents into a new
 * store took 603 µs a document with them, 259 without (and grew with the store). So a
 * projection is analysed only once `docs` holds this many rows: at open, and after a catch-up
 * of at least as many documents.
 */
const ANALYSE_AT_DOCS = 10_000;

function analyseIfSized(db: Db, pragma = 'optimize = 0x10002'): void {
  // A new file has no tables until its migrations run.
  const hasDocs = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'docs'`);
  const sized =
    hasDocs.get() !== undefined &&
    db.prepare(`SELECT 1 FROM docs LIMIT 1 OFFSET ${ANALYSE_AT_DOCS - 1}`).get() !== undefined;
  // 0x10002: analyse (with a bounded sample) every table that has no statistics yet or has
  // changed much in size since.
  if (sized) db.pragma(pragma);
  else if (hasStatistics(db)) {
    // Statistics of a smaller projection (an earlier version analysed at any size) are dropped,
    // and the planner told (ANALYZE sqlite_schema reloads them).
    db.exec('DELETE FROM sqlite_stat1; ANALYZE sqlite_schema');
  }
}

function hasStatistics(db: Db): boolean {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get();
  return (
    table !== undefined && db.prepare('SELECT 1 FROM sqlite_stat1 LIMIT 1').get() !== undefined
  );
}

/** From this many documents a rebuild loads on a worker thread (its start costs a moment). */
const THREAD_FROM_DOCS = 20_000;

function asSeq(seq: string): string | number {
  return /^\d+$/.test(seq) ? Number(seq) : seq;
}

function seqNumber(seq: string | number): number {
  const n = Number(seq);
  return Number.isFinite(n) ? n : Number.NaN;
}

export class Projection {
  private projector: Projector;
  private readonly sql = statementCache(() => this.db);

  private constructor(
    public db: Db,
    private readonly options: ProjectionOptions,
  ) {
    this.projector = new Projector(db, safeTitle);
  }

  static async open(options: ProjectionOptions): Promise<Projection> {
    const reason = await Projection.distrust(options);
    if (reason) {
      // A new, empty store simply gets its first projection: nothing to report.
      const empty = (await options.pouch.info()).doc_count === 0;
      if (!empty || reason !== 'missing') options.onRebuild?.(reason);
      await Projection.rebuildFile(empty ? { ...options, onProgress: undefined } : options);
    }
    const projection = new Projection(Projection.connect(options.file), options);
    projection.setMeta('clean', '0');
    await projection.catchUp();
    // A projection from before the store's count was recorded gets it now (when caught up).
    const info = await options.pouch.info();
    if (String(info.update_seq) === projection.checkpoint) {
      projection.recordStoreDocs(info.doc_count, info.update_seq);
    }
    return projection;
  }

  /** Why the file on disk cannot be used as it is; null when it can. */
  private static async distrust(options: ProjectionOptions): Promise<string | null> {
    if (!fs.existsSync(options.file)) return 'missing';
    let db: Db | undefined;
    try {
      // The plain connection: the damage check must see the file before anything reads it.
      db = connectProjection(options.file);
      const meta = (key: string) =>
        (
          db!.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
            { value: string } | undefined
        )?.value;
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > LATEST_VERSION) throw new ProjectionFromFutureError(version, LATEST_VERSION);
      if (version < LATEST_VERSION) return `old schema ${version}`;
      // A full check only after an unclean shutdown: it reads every page. After a clean one,
      // the cheap check of every open (integrity.ts) still catches damage made while closed.
      if (meta('clean') !== '1') {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') return `corrupt: ${String(check)}`;
      } else {
        const problem = integrityProblem(db);
        if (problem) return `corrupt: ${problem}`;
      }
      if (meta('identity') !== options.identity) return 'belongs to another store';
      const checkpoint = seqNumber(meta('checkpoint') ?? 'x');
      const info = await options.pouch.info();
      if (!(checkpoint <= seqNumber(info.update_seq))) return 'checkpoint ahead of the store';
      return null;
    } catch (error) {
      if (error instanceof ProjectionFromFutureError) return error.message;
      return `unreadable: ${(error as Error).message}`;
    } finally {
      db?.close();
    }
  }

  /**
   * The store's identity, checkpoint and document count as this projection recorded them, read
   * without changing the file; null when there is no readable projection.
   */
  static readRecord(file: string): StoreRecord | null {
    if (!fs.existsSync(file)) return null;
    let db: Db | undefined;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const rows = db.prepare('SELECT key, value FROM meta').all() as {
        key: string;
        value: string;
      }[];
      const meta = new Map(rows.map((r) => [r.key, r.value]));
      const num = (key: string) => {
        const n = Number(meta.get(key));
        return meta.has(key) && Number.isFinite(n) ? n : null;
      };
      return {
        identity: meta.get('identity') ?? null,
        checkpoint: num('checkpoint') ?? 0,
        docs: num('store_docs'),
        docsSeq: num('store_docs_seq'),
      };
    } catch {
      return null;
    } finally {
      db?.close();
    }
  }

  private static connect(file: string): Db {
    const db = connectProjection(file);
    analyseIfSized(db);
    return db;
  }

  /**
   * Builds a new projection file from the whole changes feed, then swaps it in. A large store is
   * loaded on a worker thread (loader.ts): it applies one batch while this thread reads the next.
   */
  private static async rebuildFile(options: ProjectionOptions): Promise<number> {
    const temp = `${options.file}.rebuild`;
    for (const f of [temp, `${temp}-wal`, `${temp}-shm`]) fs.rmSync(f, { force: true });
    const start = await options.pouch.info();
    const total = start.doc_count;
    const threaded =
      options.loaderThread === 'always' ||
      (options.loaderThread !== 'never' && total >= THREAD_FROM_DOCS);
    const read = (since: string | number) =>
      options.pouch.changes({ since, limit: BATCH, include_docs: true, conflicts: true });
    let since: string | number = 0;
    // The first batch is read while the worker starts (loads its code, creates the file).
    let next = read(since);
    // Awaited in the loop; a failure to start the loader must not leave its rejection unheard.
    next.catch(() => undefined);
    const loader = threaded ? await threadLoader(temp, 'fresh') : localLoader(temp, 'fresh');
    let done = 0;
    try {
      options.onProgress?.({ done, total });
      for (;;) {
        const feed = await next;
        since = feed.last_seq;
        // Start reading the next batch (LevelDB works in its own threads) while this one is applied.
        const more = feed.results.length === BATCH;
        if (more) next = read(since);
        const live: Change[] = [];
        for (const r of feed.results) if (!r.deleted) live.push({ id: r.id, doc: r.doc as never });
        await loader.apply(live);
        done += live.length;
        options.onProgress?.({ done, total: Math.max(total, done) });
        if (!more) break;
      }
      await loader.finish({
        identity: options.identity,
        checkpoint: String(since),
        store_docs: String(start.doc_count),
        store_docs_seq: String(start.update_seq),
        clean: '1',
      });
    } catch (error) {
      await loader.abort();
      throw error;
    }
    for (const f of [`${options.file}-wal`, `${options.file}-shm`]) fs.rmSync(f, { force: true });
    fs.renameSync(temp, options.file);
    return done;
  }

  /** Throws the current file away and rebuilds it; returns the number of documents projected. */
  async rebuild(): Promise<number> {
    this.db.close();
    const docs = await Projection.rebuildFile(this.options);
    this.db = Projection.connect(this.options.file);
    this.projector = new Projector(this.db, safeTitle);
    this.setMeta('clean', '0');
    return docs;
  }

  get checkpoint(): string {
    return this.getMeta('checkpoint') ?? '0';
  }

  /**
   * Applies documents the caller has just written, when it knows no other change came between
   * the checkpoint and `seq`; saves the changes-feed round trip on the write path.
   */
  applyWritten(changes: Change[], seq: string | number, storeDocs?: number): void {
    this.db.transaction(() => {
      this.projector.apply(changes);
      if (storeDocs === undefined) this.setMeta('checkpoint', String(seq));
      else this.recordCheckpoint(seq, storeDocs);
    })();
  }

  /** The checkpoint and the store's count at it, in one statement: every write records them. */
  private recordCheckpoint(seq: string | number, docs: number): void {
    const at = String(seq);
    this.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?), (?, ?), (?, ?)').run(
      ...['checkpoint', at, 'store_docs', String(docs), 'store_docs_seq', at],
    );
  }

  /** Keeps the store's document count at a sequence, so a store that lost documents shows. */
  private recordStoreDocs(docs: number, seq: string | number): void {
    this.setMeta('store_docs', String(docs));
    this.setMeta('store_docs_seq', String(seq));
  }

  /** The projection file (a bulk loader opens its own connection to it). */
  get file(): string {
    return this.options.file;
  }

  /** Whether the projection holds no document at all (a new store). */
  isEmpty(): boolean {
    return this.sql('SELECT 1 FROM docs LIMIT 1').get() === undefined;
  }

  /** Where a bulk load into an empty projection builds its new file (adopt() swaps it in). */
  get bulkFile(): string {
    return `${this.options.file}.bulk`;
  }

  /** What a fresh file built beside this one must record to be this store's projection. */
  get identity(): string {
    return this.options.identity;
  }

  /** Replaces the file with a finished fresh one (a bulk load into an empty projection). */
  adopt(fresh: string): void {
    this.db.close();
    for (const f of [`${this.options.file}-wal`, `${this.options.file}-shm`]) {
      fs.rmSync(f, { force: true });
    }
    fs.renameSync(fresh, this.options.file);
    this.db = Projection.connect(this.options.file);
    this.projector = new Projector(this.db, safeTitle);
    this.setMeta('clean', '0');
  }

  /** Whether the projection has a row for the document (a live one, with or without conflicts). */
  known(id: string): boolean {
    return this.sql('SELECT 1 FROM docs WHERE id = ?').get(id) !== undefined;
  }

  hasConflicts(id: string): boolean {
    const row = this.sql('SELECT conflicts FROM docs WHERE id = ?').get(id) as
      { conflicts: number } | undefined;
    return row?.conflicts === 1;
  }

  /** Applies every change since the checkpoint. Callers serialise it (see Store). */
  async catchUp(): Promise<number> {
    let applied = 0;
    // LevelDB's changes feed treats a numeric string as "from this sequence on", a number as
    // "after it": pass the checkpoint as the number it is.
    let since: string | number = asSeq(this.checkpoint);
    // The count and sequence of one moment, recorded with the first batch applied.
    const start = await this.options.pouch.info();
    // At the store's own sequence there is nothing to read (every open of an unchanged store).
    if (String(start.update_seq) === this.checkpoint) return 0;
    let counted = false;
    for (;;) {
      const feed = await this.options.pouch.changes({
        since,
        limit: BATCH,
        include_docs: true,
        conflicts: true,
      });
      if (feed.results.length === 0) break;
      const lastSeq = feed.last_seq;
      this.db.transaction(() => {
        this.projector.apply(feed.results as Change[]);
        this.setMeta('checkpoint', String(lastSeq));
        if (!counted) this.recordStoreDocs(start.doc_count, start.update_seq);
      })();
      counted = true;
      applied += feed.results.length;
      since = lastSeq;
      if (feed.results.length < BATCH) break;
    }
    // A large catch-up (a big pull into a small store) leaves statistics of the smaller tables.
    if (applied >= ANALYSE_AT_DOCS) analyseIfSized(this.db);
    return applied;
  }

  getMeta(key: string): string | undefined {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  close(): void {
    if (!this.db.open) return;
    try {
      // A full disk can refuse even this: the file is closed all the same (and found unclean
      // at the next open, which then checks it in full).
      this.setMeta('clean', '1');
      // As SQLite advises before closing: refreshes statistics the session's writes made stale
      // (for a projection of ANALYSE_AT_DOCS rows or more).
      analyseIfSized(this.db, 'optimize');
    } finally {
      this.db.close();
    }
  }
}
