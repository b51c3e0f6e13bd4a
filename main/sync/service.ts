// One sync service per backend: checks and stores the credentials, runs the replicator, and
// signs the server user in as the acting user while connected (the server checks `updatedBy`).
import { apiError } from '../../shared/api/errors';
import { isEntityType } from '../../shared/domain/entities';
import { fieldsOf } from '../store/documentWriter';
import type { SyncScope, SyncState, SyncStatus } from '../../shared/api/sync';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import { unfinishedBulkPull, writeReplicated } from './bulkPull';
import { autoMerge, conflictCount } from './conflicts';
import { CouchHttp } from './couchHttp';
import { assignedAccountKeys } from './designDoc';
import { REPLICATED_ID_PATTERN, REPLICATED_SELECTOR } from './localOnly';
import { Replicator, type Backoff, type OnceReport } from './replicator';
import { SerialQueue } from '../store/serial';
import { PulledHealthRescore } from '../health/pulledRescore';
import { FileVault, type CredentialVault, type SyncCredentials } from './vault';

export interface ServerIdentity {
  name: string;
  roles: string[];
}

/** Signs in and opens the database once: wrong password, no permission, no database, offline. */
export async function checkServer(
  credentials: Omit<SyncCredentials, 'scope'>,
): Promise<ServerIdentity> {
  const http = new CouchHttp(credentials.url, credentials);
  const session = await http.request('GET', '_session');
  const ctx = session.body.userCtx as { name?: string | null; roles?: string[] } | undefined;
  if (session.status === 401 || session.status === 403 || (session.status === 200 && !ctx?.name)) {
    throw apiError(
      'UNAUTHORIZED',
      'sync.error.wrongPassword',
      `wrong user name or password for ${credentials.user}`,
      {},
      ['password'],
    );
  }
  if (session.status !== 200 || !ctx?.name) {
    throw apiError(
      'UNAVAILABLE',
      'sync.error.notCouch',
      `${credentials.url}/_session answered HTTP ${session.status}`,
      { url: credentials.url },
    );
  }
  const db = await http.request('GET', encodeURIComponent(credentials.db));
  if (db.status === 401 || db.status === 403) {
    throw apiError(
      'FORBIDDEN',
      'sync.error.forbidden',
      `${ctx.name} may not use ${credentials.db}`,
      { db: credentials.db },
      ['db'],
    );
  }
  if (db.status === 404) {
    throw apiError(
      'NOT_FOUND',
      'sync.error.noDatabase',
      `no database ${credentials.db}`,
      { db: credentials.db },
      ['db'],
    );
  }
  if (db.status !== 200) {
    throw apiError(
      'UNAVAILABLE',
      'sync.error.notCouch',
      `${credentials.url}/${credentials.db} answered HTTP ${db.status}`,
      { url: credentials.url },
    );
  }
  return { name: ctx.name, roles: ctx.roles ?? [] };
}

/**
 * The ids a scoped pull takes: the team directory, and every document of the assigned accounts
 * (ids name their account, `account:<key>` and `<type>:<key>:<ulid>`). A selector, not a filter function: CouchDB 3
 * evaluates it natively and, unlike a function's source, it does not change between app versions,
 * so the replication id and its checkpoints stay stable.
 */
export function scopeSelector(accountKeys: string[]): Record<string, unknown> {
  const keys = [...new Set(accountKeys)].sort();
  // The team directory comes along whatever the scope: every screen names people by it.
  // So does the requirements library, which every CSM searches before raising a need.
  const team = 'teamMember:|requirement:TEAM:|requirementModel:TEAM:';
  if (keys.length === 0) return { _id: { $regex: `^(${team})` } };
  return {
    _id: { $regex: `${REPLICATED_ID_PATTERN}(${team}|[a-zA-Z]+:(${keys.join('|')})(:|$))` },
  };
}

/** The whole team's documents, less those each machine computes for itself (localOnly.ts). */
export const TEAM_SELECTOR = REPLICATED_SELECTOR;

/**
 * The whole team as a non-manager pulls it: every document but the files (attachment
 * documents) of accounts not assigned to her, which the server does not let her read.
 */
