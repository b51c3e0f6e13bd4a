// Acknowledged means durable: every LevelDB write PouchDB makes goes through this leveldown,
// which asks LevelDB to sync its log (`sync: true`, an fdatasync) before the write's callback
// runs, and which refuses every write after one has failed (ENOSPC, EIO): LevelDB's log may
// then hold a torn record, and writes acknowledged after it could vanish on the next open.
import leveldown from 'leveldown';

type Callback = (error?: Error | null) => void;
type WriteOptions = Record<string, unknown> & { sync?: boolean };

interface RawLeveldown {
  location: string;
  _put(key: unknown, value: unknown, options: WriteOptions, callback: Callback): void;
  _del(key: unknown, options: WriteOptions, callback: Callback): void;
  _batch(operations: unknown[], options: WriteOptions, callback: Callback): void;
  _chainedBatch(): { _write(options: WriteOptions, callback: Callback): void };
}

/** The durability state of one open LevelDB folder, shared by the store and its leveldown. */
export interface Durability {
  /**
   * When true, writes are not synced: the store sets it for a write that another write queued
   * behind it will sync (group commit: LevelDB's sync flushes its whole log, earlier records
   * included).
   */
  deferSync: boolean;
  /** No sync at all: only the bench sets it, for the non-durable baseline of the same run. */
  unsyncedBaseline: boolean;
  /** The first write error; once set every further write is refused until the store reopens. */
  failure: Error | null;
  /** Writes made and writes synced, for tests and the bench. */
  writes: number;
  syncs: number;
  /** Syncs the log alone (for a group whose last write wrote nothing). */
  sync?: () => Promise<void>;
}

/** A key outside every PouchDB sublevel (theirs start with ÿ): deleting it only syncs the log. */
const SYNC_MARK = 'csm-sync-mark';

const states = new Map<string, Durability>();

/** The durability state of a LevelDB folder (created on first use, kept until forgotten). */
export function durabilityOf(location: string): Durability {
  let state = states.get(location);
  if (!state) {
    state = { deferSync: false, unsyncedBaseline: false, failure: null, writes: 0, syncs: 0 };
    states.set(location, state);
  }
  return state;
}

/** Forgets a folder's state: the next open starts clean (after it has verified itself). */
export function forgetDurability(location: string): void {
  states.delete(location);
}

export class StoreWriteRefusedError extends Error {
  constructor(readonly original: Error) {
    super(`the store refuses writes after a failed write (${original.message})`);
    this.name = 'StoreWriteRefusedError';
  }
}

/** Wraps a write so it syncs unless deferred, and latches the first failure. */
function guarded(
  state: Durability,
  write: (options: WriteOptions, callback: Callback) => void,
  options: WriteOptions,
  callback: Callback,
): void {
  if (state.failure) {
    const refused = new StoreWriteRefusedError(state.failure);
    process.nextTick(() => callback(refused));
    return;
  }
  const sync = !state.deferSync && !state.unsyncedBaseline;
  state.writes++;
  if (sync) state.syncs++;
  write({ ...options, sync }, (error) => {
    if (error && !state.failure) state.failure = error;
    callback(error);
  });
}

/**
 * A leveldown whose writes are synced and latched (see above). PouchDB takes it as its `db`
 * option and calls it with the folder; the function's name keys PouchDB's cache of open
 * LevelDBs, so it must stay a named function.
 */
export function durableLeveldown(location: string): unknown {
  const db = leveldown(location) as unknown as RawLeveldown;
  const state = durabilityOf(location);
  const put = db._put.bind(db);
  const del = db._del.bind(db);
  const batch = db._batch.bind(db);
  const chained = db._chainedBatch.bind(db);
  db._put = (key, value, options, callback) =>
    guarded(state, (o, cb) => put(key, value, o, cb), options, callback);
  db._del = (key, options, callback) =>
    guarded(state, (o, cb) => del(key, o, cb), options, callback);
  db._batch = (operations, options, callback) =>
    guarded(state, (o, cb) => batch(operations, o, cb), options, callback);
  state.sync = () =>
    new Promise((resolve, reject) =>
      guarded(
        state,
        (o, cb) => del(SYNC_MARK, o, cb),
        {},
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  db._chainedBatch = () => {
    const chain = chained();
    const write = chain._write.bind(chain);
    chain._write = (options, callback) => guarded(state, write, options, callback);
    return chain;
  };
  return db;
}

/** Syncs the LevelDB log of an open folder: everything written before is then on disk. */
export async function syncNow(location: string): Promise<void> {
  const state = durabilityOf(location);
  if (!state.sync) throw new Error(`no open LevelDB at ${location}`);
  await state.sync();
}

/** LevelDB's own repair (leveldown's `repair`): rebuilds the manifest from the files it finds. */
export function repairLevelDb(location: string): Promise<void> {
  return new Promise((resolve, reject) => {
    leveldown.repair(location, (error) => (error ? reject(error) : resolve()));
  });
}
