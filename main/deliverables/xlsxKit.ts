// Layout helpers for every workbook we write (deliverables and the portfolio): header rows,
// column widths that fit Chinese text, real date cells, number formats with their unit, a title,
// print setup, drop-downs that do not overlap, and the formula-injection guard on the way out.
import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { t, type Locale } from '../../shared/i18n';
import { addSafeRow, guardWorkbook, type CellInput } from './xlsxSafe';

/** Number formats. Units are part of the format, so the cell stays a number. */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const PERCENT_FORMAT = '0.0%';
export const INTEGER_FORMAT = '#,##0';
const unit = (text: string) => `"${text.replace(/"/g, '')}"`;
/** Money in yuan: `#,##0 "元"` (zh-CN) or `#,##0 "CNY"` (en-US). */
export function moneyFormat(locale: Locale): string {
  return `#,##0 ${unit(t(locale, 'templatesUi.xlsx.unit.yuan'))}`;
}
/** A count of days: `0 "天"` or `0 "days"`. */
export function daysFormat(locale: Locale): string {
  return `0 ${unit(t(locale, 'templatesUi.xlsx.unit.days'))}`;
}

/** An ISO day (2026-03-05) as a date cell value (midnight UTC: a whole Excel day); null when absent. */
export function excelDay(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Excel's column letters: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Sets a number format on every cell of a column from `fromRow` down to the last row. */
export function formatColumn(sheet: Worksheet, column: number, numFmt: string, fromRow = 2): void {
  for (let r = fromRow; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(column).numFmt = numFmt;
}

/** Wraps long text in the given columns (top-aligned), so a capped width does not cut it off. */
export function wrapColumns(sheet: Worksheet, columns: number[], fromRow = 2): void {
  for (let r = fromRow; r <= sheet.rowCount; r++) {
    for (const c of columns) {
      sheet.getRow(r).getCell(c).alignment = { wrapText: true, vertical: 'top' };
    }
  }
}

/** A worksheet name Excel accepts (no []:*?/\, at most 31 characters), unique in the workbook. */
export function sheetName(wb: Workbook, wanted: string): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; wb.worksheets.some((w) => w.name.toLowerCase() === name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  return name;
}

/** A list drop-down on a whole range, written as one range (exceljs's per-cell merge overlaps). */
export function listValidation(sheet: Worksheet, range: string, values: string[]): void {
  const validation: DataValidation = {
    type: 'list',
    allowBlank: true,
    showErrorMessage: true,
    formulae: [`"${values.join(',')}"`],
  };
  (
    sheet as unknown as { dataValidations: { add(a: string, v: DataValidation): void } }
  ).dataValidations.add(range, validation);
}

export interface PrintOptions {
  locale: Locale;
  /** Printed at the top left of every page: account, what, period. */
  title: string;
  landscape?: boolean;
  /** The header row repeated on every printed page (1-based); none when 0. */
  headerRow?: number;
  /** Printed columns, first and last (1-based); default all. The id column is left out. */
  columns?: [number, number];
}

/**
 * A4, fit to one page wide (as many pages tall as it takes), the header row on every page, the
 * title at the top and "page n of N" at the bottom of every page.
 */
export function printSetup(sheet: Worksheet, o: PrintOptions): void {
  const [first, last] = o.columns ?? [1, Math.max(1, sheet.columnCount)];
  const lastRow = Math.max(sheet.rowCount, o.headerRow ?? 1);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: o.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    // exceljs prefixes each half with one $; the row's $ makes the reference absolute
    // ($A$1:$J$21), which LibreOffice needs to honour it.
    printArea: `${columnLetter(first)}$1:${columnLetter(last)}$${lastRow}`,
    ...(o.headerRow ? { printTitlesRow: `${o.headerRow}:${o.headerRow}` } : {}),
  };
  const header = o.title.replace(/&/g, '&&');
  sheet.headerFooter.oddHeader = `&L&"-,Bold"&10${header}`;
  sheet.headerFooter.oddFooter = `&R&8${t(o.locale, 'templatesUi.xlsx.page')}`;
}

/** A bold title row (and an optional second line), merged across `width` columns. */
export function titleRows(
  sheet: Worksheet,
  title: string,
  width: number,
  subtitle?: string,
): number {
  const lines = subtitle ? [title, subtitle] : [title];
  lines.forEach((line, i) => {
    const row = addSafeRow(sheet, [line]);
    row.font = { bold: i === 0, size: i === 0 ? 14 : 10, name: 'Microsoft YaHei' };
    row.height = i === 0 ? 24 : 16;
    row.alignment = { wrapText: true, vertical: 'middle' };
    if (width > 1) sheet.mergeCells(row.number, 1, row.number, width);
  });
  return lines.length;
}

/**
 * Once the columns have their widths: each title row tall enough for its wrapped lines, so a
 * title wider than the columns it spans is printed whole, not cut at the print area's edge.
 */
export function fitTitleRows(sheet: Worksheet, rows: number, width: number): void {
  let span = 0;
  for (let c = 1; c <= width; c++) span += sheet.getColumn(c).width ?? 9;
  for (let r = 1; r <= rows; r++) {
    const row = sheet.getRow(r);
    const size = row.font?.size ?? 11;
    const text = String(row.getCell(1).value ?? '');
    const lines = Math.max(1, Math.ceil((textWidth(text) * size) / 11 / Math.max(1, span - 1)));
    row.height = Math.ceil(size * 1.6) * lines;
  }
}

/** Display width of text: CJK and full-width characters count 2, others 1. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

/** Sets each column's width to its longest cell (as text), within [min, max]. */
export function fitColumns(sheet: Worksheet, min = 8, max = 60): void {
  sheet.columns.forEach((column) => {
    let widest = 0;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      const v = cell.value;
      const text =
        v instanceof Date
          ? '2026-01-01'
          : typeof v === 'object' && v !== null && 'result' in v
            ? String((v as { result?: unknown }).result ?? '')
            : String(v ?? '');
      widest = Math.max(widest, ...text.split('\n').map(textWidth));
    });
    column.width = Math.max(min, Math.min(max, widest + 2));
  });
}

