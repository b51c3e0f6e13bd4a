import { textWidth } from '../../../../main/deliverables/xlsxKit';

describe('textWidth', () => {
  it('counts CJK and full-width characters as two', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('问题清单')).toBe(8);
    expect(textWidth('CRM 系统（二期）')).toBe(4 + 2 * 4 + 2 * 2);
  });
});
