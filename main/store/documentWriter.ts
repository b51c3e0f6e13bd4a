// The one writer of workbench documents. It alone builds the envelope (id, type, accountId,
// schemaVersion, createdAt/By kept from the current revision, updatedAt/By from the actor and
// the clock), validates every document with its type's registered schema, writes the timeline
// entry with the change, and maps every failure the same way. A change is all or nothing: when
// part of its batch fails, the parts that went in are taken back before the error is reported.
import { ApiFailure, apiError, fromZodIssues, type ApiError } from '../../shared/api/errors';
import { SCHEMA_VERSION, SYSTEM_FIELD_NAMES } from '../../shared/domain/common';
import { entities, type EntityDoc, type EntityType } from '../../shared/domain/entities';
import { newDocId } from '../../shared/domain/ids';
import type { Actor } from '../api/identity';
import { diffFields, timelineEntry } from '../api/timelineEntry';
import type { Store, WriteDoc, WriteResult } from './store';

export type Doc = Record<string, unknown> & { _id: string; _rev?: string };
type Path = (string | number)[];

/** Writes a new revision of a document of `type` (a new document when there is no base). */
export interface PutChange {
  kind: 'put';
  type: EntityType;
  accountId: string;
  /** The id of a new document; by default `<type>:<accountKey>:<ulid>`. */
  id?: string;
  /** The revision this one replaces: its `_rev` is checked and its createdAt/By are kept. */
  base?: Doc | null;
  /** The type's own fields; system fields in it are ignored (the writer sets them). */
  fields: Record<string, unknown>;
  /**
   * The document's files as PouchDB attachments (base64 data), checked by the caller (an
   * attachment document's one file). Without it, a base's attachment stubs are kept.
   */
  attachments?: Record<string, { content_type: string; data: string }>;
}

/** Deletes the revision `base` (its body is kept to restore it if the change fails). */
export interface DeleteChange {
  kind: 'delete';
  base: Doc;
}

export type Change = PutChange | DeleteChange;

export interface CommitRequest {
  changes: Change[];
  /**
   * The timeline entry for the first change, on its account: `created`, `updated`
   * and `merged` list the fields that moved, `deleted` names what was removed.
   */
  timeline?: EntityDoc<'timeline'>['action'];
  /** Prefix for the zod paths of validation errors, e.g. ['changes'] or ['data']. */
  path?: Path;
  /** A put whose fields equal its base's is not written (no revision, no timeline entry). */
  skipUnchanged?: boolean;
  /**
   * A timeline entry for every put written, not only the first (a contract's renewal outcome
   * and the account lifecycle it moves: both show on the timeline).
   */
  timelineEach?: boolean;
}

export interface Committed {
  /** One per change, in order: the written document with its new `_rev` (or the base). */
  docs: Doc[];
  written: boolean;
}

export type EachResult =
  { id: string; ok: true; rev: string } | { id: string; ok: false; error: ApiError };

const SYSTEM = new Set<string>([
  ...SYSTEM_FIELD_NAMES,
  '_conflicts',
  '_revisions',
  '_deleted',
  '_attachments',
]);

/** A document's own fields: everything but the envelope and PouchDB's metadata. */
export function fieldsOf(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!SYSTEM.has(k)) out[k] = v;
  return out;
}

/** A stored body without PouchDB's read-only metadata, fit to be written again. */
function bodyOf(doc: Doc): Record<string, unknown> {
  const { _conflicts: _c, _revisions: _r, _rev: _v, ...body } = doc;
  return body;
}

interface Built {
  change: Change;
  doc: WriteDoc;
  /** The fields that moved from the base, when already compared (the timeline lists them). */
  moved?: ReturnType<typeof diffFields>;
}

