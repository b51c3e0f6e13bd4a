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
  private feed?: PouchDB.Core.Changes<object>;
  private pendingCatchUp = false;

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
    const store = new Store(options.dataDir, pouch, projection);
    store.followChanges();
    return store;
  }

  /** Documents that arrive by replication reach the projection through the live feed. */
  private followChanges(): void {
    this.feed = this.pouch.changes({ live: true, since: 'now' });
    this.feed.on('change', () => {
      if (this.pendingCatchUp) return;
      this.pendingCatchUp = true;
      void this.queue.run(async () => {
        this.pendingCatchUp = false;
        // Our own writes usually left the projection current already.
        if (String(await this.updateSeq()) !== this.projection.checkpoint)
          await this.projection.catchUp();
      });
    });
    this.feed.on('error', () => undefined);
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

  catchUp(): Promise<number> {
    return this.queue.run(() => this.projection.catchUp());
  }

  rebuildProjection(): Promise<number> {
    return this.queue.run(() => this.projection.rebuild());
  }

  async close(): Promise<void> {
    this.feed?.cancel();
    await this.queue.run(async () => {
      this.projection.close();
      await this.pouch.close();
    });
  }
}
