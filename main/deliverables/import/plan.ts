// Import planning: read the sheet, apply the column mapping, check every row, and decide per row
// whether it creates, updates or leaves a document. Nothing here writes.
import ExcelJS from 'exceljs';
import type {
  ImportKind,
  ImportPreviewOutput,
  ImportRowError,
} from '../../../shared/api/deliverables';
import { apiError } from '../../../shared/api/errors';
import { entities, type EditableType } from '../../../shared/domain/entities';
import { t, type MessageKey } from '../../../shared/i18n';
import type { Queries } from '../../projection/queries';
import { IMPORT_FIELDS, suggestMapping, type ImportField } from './fields';
import { cellText, parseCell } from './parse';
import { loginOf } from '../../../shared/people/displayName';
import { loadDirectory } from '../../people/directory';

export const IMPORT_TYPES: Record<ImportKind, EditableType> = {
  accounts: 'account',
  contacts: 'contact',
  issues: 'issue',
};

export interface ImportRequest {
  kind: ImportKind;
  file: Uint8Array;
  accountId?: string;
  mapping?: Record<string, string | null>;
  sheet?: string;
}

export interface PlannedWrite {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  accountId?: string;
  id?: string;
  rev?: string;
  data: Record<string, unknown>;
  changes?: Record<string, unknown>;
}

export interface ImportPlan {
  preview: ImportPreviewOutput;
  writes: PlannedWrite[];
}

type Doc = Record<string, unknown> & {
  _id: string;
  _rev?: string;
  type: string;
  accountId: string;
};

const ZOD_KEYS: Record<string, MessageKey> = {
  invalid_type: 'validation.invalidType',
  too_small: 'validation.tooSmall',
  too_big: 'validation.tooBig',
  invalid_format: 'validation.invalidFormat',
  invalid_value: 'validation.invalidValue',
};

function rowError(
  row: number,
  column: string | null,
  field: string | null,
  messageKey: MessageKey,
  params: Record<string, string | number> = {},
): ImportRowError {
  return {
    row,
    column,
    field,
    messageKey,
    params,
    message: { 'zh-CN': t('zh-CN', messageKey, params), 'en-US': t('en-US', messageKey, params) },
  };
}

async function readSheet(req: ImportRequest): Promise<{
  sheet: string;
  headers: string[];
  rows: { row: number; cells: Map<string, string | Date | number> }[];
}> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(req.file) as unknown as ExcelJS.Buffer);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw apiError(
      'VALIDATION',
      'deliverables.import.notXlsx',
      `not an .xlsx file: ${reason}`,
      { reason },
      ['fileBase64'],
    );
  }
  const ws = req.sheet ? wb.getWorksheet(req.sheet) : wb.worksheets[0];
  if (!ws || ws.rowCount < 1) {
    throw apiError(
      'VALIDATION',
      'deliverables.import.emptySheet',
      'the sheet is empty or has no header row',
      {},
      ['sheet'],
    );
  }
  const headerCells: { col: number; name: string }[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    if (text !== null && String(text).trim()) headerCells.push({ col, name: String(text).trim() });
  });
  if (!headerCells.length) {
    throw apiError(
      'VALIDATION',
      'deliverables.import.emptySheet',
      'the sheet has no header row',
      {},
      ['sheet'],
    );
  }
  const rows: { row: number; cells: Map<string, string | Date | number> }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = new Map<string, string | Date | number>();
    for (const h of headerCells) {
      const v = cellText(row.getCell(h.col).value);
      if (v !== null && !(typeof v === 'string' && v.trim() === '')) cells.set(h.name, v);
    }
    if (cells.size) rows.push({ row: r, cells });
  }
  return { sheet: ws.name, headers: headerCells.map((h) => h.name), rows };
}

/** Natural key used to spot duplicate rows and to match rows without an id. */
function naturalKey(kind: ImportKind, data: Record<string, unknown>): string {
  if (kind === 'issues') return `${String(data.title)}|${String(data.raisedOn)}`;
  if (kind === 'contacts') return `${String(data.name)}|${String(data.phone ?? '')}`;
  return String(data.name);
}

function fieldsOf(doc: Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (
      ![
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
      ].includes(k)
    )
      out[k] = v;
  }
  return out;
}

