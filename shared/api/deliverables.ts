// Deliverables (issue 3): Word/Excel documents, company templates and Excel import.
import { z } from 'zod';
import { accountIdSchema, docIdSchema, isoDate } from '../domain/common';
import { PERIOD_PATTERN } from '../rules/period';
import type { MethodSpec } from './spec';

export const DELIVERABLE_KINDS = [
  'acceptance',
  'review',
  'minutes',
  'handover',
  'issues',
  'usage',
  'sow',
  'weekly',
  'case',
  'brief',
] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];
export const IMPORT_KINDS = ['accounts', 'contacts', 'issues', 'contracts', 'usage'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const lang = z.enum(['zh-CN', 'en-US']).default('zh-CN');
const period = z.string().regex(PERIOD_PATTERN, 'period: 2026, 2026-Q3 (or 2026Q3) or 2026-11');
/** Base64 of a file; 20 MB of file at most. */
const base64File = z
  .string()
  .min(4)
  .max(28_000_000)
  .regex(/^[A-Za-z0-9+/=\s]+$/, 'base64');

export const generateInput = z.strictObject({
  kind: z.enum(DELIVERABLE_KINDS),
  accountId: accountIdSchema,
  lang,
  /**
   * Review period: 2026 (annual) or 2026-Q3; default the last full quarter. Usage report: the
   * last of its two months (2026-11 = October and November); default the two full months before.
   */
  period: period.optional(),
  /** Weekly project report: any day of the week (Monday to Sunday); default this week. */
  week: isoDate.optional(),
  /** Minutes: the visit; default the latest done visit. */
  visitId: docIdSchema.optional(),
  /** A company .docx with {{placeholders}} to fill instead of the built-in layout. */
  templateBase64: base64File.optional(),
  vendorName: z.string().trim().min(1).max(200).optional(),
  hotline: z.string().trim().min(1).max(100).optional(),
  /** Write it although the data is not ready: every page is marked 草稿 / DRAFT. */
  draft: z.boolean().default(false),
});

/** What a document would lack, asked before generating (the UI's checklist). */
export const readinessInput = z.strictObject({
  kind: z.enum(DELIVERABLE_KINDS),
  accountId: accountIdSchema,
  period: period.optional(),
  visitId: docIdSchema.optional(),
});

export const batchInput = z.strictObject({
  kind: z.enum(DELIVERABLE_KINDS),
  lang,
  period: period.optional(),
  week: isoDate.optional(),
  filter: z
    .strictObject({
      consultant: z.string().trim().min(1).max(100).optional(),
      tier: z.enum(['strategic', 'ordinary', 'micro']).optional(),
      accountIds: z.array(accountIdSchema).min(1).max(5000).optional(),
    })
    .refine((f) => f.consultant || f.tier || f.accountIds, 'give consultant, tier or accountIds'),
  /** Write the accounts that are not ready as drafts instead of reporting them not written. */
  draft: z.boolean().default(false),
  /** Return each file's content too (for a UI that saves a zip or a folder); default summary only. */
  includeFiles: z.boolean().default(false),
});

export const importInput = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  fileBase64: base64File,
  /** Contacts and issues belong to this account. */
  accountId: accountIdSchema.optional(),
  /** Field -> column header; omitted fields use the suggestion from the header names. */
  mapping: z.record(z.string(), z.string().nullable()).optional(),
  /** Sheet name; default the first sheet. */
  sheet: z.string().max(100).optional(),
  /** The header's row number; default the row found (title and blank rows above it skipped). */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  /** Commit: write the valid rows and list the refused ones (default: all or nothing). */
  skipInvalid: z.boolean().default(false),
  /** Language of the words the import itself writes (a contract's default product line). */
  lang,
  /** A caller-chosen id under which `import.progress` reports how far a commit has got. */
  jobId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'job id')
    .optional(),
});

export const importProgressInput = z.strictObject({
  jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'job id'),
});

export const deliverablesContract: Record<string, MethodSpec> = {
  'deliverables.generate': { input: generateInput, access: 'read' },
  'deliverables.placeholders': {
    input: z.strictObject({ templateBase64: base64File }),
    access: 'read',
  },
  'deliverables.batch': { input: batchInput, access: 'read' },
  'deliverables.readiness': { input: readinessInput, access: 'read' },
  'import.preview': { input: importInput, access: 'read' },
  'import.commit': { input: importInput, access: 'write' },
  'import.progress': { input: importProgressInput, access: 'read' },
};

