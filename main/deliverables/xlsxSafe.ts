// The one way text reaches a cell in every .xlsx we write: a text that a spreadsheet could take
// for a formula (=, +, -, @, tab, CR first) is stored as text with a leading apostrophe, never as
// a formula (CSV/spreadsheet formula injection, OWASP). Import strips the apostrophe again.
import type { Cell, Row, Worksheet } from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

export type CellInput = string | number | boolean | Date | null | undefined;

export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes safeText on import: "'=1+1" back to "=1+1"; other text unchanged. */
export function unsafeText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

export function safeValue(value: CellInput): Exclude<CellInput, undefined> {
  if (value === undefined) return null;
  return typeof value === 'string' ? safeText(value) : value;
}

export function setSafe(cell: Cell, value: CellInput): void {
  cell.value = safeValue(value);
}

export function addSafeRow(sheet: Worksheet, values: CellInput[]): Row {
  return sheet.addRow(values.map(safeValue));
}