export async function planImport(queries: Queries, req: ImportRequest): Promise<ImportPlan> {
  const type = IMPORT_TYPES[req.kind];
  if (req.kind !== 'accounts') {
    if (!req.accountId)
      throw apiError(
        'VALIDATION',
        'deliverables.import.needAccount',
        'contacts and issues need an accountId',
        {},
        ['accountId'],
      );
    const account = queries.getDoc(req.accountId);
    if (!account || account.type !== 'account') {
      throw apiError(
        'NOT_FOUND',
        'error.accountNotFound',
        `${req.accountId} not found`,
        { id: req.accountId },
        ['accountId'],
      );
    }
  }
  const { sheet, headers, rows } = await readSheet(req);
  const fields = IMPORT_FIELDS[req.kind];
  const suggested = suggestMapping(req.kind, headers);
  const mapping: Record<string, string | null> = { ...suggested };
  const errors: ImportRowError[] = [];
  for (const [field, header] of Object.entries(req.mapping ?? {})) {
    if (!fields.some((f) => f.name === field)) {
      errors.push(rowError(1, header, field, 'deliverables.import.unknownField', { field }));
      continue;
    }
    if (header !== null && !headers.includes(header)) {
      errors.push(
        rowError(1, header, field, 'deliverables.import.unknownColumn', { column: header }),
      );
      continue;
    }
    mapping[field] = header;
  }
  for (const f of fields) {
    if (f.required && !mapping[f.name])
      errors.push(
        rowError(1, null, f.name, 'deliverables.import.missingRequired', { field: f.name }),
      );
  }

  // Existing documents this import may update: by id, and by natural key.
  const existing: Doc[] =
    req.kind === 'accounts'
      ? queries.accountIds().map((id) => queries.getDoc(id) as Doc)
      : (queries.accountDocs(req.accountId!).filter((d) => d.type === type) as Doc[]);
  const byId = new Map(existing.map((d) => [d._id, d]));
  const byKey = new Map(existing.map((d) => [naturalKey(req.kind, d), d]));

  const writes: PlannedWrite[] = [];
  const seen = new Map<string, number>();
  const people = loadDirectory(queries);
  const mappingOk = errors.length === 0;
  for (const { row, cells } of mappingOk ? rows : []) {
    const data: Record<string, unknown> = {};
    let id: string | undefined;
    const before = errors.length;
    for (const f of fields as ImportField[]) {
      const header = mapping[f.name];
      if (!header) continue;
      const raw = cells.get(header);
      if (raw === undefined) {
        if (f.required) errors.push(rowError(row, header, f.name, 'deliverables.import.required'));
        continue;
      }
      const parsed = parseCell(f, raw);
      if (!parsed.ok) {
        errors.push(rowError(row, header, f.name, parsed.error.messageKey, parsed.error.params));
        continue;
      }
      if (f.name === 'id') id = String(parsed.value);
      else if (f.person) data[f.name] = loginOf(people, String(parsed.value));
      else data[f.name] = parsed.value;
    }
    if (errors.length > before) continue;
    const key = id ?? naturalKey(req.kind, data);
    const firstRow = seen.get(key);
    if (firstRow !== undefined) {
      errors.push(
        rowError(
          row,
          id ? mapping.id : null,
          id ? 'id' : null,
          'deliverables.import.duplicateRow',
          { row: firstRow },
        ),
      );
      continue;
    }
    seen.set(key, row);
    let target: Doc | undefined;
    if (id) {
      target = byId.get(id);
      if (!target) {
        errors.push(rowError(row, mapping.id, 'id', 'deliverables.import.unknownId', { id }));
        continue;
      }
    } else {
      target = byKey.get(key);
    }
    // An update keeps every field the sheet does not carry (e.g. the customer's confirmation).
    const merged = target ? { ...fieldsOf(target), ...data } : data;
    const parsed = entities[type].input.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const custom = (issue as { params?: { messageKey?: MessageKey } }).params?.messageKey;
        errors.push(
          rowError(
            row,
            mapping[field] ?? null,
            field || null,
            custom ?? ZOD_KEYS[issue.code] ?? 'validation.invalid',
            {},
          ),
        );
      }
      continue;
    }
    if (!target) {
      writes.push({ row, action: 'create', accountId: req.accountId, data });
      continue;
    }
    const current = entities[type].input.parse(fieldsOf(target)) as Record<string, unknown>;
    const next = parsed.data as Record<string, unknown>;
    const changes: Record<string, unknown> = {};
    for (const k of Object.keys(data)) {
      if (JSON.stringify(current[k]) !== JSON.stringify(next[k])) changes[k] = data[k];
    }
    writes.push({
      row,
      action: Object.keys(changes).length ? 'update' : 'unchanged',
      id: target._id,
      rev: target._rev,
      data,
      changes,
    });
  }
  const count = (a: PlannedWrite['action']) => writes.filter((w) => w.action === a).length;
  return {
    writes,
    preview: {
      kind: req.kind,
      sheet,
      headers,
      mapping,
      suggested,
      fields: fields.map((f) => ({ name: f.name, required: Boolean(f.required) })),
      rows: rows.length,
      toCreate: count('create'),
      toUpdate: count('update'),
      unchanged: count('unchanged'),
      errors,
      sample: writes.slice(0, 20).map((w) => ({ row: w.row, action: w.action, ...w.data })),
    },
  };
}
