// Loads many changes into a projection file: a rebuild into a new file (`fresh`: unindexed
// tables, FTS5 bulk settings, indexes built once at the end) or a bulk write into the live one.
// The same loader runs in this thread or in a worker thread (loaderThread.ts): there it applies
// one batch while this thread reads the next from PouchDB, so the two overlap.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { titleOf, type AnyDoc } from '../../shared/domain/entities';
import { BULK_FILLS } from './bulkFill';
import { migrate } from './migrate';
import {
  prepareChanges,
  prepareSerialized,
  serializeChanges,
  type PreparedChange,
  type SerializedChange,
} from './prepare';
import { Projector, type Change } from './projector';

export type LoadMode = 'fresh' | 'live';
export type Meta = Record<string, string>;

export function safeTitle(doc: NonNullable<Change['doc']>): string {
  try {
    return titleOf(doc as unknown as AnyDoc) ?? '';
  } catch {
    return '';
  }
}

/** Opens a projection file as every connection does (WAL, synchronous NORMAL). */
export function connectProjection(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Derived data, so NORMAL: in WAL mode a power cut may lose the last transactions but never
  // corrupts the file, and the lost ones are re-applied from PouchDB's changes feed (the
  // checkpoint is in the same transactions). The store's document count it records stays a
  // consistent, if older, pair with its sequence. OFF could leave a damaged file.
  db.pragma('synchronous = NORMAL');
  // SQLite's default 2 MiB page cache thrashes on the indexes of `docs` once the store grows:
  // a first pull of 50,500 documents spent 29.5 s in the `docs` upserts with it, 9.5 s with
  // 64 MiB (touchpoints 2.1 ms each, then 0.3). Pages are taken as used, up to this bound.
  db.pragma('cache_size = -65536');
  return db;
}

/** The loading itself, on whichever thread it runs. */
export class Loader {
  private readonly db: Db;
  private readonly projector: Projector;
  private readonly indexes: { name: string; sql: string }[] = [];
  private readonly triggers: { name: string; sql: string }[] = [];
  private readonly setMeta;

  constructor(
    file: string,
    private readonly mode: LoadMode,
  ) {
    if (mode === 'live') {
      this.db = connectProjection(file);
      // Statement journals in memory: with triggers on `docs` every row's insert keeps one, and
      // in a large transaction they spilled to temporary files, written row after row (an
      // import's projection took 1.5 times the CPU). Only this connection: it writes, and its
      // statements journal a row's pages, never a large sort.
      this.db.pragma('temp_store = MEMORY');
    } else {
      this.db = new Database(file);
      this.db.pragma('journal_mode = OFF');
      this.db.pragma('synchronous = OFF');
      this.db.pragma('cache_size = -262144'); // 256 MiB while loading; the file is new and private
      migrate(this.db);
      // Loading into unindexed tables and indexing once at the end is several times faster.
      this.indexes = this.db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .all() as { name: string; sql: string }[];
      for (const index of this.indexes) this.db.exec(`DROP INDEX ${index.name}`);
      // The per-row triggers on docs are replaced by one fill each at the end (bulkFill.ts).
      const filled = new Set(BULK_FILLS.flatMap((fill) => fill.triggers));
      this.triggers = (
        this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
          name: string;
          sql: string;
        }[]
      ).filter((trigger) => filled.has(trigger.name));
      if (this.triggers.length !== filled.size)
        throw new Error('projection: a bulk fill lost its trigger');
      for (const trigger of this.triggers) this.db.exec(`DROP TRIGGER ${trigger.name}`);
      // Bigger in-memory FTS segments and no merging while loading; one optimize at the end.
      this.db.exec(`INSERT INTO search (search, rank) VALUES ('hashsize', ${64 * 1024 * 1024})`);
      this.db.exec("INSERT INTO search (search, rank) VALUES ('automerge', 0)");
    }
    this.projector = new Projector(this.db, safeTitle, mode === 'fresh');
    const statement = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.setMeta = (meta: Meta) => {
      for (const [key, value] of Object.entries(meta)) statement.run(key, value);
    };
  }

  /** One batch and its meta (the checkpoint it reaches) in one transaction. */
  apply(changes: Change[], meta: Meta = {}): void {
    this.applyPrepared(prepareChanges(changes, safeTitle), meta);
  }

  /** The same for a batch serialized by serializeChanges() (on the thread that read it). */
  applySerialized(changes: SerializedChange[], meta: Meta = {}): void {
    this.applyPrepared(prepareSerialized(changes, safeTitle), meta);
  }

  private applyPrepared(changes: PreparedChange[], meta: Meta): void {
    this.db.transaction(() => {
      this.projector.applyPrepared(changes);
      this.setMeta(meta);
    })();
  }

  /** Finishes the file (a fresh one gets its indexes and renewal columns) and closes it. */
  finish(meta: Meta): void {
    try {
      if (this.mode === 'fresh') {
        this.db.exec("INSERT INTO search (search) VALUES ('optimize')");
        this.db.exec("INSERT INTO search (search, rank) VALUES ('automerge', 4)");
        for (const index of this.indexes) this.db.exec(index.sql);
        this.db.transaction(() => {
          for (const fill of BULK_FILLS) fill.fill(this.db, this.projector.freshCounts);
          for (const trigger of this.triggers) this.db.exec(trigger.sql);
        })();
        this.projector.finishFresh();
      }
      this.db.transaction(() => this.setMeta(meta))();
      // A live load's large transactions grew the WAL file; it would keep that size while the
      // projection's own connection stays open (a restore then left a near-full disk full).
      if (this.mode === 'live') this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }

  abort(): void {
    if (this.db.open) this.db.close();
  }
}

