// Import planning: read the sheet, find its header row, apply the column mapping, check every
// row, and decide per row which documents it creates, updates or leaves (an account row may
// carry its contract and key contact too, each its own document). Nothing here writes.
import ExcelJS from 'exceljs';
import type {
  ImportDuplicate,
  ImportKind,
  ImportPreviewOutput,
  ImportRowError,
} from '../../../shared/api/deliverables';
import { apiError } from '../../../shared/api/errors';
import { entities, type EditableType } from '../../../shared/domain/entities';
import { newAccountId, newDocId } from '../../../shared/domain/ids';
import { t, type Locale, type MessageKey } from '../../../shared/i18n';
import type { Queries } from '../../projection/queries';
import {
  ACCOUNT_NAME_FIELD,
  IMPORT_FIELDS,
  ROW_PARTS,
  importFields,
  normalizeHeader,
  suggestMapping,
  type ImportField,
} from './fields';
import { cellText, parseCell, shownText, type RawCell } from './parse';
import { loginOf } from '../../../shared/people/displayName';
import { loadDirectory } from '../../people/directory';

export const IMPORT_TYPES: Record<ImportKind, EditableType> = {
  accounts: 'account',
  contacts: 'contact',
  issues: 'issue',
  contracts: 'contract',
  usage: 'usageReading',
};

export interface ImportRequest {
  kind: ImportKind;
  file: Uint8Array;
  accountId?: string;
  mapping?: Record<string, string | null>;
  sheet?: string;
  headerRow?: number;
  lang?: Locale;
  /** Rows checked so far, of all; called every few hundred rows. */
  onProgress?: (done: number, total: number) => void;
}

type Doc = Record<string, unknown> & {
  _id: string;
  _rev?: string;
  type: string;
  accountId: string;
};

/** One document a row writes: a new one (with the id it will get) or an existing one's update. */
export interface PlannedDoc {
  type: EditableType;
  action: 'create' | 'update' | 'unchanged';
  id: string;
  accountId: string;
  base?: Doc;
  /** The full fields to write (the existing document's fields with the sheet's on top). */
  fields: Record<string, unknown>;
  /** Only the sheet's fields, as the sample shows them. */
  data: Record<string, unknown>;
}

export interface PlannedRow {
  row: number;
  /** The row's documents, its account first; an account shared with an earlier row is the same object. */
  docs: PlannedDoc[];
}

export interface ImportPlan {
  preview: ImportPreviewOutput;
  /** The valid rows, in sheet order. */
  rows: PlannedRow[];
  /** A problem with the mapping or the header: no row can be written. */
  fatal: boolean;
}

const ZOD_KEYS: Record<string, MessageKey> = {
  invalid_type: 'validation.invalidType',
  too_small: 'validation.tooSmall',
  too_big: 'validation.tooBig',
  invalid_format: 'validation.invalidFormat',
  invalid_value: 'validation.invalidValue',
};

function messages(messageKey: MessageKey, params: Record<string, string | number>) {
  return { 'zh-CN': t('zh-CN', messageKey, params), 'en-US': t('en-US', messageKey, params) };
}

function rowError(
  row: number,
  column: string | null,
  field: string | null,
  messageKey: MessageKey,
  params: Record<string, string | number> = {},
): ImportRowError {
  return { row, column, field, messageKey, params, message: messages(messageKey, params) };
}

interface SheetRow {
  row: number;
  cells: Map<string, RawCell>;
}

interface ReadSheet {
  sheet: string;
  sheets: string[];
  headerRow: number;
  detectedHeaderRow: number;
  top: { row: number; cells: string[] }[];
  rowCount: number;
  columnCount: number;
  headers: string[];
  rows: SheetRow[];
}

const SCAN_ROWS = 30;
const TOP_ROWS = 12;
const TOP_COLUMNS = 30;

/** The distinct non-empty texts of a row, merged cells counted once. */
function rowTexts(ws: ExcelJS.Worksheet, r: number): string[] {
  const out = new Set<string>();
  ws.getRow(r).eachCell((cell) => {
    const v = cellText(cell.value);
    if (typeof v === 'string' && v.trim()) out.add(v.trim());
  });
  return [...out];
}

/**
 * The header row: among the first rows, the one whose texts suggest the most fields; a title
 * row (one merged text), blank rows and notes above it are skipped. With no suggestion at all,
 * the first row with two or more texts.
 */