export function teamSelectorFor(roles: readonly string[]): Record<string, unknown> {
  if (roles.includes('manager')) return TEAM_SELECTOR;
  const keys = [...new Set(assignedAccountKeys(roles))].sort();
  const files = keys.length ? `(?!attachment:(?!(${keys.join('|')}):))` : '(?!attachment:)';
  return { _id: { $regex: `${REPLICATED_ID_PATTERN}${files}` } };
}

const FIRST_PULL_DOC = 'csm-sync-first-pull';
/** The server identity last seen, so a scoped sync started offline still knows its accounts. */
const IDENTITY_DOC = 'csm-sync-identity';

export interface SyncRunOptions {
  backoff?: Backoff;
  onStatus?: (state: SyncState) => void;
}

export class SyncService {
  private replicator: Replicator | null = null;
  private credentials: SyncCredentials | null = null;
  private identity: ServerIdentity | null = null;
  private lastPull?: { docsWritten: number; at: string };
  private lastPush?: { docsWritten: number; at: string };
  /** Health follows pulled documents: their accounts are rescored once a pull has settled. */
  private readonly rescore: PulledHealthRescore;

  constructor(
    private readonly ctx: BackendContext,
    private vault: CredentialVault,
    private readonly runOptions: SyncRunOptions = {},
  ) {
    this.rescore = new PulledHealthRescore(ctx, () => ctx.identity.resolve());
  }

  useVault(vault: CredentialVault): void {
    this.vault = vault;
  }

  get connected(): boolean {
    return this.credentials !== null;
  }

  /** Replication is running (live or a one-off run). */
  get running(): boolean {
    return this.replicator !== null;
  }

  /** The scope actually pulled: a manager (and the product role) always pulls the whole team. */
  private effectiveScope(scope: SyncScope, identity: ServerIdentity): SyncScope {
    return identity.roles.includes('manager') || identity.roles.includes('product') ? 'all' : scope;
  }

  private selectorFor(scope: SyncScope, identity: ServerIdentity): Record<string, unknown> {
    if (this.effectiveScope(scope, identity) === 'all') return teamSelectorFor(identity.roles);
    return scopeSelector(assignedAccountKeys(identity.roles));
  }

  private firstPullKey(credentials: SyncCredentials, selector: unknown): string {
    // The whole team's pull keeps the key it had before local-only types were left out.
    const named = selector === TEAM_SELECTOR ? null : selector;
    return `${credentials.url.replace(/\/+$/, '')}/${credentials.db} ${JSON.stringify(named)}`;
  }

  private async isFirstPull(key: string): Promise<boolean> {
    const doc = await this.ctx.store.getLocal<{ done?: string[] }>(FIRST_PULL_DOC);
    return !(doc?.done ?? []).includes(key);
  }

  private async markFirstPullDone(key: string): Promise<void> {
    const done = (await this.ctx.store.getLocal<{ done?: string[] }>(FIRST_PULL_DOC))?.done ?? [];
    if (done.includes(key)) return;
    await this.ctx.store.putLocal(FIRST_PULL_DOC, { done: [...done, key] });
  }

  private async expectedTotal(
    credentials: SyncCredentials,
    selector: Record<string, unknown>,
  ): Promise<number | null> {
    const http = new CouchHttp(credentials.url, credentials);
    const db = encodeURIComponent(credentials.db);
    if (selector === TEAM_SELECTOR) {
      const info = await http.request('GET', db);
      return typeof info.body.doc_count === 'number' ? info.body.doc_count : null;
    }
    const found = await http.request('POST', `${db}/_find`, {
      selector,
      fields: ['_id'],
      limit: 1_000_000,
    });
    return Array.isArray(found.body.docs) ? found.body.docs.length : null;
  }