/** Like fitColumns, but counting only rows from `fromRow` (a merged title row stays out). */
export function fitColumnsFrom(sheet: Worksheet, fromRow: number, min = 8, max = 60): void {
  const widths: number[] = [];
  for (let r = fromRow; r <= sheet.rowCount; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.value;
      const text =
        v instanceof Date
          ? '2026-01-01'
          : typeof v === 'object' && v !== null && 'result' in v
            ? String((v as { result?: unknown }).result ?? '')
            : String(v ?? '');
      widths[c] = Math.max(widths[c] ?? 0, ...text.split('\n').map(textWidth));
    });
  }
  widths.forEach((w, c) => {
    if (w !== undefined) sheet.getColumn(c).width = Math.max(min, Math.min(max, w + 2));
  });
}

export function headerRow(sheet: Worksheet, headers: string[]): void {
  const row = addSafeRow(sheet, headers);
  row.font = { bold: true, name: 'Microsoft YaHei' };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** A sheet with a frozen header and rows written through the formula-injection guard. */
export function dataSheet(
  wb: Workbook,
  name: string,
  headers: string[],
  rows: CellInput[][],
): Worksheet {
  const sheet = wb.addWorksheet(name);
  headerRow(sheet, headers);
  for (const r of rows) addSafeRow(sheet, r);
  if (rows.length) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  }
  fitColumns(sheet);
  return sheet;
}

/** Prints the draft mark in every sheet's page header and footer; nothing for a final workbook. */
export function markDraft(wb: Workbook, mark: string | undefined): void {
  if (!mark) return;
  const printed = `&C&"-,Bold"&14&KC00000${mark}`;
  // Next to the title (left) and the page number (right) that printSetup put there.
  wb.eachSheet((sheet) => {
    sheet.headerFooter.oddHeader = `${sheet.headerFooter.oddHeader ?? ''}${printed}`;
    sheet.headerFooter.oddFooter = `${sheet.headerFooter.oddFooter ?? ''}${printed}`;
  });
}

/** The file, with the formula-injection guard applied (see xlsxSafe.ts). */
export async function workbookBuffer(wb: Workbook): Promise<Buffer> {
  return guardWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}
