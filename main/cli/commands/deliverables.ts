// Deliverables (issue 3): generate, generate-batch, placeholders, import-xlsx.
import fs from 'node:fs';
import path from 'node:path';
import {
  DELIVERABLE_KINDS,
  IMPORT_KINDS,
  type DeliverableKind,
  type ImportKind,
} from '../../../shared/api/deliverables';
import { apiError, ApiFailure } from '../../../shared/api/errors';
import { isLocale, type Locale } from '../../../shared/i18n';
import { periodOf } from '../../../shared/rules/period';
import { isIsoDay } from '../../../shared/time/days';
import { t, type MessageKey } from '../../../shared/i18n';
import { missingOf } from '../../deliverables/readiness';
import { UsageError, type ParsedArgs } from '../args';
import { checkOutputFile, outputFileIn, prepareOutputFolder, writeOutputFile } from '../outputPath';
import { print, type Output } from '../output';
import type { Command } from './command';
import { needPositional, readJsonFile, withBackend } from './core';

function str(args: ParsedArgs, name: string): string | undefined {
  return args.values[name] as string | undefined;
}

function lang(args: ParsedArgs): Locale {
  const value = str(args, 'lang') ?? 'zh-CN';
  if (!isLocale(value)) throw new UsageError(`--lang must be zh-CN or en-US, got "${value}"`);
  return value;
}

function kindOf<K extends string>(value: string, kinds: readonly K[], what: string): K {
  if (!kinds.includes(value as K))
    throw new UsageError(`unknown ${what} "${value}"; one of ${kinds.join(', ')}`);
  return value as K;
}

/** The deliverable named by the first positional argument. */
function deliverableKindOf(args: Parameters<Command['run']>[0]): DeliverableKind {
  return kindOf(needPositional(args, 0, 'KIND'), DELIVERABLE_KINDS, 'deliverable');
}

