// The local store: PouchDB first, then the SQLite projection, before a write returns.
import fs from 'node:fs';
import path from 'node:path';
import { Projection, type RebuildProgress } from '../projection/projection';
import { openPouch, storeIdentity, type Pouch } from './pouch';
import { SerialQueue } from './serial';

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

export class Store {
  private readonly queue = new SerialQueue();

  private constructor(
    readonly dataDir: string,
    private readonly pouch: Pouch,
    readonly projection: Projection,
  ) {}

  static async open(options: StoreOptions): Promise<Store> {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const pouch = openPouch(options.dataDir);
    const identity = await storeIdentity(pouch);
    const projection = await Projection.open({
      file: path.join(options.dataDir, 'projection.sqlite'),
      pouch,
      identity,
      onProgress: options.onProgress,
      onRebuild: options.onRebuild,
    });
    return new Store(options.dataDir, pouch, projection);
  }

  /**
   * Writes documents in one batch and returns once the projection shows them. The raw batch:
   * workbench documents go through DocumentWriter; only the backup import and the demo loader
   * call this directly (ESLint keeps it so).
   */
  write(docs: WriteDoc[]): Promise<WriteResult[]> {
    return this.queue.run(async () => {
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
      const written = results.flatMap((r, i) => (r.ok ? [{ ...docs[i], _rev: r.rev }] : []));
      const after = await this.updateSeq();
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
        );
      } else {
        await this.projection.catchUp();
      }
      return results;
    });
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

  async close(): Promise<void> {
    await this.queue.run(async () => {
      this.projection.close();
      await this.pouch.close();
    });
  }
}
