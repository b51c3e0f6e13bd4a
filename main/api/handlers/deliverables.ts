// Deliverables (issue 3): generate documents, fill company templates, batch, Excel import.
import type { z } from 'zod';
import type {
  BatchOutput,
  GeneratedFileDto,
  GenerateOutput,
  ImportCommitOutput,
  ImportPreviewOutput,
  PlaceholdersOutput,
  ReadinessOutput,
  batchInput,
  readinessInput,
  generateInput,
  importInput,
} from '../../../shared/api/deliverables';
import { ApiFailure } from '../../../shared/api/errors';
import { entities } from '../../../shared/domain/entities';
import type { MessageKey } from '../../../shared/i18n';
import { planImport, type ImportPlan, type PlannedDoc } from '../../deliverables/import/plan';
import { progressOf, reportProgress } from '../../deliverables/import/progress';
import { diffFields, timelineEntry } from '../timelineEntry';
import type { PutChange } from '../../store/documentWriter';
import { documentHealth } from '../../health/documentHealth';
import { listPlaceholders, PLACEHOLDERS, unknownPlaceholders } from '../../deliverables/template';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

// The document builders (docx, exceljs, charts) load on the first call that needs them: a
// command that makes no document (`csm info`) does not pay for them at start.
// `require`, not `import()`: the backend is CommonJS everywhere (Electron, the compiled CLI,
// jest), and under tsx (browser mode) an extensionless `import()` goes to the ESM resolver,
// which does not find the .ts file.
/* eslint-disable @typescript-eslint/no-require-imports */
const builders = async (): Promise<typeof import('../../deliverables/generate')> =>
  require('../../deliverables/generate');
const batches = async (): Promise<typeof import('../../deliverables/batch')> =>
  require('../../deliverables/batch');
/* eslint-enable @typescript-eslint/no-require-imports */

const fromBase64 = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

async function generateHandler(
  ctx: BackendContext,
  input: z.output<typeof generateInput>,
): Promise<GenerateOutput> {
  const { generate } = await builders();
  const file = await generate(
    ctx.queries,
    {
      kind: input.kind,
      accountId: input.accountId,
      lang: input.lang,
      period: input.period,
      visitId: input.visitId,
      week: input.week,
      template: input.templateBase64 ? fromBase64(input.templateBase64) : undefined,
      vendorName: input.vendorName,
      hotline: input.hotline,
      draft: input.draft,
    },
    ctx.clock,
    (id, asOf) => documentHealth(ctx, id, asOf),
  );
  return {
    fileName: file.fileName,
    mimeType: file.mimeType,
    base64: file.buffer.toString('base64'),
    warnings: file.warnings,
    attachments: file.attachments.map((a) => ({
      fileName: a.fileName,
      mimeType: a.mimeType,
      base64: a.buffer.toString('base64'),
    })),
  };
}

/** What the document would lack; the same check `generate` refuses with. */
async function readinessHandler(
  ctx: BackendContext,
  input: z.output<typeof readinessInput>,
): Promise<ReadinessOutput> {
  const { prepare } = await builders();
  const { missing } = prepare(ctx.queries, input, ctx.clock, null);
  return { ready: missing.length === 0, missing };
}

async function placeholdersHandler(
  _ctx: BackendContext,
  input: { templateBase64: string },
): Promise<PlaceholdersOutput> {
  const placeholders = await listPlaceholders(fromBase64(input.templateBase64));
  return { placeholders, known: [...PLACEHOLDERS], unknown: unknownPlaceholders(placeholders) };
}

async function batchHandler(
  ctx: BackendContext,
  input: z.output<typeof batchInput>,
): Promise<BatchOutput> {
  const { generateBatch } = await batches();
  const files = new Map<string, GeneratedFileDto[]>();
  const summary = await generateBatch(
    ctx.queries,
    input,
    ctx.clock,
    (id, asOf) => documentHealth(ctx, id, asOf),
    input.includeFiles
      ? (account, file) => {
          files.set(
            account.id,
            [file, ...file.attachments].map((f) => ({
              fileName: f.fileName,
              mimeType: f.mimeType,
              base64: f.buffer.toString('base64'),
            })),
          );
        }
      : undefined,
  );
  return {
    ...summary,
    items: summary.items.map((item) =>
      files.has(item.accountId) ? { ...item, files: files.get(item.accountId) } : item,
    ),
  };
}

function toRequest(
  input: z.output<typeof importInput>,
  onProgress?: (d: number, n: number) => void,
) {
  return {
    kind: input.kind,
    file: fromBase64(input.fileBase64),
    accountId: input.accountId,
    mapping: input.mapping,
    sheet: input.sheet,
    headerRow: input.headerRow,
    lang: input.lang,
    onProgress,
  };
}

async function previewHandler(
  ctx: BackendContext,
  input: z.output<typeof importInput>,
): Promise<ImportPreviewOutput> {
  return (await planImport(ctx.queries, toRequest(input))).preview;
}