export interface GeneratedFileDto {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface GenerateOutput extends GeneratedFileDto {
  /** Translated notes on missing data; the document was built anyway. */
  warnings: string[];
  /** The review's Excel appendix. */
  attachments: GeneratedFileDto[];
}

/** One input a document lacks: its `readiness.need.*` message and the workspace tab to fix it. */
export interface MissingInputDto {
  need: string;
  tab: string;
  params?: Record<string, string | number>;
}

export interface ReadinessOutput {
  ready: boolean;
  missing: MissingInputDto[];
}

export interface PlaceholdersOutput {
  placeholders: string[];
  known: string[];
  unknown: string[];
}

export interface BatchOutput {
  total: number;
  succeeded: number;
  failed: number;
  items: {
    accountId: string;
    accountName: string;
    ok: boolean;
    fileName?: string;
    bytes?: number;
    warnings: string[];
    error?: {
      code: string;
      message: string;
      messageKey?: string;
      params?: Record<string, string | number>;
    };
    /** What the account lacks when it was not written because it is not ready. */
    missing?: MissingInputDto[];
    /** Written as a draft (batch with draft: true and the account not ready). */
    draft?: boolean;
    /** With includeFiles: the document and its attachments. */
    files?: GeneratedFileDto[];
  }[];
}

export interface ImportRowError {
  /** Spreadsheet row number, as Excel shows it (header errors carry the header's row). */
  row: number;
  column: string | null;
  field: string | null;
  messageKey: string;
  params: Record<string, string | number>;
  message: { 'zh-CN': string; 'en-US': string };
}

/** A row that names a document already in the store or an earlier row: it merges, never copies. */
export interface ImportDuplicate {
  row: number;
  /** The document type the match is about (an account row's contract or contact too). */
  type: string;
  /** The name (or number, date) both share. */
  key: string;
  /** `store`: updates the existing document; `file`: merges into the earlier row's document. */
  against: 'store' | 'file';
  existingId?: string;
  firstRow?: number;
}

export interface ImportPreviewOutput {
  kind: ImportKind;
  sheet: string;
  /** Every sheet of the workbook, in order. */
  sheets: string[];
  /** The header's row number in effect, and the one found by looking at the rows. */
  headerRow: number;
  detectedHeaderRow: number;
  /** The first rows of the sheet (row number and cell texts) to choose the header from. */
  top: { row: number; cells: string[] }[];
  /** The sheet's size, so a view of `top` can say what it leaves out. */
  rowCount: number;
  columnCount: number;
  headers: string[];
  /** The mapping in effect (field -> header), and what was suggested from the headers. */
  mapping: Record<string, string | null>;
  suggested: Record<string, string | null>;
  /** `part`: the document a field belongs to (an account row's `contract.*`, `contact.*`). */
  fields: { name: string; required: boolean; part: string }[];
  rows: number;
  /** Rows that would be written, and the refused ones (each with its errors in `errors`). */
  validRows: number;
  refusedRows: number[];
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  /** Documents per type: { contract: { create: 3, update: 1, unchanged: 0 } }. */
  byType: Record<string, { create: number; update: number; unchanged: number }>;
  duplicates: ImportDuplicate[];
  /** Translated notes on how cells were read (e.g. amounts in 万, a default product line). */
  notes: {
    messageKey: string;
    params: Record<string, string | number>;
    message: { 'zh-CN': string; 'en-US': string };
  }[];
  errors: ImportRowError[];
  /** The first rows as they would be written. */
  sample: Record<string, unknown>[];
}

export interface ImportCommitOutput {
  created: number;
  updated: number;
  unchanged: number;
  /** Every document the rows name (created, updated or unchanged), accounts first per row. */
  ids: string[];
  byType: Record<string, { create: number; update: number; unchanged: number }>;
  /** With skipInvalid: the refused rows that were left out, with their errors. */
  skipped: { row: number; errors: ImportRowError[] }[];
  /** Documents (and timeline entries) written in the one batch. */
  written: number;
}

export interface ImportProgressOutput {
  jobId: string;
  phase: 'reading' | 'checking' | 'writing' | 'done' | 'failed';
  done: number;
  total: number;
}

type In<S extends z.ZodType> = z.input<S>;

export type DeliverablesMethods = {
  'deliverables.generate': { input: In<typeof generateInput>; output: GenerateOutput };
  'deliverables.placeholders': { input: { templateBase64: string }; output: PlaceholdersOutput };
  'deliverables.batch': { input: In<typeof batchInput>; output: BatchOutput };
  'deliverables.readiness': { input: In<typeof readinessInput>; output: ReadinessOutput };
  'import.preview': { input: In<typeof importInput>; output: ImportPreviewOutput };
  'import.commit': { input: In<typeof importInput>; output: ImportCommitOutput };
  'import.progress': {
    input: In<typeof importProgressInput>;
    output: ImportProgressOutput | null;
  };
};
