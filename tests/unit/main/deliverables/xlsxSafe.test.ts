import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  addSafeRow,
  guardWorkbook,
  looksLikeFormula,
  unsafeText,
} from '../../../../main/deliverables/xlsxSafe';

describe('formula-injection guard', () => {
  it.each(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx'])('treats %j as formula-like', (s) => {
    expect(looksLikeFormula(s)).toBe(true);
    // Older exports wrote a leading apostrophe; import strips exactly that.
    expect(unsafeText(`'${s}`)).toBe(s);
  });

  it('leaves ordinary text alone and only strips apostrophes older exports added', () => {
    expect(looksLikeFormula('报表导出 = 慢')).toBe(false);
    expect(unsafeText("'quoted")).toBe("'quoted");
  });

  it('writes string cells with the quote prefix, no apostrophe, never formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    addSafeRow(ws, ['=HYPERLINK("http://e","x")', -5, null, 'ok', '+86 138 0000 0000']);
    const file = await guardWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(file as unknown as ExcelJS.Buffer);
    const row = back.getWorksheet('x')!.getRow(1);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe('=HYPERLINK("http://e","x")');
    expect(row.getCell(2).value).toBe(-5);
    expect(row.getCell(4).value).toBe('ok');
    expect(row.getCell(5).value).toBe('+86 138 0000 0000');
    const zip = await JSZip.loadAsync(new Uint8Array(file));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf\b[^>]*/g)];
    const styleOf = (ref: string) =>
      Number(new RegExp(`<c r="${ref}"[^>]*?s="(\\d+)"`).exec(sheet)?.[1] ?? 0);
    expect(xfs[styleOf('A1')][0]).toContain('quotePrefix="1"');
    expect(xfs[styleOf('E1')][0]).toContain('quotePrefix="1"');
    expect(xfs[styleOf('D1')][0]).not.toContain('quotePrefix');
    expect(sheet).not.toContain('<f>');
  });
});