export class DocumentWriter {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** New document ids (tests pass their own to make a write collide). */
    private readonly newId: (type: string, accountId: string) => string = newDocId,
  ) {}

  /** One change: its documents and timeline entry in one batch, all or nothing. */
  async commit(actor: Actor, request: CommitRequest): Promise<Committed> {
    const at = this.now().toISOString();
    const path = request.path ?? [];
    const built: Built[] = [];
    const skipped = new Map<number, Doc>();
    request.changes.forEach((change, i) => {
      if (change.kind === 'delete') {
        built.push({
          change,
          doc: { _id: change.base._id, _rev: change.base._rev, _deleted: true },
        });
        return;
      }
      const doc = this.build(actor, change, at, path);
      const moved =
        request.skipUnchanged && change.base
          ? diffFields(fieldsOf(change.base), fieldsOf(doc))
          : undefined;
      if (moved?.length === 0) {
        skipped.set(i, change.base!);
        return;
      }
      built.push({ change, doc, moved });
    });
    if (built.length === 0) {
      return { docs: request.changes.map((_, i) => skipped.get(i)!), written: false };
    }
    const subjects = request.timelineEach
      ? built.filter((b) => b.change.kind === 'put')
      : built.slice(0, 1);
    const entries = request.timeline
      ? subjects.map((b) => this.entry(actor, request.timeline!, b, at))
      : [];
    const entry = entries[0] ?? null;
    const batch = [...built.map((b) => b.doc), ...entries];
    const results = await this.store.write(batch);
    const failed = results.findIndex((r) => !r.ok);
    if (failed !== -1) {
      await this.takeBack(built, entry, results);
      throw await this.failure(results[failed]);
    }
    let next = 0;
    const docs = request.changes.map((_, i) => {
      const base = skipped.get(i);
      if (base) return base;
      const b = built[next];
      return { ...b.doc, _rev: (results[next++] as { rev: string }).rev };
    });
    return { docs, written: true };
  }

  /**
   * Independent documents of machine-made types (health scores): each validated, written in one
   * batch, each succeeding or failing on its own. An invalid one refuses the whole call.
   */
  async putEach(actor: Actor, changes: PutChange[], path: Path = []): Promise<EachResult[]> {
    const at = this.now().toISOString();
    const docs = changes.map((change) => this.build(actor, change, at, path));
    const results = await this.store.write(docs);
    return Promise.all(
      results.map(async (r): Promise<EachResult> => {
        if (r.ok) return r;
        return { id: r.id, ok: false, error: (await this.failure(r)).errors[0] };
      }),
    );
  }

  /**
   * The bulk path for many documents at once (an import commit): each built and validated as
   * commit() does (an invalid one refuses the whole call before anything is written), then
   * written through Store.bulkWrite: large batches, each synced, the projection applying them
   * alongside. Each document succeeds or fails on its own (a stale `base` is a CONFLICT for
   * that one). With `timeline`, each written document gets its timeline entry (`created`, or
   * `updated` with the fields that moved), written after it in the same bulk way.
   *
   * `allOrNothing` (an import commit): when any document fails, every one that went in is taken
   * back (a new one deleted, a replaced one given its previous body again) before the first
   * failure is thrown, as commit() does. `batch`: documents per PouchDB batch (one LevelDB
   * batch each, all or nothing on a crash): a caller that keeps each document beside its own
   * timeline entry in `changes` and gives an even batch size never has the two split by a crash.
   */
  async bulkPut(
    actor: Actor,
    changes: PutChange[],
    options: {
      path?: Path;
      timeline?: boolean;
      allOrNothing?: boolean;
      batch?: number;
      onProgress?: (written: number) => void;
    } = {},
  ): Promise<EachResult[]> {
    const at = this.now().toISOString();
    const path = options.path ?? [];
    const built: Built[] = changes.map((change, i) => ({
      change,
      doc: this.build(actor, change, at, [...path, i]),
    }));
    const entries = options.timeline
      ? built.map((b) =>
          this.entry(
            actor,
            b.change.kind === 'put' && b.change.base ? 'updated' : 'created',
            b,
            at,
          ),
        )
      : [];
    const results = await this.store.bulkWrite(
      built.map((b) => b.doc),
      { onProgress: options.onProgress, batch: options.batch },
    );
    const firstFailure = results.find((r) => !r.ok);
    if (options.allOrNothing && firstFailure) {
      await this.takeBackBulk(built, results);
      throw await this.failure(firstFailure);
    }
    if (entries.length) {
      const logged = entries.filter((_, i) => results[i].ok);
      const failed = (await this.store.bulkWrite(logged)).find((r) => !r.ok);
      if (failed) throw await this.failure(failed);
    }
    return Promise.all(
      results.map(async (r): Promise<EachResult> => {
        if (r.ok) return r;
        return { id: r.id, ok: false, error: (await this.failure(r)).errors[0] };
      }),
    );
  }

  /** takeBack() for the bulk path: every written document of a failed bulkPut, undone. */
  private async takeBackBulk(built: Built[], results: WriteResult[]): Promise<void> {
    const undo: WriteDoc[] = [];
    results.forEach((r, i) => {
      if (!r.ok) return;
      const base = built[i].change.base ?? null;
      undo.push(
        base
          ? ({ ...bodyOf(base), _rev: r.rev } as WriteDoc)
          : { _id: r.id, _rev: r.rev, _deleted: true },
      );
    });
    if (undo.length === 0) return;
    const stuck = (await this.store.bulkWrite(undo)).filter((r) => !r.ok).map((r) => r.id);
    if (stuck.length) {
      const reason = `a failed bulk write could not be taken back for ${stuck.length} of ${undo.length} documents (${stuck.slice(0, 20).join(', ')}${stuck.length > 20 ? ', …' : ''})`;
      throw apiError('INTERNAL', 'error.internal', reason, { reason });
    }
  }

  private build(actor: Actor, change: PutChange, at: string, path: Path): WriteDoc {
    const base = change.base ?? null;
    const envelope = {
      ...fieldsOf(change.fields),
      _id: base?._id ?? change.id ?? this.newId(change.type, change.accountId),
      ...(base?._rev ? { _rev: base._rev } : {}),
      type: change.type,
      accountId: (base?.accountId as string | undefined) ?? change.accountId,
      schemaVersion: SCHEMA_VERSION,
      createdAt: (base?.createdAt as string | undefined) ?? at,
      createdBy: (base?.createdBy as string | undefined) ?? actor.login,
      updatedAt: at,
      updatedBy: actor.login,
    };
    const parsed = entities[change.type].doc.safeParse(envelope);
    if (!parsed.success) throw fromZodIssues(parsed.error.issues, path);
    const files = change.attachments ?? (base?._attachments as WriteDoc['_attachments']);
    return (files ? { ...parsed.data, _attachments: files } : parsed.data) as WriteDoc;
  }

  private entry(
    actor: Actor,
    action: EntityDoc<'timeline'>['action'],
    subject: Built,
    at: string,
  ): WriteDoc {
    const { change, doc } = subject;
    const base = change.base ?? null;
    const type = change.kind === 'put' ? change.type : String(base?.type);
    const shown = change.kind === 'put' ? doc : (base as Doc);
    const moved = action === 'updated' || action === 'merged';
    const entry = timelineEntry({
      accountId: String(shown.accountId),
      user: actor.login,
      at,
      action,
      target: { _id: doc._id, type },
      targetTitle: titleOf(type, shown),
      changes: moved && base ? (subject.moved ?? diffFields(fieldsOf(base), fieldsOf(doc))) : [],
    });
    entry._id = this.newId('timeline', entry.accountId);
    const parsed = entities.timeline.doc.safeParse(entry);
    if (!parsed.success) throw fromZodIssues(parsed.error.issues, ['timeline']);
    return parsed.data as WriteDoc;
  }

  /**
   * Takes back the parts of a failed batch that went in: a new document is deleted, a replaced
   * or deleted one gets its previous body back, the timeline entry is deleted.
   */
  private async takeBack(built: Built[], entry: WriteDoc | null, results: WriteResult[]) {
    const undo: WriteDoc[] = [];
    results.forEach((r, i) => {
      if (!r.ok) return;
      const base = i < built.length ? (built[i].change.base ?? null) : null;
      undo.push(
        base
          ? ({ ...bodyOf(base), _rev: r.rev } as WriteDoc)
          : { _id: r.id, _rev: r.rev, _deleted: true },
      );
    });
    if (undo.length === 0) return;
    const undone = await this.store.write(undo);
    const stuck = undone.filter((r) => !r.ok).map((r) => r.id);
    if (stuck.length) {
      const what = entry ? `${built[0].doc._id} and its timeline entry` : built[0].doc._id;
      const reason = `a failed write of ${what} could not be taken back for ${stuck.join(', ')}`;
      throw apiError('INTERNAL', 'error.internal', reason, { reason });
    }
  }

  /** The same mapping for every caller: 409 CONFLICT (with the current rev), 403, the rest. */
  private async failure(result: WriteResult): Promise<ApiFailure> {
    if (result.ok) throw new Error('not a failure');
    if (result.status === 409) {
      const current = await this.store.get(result.id);
      const currentRev = current?._rev ?? 'deleted';
      return apiError(
        'CONFLICT',
        'error.conflict',
        `stale revision of ${result.id}`,
        { id: result.id, currentRev },
        ['rev'],
      );
    }
    if (result.status === 403) {
      return apiError('FORBIDDEN', 'error.forbidden', result.message, { reason: result.message });
    }
    return apiError('INTERNAL', 'error.internal', result.message, { reason: result.message });
  }
}

function titleOf(type: string, doc: Record<string, unknown>): string | undefined {
  const def = (entities as Record<string, { titleOf: (d: never) => string }>)[type];
  try {
    return def?.titleOf(doc as never) || undefined;
  } catch {
    return undefined;
  }
}
