// The team's requirement priority model: one document on the reserved TEAM account, so it
// replicates like the health model; until a manager saves one, the default applies.
import { apiError, fromZodIssues } from '../../shared/api/errors';
import type { StoredRequirementModel } from '../../shared/api/requirements';
import { TEAM_ACCOUNT_ID } from '../../shared/domain/ids';
import { entities } from '../../shared/domain/entities';
import { requirementModelFields } from '../../shared/domain/entities/requirement';
import { DEFAULT_REQUIREMENT_MODEL } from '../../shared/rules/requirementPriority';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { Doc } from '../store/documentWriter';
import { assertProductRole } from './access';

export const REQUIREMENT_MODEL_ID = 'requirementModel:TEAM:current';

/** The model from the projection alone (for callers without a whole context). */
export function readRequirementModel(
  queries: Pick<BackendContext['queries'], 'getDoc'>,
): StoredRequirementModel {
  const doc = queries.getDoc(REQUIREMENT_MODEL_ID);
  if (!doc) return { model: DEFAULT_REQUIREMENT_MODEL, isDefault: true };
  const fields = Object.fromEntries(
    Object.entries(doc).filter(([k]) => k in requirementModelFields.shape),
  );
  const valid = entities.requirementModel.input.safeParse(fields);
  // A model from a newer version, or damaged: say so (isDefault) and score with the default.
  return {
    model: valid.success ? valid.data : DEFAULT_REQUIREMENT_MODEL,
    rev: String(doc._rev),
    isDefault: !valid.success,
    updatedAt: doc.updatedAt as string,
    updatedBy: doc.updatedBy as string,
  };
}

export async function saveRequirementModel(
  ctx: BackendContext,
  actor: Actor,
  input: { model: unknown; rev?: string },
): Promise<StoredRequirementModel> {
  assertProductRole(ctx, actor);
  const parsed = entities.requirementModel.input.safeParse(input.model);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, ['model']);
  const current = ctx.queries.getDoc(REQUIREMENT_MODEL_ID);
  const currentRev = current ? String(current._rev) : undefined;
  if (currentRev !== input.rev)
    throw apiError(
      'CONFLICT',
      'error.conflict',
      'the requirement model changed since it was read',
      { id: REQUIREMENT_MODEL_ID, currentRev: currentRev ?? 'none' },
      ['rev'],
    );
  await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'requirementModel',
        accountId: TEAM_ACCOUNT_ID,
        id: REQUIREMENT_MODEL_ID,
        base: current ? (current as Doc) : null,
        fields: parsed.data,
      },
    ],
    path: ['model'],
    timeline: current ? 'updated' : 'created',
  });
  return readRequirementModel(ctx.queries);
}
