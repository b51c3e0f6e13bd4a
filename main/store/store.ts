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

export class Store {
  private readonly queue = new SerialQueue();

  private constructor(
    readonly dataDir: string,
    readonly pouch: Pouch,
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

  /** Writes documents in one batch and returns once the projection shows them. */
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

  async close(): Promise<void> {
    await this.queue.run(async () => {
      this.projection.close();
      await this.pouch.close();
    });
  }
}
