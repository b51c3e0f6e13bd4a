// Conflicting revisions that replication brought in: listed, shown side by side, merged by
// themselves when no field clashes, or resolved by a person field by field. Never dropped.
import type { ConflictDetail, ConflictSummary } from '../../shared/api/sync';
import { apiError, fromZodIssues } from '../../shared/api/errors';
import { entities, isEntityType, type EntityType } from '../../shared/domain/entities';
import {
  applyChoices,
  commonAncestor,
  mergeVersions,
  revisionHistory,
  type MergeResult,
} from '../../shared/domain/merge';
import type { BackendContext } from '../api/context';
import { diffFields, timelineEntry } from '../api/timelineEntry';
import type { WriteDoc } from '../store/store';

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
  const pouch = ctx.store.pouch;
  let winner: Doc;
  try {
    winner = (await pouch.get(id, { conflicts: true, revs: true })) as unknown as Doc;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
  const revs = winner._conflicts ?? [];
  if (revs.length === 0) return null;
  const others = (await Promise.all(
    revs.map((rev) => pouch.get(id, { rev, revs: true })),
  )) as unknown as Doc[];
  const versions = [winner, ...others];
  const histories = versions.map((v) =>
    v._revisions ? revisionHistory(v._revisions) : [String(v._rev)],
  );
  const baseRev = commonAncestor(histories);
  let base: Doc | null = null;
  if (baseRev) {
    // The ancestor's body survives locally unless compacted; without it every difference clashes.
    base = (await pouch.get(id, { rev: baseRev }).catch(() => null)) as Doc | null;
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

/** The merged winner, tombstones for the other leaves and the timeline entry, in one write. */
async function writeMerge(
  ctx: BackendContext,
  loaded: Loaded,
  fields: Record<string, unknown>,
): Promise<{ rev: string; removed: string[] }> {
  const winner = loaded.versions[0];
  const at = ctx.now().toISOString();
  const merged: WriteDoc = {
    ...fields,
    _id: loaded.id,
    _rev: winner._rev,
    updatedAt: at,
    updatedBy: ctx.user,
  };
  const type = typeOf(winner);
  if (type) {
    const { _rev: _ignored, ...shape } = merged;
    const parsed = entities[type].doc.safeParse(shape);
    if (!parsed.success) throw fromZodIssues(parsed.error.issues, ['choices']);
  }
  const removed = loaded.versions.slice(1).map((v) => v._rev);
  const tombstones: WriteDoc[] = removed.map((rev) => ({
    _id: loaded.id,
    _rev: rev,
    _deleted: true,
  }));
  const docs: WriteDoc[] = [merged, ...tombstones];
  if (typeof winner.accountId === 'string' && type) {
    const entry = timelineEntry({
      accountId: winner.accountId,
      user: ctx.user,
      at,
      action: 'merged',
      target: { _id: loaded.id, type },
      targetTitle: titleOf(merged as Doc),
      changes: diffFields(strip(winner), merged),
    });
    docs.push(entry as unknown as WriteDoc);
  }
  const results = await ctx.store.write(docs);
  const failure = results.find((r) => !r.ok);
  if (failure && !failure.ok) {
    throw apiError('CONFLICT', 'conflict.error.stale', `${loaded.id}: ${failure.message}`, {
      id: loaded.id,
    });
  }
  const main = results[0] as { rev: string };
  return { rev: main.rev, removed };
}

/** A person's resolution: per field, the revision whose value wins. */
export async function resolveConflict(
  ctx: BackendContext,
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
  const written = await writeMerge(ctx, loaded, merged);
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
    if (loaded.versions[0].updatedBy !== ctx.user) {
      report.waiting.push(id);
      continue;
    }
    try {
      await writeMerge(ctx, loaded, loaded.result.merged);
      report.merged.push(id);
    } catch {
      report.clashing.push(id);
    }
  }
  return report;
}