  private makeReplicator(
    credentials: SyncCredentials,
    identity: ServerIdentity,
    storeEmpty: boolean,
  ): { replicator: Replicator; key: string } {
    const selector = this.selectorFor(credentials.scope, identity);
    const key = this.firstPullKey(credentials, selector);
    const team = this.effectiveScope(credentials.scope, identity) === 'all';
    const roles = identity.roles;
    const replicator = new Replicator({
      local: this.ctx.store.replicationHandle(),
      remoteUrl: `${credentials.url.replace(/\/+$/, '')}/${encodeURIComponent(credentials.db)}`,
      db: credentials.db,
      user: credentials.user,
      password: credentials.password,
      selector,
      pushSelector: REPLICATED_SELECTOR,
      bulkFirstPull:
        storeEmpty && team ? (docs) => writeReplicated(this.ctx.store, docs) : undefined,
      filesOf: (key) => roles.includes('manager') || roles.includes(`acct:${key}`),
      expectedTotal: () => this.expectedTotal(credentials, selector),
      now: this.ctx.now,
      backoff: this.runOptions.backoff,
      afterPull: async (docs, caughtUp) => {
        this.rescore.note(docs);
        if (!caughtUp) return;
        // The projection first, so "done" means the lists show every pulled document.
        await this.ctx.store.catchUp();
        await this.markFirstPullDone(key);
        const merged = await autoMerge(this.ctx, this.ctx.identity.resolve());
        if (merged.merged.length) await this.ctx.store.catchUp();
        this.lastPull = { docsWritten: replicator.counts.pulled, at: this.ctx.now().toISOString() };
        // Behind the pull, not in it: the push and the next batch do not wait for the scores.
        this.rescore.flush();
      },
    });
    replicator.on('status', (state: SyncState) => {
      if (state.state === 'upToDate') {
        this.lastPush = { docsWritten: replicator.counts.pushed, at: state.at };
      }
      this.runOptions.onStatus?.(state);
    });
    replicator.on('fatal', () => void replicator.stop());
    return { replicator, key };
  }

  private async rememberIdentity(identity: ServerIdentity): Promise<void> {
    await this.ctx.store.putLocal(IDENTITY_DOC, identity);
  }

  private async rememberedIdentity(user: string): Promise<ServerIdentity> {
    const doc = await this.ctx.store.getLocal<ServerIdentity>(IDENTITY_DOC);
    return doc && doc.name === user
      ? { name: doc.name, roles: doc.roles }
      : { name: user, roles: [] };
  }

  /**
   * Nothing written locally yet (local documents such as checkpoints do not count), or only by
   * a bulk first pull from this server that stopped early: it resumes at its next page.
   */
  private async storeIsEmpty(credentials: SyncCredentials): Promise<boolean> {
    if (Number((await this.ctx.store.info()).updateSeq) === 0) return true;
    return unfinishedBulkPull(this.ctx.store.replicationHandle(), credentials.url, credentials.db);
  }

  private begin(credentials: SyncCredentials, identity: ServerIdentity): void {
    this.credentials = credentials;
    this.identity = identity;
    // The server checks updatedBy against the signed-in user: while connected, they act.
    this.ctx.identity.signedIn.signIn(identity.name);
  }

  /** Connect, disconnect, resume and runs happen one at a time, in the order asked. */
  private readonly queue = new SerialQueue();

  /** Checks the credentials with the server, stores them and starts live sync. */
  connect(credentials: SyncCredentials): Promise<SyncStatus> {
    return this.queue.run(() => this.connectNow(credentials));
  }

  private async connectNow(credentials: SyncCredentials): Promise<SyncStatus> {
    const identity = await checkServer(credentials);
    await this.stopReplication();
    await this.vault.save(credentials);
    await this.rememberIdentity(identity);
    this.begin(credentials, identity);
    await this.startLive();
    return this.status();
  }

  /** Restarts sync with stored credentials (app start); false when there are none. */
  resume(): Promise<boolean> {
    return this.queue.run(() => this.resumeNow());
  }

  private async resumeNow(): Promise<boolean> {
    const credentials = await this.vault.load();
    if (!credentials) return false;
    // Offline at start is normal: sync starts and retries; the name comes from the credentials.
    this.begin(credentials, await this.rememberedIdentity(credentials.user));
    try {
      this.identity = await checkServer(credentials);
      await this.rememberIdentity(this.identity);
    } catch {
      // The replicator reports the reason in the status and keeps retrying when offline.
    }
    await this.startLive();
    return true;
  }

  private async startLive(): Promise<void> {
    const { replicator, key } = this.makeReplicator(
      this.credentials!,
      this.identity!,
      await this.storeIsEmpty(this.credentials!),
    );
    this.replicator = replicator;
    replicator.start(await this.isFirstPull(key));
  }

