// Replication of the local PouchDB with the team database: a pull (scoped or not) and a push,
// live and retrying with backoff, or once. Turns PouchDB's events into one status the UI shows.
import { EventEmitter } from 'node:events';
import PouchDB from 'pouchdb';
import type { RejectedDoc, SyncErrorReason, SyncState } from '../../shared/api/sync';
import type { MessageKey } from '../../shared/i18n';
import { bulkFirstPull, clearBulkPullMark } from './bulkPull';

type Doc = PouchDB.Core.ExistingDocument<Record<string, unknown>>;
type Replication = PouchDB.Replication.Replication<Record<string, unknown>>;
type ChangeInfo = PouchDB.Replication.ReplicationResult<Record<string, unknown>> & {
  pending?: number;
};

/**
 * Tuned for a first pull of tens of thousands of documents: big batches mean few round trips
 * (changes, revs_diff, bulk_get) and big local bulk writes. None of these enter the replication
 * id, so checkpoints survive a change of tuning or an upgrade of the app.
 */
export const PULL_TUNING = { batch_size: 2000, batches_limit: 4 } as const;
export const PUSH_TUNING = { batch_size: 500, batches_limit: 4 } as const;

export interface Backoff {
  minMs: number;
  maxMs: number;
}
const PUSH_MARK_DOC = '_local/csm-sync-push-mark';
/** Writes the server refused, kept across runs until the document is pushed successfully. */
const REJECTED_DOC = '_local/csm-sync-rejected';

export const DEFAULT_BACKOFF: Backoff = { minMs: 1000, maxMs: 60_000 };

/** Doubles the wait after each failure, within [min, max], with some jitter against herds. */
export function nextBackoff(previousMs: number, backoff: Backoff): number {
  const base = previousMs <= 0 ? backoff.minMs : Math.min(previousMs * 2, backoff.maxMs);
  return Math.round(base * (0.85 + Math.random() * 0.3));
}

export interface ReplicatorOptions {
  local: PouchDB.Database;
  /** The team database, e.g. http://127.0.0.1:5984/team. */
  remoteUrl: string;
  user: string;
  password: string;
  /** Pull only these ids (scoped replication); undefined pulls everything. */
  selector?: Record<string, unknown>;
  /** Push only the documents it selects (local-only types stay home); undefined pushes all. */
  pushSelector?: Record<string, unknown>;
  /** How many documents the first pull will bring, when known (for n of N). */
  expectedTotal?: () => Promise<number | null>;
  /** Called after each pulled batch and when the pull catches up; must settle the projection. */
  afterPull: (docs: Doc[], caughtUp: boolean) => Promise<void>;
  now: () => Date;
  backoff?: Backoff;
  db: string;
  /**
   * The store is empty and the pull unscoped: load it in bulk first with this writer (see
   * bulkPull.ts).
   */
  bulkFirstPull?: (docs: Record<string, unknown>[]) => Promise<void>;
  /** Whose files the first pull takes (the pull selector leaves the others out too). */
  filesOf?: (accountKey: string) => boolean;
}

export interface OnceReport {
  pulled: number;
  pushed: number;
  /** Changes each side looked at: 0 when a run resumed from its checkpoint with nothing new. */
  checked: { pull: number; push: number };
  rejected: RejectedDoc[];
}

interface Side {
  handle?: Replication;
  /** Changes read from the source's feed (PouchDB's 'checkpoint' pending_batch events). */
  checked: number;
  active: boolean;
  /** Reached the server at least once since start. */
  reached: boolean;
  docsRead: number;
  docsWritten: number;
}

function newSide(): Side {
  return { active: false, reached: false, docsRead: 0, docsWritten: 0, checked: 0 };
}

function errorState(
  reason: SyncErrorReason,
  messageKey: MessageKey,
  message: string,
  params: Record<string, string | number>,
  retrying: boolean,
): SyncState {
  return { state: 'error', reason, messageKey, message, params, retrying };
}

/** Maps a replication error to a status: wrong password, no permission, or unreachable. */
export function classifyError(error: unknown, url: string, db: string): SyncState {
  const e = error as { status?: number; name?: string; message?: string; reason?: string };
  const text = String(e?.reason ?? e?.message ?? error);
  if (e?.status === 401 || e?.name === 'unauthorized') {
    return errorState('wrongPassword', 'sync.error.wrongPassword', text, {}, false);
  }
  if (e?.status === 403 || e?.name === 'forbidden') {
    return errorState('forbidden', 'sync.error.forbidden', text, { db }, false);
  }
  return errorState(
    'unreachable',
    'sync.error.unreachable',
    text,
    { url, code: e?.name ?? '' },
    true,
  );
}

