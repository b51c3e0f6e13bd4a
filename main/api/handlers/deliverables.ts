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
import type { EditableType } from '../../../shared/domain/entities';
import type { MessageKey } from '../../../shared/i18n';
import { generateBatch } from '../../deliverables/batch';
import { generate, prepare } from '../../deliverables/generate';
import { planImport, IMPORT_TYPES } from '../../deliverables/import/plan';
import { documentHealth } from '../../health/documentHealth';
import { listPlaceholders, PLACEHOLDERS, unknownPlaceholders } from '../../deliverables/template';
import type { BackendContext, Handler } from '../context';
import { entityHandlers } from './entities';
import type { Actor } from '../identity';

const fromBase64 = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

async function generateHandler(
  ctx: BackendContext,
  input: z.output<typeof generateInput>,
): Promise<GenerateOutput> {
  const file = await generate(
    ctx.queries,
    {
      kind: input.kind,
      accountId: input.accountId,
      lang: input.lang,
      period: input.period,
      visitId: input.visitId,
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

function toRequest(input: z.output<typeof importInput>) {
  return {
    kind: input.kind,
    file: fromBase64(input.fileBase64),
    accountId: input.accountId,
    mapping: input.mapping,
    sheet: input.sheet,
  };
}

async function previewHandler(
  ctx: BackendContext,
  input: z.output<typeof importInput>,
): Promise<ImportPreviewOutput> {
  return (await planImport(ctx.queries, toRequest(input))).preview;
}

/** Writes only when every row is valid; otherwise every row error comes back and nothing is written. */
async function commitHandler(
  ctx: BackendContext,
  input: z.output<typeof importInput>,
  actor: Actor,
): Promise<ImportCommitOutput> {
  const plan = await planImport(ctx.queries, toRequest(input));
  if (plan.preview.errors.length) {
    throw new ApiFailure(
      plan.preview.errors.map((e) => ({
        code: 'VALIDATION' as const,
        path: ['rows', e.row, e.column ?? e.field ?? ''],
        message: `row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message['en-US']}`,
        messageKey: e.messageKey as MessageKey,
        params: e.params,
      })),
    );
  }
  const type: EditableType = IMPORT_TYPES[input.kind];
  const crud = entityHandlers([type]) as Record<
    string,
    (c: BackendContext, i: unknown, a: Actor) => Promise<{ _id: string }>
  >;
  const out: ImportCommitOutput = { created: 0, updated: 0, unchanged: 0, ids: [] };
  for (const w of plan.writes) {
    if (w.action === 'create') {
      const doc = await crud[`${type}.create`](
        ctx,
        { accountId: w.accountId, data: w.data },
        actor,
      );
      out.created++;
      out.ids.push(doc._id);
    } else if (w.action === 'update') {
      await crud[`${type}.update`](ctx, { id: w.id, rev: w.rev, changes: w.changes }, actor);
      out.updated++;
      out.ids.push(w.id!);
    } else {
      out.unchanged++;
      out.ids.push(w.id!);
    }
  }
  return out;
}

export const deliverablesHandlers: Record<string, Handler> = {
  'deliverables.generate': generateHandler as Handler,
  'deliverables.placeholders': placeholdersHandler as Handler,
  'deliverables.batch': batchHandler as Handler,
  'deliverables.readiness': readinessHandler as Handler,
  'import.preview': previewHandler as Handler,
  'import.commit': commitHandler as Handler,
};
