// Conflicting revisions that replication brought in: listed, shown side by side, merged by
// themselves when no field clashes, or resolved by a person field by field. Never dropped.
import type { ConflictDetail, ConflictSummary } from '../../shared/api/sync';
import { ApiFailure, apiError } from '../../shared/api/errors';
import { entities, isEntityType, type EntityType } from '../../shared/domain/entities';
import {
  applyChoices,
  commonAncestor,
  mergeVersions,
  revisionHistory,
  type MergeResult,
} from '../../shared/domain/merge';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import { fieldsOf, type Doc as WrittenDoc } from '../store/documentWriter';

type Doc = Record<string, unknown> & {
  _id: string;
  _rev: string;
  _revisions?: { start: number; ids: string[] };
  _conflicts?: string[];
};

interface Loaded {
  id: string;
  versions: Doc[];
  baseRev: string | null;
  base: Doc | null;
  result: MergeResult;
}

/** Ids of documents whose projection row says they carry conflicting revisions. */
export function conflictedIds(ctx: BackendContext, limit = 1000): string[] {
  const rows = ctx.store.projection.db
    .prepare('SELECT id FROM docs WHERE conflicts = 1 ORDER BY id LIMIT ?')
    .all(limit) as { id: string }[];
  return rows.map((r) => r.id);
}

/** How many documents carry conflicting revisions (no cap: the status shows the true count). */
export function conflictCount(ctx: BackendContext): number {
  const row = ctx.store.projection.db
    .prepare('SELECT count(*) AS n FROM docs WHERE conflicts = 1')
    .get() as { n: number };
  return row.n;
}

function strip(doc: Doc): Record<string, unknown> {
  const { _revisions: _r, _conflicts: _c, ...rest } = doc;
  return rest;
}

/** Every leaf revision of a document (winner first), their common ancestor and the merge. */
async function load(ctx: BackendContext, id: string): Promise<Loaded | null> {
  const winner = (await ctx.store.getWithConflicts(id)) as Doc | null;
  if (!winner) return null;
  const revs = winner._conflicts ?? [];
  if (revs.length === 0) return null;
  const others = await Promise.all(
    revs.map(async (rev) => {
      const version = await ctx.store.getRevision(id, rev);
      if (!version) throw new Error(`conflicting revision ${rev} of ${id} is missing`);
      return version as Doc;
    }),
  );
  const versions = [winner, ...others];
  const histories = versions.map((v) =>
    v._revisions ? revisionHistory(v._revisions) : [String(v._rev)],
  );
  const baseRev = commonAncestor(histories);
  let base: Doc | null = null;
  if (baseRev) {
    // The ancestor's body survives locally unless compacted; without it every difference clashes.
    base = (await ctx.store.getRevision(id, baseRev)) as Doc | null;
  }
  const result = mergeVersions(base ? strip(base) : null, versions.map(strip));
  return { id, versions, baseRev, base, result };
}

function typeOf(doc: Doc): EntityType | null {
  return typeof doc.type === 'string' && isEntityType(doc.type) ? doc.type : null;
}

function titleOf(doc: Doc): string {
  const type = typeOf(doc);
  if (!type) return doc._id;
  try {
    return entities[type].titleOf(doc as never) || doc._id;
  } catch {
    return doc._id;
  }
}

export async function listConflicts(ctx: BackendContext): Promise<ConflictSummary[]> {
  const items: ConflictSummary[] = [];
  for (const id of conflictedIds(ctx)) {
    const loaded = await load(ctx, id);
    if (!loaded) continue;
    const winner = loaded.versions[0];
    items.push({
      id,
      type: String(winner.type ?? ''),
      accountId: String(winner.accountId ?? ''),
      title: titleOf(winner),
      revs: loaded.versions.map((v) => v._rev),
      clashes: loaded.result.clashes,
    });
  }
  return items;
}

export async function conflictDetail(ctx: BackendContext, id: string): Promise<ConflictDetail> {
  const loaded = await load(ctx, id);
  if (!loaded)
    throw apiError('NOT_FOUND', 'conflict.error.none', `${id} has no conflict`, { id }, ['id']);
  const winner = loaded.versions[0];
  return {
    id,
    type: String(winner.type ?? ''),
    accountId: String(winner.accountId ?? ''),
    title: titleOf(winner),
    baseRev: loaded.base ? loaded.baseRev : null,
    versions: loaded.versions.map((v, i) => ({
      rev: v._rev,
      updatedBy: typeof v.updatedBy === 'string' ? v.updatedBy : undefined,
      updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : undefined,
      winner: i === 0,
      doc: strip(v),
    })),
    fields: loaded.result.fields,
    clashes: loaded.result.clashes,
  };
}

