// Layout helpers for our workbooks: header rows, column widths that fit Chinese text.
import type { Workbook, Worksheet } from 'exceljs';
import { addSafeRow, type CellInput } from './xlsxSafe';

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
  wb.eachSheet((sheet) => {
    sheet.headerFooter.oddHeader = printed;
    sheet.headerFooter.oddFooter = printed;
  });
}

export async function workbookBuffer(wb: Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
