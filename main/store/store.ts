// The local store: PouchDB first, then the SQLite projection, before a write returns. A write
// is synced to disk before it is acknowledged (durability.ts); concurrent writes share one sync.
import fs from 'node:fs';
import path from 'node:path';
import { Projection, type RebuildProgress } from '../projection/projection';
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
}

export type WriteDoc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };
export type WriteResult =
  | { id: string; ok: true; rev: string }
  | { id: string; ok: false; status: number; message: string };

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
   * merged into each document's revision tree) in one LevelDB batch, so all or none of them
   * land, synced; then the projection catches up.
   */
  restore(docs: RevisedDoc[]): Promise<void> {
    return this.queue.run(async () => {
      if (this.durability.failure) throw writeRefused(this.durability.failure);
      try {
        const results = (await this.pouch.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], {
          new_edits: false,
        })) as (PouchDB.Core.Response | PouchDB.Core.Error)[];
        const failed = results.find((r): r is PouchDB.Core.Error => 'error' in r && !!r.error);
        if (failed) throw new Error(`restore failed at ${failed.id}: ${failed.message}`);
      } catch (error) {
        if (this.durability.failure) throw writeRefused(this.durability.failure);
        throw error;
      }
      await this.projection.catchUp();
    });
  }

  /** Whether writes are refused after a failed one (the error every write then gets). */
  get writeFailure(): Error | null {
    return this.durability.failure;
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      this.projection.close();
      await this.pouch.close();
      forgetDurability(pouchLocation(this.dataDir));
    });
  }
}
