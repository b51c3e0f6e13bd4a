import { parsePeriod, quarterOf } from '../../../../../shared/domain/health/period';

describe('reporting periods', () => {
  it('reads years, quarters and months with their last days', () => {
    expect(parsePeriod('2026')).toEqual({ label: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-q1')).toEqual({
      label: '2026-Q1',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(parsePeriod('2024-02')).toEqual({
      label: '2024-02',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(quarterOf('2026-11-23')).toEqual({
      label: '2026-Q4',
      from: '2026-10-01',
      to: '2026-12-31',
    });
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-Q5', '2026-13', '26', 'last year', '2026-1'])
      expect(parsePeriod(bad)).toBeNull();
  });
});