export class Replicator extends EventEmitter {
  readonly remote: PouchDB.Database;
  private readonly pull: Side = newSide();
  private readonly push: Side = newSide();
  private state: SyncState = { state: 'connecting' };
  private fatal: SyncState | null = null;
  private networkError: SyncState | null = null;
  private firstPull = true;
  private total = 0;
  private pushPending = 0;
  private lastUpToDate: string | null = null;
  private readonly rejectedById = new Map<string, RejectedDoc>();
  private newRejection: RejectedDoc | null = null;
  private settling: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: ReplicatorOptions) {
    super();
    this.remote = new PouchDB(options.remoteUrl, {
      auth: { username: options.user, password: options.password },
      skip_setup: true,
    } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    this.guardRemoteInfo();
  }

  /**
   * PouchDB's replication asks the source for info() after each batch without handling a
   * failure, so a server dying mid-pull would be an unhandled rejection (a crash in Node).
   * A stand-in answer is harmless there: the next request fails properly and backs off.
   */
  private guardRemoteInfo(): void {
    const remote = this.remote as unknown as { info: (cb?: unknown) => Promise<unknown> };
    const info = remote.info.bind(remote);
    const db = this.options.db;
    remote.info = (callback?: unknown) => {
      const answer = info().catch(() => ({ db_name: db, doc_count: 0, update_seq: 0 }));
      if (typeof callback === 'function') {
        void answer.then((value) => (callback as (e: null, v: unknown) => void)(null, value));
      }
      return answer;
    };
  }

  get status(): SyncState {
    return this.state;
  }

  get rejected(): RejectedDoc[] {
    return [...this.rejectedById.values()];
  }

  get counts(): { pulled: number; pushed: number } {
    return { pulled: this.pull.docsWritten, pushed: this.push.docsWritten };
  }

  private pullSince?: string | number;
  private pushSince?: number;

  private pullOptions(live: boolean): PouchDB.Replication.ReplicateOptions {
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    return {
      live,
      retry: live,
      ...(this.pullSince === undefined ? {} : { since: this.pullSince }),
      ...PULL_TUNING,
      ...(this.options.selector ? { selector: this.options.selector } : {}),
      back_off_function: (previous: number) => nextBackoff(previous, backoff),
    } as PouchDB.Replication.ReplicateOptions;
  }

  private pushOptions(live: boolean): PouchDB.Replication.ReplicateOptions {
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    return {
      live,
      retry: live,
      ...(this.pushSince === undefined ? {} : { since: this.pushSince }),
      ...PUSH_TUNING,
      ...(this.options.pushSelector ? { selector: this.options.pushSelector } : {}),
      back_off_function: (previous: number) => nextBackoff(previous, backoff),
    } as PouchDB.Replication.ReplicateOptions;
  }

  private async startFirstPullCount(): Promise<void> {
    try {
      const total = await this.options.expectedTotal?.();
      if (typeof total === 'number') this.total = Math.max(total, this.pull.docsRead);
      this.update();
    } catch {
      // Without a count the bar shows what has arrived so far.
    }
  }

  /**
   * The bulk first pull, when it applies; a failure (server gone) falls back to the
   * replication protocol, which retries and skips what already arrived.
   */
  private async bulkPull(): Promise<void> {
    if (!this.options.bulkFirstPull) return;
    this.pull.active = true;
    try {
      const result = await bulkFirstPull({
        local: this.options.local,
        write: this.options.bulkFirstPull,
        url: this.options.remoteUrl.slice(0, this.options.remoteUrl.lastIndexOf('/')),
        db: this.options.db,
        credentials: { user: this.options.user, password: this.options.password },
        filesOf: this.options.filesOf,
        cancelled: () => this.stopped,
        onProgress: (done, total) => {
          this.pull.reached = true;
          this.pull.docsRead = done;
          this.pull.docsWritten = done;
          this.total = Math.max(this.total, total);
          this.update();
        },
      });
      this.pullSince = result.since;
      if (result.pushSince !== null) this.pushSince = result.pushSince;
    } catch (error) {
      this.networkError = classifyError(error, this.options.remoteUrl, this.options.db);
      this.emit('bulkPullFailed', error);
    } finally {
      this.pull.active = false;
      this.update();
    }
  }

  /** Live replication in both directions until stop(). */
  start(firstPull: boolean): void {
    this.firstPull = firstPull;
    void this.startLive(firstPull);
  }

  private async startLive(firstPull: boolean): Promise<void> {
    await this.loadPushMark();
    await this.loadRejected();
    if (firstPull) {
      await this.startFirstPullCount();
      await this.bulkPull();
    }
    if (this.stopped) return;
    this.pull.handle = this.options.local.replicate.from(this.remote, this.pullOptions(true));
    this.wire(this.pull, 'pull');
    this.push.handle = this.options.local.replicate.to(this.remote, this.pushOptions(true));
    this.wire(this.push, 'push');
    this.update();
  }

  private wire(side: Side, direction: 'pull' | 'push'): void {
    const handle = side.handle!;
    handle.on('active', () => {
      side.active = true;
      side.reached = true;
      this.networkError = null;
      if (direction === 'push') void this.countPushPending();
      this.update();
    });
    handle.on('change', (info: ChangeInfo) => {
      side.reached = true;
      side.docsRead += info.docs.length;
      side.docsWritten += info.docs.length;
      if (direction === 'pull') {
        const docs = info.docs as Doc[];
        this.queueSettle(() => this.options.afterPull(docs, false));
      } else {
        this.accepted(info.docs.map((d) => d._id));
        const last = Number(info.last_seq);
        void this.countPushPending(Number.isFinite(last) ? last : undefined);
      }
      this.update();
    });
    handle.on('paused', (error?: unknown) => {
      side.active = false;
      if (error) {
        this.networkError = classifyError(error, this.options.remoteUrl, this.options.db);
        this.update();
        return;
      }
      side.reached = true;
      this.networkError = null;
      if (direction === 'pull') {
        this.queueSettle(async () => {
          // Caught up: a bulk pull cut short earlier has nothing left to resume.
          await clearBulkPullMark(this.options.local);
          await this.options.afterPull([], true);
          this.firstPull = false;
        });
      } else {
        this.pushPending = 0;
        void this.savePushMark();
        void this.settling.then(() => this.update());
      }
      this.update();
    });
    handle.on('denied', (error: unknown) => this.deny(error));
    (handle as unknown as NodeJS.EventEmitter).on(
      'checkpoint',
      (event: Record<string, unknown>) => {
        if ('pending_batch' in event) side.checked += 1;
      },
    );
    handle.on('error', (error: unknown) => {
      side.active = false;
      if (this.stopped) return;
      this.fatal = classifyError(error, this.options.remoteUrl, this.options.db);
      this.update();
      this.emit('fatal', this.fatal);
    });
  }

  /** A document once refused and now accepted (fixed, or assigned meanwhile) is no longer listed. */
  private accepted(ids: string[]): void {
    let changed = false;
    for (const id of ids) changed = this.rejectedById.delete(id) || changed;
    if (changed) {
      this.saveRejected();
      this.update();
    }
  }

  private rejectedSaved: Promise<void> = Promise.resolve();

  private saveRejected(): void {
    const local = this.options.local;
    const items = this.rejected;
    this.rejectedSaved = this.rejectedSaved.then(async () => {
      const current = (await local.get(REJECTED_DOC).catch(() => null)) as { _rev?: string } | null;
      await local
        .put({
          _id: REJECTED_DOC,
          ...(current?._rev ? { _rev: current._rev } : {}),
          url: this.options.remoteUrl,
          items,
        } as unknown as PouchDB.Core.PutDocument<object>)
        .catch(() => undefined);
    });
  }

  private async loadRejected(): Promise<void> {
    const doc = (await this.options.local.get(REJECTED_DOC).catch(() => null)) as {
      url?: string;
      items?: RejectedDoc[];
    } | null;
    if (doc?.url !== this.options.remoteUrl) return;
    for (const item of doc.items ?? []) {
      if (!this.rejectedById.has(item.id)) this.rejectedById.set(item.id, item);
    }
  }

  private deny(error: unknown): void {
    const e = error as { id?: string; message?: string; reason?: string; name?: string };
    const id = String(e?.id ?? 'unknown');
    const rejected: RejectedDoc = {
      id,
      reason: String(e?.reason ?? e?.message ?? e?.name ?? 'forbidden'),
      at: this.options.now().toISOString(),
    };
    this.rejectedById.set(id, rejected);
    this.saveRejected();
    this.newRejection = rejected;
    this.update();
    this.emit('rejected', rejected);
  }

  /** Settling runs in order, one at a time: the projection sees batches as they arrive. */
  private queueSettle(job: () => Promise<void>): void {
    this.settling = this.settling.then(job).catch((error: unknown) => {
      this.emit('settleError', error);
    });
    void this.settling.then(() => this.update());
  }

  /** The local sequence the last completed push reached, kept across runs per server. */
  private pushedSeq: number | null = null;

  private async loadPushMark(): Promise<void> {
    const doc = (await this.options.local.get(PUSH_MARK_DOC).catch(() => null)) as {
      url?: string;
      seq?: number;
    } | null;
    if (doc?.url === this.options.remoteUrl && typeof doc.seq === 'number') {
      this.pushedSeq = doc.seq;
    }
  }

  private async savePushMark(): Promise<void> {
    const local = this.options.local;
    const seq = Number((await local.info()).update_seq);
    this.pushedSeq = seq;
    const current = (await local.get(PUSH_MARK_DOC).catch(() => null)) as { _rev?: string } | null;
    await local
      .put({
        _id: PUSH_MARK_DOC,
        ...(current?._rev ? { _rev: current._rev } : {}),
        url: this.options.remoteUrl,
        seq,
      } as unknown as PouchDB.Core.PutDocument<object>)
      .catch(() => undefined);
  }

  /**
   * Local changes since the last completed push: what the push still has to look at (pulled
   * documents are among them until the push has confirmed the server has them).
   */
  private async countPushPending(reached?: number): Promise<void> {
    try {
      const seq = Number((await this.options.local.info()).update_seq);
      const pushed = Math.max(reached ?? 0, this.pushSince ?? 0, this.pushedSeq ?? 0);
      this.pushPending = Math.max(0, seq - pushed);
      this.update();
    } catch {
      // Only the number shown is affected.
    }
  }

  private compute(): SyncState {
    // A fatal error stays visible after sync stopped because of it.
    if (this.fatal) return this.fatal;
    if (this.stopped) return { state: 'offline' };
    if (this.networkError) return this.networkError;
    if (this.newRejection) {
      const r = this.newRejection;
      return errorState(
        'rejected',
        'sync.error.rejected',
        `the server refused ${r.id}: ${r.reason}`,
        { id: r.id, reason: r.reason },
        false,
      );
    }
    if (!this.pull.reached && !this.push.reached) return { state: 'connecting' };
    if (this.pull.active || this.firstPull) {
      const done = this.pull.docsRead;
      return { state: 'pulling', done, total: Math.max(this.total, done), first: this.firstPull };
    }
    if (this.push.active) return { state: 'pushing', pending: this.pushPending };
    this.lastUpToDate ??= this.options.now().toISOString();
    return { state: 'upToDate', at: this.lastUpToDate };
  }

  private update(): void {
    const next = this.compute();
    if (next.state !== 'upToDate') this.lastUpToDate = null;
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.emit('status', next);
    // A rejection is reported once: the next change of state replaces it.
    if (next.state === 'error' && next.reason === 'rejected') this.newRejection = null;
  }

  /** One pull (with the projection settled) then one push; resolves when both are done. */
  async runOnce(firstPull: boolean): Promise<OnceReport> {
    this.firstPull = firstPull;
    await this.loadRejected();
    if (firstPull) {
      await this.startFirstPullCount();
      await this.bulkPull();
      this.networkError = null;
    }
    this.pull.handle = this.options.local.replicate.from(this.remote, this.pullOptions(false));
    this.wire(this.pull, 'pull');
    this.update();
    try {
      await this.pull.handle;
    } catch (error) {
      this.fatal ??= classifyError(error, this.options.remoteUrl, this.options.db);
      this.update();
      throw error;
    }
    // The pull is complete: a bulk pull cut short earlier has nothing left to resume.
    await clearBulkPullMark(this.options.local);
    this.queueSettle(async () => {
      await this.options.afterPull([], true);
      this.firstPull = false;
    });
    await this.settling;
    this.push.handle = this.options.local.replicate.to(this.remote, this.pushOptions(false));
    this.wire(this.push, 'push');
    this.push.active = true;
    this.update();
    try {
      await this.push.handle;
    } catch (error) {
      this.fatal ??= classifyError(error, this.options.remoteUrl, this.options.db);
      this.update();
      throw error;
    }
    this.push.active = false;
    this.pull.active = false;
    this.update();
    return {
      pulled: this.pull.docsWritten,
      pushed: this.push.docsWritten,
      checked: { pull: this.pull.checked, push: this.push.checked },
      rejected: this.rejected,
    };
  }

  /** Waits until the projection has caught up with everything pulled so far. */
  settled(): Promise<void> {
    return this.settling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const side of [this.pull, this.push]) {
      side.handle?.cancel();
      side.active = false;
    }
    await this.settling;
    await this.rejectedSaved;
    this.update();
    await this.remote.close().catch(() => undefined);
  }
}
