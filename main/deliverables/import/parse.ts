// Reading cells: dates, numbers and enum labels in either language.
import ExcelJS from 'exceljs';
import type { MessageKey } from '../../../shared/i18n';
import { DAY_MS, isIsoDay } from '../../../shared/time/days';
import { unsafeText } from '../xlsxSafe';
import { label } from '../format';
import type { ImportField } from './fields';

export type CellError = { messageKey: MessageKey; params: Record<string, string | number> };
export type Parsed = { ok: true; value: unknown } | { ok: false; error: CellError };

/** A cell that has no value to import: a formula never calculated, or an error like #REF!. */
export class UnreadableCell {
  constructor(
    readonly messageKey: MessageKey,
    readonly value: string,
  ) {}
}

export type RawCell = string | Date | number | UnreadableCell;

/**
 * The value of any cell: rich text, a formula's cached result, hyperlinks, dates. A formula
 * without a cached result and an error cell come back as UnreadableCell, never as text.
 */
export function cellText(value: ExcelJS.CellValue): RawCell | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) {
        const formula = String(
          (value as { formula?: string; sharedFormula?: string }).formula ??
            (value as { sharedFormula?: string }).sharedFormula,
        );
        return new UnreadableCell('importUi.error.formulaNoValue', `=${formula}`);
      }
      if (typeof result === 'object' && 'error' in (result as object))
        return new UnreadableCell(
          'importUi.error.cellError',
          String((result as { error: string }).error),
        );
      return cellText(result as ExcelJS.CellValue);
    }
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value)
      return new UnreadableCell('importUi.error.cellError', String(value.error));
  }
  return String(value);
}

/** A cell's text as the wizard shows it (dates as ISO days). */
export function shownText(raw: RawCell | null): string {
  if (raw === null) return '';
  if (raw instanceof UnreadableCell) return raw.value;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? '' : raw.toISOString().slice(0, 10);
  return String(raw);
}

/**
 * An amount: a number, "1,200,000", "¥1,200,000.00", "120万", "120 万元", "1.2亿"; `scale` is
 * the column's own unit (10,000 for a header in 万元), used when the cell names none.
 */
export function parseMoney(raw: string | number, scale = 1): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? round2(raw * scale) : null;
  const m = /^(?:[¥￥]|RMB|CNY)?\s*([0-9][0-9,，\s]*(?:\.[0-9]+)?)\s*(万元|万|亿元|亿|元)?$/i.exec(
    raw.trim(),
  );
  if (!m) return null;
  const n = Number(m[1].replace(/[,，\s]/g, ''));
  if (!Number.isFinite(n)) return null;
  const unit = m[2];
  const factor = unit?.startsWith('万')
    ? 10_000
    : unit?.startsWith('亿')
      ? 100_000_000
      : unit
        ? 1
        : scale;
  return round2(n * factor);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): string | null {
  const day = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isIsoDay(day) ? day : null;
}

/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305, an Excel date or a day serial number. */
export function parseDate(raw: string | Date | number): string | null {
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  if (typeof raw === 'number') {
    if (raw < 1 || raw > 2_958_465) return null;
    return new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * DAY_MS).toISOString().slice(0, 10);
  }
  const text = raw.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return validDay(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  // A serial typed as text (a column formatted as text): 46082.
  if (/^\d{5}$/.test(text)) return parseDate(Number(text));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T].*)?$/.exec(text);
  return m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function parseEnum(field: ImportField, text: string): string | null {
  const wanted = text.trim().toLowerCase();
  for (const v of field.values ?? []) {
    if (v.toLowerCase() === wanted) return v;
    if (field.labelGroup) {
      for (const locale of ['zh-CN', 'en-US'] as const) {
        const lbl = label(locale, field.labelGroup, v);
        if (lbl.toLowerCase() === wanted) return v;
      }
    }
  }
  return null;
}

function allowed(field: ImportField): string {
  return (field.values ?? [])
    .map((v) => (field.labelGroup ? `${label('zh-CN', field.labelGroup, v)}/${v}` : v))
    .join(', ');
}

const LIST_SPLIT = /[,，、;；\n]/;

/** One cell to one field value; null text means an empty cell (field left out). */
export function parseCell(field: ImportField, raw: RawCell, scale = 1): Parsed {
  if (raw instanceof UnreadableCell)
    return { ok: false, error: { messageKey: raw.messageKey, params: { value: raw.value } } };
  const text =
    raw instanceof Date ? raw.toISOString().slice(0, 10) : unsafeText(String(raw)).trim();
  switch (field.type) {
    case 'text':
      return { ok: true, value: text };
    case 'date': {
      const day = parseDate(typeof raw === 'string' ? text : raw);
      return day
        ? { ok: true, value: day }
        : {
            ok: false,
            error: { messageKey: 'deliverables.import.badDate', params: { value: text } },
          };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(text.replace(/[,，\s]/g, ''));
      return Number.isFinite(n) && text !== ''
        ? { ok: true, value: n }
        : {
            ok: false,
            error: { messageKey: 'deliverables.import.badNumber', params: { value: text } },
          };
    }
    case 'money': {
      const n = parseMoney(typeof raw === 'number' ? raw : text, scale);
      return n !== null && n >= 0
        ? { ok: true, value: n }
        : {
            ok: false,
            error: { messageKey: 'importUi.error.badAmount', params: { value: text } },
          };
    }
    case 'enum': {
      const v = parseEnum(field, text);
      return v
        ? { ok: true, value: v }
        : {
            ok: false,
            error: {
              messageKey: 'deliverables.import.badEnum',
              params: { value: text, allowed: allowed(field) },
            },
          };
    }
    case 'list':
      return {
        ok: true,
        value: text
          .split(LIST_SPLIT)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'enumList': {
      const out: string[] = [];
      for (const part of text
        .split(LIST_SPLIT)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const v = parseEnum(field, part);
        if (!v)
          return {
            ok: false,
            error: {
              messageKey: 'deliverables.import.badEnum',
              params: { value: part, allowed: allowed(field) },
            },
          };
        out.push(v);
      }
      return { ok: true, value: out };
    }
  }
}
