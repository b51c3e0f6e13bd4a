import {
  IMPORT_FIELDS,
  normalizeHeader,
  suggestMapping,
} from '../../../../../main/deliverables/import/fields';
import {
  cellText,
  parseCell,
  parseDate,
  parseMoney,
  UnreadableCell,
} from '../../../../../main/deliverables/import/parse';

const field = (name: string) => IMPORT_FIELDS.issues.find((f) => f.name === name)!;

describe('import cell parsing', () => {
  it('reads dates in the usual spellings and refuses impossible ones', () => {
    expect(parseDate('2026-03-05')).toBe('2026-03-05');
    expect(parseDate('2026/3/5')).toBe('2026-03-05');
    expect(parseDate('2026年3月5日')).toBe('2026-03-05');
    expect(parseDate(46086)).toBe('2026-03-05');
    expect(parseDate(new Date('2026-03-05T00:00:00Z'))).toBe('2026-03-05');
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('next week')).toBeNull();
  });

  it('reads enum values as labels in either language or as the raw value', () => {
    for (const text of ['紧急故障', 'Urgent fault', 'urgentFault', 'URGENT FAULT'])
      expect(parseCell(field('priority'), text)).toEqual({ ok: true, value: 'urgentFault' });
    const bad = parseCell(field('priority'), '很急');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.messageKey).toBe('deliverables.import.badEnum');
  });

  it('strips the apostrophe the export added before formula-like text', () => {
    expect(parseCell(field('title'), "'=1+1")).toEqual({ ok: true, value: '=1+1' });
  });

  it('suggests columns from Chinese and English headers', () => {
    expect(suggestMapping('issues', ['问题描述', '优先级', '提出日期', '编号'])).toMatchObject({
      title: '问题描述',
      priority: '优先级',
      raisedOn: '提出日期',
      id: '编号',
      status: null,
    });
    expect(suggestMapping('issues', ['Issue', 'Priority', 'Raised on', 'Status'])).toMatchObject({
      title: 'Issue',
      priority: 'Priority',
      raisedOn: 'Raised on',
      status: 'Status',
    });
  });
});

describe('messy workbooks (issue 14)', () => {
  it('reads amounts in 万 and 亿, with thousands separators and currency signs', () => {
    expect(parseMoney('120万')).toBe(1_200_000);
    expect(parseMoney('85.5 万元')).toBe(855_000);
    expect(parseMoney('1.2亿')).toBe(120_000_000);
    expect(parseMoney('1,250,000')).toBe(1_250_000);
    expect(parseMoney('¥1,200,000.50')).toBe(1_200_000.5);
    // A column headed in 万元: a bare number is in 万, a cell naming its unit keeps it.
    expect(parseMoney(120, 10_000)).toBe(1_200_000);
    expect(parseMoney('120', 10_000)).toBe(1_200_000);
    expect(parseMoney('300元', 10_000)).toBe(300);
    expect(parseMoney('about 5')).toBeNull();
    expect(parseMoney('1,2,3万x')).toBeNull();
  });

  it('reads 2026.3.1, compact and serial-as-text dates', () => {
    expect(parseDate('2026.3.1')).toBe('2026-03-01');
    expect(parseDate('20260301')).toBe('2026-03-01');
    expect(parseDate('46082')).toBe('2026-03-01');
    expect(parseDate('2026年3月1号')).toBe('2026-03-01');
    expect(parseDate('2026.13.1')).toBeNull();
  });

  it('takes a formula’s cached value and refuses one without, and error cells', () => {
    expect(cellText({ formula: 'A1*2', result: 600000 } as never)).toBe(600000);
    expect(cellText({ sharedFormula: 'B2', result: '东方' } as never)).toBe('东方');
    const none = cellText({ formula: 'F5*2' } as never);
    expect(none).toBeInstanceOf(UnreadableCell);
    const parsed = parseCell(field('title'), none as UnreadableCell);
    expect(parsed).toEqual({
      ok: false,
      error: { messageKey: 'importUi.error.formulaNoValue', params: { value: '=F5*2' } },
    });
    expect(cellText({ error: '#REF!' } as never)).toEqual(
      new UnreadableCell('importUi.error.cellError', '#REF!'),
    );
  });

  it('suggests a column whose header ends with a synonym, the longest winning, units ignored', () => {
    expect(normalizeHeader('合同金额（万元）')).toBe('合同金额');
    const m = suggestMapping('accounts', [
      '公司',
      '负责CSM',
      '合同开始日期',
      '关键联系人电话',
      '决策人',
    ]);
    expect(m).toMatchObject({
      ownerCsm: '负责CSM',
      'contract.startDate': '合同开始日期',
      'contact.phone': '关键联系人电话',
      'contact.name': '决策人',
    });
  });
});
