import { IMPORT_FIELDS, suggestMapping } from '../../../../../main/deliverables/import/fields';
import { parseCell, parseDate } from '../../../../../main/deliverables/import/parse';

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
