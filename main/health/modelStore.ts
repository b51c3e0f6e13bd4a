// The team's health model lives in one document on the reserved TEAM account, so it replicates
// to every workbench like any other document; until a manager saves one, the default applies.
// Every save (and every restore) also writes a version document with the same fields, so the
// editor shows who changed what and can bring an earlier version back.
import { randomBytes } from 'node:crypto';
import { apiError, fromZodIssues } from '../../shared/api/errors';
import {
  DEFAULT_HEALTH_MODEL,
  healthModelFields,
  healthModelInput,
  type HealthModel,
} from '../../shared/domain/health/model';
import { modelChanges } from '../../shared/domain/health/modelDiff';
import type { ModelHistory, ModelVersion, StoredModel } from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { Doc, PutChange } from '../store/documentWriter';

export const TEAM_ACCOUNT_ID = 'account:TEAM';
export const HEALTH_MODEL_ID = 'healthModel:TEAM:current';
/** Version documents: `healthModel:TEAM:v<UTC time digits><count><random>`, in order by id. */
export const MODEL_VERSION_PREFIX = 'healthModel:TEAM:v';

export function loadModel(ctx: BackendContext): StoredModel {
  return readModel(ctx.queries);
}

/** The model fields of a stored document, or null when they do not make a valid model. */
function modelOf(doc: Record<string, unknown>): HealthModel | null {
  const fields = Object.fromEntries(
    Object.entries(doc).filter(([k]) => k in healthModelFields.shape),
  );
  const valid = healthModelFields.safeParse(fields);
  return valid.success ? valid.data : null;
}

/** The model from the projection alone (for callers without a whole context, e.g. documents). */
export function readModel(queries: Pick<BackendContext['queries'], 'getDoc'>): StoredModel {
  const doc = queries.getDoc(HEALTH_MODEL_ID);
  if (!doc) return { model: DEFAULT_HEALTH_MODEL, isDefault: true };
  // A model from a newer app version, or damaged: score with the default rather than fail.
  const model = modelOf(doc);
  return {
    model: model ?? DEFAULT_HEALTH_MODEL,
    rev: String(doc._rev),
    isDefault: !model,
    updatedAt: doc.updatedAt as string,
    updatedBy: doc.updatedBy as string,
  };
}

/** A model a manager may save: valid, and each profile's weights shares of 100 %. */
export function checkedModel(model: unknown): HealthModel {
  const parsed = healthModelInput.safeParse(model);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, ['model']);
  return parsed.data;
}

/** Time, then the count of versions (two saves in one millisecond), then a random tail. */
function versionId(ctx: BackendContext): string {
  const at = ctx.clock.now().toISOString().replace(/\D/g, '');
  const seq = String(ctx.queries.health.modelVersions(MODEL_VERSION_PREFIX).length + 1);
  return `${MODEL_VERSION_PREFIX}${at}${seq.padStart(6, '0')}${randomBytes(3).toString('hex')}`;
}

async function writeVersion(
  ctx: BackendContext,
  actor: Actor,
  model: HealthModel,
  rev: string | undefined,
  change: { kind: 'save' | 'restore'; restoredFrom?: string },
): Promise<StoredModel> {
  const current = ctx.queries.getDoc(HEALTH_MODEL_ID);
  const currentRev = current ? String(current._rev) : undefined;
  if (currentRev !== rev)
    throw apiError(
      'CONFLICT',
      'error.conflict',
      'the health model changed since it was read',
      { id: HEALTH_MODEL_ID, currentRev: currentRev ?? 'none' },
      ['rev'],
    );
  const fields = { ...model, change };
  const put = (id: string, base: Doc | null): PutChange => ({
    kind: 'put',
    type: 'healthModel',
    accountId: TEAM_ACCOUNT_ID,
    id,
    base,
    fields,
  });
  await ctx.writer.commit(actor, {
    changes: [put(HEALTH_MODEL_ID, current ? (current as Doc) : null), put(versionId(ctx), null)],
    path: ['model'],
  });
  return loadModel(ctx);
}

export async function saveModel(
  ctx: BackendContext,
  actor: Actor,
  input: { model: unknown; rev?: string },
): Promise<StoredModel> {
  return writeVersion(ctx, actor, checkedModel(input.model), input.rev, { kind: 'save' });
}

/** Brings an earlier version back as a new version (recorded as a restore of that one). */
export async function restoreModel(
  ctx: BackendContext,
  actor: Actor,
  input: { versionId: string; rev?: string },
): Promise<StoredModel> {
  const doc = input.versionId.startsWith(MODEL_VERSION_PREFIX)
    ? ctx.queries.getDoc(input.versionId)
    : undefined;
  if (!doc)
    throw apiError(
      'NOT_FOUND',
      'error.notFound',
      `no model version ${input.versionId}`,
      { id: input.versionId },
      ['versionId'],
    );
  const model = checkedModel(modelOf(doc) ?? doc);
  return writeVersion(ctx, actor, model, input.rev, {
    kind: 'restore',
    restoredFrom: input.versionId,
  });
}

/** The saved versions, newest first, each with what changed from the one before. */
export function modelHistory(
  ctx: BackendContext,
  page: { offset: number; limit: number },
): ModelHistory {
  const docs = ctx.queries.health.modelVersions(MODEL_VERSION_PREFIX);
  const current = ctx.queries.getDoc(HEALTH_MODEL_ID);
  // A model saved before versions were kept: its current document is its only known version.
  if (!docs.length && current) docs.push(current);
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const versions: ModelVersion[] = [];
  let before: HealthModel = DEFAULT_HEALTH_MODEL;
  const currentModel = current ? modelOf(current) : null;
  docs.forEach((doc, i) => {
    const model = modelOf(doc) ?? before;
    const change = doc.change as { kind?: 'save' | 'restore'; restoredFrom?: string } | undefined;
    const from = change?.restoredFrom ? byId.get(change.restoredFrom) : undefined;
    versions.push({
      id: String(doc._id),
      at: String(doc.updatedAt),
      by: String(doc.updatedBy),
      kind: change?.kind ?? 'save',
      ...(change?.restoredFrom
        ? {
            restoredFrom: {
              id: change.restoredFrom,
              ...(from ? { at: String(from.updatedAt), by: String(from.updatedBy) } : {}),
            },
          }
        : {}),
      name: model.name,
      changes: modelChanges(before, model),
      // The newest version is the one in force (its fields are the current document's).
      current:
        i === docs.length - 1 &&
        !!currentModel &&
        JSON.stringify(currentModel) === JSON.stringify(model),
    });
    before = model;
  });
  versions.reverse();
  return {
    total: versions.length,
    offset: page.offset,
    items: versions.slice(page.offset, page.offset + page.limit),
  };
}
