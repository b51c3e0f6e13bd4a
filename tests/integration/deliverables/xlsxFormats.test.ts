// Excel a customer can use, read back with exceljs and from the sheet XML: date cells with a
// date format, money with its unit, a title naming account and period, print setup (A4, one page
// wide, header row repeated, no id column printed), drop-downs that do not overlap, and
// formula-like text stored as written (no apostrophe, not a formula, Excel's quote prefix).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Backend } from '../../../main/backend';
import { dayFrom } from '../../helpers/clock';
import { openDemoBackend, type DemoBackend } from '../../fixtures/deliverables/demoBackend';

jest.setTimeout(120_000);

let demo: DemoBackend;
let b: Backend;
let accountName: string;

beforeAll(async () => {
  demo = await openDemoBackend();
  b = demo.backend;
  accountName = (await b.call('account.get', { id: demo.strategicId })).name;
  await b.call('issue.create', {
    accountId: demo.strategicId,
    data: {
      title: '-2 号机房告警',
      raisedOn: dayFrom(-3),
      priority: 'urgentFault',
      module: '+86 138 0000 0000',
    },
  });
}, 60_000);
afterAll(() => demo.close());

const load = async (base64: string) => {
  const buffer = Buffer.from(base64, 'base64');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return { wb, zip: await JSZip.loadAsync(new Uint8Array(buffer)) };
};

/** [first, last] row and column of an A1 range. */
function box(range: string): [number, number, number, number] {
  const [a, z = a] = range.split(':');
  const cell = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return [Number(m[2]), col];
  };
  const [r1, c1] = cell(a);
  const [r2, c2] = cell(z);
  return [r1, r2, c1, c2];
}

async function validationRanges(zip: JSZip, part: string): Promise<string[]> {
  const xml = await zip.file(part)!.async('string');
  return [...xml.matchAll(/<dataValidation\b[^>]*sqref="([^"]+)"/g)].flatMap((m) =>
    m[1].split(' '),
  );
}

function overlapping(ranges: string[]): string[] {
  const out: string[] = [];
  ranges.forEach((a, i) =>
    ranges.slice(i + 1).forEach((z) => {
      const [ar1, ar2, ac1, ac2] = box(a);
      const [zr1, zr2, zc1, zc2] = box(z);
      if (ar1 <= zr2 && zr1 <= ar2 && ac1 <= zc2 && zc1 <= ac2) out.push(`${a} & ${z}`);
    }),
  );
  return out;
}

describe('issue list', () => {
  it('has date cells, print setup without the id column, one drop-down range per column', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'issues',
      accountId: demo.strategicId,
      lang: 'zh-CN',
    });
    const { wb, zip } = await load(out.base64);
    const ws = wb.worksheets[0];
    expect(ws.name).toContain(accountName.slice(0, 10));
    const raised = ws.getCell('D2');
    expect(raised.value).toBeInstanceOf(Date);
    expect(raised.numFmt).toBe('yyyy-mm-dd');
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      printTitlesRow: '1:1',
    });
    // Every column prints but K, the id for import, which is hidden.
    expect(ws.pageSetup.printArea?.replace(/\$/g, '')).toBe(`A1:N${ws.rowCount}`);
    expect(ws.getColumn(11).hidden).toBe(true);
    expect([1, 10, 12, 13, 14].map((c) => ws.getColumn(c).hidden)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(ws.headerFooter.oddHeader).toContain(accountName);
    const ranges = await validationRanges(zip, 'xl/worksheets/sheet1.xml');
    expect(ranges.length).toBe(2);
    expect(overlapping(ranges)).toEqual([]);
  });

  it('stores formula-like text as written: a string cell, no apostrophe, quote prefix', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'issues',
      accountId: demo.strategicId,
      lang: 'en-US',
    });
    const { wb, zip } = await load(out.base64);
    const ws = wb.worksheets[0];
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [
      .../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf\b[^>]*/g),
    ].map((m) => m[0]);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const found: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value !== '-2 号机房告警' && cell.value !== '+86 138 0000 0000') return;
        found.push(cell.value);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        const s = Number(new RegExp(`<c r="${cell.address}"[^>]*?s="(\\d+)"`).exec(sheetXml)![1]);
        expect(xfs[s]).toContain('quotePrefix="1"');
      }),
    );
    expect(found.sort()).toEqual(['+86 138 0000 0000', '-2 号机房告警']);
    expect(sheetXml).not.toMatch(/<f>/);
  });
});