function refusal(plan: ImportPlan): ApiFailure {
  return new ApiFailure(
    plan.preview.errors.map((e) => ({
      code: 'VALIDATION' as const,
      path: ['rows', e.row, e.column ?? e.field ?? ''],
      message: `row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message['en-US']}`,
      messageKey: e.messageKey as MessageKey,
      params: e.params,
    })),
  );
}

/** Documents per PouchDB batch of an import commit: even, so no document leaves its entry. */
const IMPORT_BATCH = 1000;

/**
 * Writes every row's documents, with a timeline entry each, on the bulk path
 * (DocumentWriter.bulkPut), all or nothing: every document is validated before anything is
 * written; with any refused row nothing is written, unless `skipInvalid` asks for the valid
 * rows (the refused ones come back in `skipped`); a mapping problem always refuses; a document
 * that fails to go in (a stale revision) has every written one taken back before the error.
 */
async function commitHandler(
  ctx: BackendContext,
  input: z.output<typeof importInput>,
  actor: Actor,
): Promise<ImportCommitOutput> {
  const job = input.jobId;
  reportProgress(job, 'reading', 0, 0);
  try {
    const plan = await planImport(
      ctx.queries,
      toRequest(input, (done, total) => reportProgress(job, 'checking', done, total)),
    );
    if (plan.fatal || (plan.preview.errors.length && !input.skipInvalid)) throw refusal(plan);
    const at = ctx.now().toISOString();
    const changes: PutChange[] = [];
    const entries: PutChange[] = [];
    const ids: string[] = [];
    const done = new Set<PlannedDoc>();
    for (const row of plan.rows) {
      for (const doc of row.docs) {
        ids.push(doc.id);
        if (done.has(doc)) continue;
        done.add(doc);
        if (doc.action === 'unchanged') continue;
        changes.push({
          kind: 'put',
          type: doc.type,
          accountId: doc.accountId,
          ...(doc.base ? { base: doc.base } : { id: doc.id }),
          fields: doc.fields,
        });
        const entry = timelineEntry({
          accountId: doc.accountId,
          user: actor.login,
          at,
          action: doc.base ? 'updated' : 'imported',
          target: { _id: doc.id, type: doc.type },
          targetTitle: titleOf(doc),
          changes: doc.base ? diffFields(fieldsOnly(doc.base), doc.fields) : [],
        });
        entries.push({
          kind: 'put',
          type: 'timeline',
          accountId: doc.accountId,
          id: entry._id,
          fields: entry as unknown as Record<string, unknown>,
        });
      }
    }
    // Each document beside its timeline entry, in PouchDB batches of an even size: a batch is
    // one LevelDB batch, so a crash mid-commit never leaves a written document without the
    // timeline entry that shows it was imported.
    const batch = changes.flatMap((change, i) => [change, entries[i]]);
    reportProgress(job, 'writing', 0, batch.length);
    if (batch.length) {
      await ctx.writer.bulkPut(actor, batch, {
        path: ['rows'],
        allOrNothing: true,
        batch: IMPORT_BATCH,
        onProgress: (written) => reportProgress(job, 'writing', written, batch.length),
      });
    }
    reportProgress(job, 'done', batch.length, batch.length);
    const byType = plan.preview.byType;
    const sum = (a: 'create' | 'update' | 'unchanged') =>
      Object.values(byType).reduce((n, c) => n + c[a], 0);
    const refused = new Map<number, ImportCommitOutput['skipped'][number]['errors']>();
    for (const e of plan.preview.errors) refused.set(e.row, [...(refused.get(e.row) ?? []), e]);
    return {
      created: sum('create'),
      updated: sum('update'),
      unchanged: sum('unchanged'),
      ids: [...new Set(ids)],
      byType,
      skipped: [...refused].map(([row, errors]) => ({ row, errors })),
      written: batch.length,
    };
  } catch (error) {
    reportProgress(job, 'failed', 0, 0);
    throw error;
  }
}

const SYSTEM = new Set([
  '_id',
  '_rev',
  '_conflicts',
  'type',
  'accountId',
  'schemaVersion',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
]);
function fieldsOnly(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM.has(k)));
}

function titleOf(doc: PlannedDoc): string | undefined {
  try {
    return (
      (entities[doc.type] as { titleOf: (d: unknown) => string }).titleOf(doc.fields) || undefined
    );
  } catch {
    return undefined;
  }
}

async function progressHandler(_ctx: BackendContext, input: { jobId: string }) {
  return progressOf(input.jobId);
}

export const deliverablesHandlers: Record<string, Handler> = {
  'deliverables.generate': generateHandler as Handler,
  'deliverables.placeholders': placeholdersHandler as Handler,
  'deliverables.batch': batchHandler as Handler,
  'deliverables.readiness': readinessHandler as Handler,
  'import.preview': previewHandler as Handler,
  'import.commit': commitHandler as Handler,
  'import.progress': progressHandler as Handler,
};