function findHeaderRow(
  ws: ExcelJS.Worksheet,
  kind: ImportKind,
  fields: ImportField[],
  mapped: Set<string>,
): number {
  let best = 0;
  let bestScore = 0;
  let firstTexty = 0;
  for (let r = 1; r <= Math.min(ws.rowCount, SCAN_ROWS); r++) {
    const texts = rowTexts(ws, r);
    if (texts.length < 2) continue;
    if (!firstTexty) firstTexty = r;
    const suggested = Object.values(suggestMapping(kind, texts, fields)).filter(Boolean).length;
    const score = suggested + texts.filter((x) => mapped.has(x)).length;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best || firstTexty || 1;
}

async function readSheet(req: ImportRequest, fields: ImportField[]): Promise<ReadSheet> {
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
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = req.sheet ? wb.getWorksheet(req.sheet) : wb.worksheets[0];
  if (req.sheet && !ws) {
    throw apiError(
      'VALIDATION',
      'importUi.error.noSheet',
      `no sheet "${req.sheet}"; the workbook has ${sheets.join(', ')}`,
      { sheet: req.sheet, sheets: sheets.join(', ') },
      ['sheet'],
    );
  }
  if (!ws || ws.rowCount < 1) {
    throw apiError(
      'VALIDATION',
      'deliverables.import.emptySheet',
      'the sheet is empty or has no header row',
      {},
      ['sheet'],
    );
  }
  const mapped = new Set(
    Object.values(req.mapping ?? {}).filter((h): h is string => typeof h === 'string'),
  );
  const detectedHeaderRow = findHeaderRow(ws, req.kind, fields, mapped);
  const headerRow = req.headerRow ?? detectedHeaderRow;
  if (headerRow > ws.rowCount) {
    throw apiError(
      'VALIDATION',
      'importUi.error.headerBeyondEnd',
      `header row ${headerRow} is below the sheet's last row (${ws.rowCount})`,
      { row: headerRow, last: ws.rowCount },
      ['headerRow'],
    );
  }
  // exceljs counts the columns by reading every row, each time it is asked.
  const columnCount = ws.columnCount;
  const top: ReadSheet['top'] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, Math.max(TOP_ROWS, headerRow + 3)); r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(columnCount, TOP_COLUMNS); c++) {
      const cell = row.getCell(c);
      // A merged cell is shown once, at its top-left cell.
      const slave = cell.isMerged && cell.master.address !== cell.address;
      cells.push(slave ? '' : shownText(cellText(cell.value)).slice(0, 60));
    }
    top.push({ row: r, cells });
  }
  const headerCells: { col: number; name: string }[] = [];
  const names = new Set<string>();
  ws.getRow(headerRow).eachCell((cell, col) => {
    if (cell.isMerged && cell.master.address !== cell.address) return;
    const text = shownText(cellText(cell.value)).trim();
    if (!text) return;
    // Two columns with one header: the later one is named by its column letter too.
    const name = names.has(text) ? `${text} [${ws.getColumn(col).letter}]` : text;
    names.add(name);
    headerCells.push({ col, name });
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
  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = new Map<string, RawCell>();
    for (const h of headerCells) {
      const v = cellText(row.getCell(h.col).value);
      if (v !== null && !(typeof v === 'string' && v.trim() === '')) cells.set(h.name, v);
    }
    if (cells.size) rows.push({ row: r, cells });
  }
  return {
    sheet: ws.name,
    sheets,
    headerRow,
    detectedHeaderRow,
    top,
    rowCount: ws.rowCount,
    columnCount,
    headers: headerCells.map((h) => h.name),
    rows,
  };
}

/** Natural key used to spot duplicate rows and to match rows without an id. */
function naturalKey(type: string, data: Record<string, unknown>): string {
  if (type === 'issue') return `${String(data.title)}|${String(data.raisedOn)}`;
  if (type === 'contact') return `${String(data.name)}|${String(data.phone ?? '')}`;
  if (type === 'contract') return String(data.contractNo);
  if (type === 'usageReading') return String(data.date);
  return String(data.name);
}

/** The field whose column a duplicate is reported at. */
const KEY_FIELDS: Record<string, string> = {
  issue: 'title',
  contact: 'name',
  contract: 'contractNo',
  usageReading: 'date',
  account: 'name',
};

/** The key shown to the user for a match (the name, number or date both share). */
function shownKey(type: string, data: Record<string, unknown>): string {
  if (type === 'issue') return `${String(data.title)} (${String(data.raisedOn)})`;
  if (type === 'contract') return String(data.contractNo);
  if (type === 'usageReading') return String(data.date);
  return String(data.name);
}