  /** One pull and one push with the given credentials (the CLI); nothing is stored. */
  syncOnce(credentials: SyncCredentials): Promise<OnceReport & { status: SyncStatus }> {
    return this.queue.run(() => this.syncOnceNow(credentials));
  }

  private async syncOnceNow(
    credentials: SyncCredentials,
  ): Promise<OnceReport & { status: SyncStatus }> {
    const identity = await checkServer(credentials);
    await this.stopReplication();
    this.begin(credentials, identity);
    const { replicator, key } = this.makeReplicator(
      credentials,
      identity,
      await this.storeIsEmpty(credentials),
    );
    this.replicator = replicator;
    const report = await replicator.runOnce(await this.isFirstPull(key));
    return { ...report, status: this.status() };
  }

  /**
   * Writes each refused document again as a new revision by the current user, so the push sends
   * it once more (the server decides again; a refusal is listed again).
   */
  async retryRejected(actor: Actor): Promise<{ retried: string[] }> {
    const ids = this.replicator?.rejected.map((r) => r.id) ?? [];
    const retried: string[] = [];
    for (const id of ids) {
      const doc = await this.ctx.store.get(id);
      if (!doc) continue;
      const type = String(doc.type);
      if (!isEntityType(type)) {
        throw apiError('VALIDATION', 'validation.invalidValue', `${id} has no known type`, { id }, [
          'id',
        ]);
      }
      await this.ctx.writer.commit(actor, {
        changes: [
          { kind: 'put', type, accountId: String(doc.accountId), base: doc, fields: fieldsOf(doc) },
        ],
        path: ['doc', id],
      });
      retried.push(id);
    }
    return { retried };
  }

  /**
   * Waits until pulled documents are in the projection and auto-merged, and the health of
   * the accounts they touched is rescored.
   */
  async settled(): Promise<void> {
    await this.replicator?.settled();
    await this.rescore.idle();
  }

  private async stopReplication(): Promise<void> {
    const replicator = this.replicator;
    this.replicator = null;
    await replicator?.stop();
    // A rescore still running writes into the store: the store may close after this.
    await this.rescore.idle();
  }

  /** Stops sync and forgets the credentials; local data stays. */
  disconnect(): Promise<SyncStatus> {
    return this.queue.run(() => this.disconnectNow());
  }

  private async disconnectNow(): Promise<SyncStatus> {
    await this.stopReplication();
    await this.vault.clear();
    this.credentials = null;
    this.identity = null;
    this.ctx.identity.signedIn.signOut();
    return this.status();
  }

  /** Stops sync but keeps the credentials (closing the app). */
  stop(): Promise<void> {
    return this.queue.run(() => this.stopReplication());
  }

  status(): SyncStatus {
    const state: SyncState = this.replicator?.status ?? { state: 'offline' };
    return {
      ...state,
      connected: this.connected,
      url: this.credentials?.url,
      db: this.credentials?.db,
      user: this.credentials ? this.identity?.name : undefined,
      roles: this.identity?.roles,
      scope:
        this.credentials && this.identity
          ? this.effectiveScope(this.credentials.scope, this.identity)
          : undefined,
      credentialStorage: this.vault.storage,
      rejected: this.replicator?.rejected ?? [],
      conflicts: conflictCount(this.ctx),
      lastPull: this.lastPull,
      lastPush: this.lastPush,
      ...(this.rescore.last ? { healthRescore: this.rescore.last } : {}),
    };
  }
}

const services = new WeakMap<BackendContext, SyncService>();

/** The backend's sync service, created on first use with the file vault in the data folder. */
export function syncServiceOf(ctx: BackendContext, options?: SyncRunOptions): SyncService {
  let service = services.get(ctx);
  if (!service) {
    service = new SyncService(ctx, new FileVault(ctx.store.dataDir), options);
    services.set(ctx, service);
  }
  return service;
}

/** The sync service if this backend ever used sync (Backend.close stops it), else undefined. */
export function startedSyncService(ctx: BackendContext): SyncService | undefined {
  return services.get(ctx);
}
