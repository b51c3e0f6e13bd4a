// JSON backup. Export keeps every revision that matters (each winner and conflicting leaf with
// its revision history, format version 2). Import validates everything before writing anything,
// refuses duplicates, and restores the original revisions (`new_edits: false`) on the bulk path,
// so a restore followed by a sync meets the same revisions on the team server, not conflicts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { backupFileSchema } from '../../../shared/api/contract';
import { ApiFailure, apiError, fromZodIssues, type ApiError } from '../../../shared/api/errors';
import type { BackupFile, ImportReport } from '../../../shared/api/types';
import { entities, isEntityType } from '../../../shared/domain/entities';
import { parseDocId, TEAM_ACCOUNT_ID } from '../../../shared/domain/ids';
import type { RevisedDoc } from '../../store/revisions';
import { RestoreStopped, type WriteDoc } from '../../store/store';
import type { BackendContext } from '../context';
import type { Actor } from '../identity';
import { timelineEntry } from '../timelineEntry';

type Doc = Record<string, unknown> & { _id: string };

/** Where `setAsideInvalid` keeps the documents it did not restore, beside the store. */
export const SET_ASIDE_DIR = 'set-aside';

export async function exportBackup(ctx: BackendContext): Promise<BackupFile> {
  const { docs, conflicts } = await ctx.store.readWithHistory();
  return {
    format: 'csm-workbench-backup',
    version: 2,
    exportedAt: ctx.now().toISOString(),
    docs,
    conflicts,
  };
}

/** The document without its revision fields: what the entity schemas validate. */
function content(doc: Doc): Doc {
  // An attachment document's file (`_attachments`) is restored as it is, not a field.
  const { _rev, _revisions, _conflicts, _attachments, ...rest } = doc;
  void _attachments;
  void _rev;
  void _revisions;
  void _conflicts;
  return rest as Doc;
}

function checkDoc(raw: Doc, at: (string | number)[]): ApiError[] {
  const id = typeof raw._id === 'string' ? raw._id : '';
  const parsedId = parseDocId(id);
  const type = String(raw.type ?? '');
  if (
    !parsedId ||
    !isEntityType(type) ||
    parsedId.type !== type ||
    parsedId.accountId !== raw.accountId
  ) {
    return [
      {
        code: 'VALIDATION',
        path: [...at, '_id'],
        message: `document ${at.join('.')} has no valid id, type and account (${id || 'no id'})`,
        messageKey: 'validation.accountMismatch',
        params: { id },
      },
    ];
  }
  const result = entities[type].doc.safeParse(content(raw));
  if (result.success) return [];
  return fromZodIssues(result.error.issues, at).errors.map((e) => ({
    ...e,
    message: `${id}: ${e.message}`,
    params: { ...e.params, id },
  }));
}

/** A version 2 document must carry a revision and, if any, a history that ends in it. */
function checkRevision(raw: Doc, at: (string | number)[]): ApiError[] {
  const rev = raw._rev;
  const match = typeof rev === 'string' ? /^(\d+)-([0-9a-zA-Z]+)$/.exec(rev) : null;
  const history = raw._revisions as { start?: unknown; ids?: unknown } | undefined;
  const historyOk =
    history === undefined ||
    (match !== null &&
      history.start === Number(match[1]) &&
      Array.isArray(history.ids) &&
      history.ids[0] === match[2] &&
      history.ids.every((x) => typeof x === 'string'));
  if (match && historyOk) return [];
  return [
    {
      code: 'VALIDATION',
      path: [...at, match ? '_revisions' : '_rev'],
      message: `${String(raw._id)}: ${match ? 'revision history does not end in _rev' : 'missing or malformed _rev'}`,
      messageKey: 'validation.invalidFormat',
      params: { id: String(raw._id) },
    },
  ];
}

function sameContent(a: Doc, b: Doc): boolean {
  const canonical = (d: Doc) => {
    const rest = content(d);
    return JSON.stringify(
      Object.keys(rest)
        .sort()
        .map((k) => [k, rest[k]]),
    );
  };
  return canonical(a) === canonical(b);
}

interface Entry {
  doc: Doc;
  at: (string | number)[];
  leaf: boolean;
}

/** Every duplicate: a winner's id twice, a leaf twice, or a leaf equal to its winner. */
function duplicates(entries: Entry[]): ApiError[] {
  const seen = new Set<string>();
  const winnerRevs = new Set(
    entries.filter((e) => !e.leaf).map((e) => `${e.doc._id}@${String(e.doc._rev)}`),
  );
  const errors: ApiError[] = [];
  for (const e of entries) {
    const key = e.leaf ? `${e.doc._id}@${String(e.doc._rev)}` : e.doc._id;
    if (seen.has(key) || (e.leaf && winnerRevs.has(key))) {
      errors.push({
        code: 'VALIDATION',
        path: [...e.at, '_id'],
        message: `${e.doc._id} appears more than once in the backup`,
        messageKey: 'backup.duplicateId',
        params: { id: e.doc._id },
      });
    }
    seen.add(key);
  }
  return errors;
}

function randomRev(): string {
  return `1-${crypto.randomBytes(16).toString('hex')}`;
}