const SYSTEM_KEYS = [
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
];

function fieldsOf(doc: Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!SYSTEM_KEYS.includes(k)) out[k] = v;
  return out;
}

/** 10,000 for a column whose header says 万 (万元), 100,000,000 for 亿. */
function scaleOf(header: string): number {
  if (/万/.test(header)) return 10_000;
  if (/亿/.test(header)) return 100_000_000;
  return 1;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const DECISION_MAKER_HEADERS = new Set(['决策人', 'decisionmaker'].map(normalizeHeader));

interface Part {
  prefix: '' | 'contract' | 'contact';
  type: EditableType;
  fields: ImportField[];
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function planImport(queries: Queries, req: ImportRequest): Promise<ImportPlan> {
  const type = IMPORT_TYPES[req.kind];
  const lang: Locale = req.lang ?? 'zh-CN';
  if (req.accountId) {
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
  // With an account given, rows need not (and do not) name theirs.
  const fields = importFields(req.kind, !req.accountId);
  const sheet = await readSheet(req, fields);
  const { headers, rows, headerRow } = sheet;
  const suggested = suggestMapping(req.kind, headers, fields);
  const mapping: Record<string, string | null> = { ...suggested };
  const errors: ImportRowError[] = [];
  const notes: ImportPreviewOutput['notes'] = [];
  const note = (messageKey: MessageKey, params: Record<string, string | number>) =>
    notes.push({ messageKey, params, message: messages(messageKey, params) });
  for (const [field, header] of Object.entries(req.mapping ?? {})) {
    if (!fields.some((f) => f.name === field)) {
      errors.push(
        rowError(headerRow, header, field, 'deliverables.import.unknownField', { field }),
      );
      continue;
    }
    if (header !== null && !headers.includes(header)) {
      errors.push(
        rowError(headerRow, header, field, 'deliverables.import.unknownColumn', { column: header }),
      );
      continue;
    }
    mapping[field] = header;
  }
  const parts: Part[] =
    req.kind === 'accounts'
      ? [
          { prefix: '', type: 'account', fields: IMPORT_FIELDS.accounts },
          ...ROW_PARTS.map((p) => ({ prefix: p.prefix, type: p.type, fields: p.fields })),
        ]
      : [{ prefix: '', type, fields: IMPORT_FIELDS[req.kind] }];
  for (const part of parts) {
    // A part the mapping does not touch is simply not imported; a touched one needs its required fields.
    if (part.prefix && !part.fields.some((f) => mapping[f.name])) continue;
    for (const f of part.fields) {
      if (f.required && !mapping[f.name])
        errors.push(
          rowError(headerRow, null, f.name, 'deliverables.import.missingRequired', {
            field: f.name,
          }),
        );
    }
  }
  if (req.kind !== 'accounts' && !req.accountId && !mapping.account) {
    throw apiError(
      'VALIDATION',
      'deliverables.import.needAccount',
      'give an accountId or map a column naming each row\u2019s account',
      {},
      ['accountId'],
    );
  }
  const mappingOk = errors.length === 0;
  for (const [field, header] of Object.entries(mapping)) {
    const f = fields.find((x) => x.name === field);
    if (header && f?.type === 'money' && scaleOf(header) !== 1)
      note('importUi.note.amountScale', { column: header, scale: scaleOf(header) });
  }
  const contractMapped = ROW_PARTS[0].fields.some((f) => mapping[f.name]);
  if (
    mappingOk &&
    ((req.kind === 'contracts' && !mapping.product) ||
      (req.kind === 'accounts' && contractMapped && !mapping['contract.product']))
  ) {
    note('importUi.note.defaultProduct', { product: t(lang, 'importUi.defaultProduct') });
  }

  // Every account by name (rows of other kinds may name theirs), and by id.
  const accounts = new Map<string, Doc>();
  const accountsByName = new Map<string, Doc[]>();
  if (req.kind === 'accounts' || mapping.account) {
    for (const id of queries.accountIds()) {
      const doc = queries.getDoc(id) as Doc | null;
      if (!doc) continue;
      accounts.set(id, doc);
      const key = String(doc.name);
      accountsByName.set(key, [...(accountsByName.get(key) ?? []), doc]);
    }
  }
  const docsOf = new Map<string, Doc[]>();
  const existingOf = (accountId: string, t2: string): Doc[] => {
    const key = `${accountId}|${t2}`;
    if (!docsOf.has(key)) docsOf.set(key, queries.latestOfType(accountId, t2, 100_000) as Doc[]);
    return docsOf.get(key)!;
  };

  const scales = new Map(headers.map((h) => [h, scaleOf(h)]));
  const decisionMakerColumn = DECISION_MAKER_HEADERS.has(
    normalizeHeader(mapping['contact.name'] ?? ''),
  );
  const people = loadDirectory(queries);
  /** People named in the sheet whom the team directory does not know (kept as typed). */
  const strangers = new Set<string>();
  const planned: PlannedRow[] = [];
  const refusedRows: number[] = [];
  const duplicates: ImportDuplicate[] = [];
  /** Keys of documents earlier valid rows write: key -> the row and the document. */
  const seen = new Map<string, { row: number; doc: PlannedDoc }>();

  const total = mappingOk ? rows.length : 0;
  for (let i = 0; i < total; i++) {
    if (i % 250 === 0) {
      req.onProgress?.(i, total);
      if (i) await yieldNow();
    }
    const { row, cells } = rows[i];
    const rowErrors: ImportRowError[] = [];
    const rowDuplicates: ImportDuplicate[] = [];
    const err = (
      column: string | null,
      field: string | null,
      key: MessageKey,
      params: Record<string, string | number> = {},
    ) => rowErrors.push(rowError(row, column, field, key, params));

    // 1. Every mapped cell, read by its field's type.
    const values = new Map<string, Record<string, unknown>>();
    const present = new Set<string>();
    let id: string | undefined;
    let accountName: string | undefined;
    for (const part of parts) {
      const data: Record<string, unknown> = {};
      for (const f of part.fields) {
        const header = mapping[f.name];
        if (!header) continue;
        const raw = cells.get(header);
        if (raw === undefined) continue;
        present.add(part.prefix);
        const parsed = parseCell(f, raw, scales.get(header) ?? 1);
        if (!parsed.ok) {
          err(header, f.name, parsed.error.messageKey, parsed.error.params);
          continue;
        }
        const name = part.prefix ? f.name.slice(part.prefix.length + 1) : f.name;
        if (name === 'id') id = String(parsed.value);
        else if (f.person) {
          data[name] = loginOf(people, String(parsed.value));
          if (!Object.prototype.hasOwnProperty.call(people, data[name] as string))
            strangers.add(String(parsed.value));
        } else data[name] = parsed.value;
      }
      values.set(part.prefix, data);
    }
    if (mapping.account) {
      const raw = cells.get(mapping.account);
      if (raw !== undefined) {
        const parsed = parseCell(ACCOUNT_NAME_FIELD, raw);
        if (parsed.ok) accountName = String(parsed.value);
      }
    }
    // 2. Required cells of the main part and of every part the row fills.
    for (const part of parts) {
      if (part.prefix && !present.has(part.prefix)) continue;
      for (const f of part.fields) {
        const header = mapping[f.name];
        if (f.required && header && !cells.has(header))
          err(header, f.name, 'deliverables.import.required');
      }
    }
    // 3. The account the row's documents belong to.
    let account: Doc | undefined;
    if (req.kind !== 'accounts') {
      if (accountName !== undefined) {
        const found = accountsByName.get(accountName) ?? [];
        if (found.length === 1 && (!req.accountId || found[0]._id === req.accountId))
          account = found[0];
        else if (found.length > 1)
          err(mapping.account!, 'account', 'importUi.error.accountAmbiguous', {
            name: accountName,
            count: found.length,
          });
        else
          err(mapping.account!, 'account', 'importUi.error.accountUnknown', {
            name: accountName,
          });
      } else if (req.accountId) {
        account = queries.getDoc(req.accountId) as Doc;
      } else {
        err(mapping.account!, 'account', 'deliverables.import.required');
      }
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      refusedRows.push(row);
      continue;
    }

    // 4. The documents, matched against the store (by id, else natural key) and earlier rows.
    const docs: PlannedDoc[] = [];
    const newKeys: { key: string; doc: PlannedDoc }[] = [];
    const validate = (
      part: Part,
      docType: EditableType,
      accountId: string,
      data: Record<string, unknown>,
      target: Doc | undefined,
    ): PlannedDoc | null => {
      const merged = target ? { ...fieldsOf(target), ...data } : data;
      const parsed = entities[docType].input.safeParse(merged);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          const name = part.prefix && field ? `${part.prefix}.${field}` : field;
          const column =
            mapping[name] ??
            (field === 'products'
              ? (mapping[`${part.prefix ? part.prefix + '.' : ''}amount`] ?? null)
              : null);
          const custom = (issue as { params?: { messageKey?: MessageKey } }).params?.messageKey;
          err(column ?? null, name || null, custom ?? ZOD_KEYS[issue.code] ?? 'validation.invalid');
        }
        return null;
      }
      if (!target) {
        return {
          type: docType,
          action: 'create',
          id: docType === 'account' ? accountId : newDocId(docType, accountId),
          accountId,
          fields: parsed.data as Record<string, unknown>,
          data,
        };
      }
      const current = entities[docType].input.parse(fieldsOf(target)) as Record<string, unknown>;
      const next = parsed.data as Record<string, unknown>;
      const moved = Object.keys(data).some(
        (k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]),
      );
      return {
        type: docType,
        action: moved ? 'update' : 'unchanged',
        id: target._id,
        accountId: target.accountId,
        base: target,
        fields: { ...fieldsOf(target), ...data },
        data,
      };
    };

    /** One part's document: matched, checked against earlier rows, validated. */
    const partDoc = (part: Part, accountId: string, accountExists: boolean): PlannedDoc | null => {
      const docType = part.type;
      const data = { ...values.get(part.prefix)! };
      if (docType === 'contact' && part.prefix && data.roles === undefined && decisionMakerColumn)
        data.roles = ['decisionMaker'];
      const existing = accountExists ? existingOf(accountId, docType) : [];
      let target: Doc | undefined;
      const partId = part.prefix ? undefined : id;
      if (partId) {
        target =
          docType === 'account' ? accounts.get(partId) : existing.find((d) => d._id === partId);
        if (!target) {
          err(mapping.id ?? null, 'id', 'deliverables.import.unknownId', { id: partId });
          return null;
        }
      } else {
        // A key contact matches by name alone (the sheet may add the phone later).
        const key =
          part.prefix === 'contact'
            ? (d: Record<string, unknown>) => String(d.name)
            : (d: Record<string, unknown>) => naturalKey(docType, d);
        const want = key(data);
        const matches =
          docType === 'account'
            ? (accountsByName.get(String(data.name)) ?? [])
            : existing.filter((d) => key(d) === want);
        target = matches[0];
        if (target)
          rowDuplicates.push({
            row,
            type: docType,
            key: shownKey(docType, data),
            against: 'store',
            existingId: target._id,
          });
      }
      if (docType === 'contract') shapeContract(data, mapping, part.prefix, lang, target ?? null);
      const fileKey = `${accountId}|${docType}|${partId ?? naturalKey(docType, data)}`;
      const first = seen.get(fileKey);
      if (first) {
        const keyField = `${part.prefix ? `${part.prefix}.` : ''}${KEY_FIELDS[docType] ?? 'name'}`;
        err(
          partId ? (mapping.id ?? null) : (mapping[keyField] ?? null),
          partId ? 'id' : keyField,
          'deliverables.import.duplicateRow',
          { row: first.row },
        );
        return null;
      }
      const doc = validate(part, docType, accountId, data, target);
      if (doc) newKeys.push({ key: fileKey, doc });
      return doc;
    };

    if (req.kind === 'accounts') {
      const main = parts[0];
      const data = values.get('')!;
      // The same account on an earlier row: its contract and contact join that account.
      const earlier = id ? seen.get(`id|${id}`) : seen.get(`name|${String(data.name)}`);
      let accountDoc: PlannedDoc | null;
      if (earlier) {
        const carries = parts.slice(1).some((p) => present.has(p.prefix));
        const differs = Object.keys(data).find(
          (k) => JSON.stringify(earlier.doc.data[k]) !== JSON.stringify(data[k]),
        );
        if (!carries) err(null, null, 'deliverables.import.duplicateRow', { row: earlier.row });
        else if (differs)
          err(mapping[differs] ?? null, differs, 'importUi.error.conflictsWithRow', {
            row: earlier.row,
            field: differs,
          });
        else
          rowDuplicates.push({
            row,
            type: 'account',
            key: String(data.name),
            against: 'file',
            firstRow: earlier.row,
            ...(earlier.doc.base ? { existingId: earlier.doc.id } : {}),
          });
        accountDoc = rowErrors.length ? null : earlier.doc;
      } else {
        accountDoc = partDoc(main, newAccountId(), false);
        if (accountDoc) {
          // partDoc gave a new account a fresh id; an existing one keeps its own.
          accountDoc.accountId = accountDoc.id;
          newKeys.push({ key: id ? `id|${id}` : `name|${String(data.name)}`, doc: accountDoc });
        }
      }
      if (accountDoc) {
        docs.push(accountDoc);
        for (const part of parts.slice(1)) {
          if (!present.has(part.prefix)) continue;
          const doc = partDoc(part, accountDoc.id, Boolean(accountDoc.base));
          if (doc) docs.push(doc);
        }
      }
    } else {
      const doc = partDoc(parts[0], account!._id, true);
      if (doc) docs.push(doc);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      refusedRows.push(row);
      continue;
    }
    for (const k of newKeys) seen.set(k.key, { row, doc: k.doc });
    duplicates.push(...rowDuplicates);
    planned.push({ row, docs });
  }
  req.onProgress?.(total, total);
  if (strangers.size) {
    const names = [...strangers];
    note('importUi.note.unknownPeople', {
      names: names.slice(0, 10).join(', ') + (names.length > 10 ? ' …' : ''),
      count: names.length,
    });
  }

  const byType: ImportPreviewOutput['byType'] = {};
  const counted = new Set<PlannedDoc>();
  for (const r of planned) {
    for (const d of r.docs) {
      if (counted.has(d)) continue;
      counted.add(d);
      byType[d.type] ??= { create: 0, update: 0, unchanged: 0 };
      byType[d.type][d.action === 'create' ? 'create' : d.action]++;
    }
  }
  const mainCount = (a: 'create' | 'update' | 'unchanged') => byType[type]?.[a] ?? 0;
  const partOf = (name: string) => (name.includes('.') ? name.split('.')[0] : type);
  return {
    rows: planned,
    fatal: !mappingOk,
    preview: {
      kind: req.kind,
      sheet: sheet.sheet,
      sheets: sheet.sheets,
      headerRow,
      detectedHeaderRow: sheet.detectedHeaderRow,
      top: sheet.top,
      rowCount: sheet.rowCount,
      columnCount: sheet.columnCount,
      headers,
      mapping,
      suggested,
      fields: fields.map((f) => ({
        name: f.name,
        required: Boolean(f.required),
        part: f.name === 'account' ? 'account' : partOf(f.name),
      })),
      rows: rows.length,
      validRows: planned.length,
      refusedRows,
      toCreate: mainCount('create'),
      toUpdate: mainCount('update'),
      unchanged: mainCount('unchanged'),
      byType,
      duplicates,
      notes,
      errors,
      sample: planned.slice(0, 20).map((r) => ({
        row: r.row,
        action: r.docs[0]?.action,
        ...r.docs[0]?.data,
        ...Object.fromEntries(
          r.docs.slice(1).flatMap((d) =>
            Object.entries(d.data)
              .filter(([k]) => k !== 'products')
              .map(([k, v]) => [`${d.type}.${k}`, v]),
          ),
        ),
      })),
    },
  };
}