/** What the host sends the loader thread, and what it answers. */
export type ToLoader =
  | { kind: 'apply'; changes: SerializedChange[]; meta?: Meta }
  | { kind: 'finish'; meta: Meta }
  | { kind: 'abort' };
export type FromLoader =
  | { kind: 'ready' }
  | { kind: 'applied'; count: number }
  | { kind: 'finished' }
  | { kind: 'failed'; message: string };

export interface LoaderHandle {
  /** Queues a batch; resolves once there is room for another (at most `depth` in flight). */
  apply(changes: Change[], meta?: Meta): Promise<void>;
  /** Resolves once every batch is applied and the file is finished and closed. */
  finish(meta: Meta): Promise<void>;
  abort(): Promise<void>;
  readonly threaded: boolean;
}

/** The loader in this thread: each call does its work before it returns. */
export function localLoader(file: string, mode: LoadMode): LoaderHandle {
  const loader = new Loader(file, mode);
  return {
    threaded: false,
    apply: async (changes, meta) => loader.apply(changes, meta),
    finish: async (meta) => loader.finish(meta),
    abort: async () => loader.abort(),
  };
}

/**
 * The thread's entry. Built, it is loaderThread.js; run from source (tsx, jest) it is the .ts
 * file, loaded through tsx's require hook since worker threads do not inherit a loader.
 */
function threadEntry(): [string, { eval?: boolean }] {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `loaderThread${ext}`);
  if (ext !== '.ts') return [file, {}];
  return [`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true }];
}

/** Batches in flight: one being applied, one waiting, while this thread reads the next. */
const DEPTH = 2;

/**
 * The loader in a worker thread: this thread sends each batch as JSON strings (prepare.ts), the
 * worker computes and writes the rows, overlapping with whatever this thread does next.
 */
export async function threadLoader(file: string, mode: LoadMode): Promise<LoaderHandle> {
  const [entry, how] = threadEntry();
  const worker = new Worker(entry, { ...how, workerData: { file, mode } });
  let failure: Error | null = null;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  let finished: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    wake?.();
    finished?.reject(failure);
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromLoader) => {
      if (message.kind === 'ready') resolve();
      else if (message.kind === 'applied') {
        inFlight--;
        wake?.();
      } else if (message.kind === 'finished') finished?.resolve();
      else {
        const error = new Error(`projection loader: ${message.message}`);
        reject(error);
        fail(error);
      }
    });
    worker.once('error', (error) => {
      reject(error);
      fail(error);
    });
    worker.once('exit', (code) => {
      const error = new Error(`projection loader thread exited (code ${code})`);
      reject(error);
      fail(error);
    });
  });
  await ready;
  const send = (message: ToLoader) => worker.postMessage(message);
  return {
    threaded: true,
    async apply(changes, meta) {
      if (failure) throw failure;
      // This thread (reading the feed) only stringifies: strings clone cheaper than document
      // trees, and the worker, with time to spare, computes the rows.
      const serialized = serializeChanges(changes);
      inFlight++;
      send({ kind: 'apply', changes: serialized, meta });
      while (inFlight >= DEPTH && !failure) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      if (failure) throw failure;
    },
    async finish(meta) {
      if (failure) throw failure;
      const done = new Promise<void>((resolve, reject) => (finished = { resolve, reject }));
      send({ kind: 'finish', meta });
      try {
        await done;
      } finally {
        worker.removeAllListeners('exit');
        await worker.terminate();
      }
    },
    async abort() {
      worker.removeAllListeners('exit');
      send({ kind: 'abort' });
      await worker.terminate();
    },
  };
}
