// Create, get, update, delete and list for every editable entity: one generic implementation.
import type { ListInput } from '../../../shared/api/contract';
import { apiError } from '../../../shared/api/errors';
import { SYSTEM_FIELD_NAMES } from '../../../shared/domain/common';
import { entities, type EditableType, type EntityType } from '../../../shared/domain/entities';
import { newAccountId } from '../../../shared/domain/ids';
import { fieldsOf, type Doc as StoredDoc } from '../../store/documentWriter';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';
import { rescoreAfterWrite } from '../../health/rescore';
import { planNextVisit } from '../../tasks/followUp';
import { BACKEND_OWNED_FIELDS, prepareWrite, serializeNumbering } from './entityRules';

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

function conflict(ctx: BackendContext, id: string): never {
  const current = ctx.queries.getDoc(id);
  const currentRev = String(current?._rev ?? 'deleted');
  throw apiError('CONFLICT', 'error.conflict', `stale revision of ${id}`, { id, currentRev }, [
    'rev',
  ]);
}

function create(type: EditableType): Handler {
  return async (
    ctx: BackendContext,
    input: { accountId?: string; data: unknown },
    actor: Actor,
  ) => {
    let accountId: string;
    if (type === 'account') {
      accountId = newAccountId();
    } else {
      accountId = input.accountId!;
      loadDoc(ctx, accountId, 'account');
    }
    const data = (input.data ?? {}) as Record<string, unknown>;
    const owned = BACKEND_OWNED_FIELDS[type] ?? [];
    for (const field of Object.keys(data)) {
      if (SYSTEM.has(field) || owned.includes(field)) {
        throw apiError('VALIDATION', 'validation.readOnlyField', `${field} is read-only`, {}, [
          'data',
          field,
        ]);
      }
    }
    const write = async () => {
      const prepared = prepareWrite(ctx, type, accountId, null, data, actor, 'data');
      const { docs } = await ctx.writer.commit(actor, {
        changes: [
          {
            kind: 'put',
            type,
            accountId,
            ...(type === 'account' ? { id: accountId } : {}),
            fields: prepared.fields,
          },
          ...prepared.also,
        ],
        timeline: 'created',
        timelineEach: prepared.also.length > 0,
        path: ['data'],
      });
      return docs[0];
    };
    const doc = await (type === 'issue' ? serializeNumbering(write) : write());
    await afterWrite(ctx, actor, type, doc);
    return doc;
  };
}

/**
 * The current document's fields with `changes` applied (null removes a field). A system field,
 * one of `readOnly` or a field the type does not have is refused at its path under `changes`.
 */
export function applyChanges(
  type: EntityType,
  current: Record<string, unknown>,
  changes: Record<string, unknown>,
  readOnly: readonly string[] = [],
): Record<string, unknown> {
  const known = entities[type].fields.shape as Record<string, unknown>;
  const merged = fieldsOf(current);
  for (const [field, value] of Object.entries(changes)) {
    if (SYSTEM.has(field) || readOnly.includes(field)) {
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
  return merged;
}

function update(type: EditableType): Handler {
  return async (
    ctx: BackendContext,
    input: { id: string; rev: string; changes: Record<string, unknown> },
    actor: Actor,
  ) => {
    const current = loadDoc(ctx, input.id, type);
    if (current._rev !== input.rev) conflict(ctx, input.id);
    const merged = applyChanges(type, current, input.changes, BACKEND_OWNED_FIELDS[type]);
    const prepared = prepareWrite(ctx, type, current.accountId, current, merged, actor, 'changes');
    const { docs } = await ctx.writer.commit(actor, {
      changes: [
        {
          kind: 'put',
          type,
          accountId: current.accountId,
          base: current,
          fields: prepared.fields,
        },
        ...prepared.also,
      ],
      timeline: 'updated',
      timelineEach: prepared.also.length > 0,
      path: ['changes'],
      skipUnchanged: true,
    });
    // A write that moves other documents too is rescored whatever its own fields did.
    await afterWrite(ctx, actor, type, docs[0], prepared.also.length ? undefined : current);
    return docs[0];
  };
}

function remove(type: EditableType): Handler {
  return async (ctx: BackendContext, input: { id: string; rev: string }, actor: Actor) => {
    const current = loadDoc(ctx, input.id, type);
    if (current._rev !== input.rev) conflict(ctx, input.id);
    if (type === 'account') {
      // An account takes all its documents (timeline included) with it, all or none.
      const children = ctx.queries.accountDocs(current._id).filter((d) => d._id !== current._id);
      const { docs } = await ctx.writer.commit(actor, {
        changes: [current, ...children].map((d) => ({
          kind: 'delete' as const,
          base: d as StoredDoc,
        })),
      });
      return { id: current._id, rev: String(docs[0]._rev) };
    }
    // Its attachments go with it, in the same change.
    const files = ctx.queries.attachmentsOf(current.accountId, current._id);
    const { docs } = await ctx.writer.commit(actor, {
      changes: [current, ...files].map((d) => ({ kind: 'delete' as const, base: d as StoredDoc })),
      timeline: 'deleted',
    });
    await rescoreAfterWrite(ctx, actor, type, current.accountId);
    return { id: current._id, rev: String(docs[0]._rev) };
  };
}

/**
 * What follows a saved document: a visit's "next visit" date plans that visit, and the
 * account's health is scored again when the document is one of its inputs (after an update
 * from `before`, when one of the fields the health model reads moved).
 */
async function afterWrite(
  ctx: BackendContext,
  actor: Actor,
  type: EditableType,
  doc: StoredDoc,
  before?: StoredDoc,
): Promise<void> {
  const planned = type === 'visit' ? await planNextVisit(ctx, actor, doc) : null;
  // A visit planned or moved by this one is a write of its own: the account is rescored.
  const revision = before && !planned ? { before, after: doc } : undefined;
  await rescoreAfterWrite(ctx, actor, type, String(doc.accountId), revision);
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