/**
 * A contract's product line from the sheet's product and quantity (one line at the contract
 * amount; the default product name when the sheet has no product column). An existing contract
 * with several lines keeps them.
 */
function shapeContract(
  data: Record<string, unknown>,
  mapping: Record<string, string | null>,
  prefix: string,
  lang: Locale,
  target: Doc | null,
): void {
  const product = data.product as string | undefined;
  const quantity = data.quantity as number | undefined;
  delete data.product;
  delete data.quantity;
  const p = prefix ? `${prefix}.` : '';
  const lines = (target?.products as Record<string, unknown>[] | undefined) ?? [];
  if (target && (lines.length > 1 || (!mapping[`${p}product`] && !mapping[`${p}quantity`]))) return;
  const amount = typeof data.amount === 'number' ? data.amount : Number(target?.amount ?? 0);
  const line = lines[0] ?? {};
  const qty = quantity ?? (line.quantity as number | undefined) ?? 1;
  data.products = [
    {
      ...line,
      name: product ?? (line.name as string | undefined) ?? t(lang, 'importUi.defaultProduct'),
      quantity: qty,
      unit: (line.unit as string | undefined) ?? 'seat',
      unitPrice: qty > 0 ? round2(amount / qty) : amount,
      discount: (line.discount as number | undefined) ?? 0,
    },
  ];
}
