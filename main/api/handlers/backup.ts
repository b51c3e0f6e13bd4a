// JSON backup: export every document; import validates all of them before writing any.
import { backupFileSchema } from '../../../shared/api/contract';
import { ApiFailure, apiError, fromZodIssues, type ApiError } from '../../../shared/api/errors';
import type { BackupFile, ImportReport } from '../../../shared/api/types';
import { entities, isEntityType } from '../../../shared/domain/entities';
import { parseDocId, TEAM_ACCOUNT_ID } from '../../../shared/domain/ids';
import type { WriteDoc } from '../../store/store';
import type { BackendContext } from '../context';
import type { Actor } from '../identity';
import { timelineEntry } from '../timelineEntry';

const WRITE_BATCH = 1000;
type Doc = Record<string, unknown> & { _id: string };

export async function exportBackup(ctx: BackendContext): Promise<BackupFile> {
  const all = await ctx.store.allDocs();
  const docs = all
    .filter((d) => !d._id.startsWith('_'))
    .map((d) => {
      const { _rev, _conflicts, ...doc } = d as Doc & { _conflicts?: unknown };
      void _rev;
      void _conflicts;
      return doc;
    });
  return { format: 'csm-workbench-backup', version: 1, exportedAt: ctx.now().toISOString(), docs };
}

function checkDoc(raw: Record<string, unknown>, index: number): ApiError[] {
  const path = ['backup', 'docs', index];
  const id = typeof raw._id === 'string' ? raw._id : '';
  const parsedId = parseDocId(id);
  const type = String(raw.type ?? '');
  if (
    !parsedId ||
    !isEntityType(type) ||
    parsedId.type !== type ||
    parsedId.accountId !== raw.accountId
  ) {
    return new ApiFailure([
      {
        code: 'VALIDATION',
        path: [...path, '_id'],
        message: `document ${index} has no valid id, type and account (${id || 'no id'})`,
        messageKey: 'validation.accountMismatch',
      },
    ]).errors;
  }
  const result = entities[type].doc.safeParse(raw);
  return result.success ? [] : fromZodIssues(result.error.issues, path).errors;
}

function sameContent(a: Doc, b: Doc): boolean {
  const strip = ({ _rev, _conflicts, ...rest }: Doc & { _conflicts?: unknown }) => {
    void _rev;
    void _conflicts;
    return JSON.stringify(
      Object.keys(rest)
        .sort()
        .map((k) => [k, rest[k]]),
    );
  };
  return strip(a) === strip(b);
}

export async function importBackup(
  ctx: BackendContext,
  input: { backup: unknown; overwrite: boolean },
  actor: Actor,
): Promise<ImportReport> {
  const file = backupFileSchema.safeParse(input.backup);
  if (!file.success) throw fromZodIssues(file.error.issues, ['backup']);
  const errors = file.data.docs.flatMap(checkDoc);
  if (errors.length) throw new ApiFailure(errors);

  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, conflicts: [] };
  const writes: WriteDoc[] = [];
  const touched = new Map<string, number>();
  for (const doc of file.data.docs as Doc[]) {
    const existing = ctx.queries.getDoc(doc._id) as Doc | null;
    if (existing && sameContent(existing, doc)) {
      report.unchanged++;
      continue;
    }
    if (existing && !input.overwrite) {
      report.conflicts.push({
        id: doc._id,
        message: `${doc._id} differs locally; not overwritten`,
      });
      continue;
    }
    writes.push(existing ? { ...doc, _rev: String(existing._rev) } : { ...doc });
    if (existing) report.updated++;
    else report.created++;
    const accountId = String(doc.accountId);
    touched.set(accountId, (touched.get(accountId) ?? 0) + 1);
  }
  const at = ctx.now().toISOString();
  for (const [accountId, n] of touched) {
    // Team-wide documents (the directory, the health model) belong to no account's timeline.
    if (accountId === TEAM_ACCOUNT_ID) continue;
    const entry = timelineEntry({
      accountId,
      user: actor.login,
      at,
      action: 'imported',
      target: { _id: accountId, type: 'account' },
      changes: [{ field: 'documents', to: String(n) }],
    });
    writes.push(entry as unknown as WriteDoc);
  }
  for (let i = 0; i < writes.length; i += WRITE_BATCH) {
    const results = await ctx.store.write(writes.slice(i, i + WRITE_BATCH));
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) {
      throw apiError(
        'INTERNAL',
        'error.internal',
        `import stopped at ${failed.id}: ${failed.message}`,
        {
          reason: failed.message,
        },
      );
    }
  }
  return report;
}