function readBase64(file: string): string {
  try {
    return fs.readFileSync(file).toString('base64');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The appendix written beside FILE (a review's .xlsx): FILE's name with the appendix's extension. */
function besideOut(out: string, fileName: string): string {
  return out.replace(/\.[^./\\]*$/, '') + path.extname(fileName);
}

const a0 = (file: string) => path.basename(file);

function parseMapping(text: string | undefined): Record<string, string | null> | undefined {
  if (!text) return undefined;
  const value = text.trim().startsWith('{') ? parseInline(text) : readJsonFile(text);
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError('--mapping must be a JSON object {"field": "column header"}');
  return value as Record<string, string | null>;
}

function parseInline(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--mapping is not valid JSON: ${(error as Error).message}`);
  }
}

/** The API's field names as this command's flags, so an error names what the user typed. */
const FLAGS: Record<string, string> = {
  template: '--template',
  templateBase64: '--template',
  period: '--period',
  visitId: '--visit',
  accountId: '--account',
  lang: '--lang',
};

async function withFlagNames<T>(
  work: Promise<T>,
  flags: Record<string, string> = FLAGS,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    throw new ApiFailure(
      error.errors.map((e) => {
        const flag = flags[String(e.path[0])];
        return flag ? { ...e, path: [flag, ...e.path.slice(1)] } : e;
      }),
    );
  }
}

/** The extension each kind's main file has (the review also writes its .xlsx appendix beside it). */
const KIND_EXTENSION: Record<DeliverableKind, string> = {
  acceptance: '.docx',
  review: '.docx',
  minutes: '.docx',
  handover: '.docx',
  issues: '.xlsx',
  usage: '.docx',
  sow: '.docx',
  weekly: '.docx',
  case: '.docx',
  brief: '.docx',
};

/** `--out` must name the kind's own file type: a Word kind never lands in a .xlsx name. */
function checkOutExtension(kind: DeliverableKind, out: string): void {
  const want = KIND_EXTENSION[kind];
  const got = path.extname(out).toLowerCase();
  if (got !== want)
    throw new UsageError(
      `--out ${out}: ${kind} writes a ${want === '.docx' ? 'Word' : 'Excel'} file; name it *${want}${got ? `, not *${got}` : ''}${kind === 'review' ? ' (the .xlsx appendix is written beside it, with the same name)' : ''}`,
    );
}

/** Prints the inputs a refused document lacks (both languages), then lets the error through. */
function printMissing(o: Output, error: unknown): void {
  const missing = missingOf(error);
  if (!missing.length || o.json) return;
  o.err(`not ready: ${missing.length} missing (add them in the workspace tab, or use --draft):`);
  for (const m of missing)
    o.err(
      `  - ${t('en-US', m.need as MessageKey, m.params)} / ${t('zh-CN', m.need as MessageKey, m.params)}  [tab: ${m.tab}]`,
    );
}

function period(args: ParsedArgs): string | undefined {
  const p = str(args, 'period');
  if (p !== undefined && !periodOf(p))
    throw new UsageError(`--period must look like 2026 or 2026-Q3, got "${p}"`);
  return p;
}

/** The weekly report's week: any day of it, YYYY-MM-DD. */
function week(args: ParsedArgs): string | undefined {
  const w = str(args, 'week');
  if (w !== undefined && !isIsoDay(w))
    throw new UsageError(`--week must be a day of the week, YYYY-MM-DD, got "${w}"`);
  return w;
}

export const deliverablesCommands: Record<string, Command> = {
  generate: {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return `generate ${DELIVERABLE_KINDS.join('|')} --account ID --out FILE [--lang zh-CN|en-US] [--period 2026|2026-Q3|2026-11] [--week YYYY-MM-DD] [--template FILE] [--visit ID] [--vendor NAME] [--hotline TEXT]
      write a Word/Excel deliverable (a review also writes its .xlsx appendix beside FILE); refused
      with the list of what is missing until the data is ready, or written as a draft with --draft;
      --period: a review's year or quarter, a usage report's last month; --week: a day of the weekly report's week`;
    },
    options: {
      account: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      period: { type: 'string' },
      week: { type: 'string' },
      template: { type: 'string' },
      visit: { type: 'string' },
      vendor: { type: 'string' },
      hotline: { type: 'string' },
      draft: { type: 'boolean', default: false },
    },
    run: async (args, o) => {
      const kind = deliverableKindOf(args);
      const accountId = str(args, 'account');
      const out = str(args, 'out');
      if (!accountId) throw new UsageError('--account is required');
      if (!out) throw new UsageError('--out is required');
      // Refused before any work: the kind's extension, an existing writable folder (outputPath.ts).
      checkOutputFile(out);
      checkOutExtension(kind, out);
      const input = {
        kind,
        accountId,
        lang: lang(args),
        period: period(args),
        week: week(args),
        visitId: str(args, 'visit'),
        templateBase64: str(args, 'template') ? readBase64(str(args, 'template')!) : undefined,
        vendorName: str(args, 'vendor'),
        hotline: str(args, 'hotline'),
        draft: args.values.draft === true,
      };
      await withBackend(args, o, async (b) => {
        const file = await withFlagNames(b.call('deliverables.generate', input)).catch(
          (error: unknown) => {
            printMissing(o, error);
            throw error;
          },
        );
        const extras = file.attachments.map((a) => ({ to: besideOut(out, a.fileName), a }));
        for (const { to } of extras) {
          if (path.resolve(to) === path.resolve(out))
            throw new UsageError(`--out ${out}: the appendix ${a0(to)} would overwrite it`);
          checkOutputFile(to);
        }
        writeOutputFile(out, new Uint8Array(Buffer.from(file.base64, 'base64')));
        const written = [out];
        for (const { to, a } of extras) {
          writeOutputFile(to, new Uint8Array(Buffer.from(a.base64, 'base64')));
          written.push(to);
        }
        for (const w of file.warnings) o.err(`warning: ${w}`);
        print(o, { files: written, warnings: file.warnings }, () =>
          written.map((f) => `wrote ${f}`),
        );
      });
    },
  },
  'generate-batch': {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return `generate-batch ${DELIVERABLE_KINDS.join('|')} (--consultant LOGIN|NAME | --tier strategic|ordinary|micro) --out-dir DIR [--lang L] [--period P] [--draft]
      one deliverable per matching account, progress on stderr, a summary of what was not written
      and why (accounts not ready are listed with what they lack; --draft writes them as drafts)`;
    },
    options: {
      consultant: { type: 'string' },
      tier: { type: 'string' },
      'out-dir': { type: 'string' },
      lang: { type: 'string' },
      period: { type: 'string' },
      week: { type: 'string' },
      draft: { type: 'boolean', default: false },
    },
    run: async (args, o) => {
      const kind = deliverableKindOf(args);
      const outDir = str(args, 'out-dir');
      if (!outDir) throw new UsageError('--out-dir is required');
      const tier = str(args, 'tier');
      if (tier !== undefined) kindOf(tier, ['strategic', 'ordinary', 'micro'] as const, 'tier');
      const consultant = str(args, 'consultant');
      if (!tier && !consultant) throw new UsageError('give --consultant or --tier');
      const locale = lang(args);
      const p = period(args);
      const w = week(args);
      // Checked before the data is opened; made only once the scope has an account.
      prepareOutputFolder(outDir, '--out-dir', { create: false });
      await withBackend(args, o, async (b) => {
        // Loaded for this command only (the document builders and their packages).
        const { batchAccounts, generateBatch } = await import('../../deliverables/batch');
        const { documentHealth } = await import('../../health/documentHealth');
        const filter = { consultant, tier: tier as 'strategic' | undefined };
        // An empty scope is bad input, said before any folder is made.
        if (!batchAccounts(b.ctx.queries, filter).length)
          throw apiError(
            'VALIDATION',
            'deliverables.error.noAccounts',
            `no account matches ${consultant ? `--consultant ${consultant} (neither owner CSM nor consultant, by login or name)` : `--tier ${tier}`}`,
            {},
            [consultant ? 'consultant' : 'tier'],
          );
        const folder = prepareOutputFolder(outDir);
        const summary = await generateBatch(
          b.ctx.queries,
          {
            kind,
            lang: locale,
            period: p,
            week: w,
            filter,
            draft: args.values.draft === true,
          },
          b.ctx.clock,
          (id, asOf) => documentHealth(b.ctx, id, asOf),
          (_account, file) => {
            fs.writeFileSync(outputFileIn(folder, file.fileName), new Uint8Array(file.buffer));
            for (const a of file.attachments)
              fs.writeFileSync(outputFileIn(folder, a.fileName), new Uint8Array(a.buffer));
          },
          (done, total, item) =>
            o.err(
              `${done}/${total} ${item.ok ? (item.draft ? 'draft' : 'ok') : item.missing ? 'NOT READY' : 'FAILED'} ${item.accountName}${item.error ? `: ${item.error.message}` : ''}`,
            ),
        );
        const drafts = summary.items.filter((i) => i.draft).length;
        print(o, summary, () => [
          `${summary.succeeded} of ${summary.total} written to ${outDir}${drafts ? ` (${drafts} as drafts)` : ''}, ${summary.failed} not written`,
          ...summary.items
            .filter((i) => !i.ok)
            .map((i) =>
              i.missing
                ? `  ${i.accountId} ${i.accountName}: not ready, missing ${i.missing.map((m) => t('en-US', m.need as MessageKey, m.params)).join('; ')}`
                : `  ${i.accountId} ${i.accountName}: ${i.error?.code} ${i.error?.message}`,
            ),
        ]);
        // runCli owns the exit code: a thrown Error is exit 1 with one line.
        // Only accounts that are not ready: bad input (exit 2); any other failure: exit 1.
        const notReady = summary.items.filter((i) => i.missing).length;
        if (summary.failed && notReady === summary.failed)
          throw apiError(
            'VALIDATION',
            'readiness.error.notReady',
            `${notReady} of ${summary.total} accounts not ready; nothing written for them`,
            { count: notReady },
          );
        if (summary.failed)
          throw new Error(`${summary.failed} of ${summary.total} deliverables not written`);
      });
    },
  },
  placeholders: {
    usage:
      'placeholders FILE.docx   list the {{placeholders}} of a company template and which are unknown',
    options: {},
    run: async (args, o) => {
      const templateBase64 = readBase64(needPositional(args, 0, 'FILE'));
      await withBackend(args, o, async (b) => {
        const r = await withFlagNames(b.call('deliverables.placeholders', { templateBase64 }), {
          template: 'FILE',
          templateBase64: 'FILE',
        });
        print(o, r, () => [
          ...r.placeholders.map((p) => `${r.unknown.includes(p) ? 'UNKNOWN ' : ''}{{${p}}}`),
          `known placeholders: ${r.known.join(', ')}`,
        ]);
        if (r.unknown.length) {
          throw apiError(
            'VALIDATION',
            'deliverables.error.unknownPlaceholders',
            `unknown placeholders: ${r.unknown.join(', ')}`,
            { names: r.unknown.join(', ') },
          );
        }
      });
    },
  },
  'import-xlsx': {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return `import-xlsx ${IMPORT_KINDS.join('|')} FILE [--account ID] [--sheet NAME] [--header-row N] [--mapping JSON|FILE] [--commit [--skip-invalid]] [--lang zh-CN|en-US]
      dry run by default: the header row found, the column mapping, duplicates to merge and every
      refused row by its Excel row number; --commit writes all rows or nothing,
      --skip-invalid writes the valid rows and lists those left out`;
    },
    options: {
      account: { type: 'string' },
      mapping: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      commit: { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
    run: async (args, o: Output) => {
      const kind = kindOf(
        needPositional(args, 0, 'KIND'),
        IMPORT_KINDS,
        'import kind',
      ) as ImportKind;
      const headerText = str(args, 'header-row');
      const headerRow = headerText === undefined ? undefined : Number(headerText);
      if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1))
        throw new UsageError(`--header-row must be a row number (1 or more), got "${headerText}"`);
      const skipInvalid = Boolean(args.values['skip-invalid']);
      if (skipInvalid && !args.values.commit)
        throw new UsageError('--skip-invalid goes with --commit');
      const locale = lang(args);
      const input = {
        kind,
        fileBase64: readBase64(needPositional(args, 1, 'FILE')),
        accountId: str(args, 'account'),
        mapping: parseMapping(str(args, 'mapping')),
        sheet: str(args, 'sheet'),
        headerRow,
        lang: locale,
      };
      // English first, then Chinese: one line either reader can use.
      const say = (m: { 'zh-CN': string; 'en-US': string }) => `${m['en-US']} / ${m['zh-CN']}`;
      await withBackend(args, o, async (b) => {
        const preview = await b.call('import.preview', input);
        const lines = () => [
          `sheet "${preview.sheet}" (of ${preview.sheets.join(', ')}), header row ${preview.headerRow}${preview.headerRow === preview.detectedHeaderRow ? ' (found)' : `, found ${preview.detectedHeaderRow}`}, ${preview.rows} data rows`,
          ...Object.entries(preview.mapping).map(
            ([f, h]) => `  ${f.padEnd(22)} <- ${h ?? '(not mapped)'}`,
          ),
          ...preview.notes.map((n) => `note: ${say(n.message)}`),
          ...Object.entries(preview.byType).map(
            ([type, c]) =>
              `${type}: would create ${c.create}, update ${c.update}, leave ${c.unchanged} unchanged`,
          ),
          ...preview.duplicates.map(
            (d) =>
              `  row ${d.row}: ${d.type} "${d.key}" ${d.against === 'store' ? `exists (${d.existingId}); it is updated, not copied` : `same as row ${d.firstRow}; merged into one`}`,
          ),
          `${preview.validRows} of ${preview.rows} rows valid, ${preview.refusedRows.length} refused`,
          ...preview.errors.map(
            (e) => `  row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${say(e.message)}`,
          ),
        ];
        const refuse = preview.errors.length > 0 && !(skipInvalid && preview.validRows > 0);
        if (!args.values.commit || refuse) {
          print(o, preview, () => [
            ...lines(),
            preview.errors.length
              ? `${preview.errors.length} errors; nothing written${args.values.commit ? '' : ' (dry run)'}`
              : 'dry run; add --commit to write',
          ]);
          if (preview.errors.length && args.values.commit) {
            // runCli owns the exit code: a VALIDATION failure is exit 2 with one line.
            throw apiError(
              'VALIDATION',
              'deliverables.import.hasErrors',
              `${preview.errors.length} errors; nothing written`,
              { count: preview.errors.length },
            );
          }
          if (preview.errors.length) {
            throw apiError(
              'VALIDATION',
              'deliverables.import.hasErrors',
              `${preview.errors.length} errors in ${preview.refusedRows.length} rows (dry run)`,
              { count: preview.errors.length },
            );
          }
          return;
        }
        const result = await b.call('import.commit', { ...input, skipInvalid });
        print(o, result, () => [
          `created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged} (${result.written} documents and timeline entries, all or nothing)`,
          ...Object.entries(result.byType).map(
            ([type, c]) =>
              `  ${type}: ${c.create} created, ${c.update} updated, ${c.unchanged} unchanged`,
          ),
          ...(result.skipped.length
            ? [
                `left out ${result.skipped.length} refused rows:`,
                ...result.skipped.map(
                  (r) =>
                    `  row ${r.row}: ${r.errors.map((e) => `${e.column ? `[${e.column}] ` : ''}${say(e.message)}`).join('; ')}`,
                ),
              ]
            : []),
        ]);
      });
    },
  },
};
