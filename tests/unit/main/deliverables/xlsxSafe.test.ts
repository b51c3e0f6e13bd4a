import ExcelJS from 'exceljs';
import { addSafeRow, safeText, unsafeText } from '../../../../main/deliverables/xlsxSafe';

describe('formula-injection guard', () => {
  it.each(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx'])(
    'prefixes %j with an apostrophe',
    (s) => {
      expect(safeText(s)).toBe(`'${s}`);
      expect(unsafeText(safeText(s))).toBe(s);
    },
  );

  it('leaves ordinary text alone and only strips apostrophes it added', () => {
    expect(safeText('报表导出 = 慢')).toBe('报表导出 = 慢');
    expect(unsafeText("'quoted")).toBe("'quoted");
  });

  it('writes text cells, never formulas, and keeps numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    addSafeRow(ws, ['=HYPERLINK("http://e","x")', -5, null, 'ok']);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ExcelJS.Buffer);
    const row = back.getWorksheet('x')!.getRow(1);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe('\'=HYPERLINK("http://e","x")');
    expect(row.getCell(2).value).toBe(-5);
    expect(row.getCell(4).value).toBe('ok');
  });
});