function keepSetAside(ctx: BackendContext, invalid: ImportReport['setAside'], docs: Doc[]): string {
  const dir = path.join(ctx.store.dataDir, SET_ASIDE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `import-${stamp}.json`);
  const byId = new Map(invalid.map((i) => [i.id, i.errors]));
  const kept = docs.map((doc) => ({ doc, errors: byId.get(doc._id) ?? [] }));
  fs.writeFileSync(file, JSON.stringify({ setAsideAt: ctx.now().toISOString(), docs: kept }));
  return file;
}

export async function importBackup(
  ctx: BackendContext,
  input: { backup: unknown; overwrite: boolean; setAsideInvalid?: boolean },
  actor: Actor,
): Promise<ImportReport> {
  const file = backupFileSchema.safeParse(input.backup);
  if (!file.success) throw fromZodIssues(file.error.issues, ['backup']);
  const withRevisions = file.data.version === 2;
  const entries: Entry[] = [
    ...(file.data.docs as Doc[]).map((doc, i) => ({ doc, at: ['backup', 'docs', i], leaf: false })),
    ...((file.data.conflicts ?? []) as Doc[]).map((doc, i) => ({
      doc,
      at: ['backup', 'conflicts', i],
      leaf: true,
    })),
  ];
  // Duplicates are refused whatever the options: which copy is the document is unknowable.
  const dup = duplicates(entries);
  if (dup.length) throw new ApiFailure(dup);

  const invalid: { entry: Entry; errors: ApiError[] }[] = [];
  const valid: Entry[] = [];
  for (const entry of entries) {
    const errors = [
      ...checkDoc(entry.doc, entry.at),
      ...(withRevisions ? checkRevision(entry.doc, entry.at) : []),
    ];
    if (errors.length) invalid.push({ entry, errors });
    else valid.push(entry);
  }
  if (invalid.length && !input.setAsideInvalid) {
    throw new ApiFailure(invalid.flatMap((i) => i.errors));
  }

  const report: ImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    conflicts: [],
    conflictRevisions: 0,
    setAside: invalid.map(({ entry, errors }) => ({
      id: String(entry.doc._id),
      errors: errors.map((e) => ({ path: e.path, message: e.message })),
    })),
    setAsideFile: null,
  };
  const restores: RevisedDoc[] = [];
  const edits: WriteDoc[] = [];
  const skipped = new Set<string>();
  const touched = new Map<string, number>();
  const touch = (doc: Doc) => {
    const accountId = String(doc.accountId);
    touched.set(accountId, (touched.get(accountId) ?? 0) + 1);
  };
  for (const { doc } of valid.filter((e) => !e.leaf)) {
    const existing = ctx.queries.getDoc(doc._id) as Doc | null;
    if (existing && (existing._rev === doc._rev || sameContent(existing, doc))) {
      report.unchanged++;
      continue;
    }
    if (existing && !input.overwrite) {
      report.conflicts.push({
        id: doc._id,
        message: `${doc._id} differs locally; not overwritten`,
      });
      skipped.add(doc._id);
      continue;
    }
    if (existing) {
      edits.push({ ...content(doc), _rev: String(existing._rev) });
      report.updated++;
    } else {
      if (withRevisions) restores.push(doc as RevisedDoc);
      else edits.push(content(doc));
      report.created++;
    }
    touch(doc);
  }
  for (const { doc } of valid.filter((e) => e.leaf && !skipped.has(e.doc._id))) {
    restores.push(doc as RevisedDoc);
    report.conflictRevisions++;
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
    }) as unknown as Doc;
    if (withRevisions && edits.length === 0) restores.push({ ...entry, _rev: randomRev() });
    else edits.push(entry as WriteDoc);
  }
  // Nothing has been written yet: the invalid documents are kept first, so none is lost.
  if (report.setAside.length) {
    report.setAsideFile = keepSetAside(
      ctx,
      report.setAside,
      invalid.map((i) => i.entry.doc),
    );
  }
  // The bulk path (PouchDB batches of 1,000, each synced): the original revisions, then the
  // edits. A restore only adds revisions, so the store keeps what it held whatever happens; a
  // stop part way is reported with how far it got, and the same import again completes it.
  try {
    if (restores.length) await ctx.store.restore(restores);
  } catch (error) {
    if (!(error instanceof RestoreStopped)) throw error;
    // The cause's code (a full disk stays UNAVAILABLE), with how far the restore got.
    const cause = error.reason instanceof ApiFailure ? error.reason.errors[0] : null;
    const reason = cause
      ? cause.message
      : ((error.reason as Error)?.message ?? String(error.reason));
    throw apiError(
      cause?.code ?? 'INTERNAL',
      'backup.restoreStopped',
      `the restore stopped after ${error.written} of ${error.total} documents (${reason}); nothing the store held before was changed, and importing the same backup again completes the restore`,
      { reason, written: error.written, total: error.total },
    );
  }
  if (edits.length) {
    const results = await ctx.store.bulkWrite(edits);
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) {
      const done = results.filter((r) => r.ok).length;
      const reason = `import stopped at ${failed.id}: ${failed.message} (${done} of ${edits.length} edits written)`;
      throw apiError('INTERNAL', 'error.internal', reason, { reason });
    }
  }
  return report;
}
