// Create, get, update, delete and list for every editable entity: one generic implementation.
import type { ListInput } from '../../../shared/api/contract';
import { apiError, fromZodIssues } from '../../../shared/api/errors';
import { SCHEMA_VERSION, SYSTEM_FIELD_NAMES } from '../../../shared/domain/common';
import { entities, type EditableType, type EntityType } from '../../../shared/domain/entities';
import { newAccountId, newDocId } from '../../../shared/domain/ids';
import type { WriteDoc } from '../../store/store';
import type { BackendContext, Handler } from '../context';
import { diffFields, timelineEntry } from '../timelineEntry';

type Doc = Record<string, unknown> & {
  _id: string;
  _rev?: string;
  type: string;
  accountId: string;
};

const SYSTEM = new Set<string>(SYSTEM_FIELD_NAMES);

export function loadDoc(ctx: BackendContext, id: string, type?: EntityType): Doc {
  const doc = ctx.queries.getDoc(id) as Doc | null;
  if (!doc || (type && doc.type !== type)) {
    throw apiError('NOT_FOUND', 'error.notFound', `${id} not found`, { id }, ['id']);
  }
  return doc;
}

function fieldsOf(doc: Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!SYSTEM.has(k) && k !== '_conflicts') out[k] = v;
  return out;
}

/** Validates caller fields with the entity's rules; zod paths are prefixed with `prefix`. */
function validate(type: EntityType, data: unknown, prefix: string): Record<string, unknown> {
  const parsed = entities[type].input.safeParse(data);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, [prefix]);
  return parsed.data as Record<string, unknown>;
}

/** Writes a document with its timeline entry; a revision clash becomes CONFLICT. */
async function writeWithTimeline(
  ctx: BackendContext,
  doc: WriteDoc,
  entry: WriteDoc,
): Promise<string> {
  const [main, timeline] = await ctx.store.write([doc, entry]);
  if (!main.ok) {
    if (timeline.ok)
      await ctx.store.write([{ _id: entry._id, _rev: timeline.rev, _deleted: true }]);
    if (main.status === 409) throw conflict(ctx, doc._id);
    throw apiError('INTERNAL', 'error.internal', main.message, { reason: main.message });
  }
  return main.rev;
}

function conflict(ctx: BackendContext, id: string): never {
  const current = ctx.queries.getDoc(id);
  const currentRev = String(current?._rev ?? 'deleted');
  throw apiError('CONFLICT', 'error.conflict', `stale revision of ${id}`, { id, currentRev }, [
    'rev',
  ]);
}

function create(type: EditableType): Handler {
  return async (ctx: BackendContext, input: { accountId?: string; data: unknown }) => {
    const fields = validate(type, input.data, 'data');
    let accountId: string;
    if (type === 'account') {
      accountId = newAccountId();
    } else {
      accountId = input.accountId!;
      loadDoc(ctx, accountId, 'account');
    }
    const at = ctx.now().toISOString();
    const doc = {
      ...fields,
      _id: type === 'account' ? accountId : newDocId(type, accountId),
      type,
      accountId,
      schemaVersion: SCHEMA_VERSION,
      createdAt: at,
      createdBy: ctx.user,
      updatedAt: at,
      updatedBy: ctx.user,
    };
    const title = entities[type].titleOf(doc as never);
    const entry = timelineEntry({
      accountId,
      user: ctx.user,
      at,
      action: 'created',
      target: doc,
      targetTitle: title,
    });
    const rev = await writeWithTimeline(ctx, doc, entry as unknown as WriteDoc);
    return { ...doc, _rev: rev };
  };
}

function update(type: EditableType): Handler {
  return async (
    ctx: BackendContext,
    input: { id: string; rev: string; changes: Record<string, unknown> },
  ) => {
    const current = loadDoc(ctx, input.id, type);
    if (current._rev !== input.rev) conflict(ctx, input.id);
    const known = entities[type].fields.shape as Record<string, unknown>;
    const merged = fieldsOf(current);
    for (const [field, value] of Object.entries(input.changes)) {
      if (SYSTEM.has(field)) {
        throw apiError('VALIDATION', 'validation.readOnlyField', `${field} is read-only`, {}, [
          'changes',
          field,
        ]);
      }
      if (!(field in known)) {
        throw apiError('VALIDATION', 'validation.unknownField', `unknown field ${field}`, {}, [
          'changes',
          field,
        ]);
      }
      if (value === null) delete merged[field];
      else merged[field] = value;
    }
    const fields = validate(type, merged, 'changes');
    const changes = diffFields(fieldsOf(current), fields);
    if (changes.length === 0) return current;
    const at = ctx.now().toISOString();
    const doc: Doc = {
      ...fields,
      _id: current._id,
      _rev: current._rev,
      type,
      accountId: current.accountId,
      schemaVersion: SCHEMA_VERSION,
      createdAt: current.createdAt,
      createdBy: current.createdBy,
      updatedAt: at,
      updatedBy: ctx.user,
    };
    const entry = timelineEntry({
      accountId: current.accountId,
      user: ctx.user,
      at,
      action: 'updated',
      target: current,
      targetTitle: entities[type].titleOf(doc as never),
      changes,
    });
    const rev = await writeWithTimeline(ctx, doc as WriteDoc, entry as unknown as WriteDoc);
    return { ...doc, _rev: rev };
  };
}

function remove(type: EditableType): Handler {
  return async (ctx: BackendContext, input: { id: string; rev: string }) => {
    const current = loadDoc(ctx, input.id, type);
    if (current._rev !== input.rev) conflict(ctx, input.id);
    if (type === 'account') {
      // An account takes all its documents (timeline included) with it.
      const children = ctx.queries.accountDocs(current._id).filter((d) => d._id !== current._id);
      const tombstones = [current, ...children].map((d) => ({
        _id: d._id,
        _rev: String(d._rev),
        _deleted: true,
      }));
      const [main] = await ctx.store.write(tombstones);
      if (!main.ok) conflict(ctx, input.id);
      return { id: current._id, rev: (main as { rev: string }).rev };
    }
    const at = ctx.now().toISOString();
    const entry = timelineEntry({
      accountId: current.accountId,
      user: ctx.user,
      at,
      action: 'deleted',
      target: current,
      targetTitle: entities[type].titleOf(current as never),
    });
    const rev = await writeWithTimeline(
      ctx,
      { _id: current._id, _rev: input.rev, _deleted: true },
      entry as unknown as WriteDoc,
    );
    return { id: current._id, rev };
  };
}

function get(type: EntityType): Handler {
  return (ctx: BackendContext, input: { id: string }) => loadDoc(ctx, input.id, type);
}

function list(type: EntityType): Handler {
  return (ctx: BackendContext, input: Required<Pick<ListInput, 'offset' | 'limit'>> & ListInput) =>
    ctx.queries.list({
      type,
      accountId: input.accountId,
      filters: input.filters ?? {},
      sort: input.sort ? { field: input.sort.field, dir: input.sort.dir ?? 'asc' } : undefined,
      offset: input.offset,
      limit: input.limit,
    });
}

export function entityHandlers(types: readonly EditableType[]): Record<string, Handler> {
  const table: Record<string, Handler> = {
    'timeline.get': get('timeline'),
    'timeline.list': list('timeline'),
  };
  for (const type of types) {
    table[`${type}.create`] = create(type);
    table[`${type}.get`] = get(type);
    table[`${type}.update`] = update(type);
    table[`${type}.delete`] = remove(type);
    table[`${type}.list`] = list(type);
  }
  return table;
}