describe('review appendix', () => {
  it('names account and period, formats money and dates, prints readably', async () => {
    // A year with issues on any date (the one holding the day 114 days ago); on 1 January it has
    // no success plan in the demo, so it is asked for as a draft (final whenever it is ready).
    const year = dayFrom(-114).slice(0, 4);
    const out = await b.call('deliverables.generate', {
      kind: 'review',
      accountId: demo.strategicId,
      lang: 'zh-CN',
      period: year,
      draft: true,
    });
    const { wb, zip } = await load(out.attachments[0].base64);
    const summary = wb.worksheets[0];
    expect(summary.name).toBe(`汇总 ${year}`);
    expect(String(summary.getCell('A1').value)).toContain(accountName);
    let arr: ExcelJS.Cell | undefined;
    let renewal: ExcelJS.Cell | undefined;
    summary.eachRow((row) => {
      const what = String(row.getCell(1).value);
      if (/ARR|年度经常性收入|年化/.test(what)) arr = row.getCell(2);
      if (/续约日期|续约/.test(what) && row.getCell(2).value instanceof Date)
        renewal = row.getCell(2);
    });
    expect(typeof arr!.value).toBe('number');
    expect(arr!.numFmt).toContain('"元"');
    expect(renewal!.numFmt).toBe('yyyy-mm-dd');
    const issues = wb.getWorksheet('问题')!;
    // Column E's dates (an issue may have none): every one a date cell with the date format.
    const dated = issues
      .getColumn('E')
      .values.map((_, row) => issues.getCell(`E${row}`))
      .filter((c) => Number(c.row) > 1 && c.value !== null && c.value !== undefined);
    expect(dated.length).toBeGreaterThan(0);
    for (const c of dated) {
      expect(c.value).toBeInstanceOf(Date);
      expect(c.numFmt).toBe('yyyy-mm-dd');
    }
    // The id (column A) is not printed; header row repeated; landscape, one page wide.
    expect(issues.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:1',
    });
    expect(issues.pageSetup.printArea?.replace(/\$/g, '')).toMatch(/^B1:I\d+$/);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.headerFooter.oddHeader).toContain(accountName);
    }
    for (let i = 1; i <= wb.worksheets.length; i++) {
      expect(overlapping(await validationRanges(zip, `xl/worksheets/sheet${i}.xml`))).toEqual([]);
    }
  });
});

describe('portfolio', () => {
  it('has money with its unit, dates as dates, print setup, and the guard', async () => {
    const file = await b.call('portfolio.export', { filters: {}, locale: 'zh-CN' });
    const { wb } = await load(file.base64);
    const summary = wb.worksheets[0];
    expect(String(summary.getCell('A1').value)).toMatch(/期间/);
    let arr: ExcelJS.Cell | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'ARR' || /ARR|经常性/.test(String(row.getCell(1).value)))
        arr ??= row.getCell(2);
    });
    expect(typeof arr!.value).toBe('number');
    expect(arr!.numFmt).toContain('"元"');
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, paperSize: 9 });
      expect(ws.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    }
    const renewals = wb.worksheets[2];
    if (renewals.rowCount > 1) {
      const header: string[] = [];
      renewals.getRow(1).eachCell((c) => header.push(String(c.value)));
      const endCol = header.findIndex((h) => /到期|结束/.test(h)) + 1;
      expect(endCol).toBeGreaterThan(0);
      expect(renewals.getRow(2).getCell(endCol).value).toBeInstanceOf(Date);
      expect(renewals.getRow(2).getCell(endCol).numFmt).toBe('yyyy-mm-dd');
    }
  });
});
