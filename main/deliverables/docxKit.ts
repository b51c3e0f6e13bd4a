// Building blocks for every Word deliverable: fonts that render Chinese in Word and LibreOffice,
// headings, paragraphs, tables, images and signature lines.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Footer,
  Header,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IRunOptions,
} from 'docx';

/**
 * Word picks w:eastAsia for CJK characters. Microsoft YaHei ships with Windows; on Linux,
 * LibreOffice substitutes Noto Sans CJK SC (fonts-noto-cjk), so the text never falls to boxes.
 */
export const FONT = {
  ascii: 'Arial',
  hAnsi: 'Arial',
  cs: 'Arial',
  eastAsia: 'Microsoft YaHei',
} as const;

const BODY_SIZE = 21;
/** A4 width less both margins, in twentieths of a point (what LibreOffice lays tables out by). */
const CONTENT_WIDTH = 11906 - 2 * 1300;
const dxa = (pct: number) => Math.round((CONTENT_WIDTH * pct) / 100); // half-points: 10.5 pt, Word's 五号
const TABLE_SIZE = 19;

export function run(text: string, options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({ ...options, text, font: FONT });
}

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [run(text, { bold: true, size: 36 })],
  });
}

export function heading(text: string, level: 1 | 2 = 1): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: level === 1 ? 240 : 160, after: 120 },
    children: [run(text, { bold: true, size: level === 1 ? 28 : 24, color: '1F1F1F' })],
  });
}

export function para(text: string, options: { bold?: boolean; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 100, line: 300 },
    indent: options.indent ? { firstLine: 420 } : undefined,
    children: [run(text, { bold: options.bold, size: BODY_SIZE })],
  });
}

export function bullet(text: string): Paragraph {
  return new Paragraph({
    bullet: { level: 0 },
    spacing: { after: 60 },
    children: [run(text, { size: BODY_SIZE })],
  });
}

export function spacer(): Paragraph {
  return new Paragraph({ children: [] });
}

function cell(text: string, header: boolean, widthPct: number): TableCell {
  return new TableCell({
    width: { size: dxa(widthPct), type: WidthType.DXA },
    shading: header ? { fill: 'D9E2F3', type: 'clear', color: 'auto' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text
      .split('\n')
      .map((line) => new Paragraph({ children: [run(line, { bold: header, size: TABLE_SIZE })] })),
  });
}

// Functions, not constants: docx is then loaded only when a document is built (the CLI loads
// its packages lazily, scripts/cliBuild.cjs).
const border = () => ({ style: BorderStyle.SINGLE, size: 4, color: '808080' });

/** Every edge and inner line of a table drawn the same. */
const gridBorders = () => {
  const line = border();
  return {
    top: line,
    bottom: line,
    left: line,
    right: line,
    insideHorizontal: line,
    insideVertical: line,
  };
};

/** A bordered table with a shaded header row; widths are percentages of the page width. */
export function table(headers: string[], rows: string[][], widths?: number[]): Table {
  const w = widths ?? headers.map(() => Math.floor(100 / headers.length));
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: w.map(dxa),
    borders: gridBorders(),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, w[i])) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, w[i])) })),
    ],
  });
}

/** A two-column label/value table for record-like sections. */
export function fieldTable(pairs: [string, string][]): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [dxa(28), dxa(72)],
    borders: gridBorders(),
    rows: pairs.map(
      ([k, v]) => new TableRow({ children: [cell(k, true, 28), cell(v || '—', false, 72)] }),
    ),
  });
}

export function image(png: Buffer, width: number, height: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width, height } })],
  });
}

/** "label ________  date: ________" for a hand signature. */
export function signatureLine(labelText: string, dateLabel: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    children: [
      run(`${labelText} ____________________    `, { size: BODY_SIZE }),
      run(`${dateLabel} ______________`, { size: BODY_SIZE }),
    ],
  });
}

/** Packs children into an A4 document whose default run font already carries w:eastAsia. */
export async function packDocument(
  children: FileChild[],
  meta: { title: string; creator: string; lang: string; draft?: string },
): Promise<Buffer> {
  // A draft says so at the top and the bottom of every page, so no printed page passes as final.
  const mark = () =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(meta.draft ?? '', { bold: true, color: 'C00000', size: 28 })],
    });
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE, language: { value: meta.lang, eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 },
          },
        },
        ...(meta.draft
          ? {
              headers: { default: new Header({ children: [mark()] }) },
              footers: { default: new Footer({ children: [mark()] }) },
            }
          : {}),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
