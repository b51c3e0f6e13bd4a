// Reading cells: dates, numbers and enum labels in either language.
import ExcelJS from 'exceljs';
import type { MessageKey } from '../../../shared/i18n';
import { DAY_MS, isIsoDay } from '../../../shared/time/days';
import { unsafeText } from '../xlsxSafe';
import { label } from '../format';
import type { ImportField } from './fields';

export type CellError = { messageKey: MessageKey; params: Record<string, string | number> };
export type Parsed = { ok: true; value: unknown } | { ok: false; error: CellError };

/** The text of any cell: rich text, formula results, hyperlinks, dates as ISO days. */
export function cellText(value: ExcelJS.CellValue): string | Date | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): string | null {
  const day = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isIsoDay(day) ? day : null;
}

/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, an Excel date or a day serial number. */
export function parseDate(raw: string | Date | number): string | null {
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  if (typeof raw === 'number') {
    if (raw < 1 || raw > 2_958_465) return null;
    return new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * DAY_MS).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(
    raw.trim(),
  );
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
export function parseCell(field: ImportField, raw: string | Date | number): Parsed {
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