/**
 * The merged winner, tombstones for the other leaves and the timeline entry, in one change
 * through the writer (all or nothing: a leaf is never removed unless the merge went in).
 */
async function writeMerge(
  ctx: BackendContext,
  actor: Actor,
  loaded: Loaded,
  fields: Record<string, unknown>,
): Promise<{ rev: string; removed: string[] }> {
  const winner = loaded.versions[0];
  const type = typeOf(winner);
  if (!type) {
    throw apiError(
      'VALIDATION',
      'validation.invalidValue',
      `${loaded.id} has no known type`,
      { id: loaded.id },
      ['choices', 'type'],
    );
  }
  const removed = loaded.versions.slice(1).map((v) => v._rev);
  try {
    const { docs } = await ctx.writer.commit(actor, {
      changes: [
        {
          kind: 'put',
          type,
          accountId: String(winner.accountId),
          base: strip(winner) as WrittenDoc,
          fields: fieldsOf(fields),
        },
        ...loaded.versions
          .slice(1)
          .map((v) => ({ kind: 'delete' as const, base: strip(v) as WrittenDoc })),
      ],
      timeline: 'merged',
      path: ['choices'],
    });
    return { rev: String(docs[0]._rev), removed };
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'CONFLICT') {
      throw apiError('CONFLICT', 'conflict.error.stale', `${loaded.id}: ${error.message}`, {
        id: loaded.id,
      });
    }
    throw error;
  }
}

/** A person's resolution: per field, the revision whose value wins. */
export async function resolveConflict(
  ctx: BackendContext,
  actor: Actor,
  input: { id: string; revs: string[]; choices: Record<string, string> },
): Promise<{ id: string; rev: string; removed: string[] }> {
  const loaded = await load(ctx, input.id);
  if (!loaded) {
    throw apiError(
      'NOT_FOUND',
      'conflict.error.none',
      `${input.id} has no conflict`,
      { id: input.id },
      ['id'],
    );
  }
  const current = loaded.versions.map((v) => v._rev).sort();
  if (JSON.stringify(current) !== JSON.stringify([...input.revs].sort())) {
    throw apiError(
      'CONFLICT',
      'conflict.error.stale',
      `the conflict on ${input.id} changed`,
      { id: input.id },
      ['revs'],
    );
  }
  const indexByRev = new Map(loaded.versions.map((v, i) => [v._rev, i]));
  const choices: Record<string, number> = {};
  for (const [field, rev] of Object.entries(input.choices)) {
    const index = indexByRev.get(rev);
    if (index === undefined) {
      throw apiError(
        'VALIDATION',
        'conflict.error.unknownRev',
        `${rev} is not a conflicting revision`,
        { rev },
        ['choices', field],
      );
    }
    choices[field] = index;
  }
  const { merged, undecided } = applyChoices(loaded.result, loaded.versions.map(strip), choices);
  if (undecided.length) {
    throw apiError(
      'VALIDATION',
      'conflict.error.undecided',
      `undecided fields: ${undecided.join(', ')}`,
      { fields: undecided.join(', ') },
      ['choices'],
    );
  }
  const written = await writeMerge(ctx, actor, loaded, merged);
  return { id: input.id, ...written };
}

export interface AutoMergeReport {
  merged: string[];
  /** Left for a person: a field clashes, or the merge would break the document's rules. */
  clashing: string[];
  /** Left to the author of the winning revision, so replicas do not merge against each other. */
  waiting: string[];
}

/**
 * Merges every conflicted document whose versions do not clash. Only the author of the winning
 * revision merges it: were every replica to merge, their merges would conflict in turn.
 */
export async function autoMerge(
  ctx: BackendContext,
  actor: Actor,
  ids = conflictedIds(ctx),
): Promise<AutoMergeReport> {
  const report: AutoMergeReport = { merged: [], clashing: [], waiting: [] };
  for (const id of ids) {
    const loaded = await load(ctx, id);
    if (!loaded) continue;
    if (loaded.result.clashes.length > 0) {
      report.clashing.push(id);
      continue;
    }
    if (loaded.versions[0].updatedBy !== actor.login) {
      report.waiting.push(id);
      continue;
    }
    try {
      await writeMerge(ctx, actor, loaded, loaded.result.merged);
      report.merged.push(id);
    } catch {
      report.clashing.push(id);
    }
  }
  return report;
}
