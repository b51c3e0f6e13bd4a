// The one way text reaches a cell in every .xlsx we write. A cell value that is a JavaScript
// string is always written as a string cell (exceljs makes a formula only from {formula}), so
// "=HYPERLINK(...)" opens as text, never as a formula. What remains is the text a spreadsheet
// could take for a formula once a person edits the cell or saves the sheet as CSV (=, +, -, @,
// tab, CR first; OWASP's CSV injection): `guardWorkbook` gives those cells Excel's own quote
// prefix (the cell style's quotePrefix="1", what Excel sets when someone types '=1+1), so Excel
// and LibreOffice show the text as written, with no apostrophe, and keep it text when edited.
// Files from before that stored a literal leading apostrophe; import (`unsafeText`) strips it.
import type { Cell, Row, Worksheet } from 'exceljs';
import JSZip from 'jszip';

const FORMULA_START = /^[=+\-@\t\r]/;

export type CellInput = string | number | boolean | Date | null | undefined;

/** Whether a text needs the quote prefix (a spreadsheet could read it as a formula). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Undoes the apostrophe older exports wrote: "'=1+1" back to "=1+1"; other text unchanged. */
export function unsafeText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

export function safeValue(value: CellInput): Exclude<CellInput, undefined> {
  return value === undefined ? null : value;
}

export function setSafe(cell: Cell, value: CellInput): void {
  cell.value = safeValue(value);
}

export function addSafeRow(sheet: Worksheet, values: CellInput[]): Row {
  return sheet.addRow(values.map(safeValue));
}

const xmlText = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');

/**
 * Gives every string cell whose text looks like a formula the quote prefix: a copy of its cell
 * style with quotePrefix="1" (one copy per style). Shared strings and inline strings both.
 */
export async function guardWorkbook(buffer: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(new Uint8Array(buffer));
  const sst = await zip.file('xl/sharedStrings.xml')?.async('string');
  const guarded = new Set<number>();
  if (sst) {
    [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].forEach((m, i) => {
      if (looksLikeFormula(xmlText(m[1]))) guarded.add(i);
    });
  }
  const stylesXml = await zip.file('xl/styles.xml')?.async('string');
  const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  if (!stylesXml) return buffer;
  const cellXfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!cellXfs) return buffer;
  const xfs = [...cellXfs[2].matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const quoted = new Map<number, number>();
  const quotedStyle = (s: number): number => {
    let q = quoted.get(s);
    if (q === undefined) {
      q = xfs.length;
      xfs.push((xfs[s] ?? xfs[0]).replace(/^<xf\b/, '<xf quotePrefix="1"'));
      quoted.set(s, q);
    }
    return q;
  };
  let changed = false;
  for (const name of sheets) {
    const xml = await zip.file(name)!.async('string');
    const out = xml.replace(
      /<c\b([^>]*?)(?<!\/)>([\s\S]*?)<\/c>/g,
      (whole, attrs: string, inner: string) => {
        const type = /\bt="(\w+)"/.exec(attrs)?.[1];
        let text: string | null = null;
        if (type === 's') {
          const index = Number(/<v>(\d+)<\/v>/.exec(inner)?.[1]);
          text = guarded.has(index) ? '=' : null;
        } else if (type === 'inlineStr') {
          text = xmlText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
        }
        if (text === null || !looksLikeFormula(text)) return whole;
        const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
        const q = quotedStyle(style);
        changed = true;
        const next = /\bs="\d+"/.test(attrs)
          ? attrs.replace(/\bs="\d+"/, `s="${q}"`)
          : `${attrs} s="${q}"`;
        return `<c${next}>${inner}</c>`;
      },
    );
    if (out !== xml) zip.file(name, out);
  }
  if (!changed) return buffer;
  zip.file(
    'xl/styles.xml',
    stylesXml.replace(cellXfs[0], `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`),
  );
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}
