// The team's health model lives in one document on the reserved TEAM account, so it replicates
// to every workbench like any other document; until a manager saves one, the default applies.
import { apiError, fromZodIssues } from '../../shared/api/errors';
import { DEFAULT_HEALTH_MODEL, healthModelFields } from '../../shared/domain/health/model';
import type { StoredModel } from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { Doc } from '../store/documentWriter';

export const TEAM_ACCOUNT_ID = 'account:TEAM';
export const HEALTH_MODEL_ID = 'healthModel:TEAM:current';

export function loadModel(ctx: BackendContext): StoredModel {
  return readModel(ctx.queries);
}

/** The model from the projection alone (for callers without a whole context, e.g. documents). */
export function readModel(queries: Pick<BackendContext['queries'], 'getDoc'>): StoredModel {
  const doc = queries.getDoc(HEALTH_MODEL_ID);
  if (!doc) return { model: DEFAULT_HEALTH_MODEL, isDefault: true };
  // A model from a newer app version, or damaged: score with the default rather than fail.
  const fields = Object.fromEntries(
    Object.entries(doc).filter(([k]) => k in healthModelFields.shape),
  );
  const valid = healthModelFields.safeParse(fields);
  return {
    model: valid.success ? valid.data : DEFAULT_HEALTH_MODEL,
    rev: String(doc._rev),
    isDefault: !valid.success,
    updatedAt: doc.updatedAt as string,
    updatedBy: doc.updatedBy as string,
  };
}

export async function saveModel(
  ctx: BackendContext,
  actor: Actor,
  input: { model: unknown; rev?: string },
): Promise<StoredModel> {
  const parsed = healthModelFields.safeParse(input.model);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, ['model']);
  const current = ctx.queries.getDoc(HEALTH_MODEL_ID);
  const currentRev = current ? String(current._rev) : undefined;
  if (currentRev !== input.rev)
    throw apiError(
      'CONFLICT',
      'error.conflict',
      'the health model changed since it was read',
      { id: HEALTH_MODEL_ID, currentRev: currentRev ?? 'none' },
      ['rev'],
    );
  await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'healthModel',
        accountId: TEAM_ACCOUNT_ID,
        id: HEALTH_MODEL_ID,
        base: current ? (current as Doc) : null,
        fields: parsed.data,
      },
    ],
    path: ['model'],
  });
  return loadModel(ctx);
}
