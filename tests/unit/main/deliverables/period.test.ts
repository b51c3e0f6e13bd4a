import { ApiFailure } from '../../../../shared/api/errors';
import { defaultPeriod, inPeriod, parsePeriod } from '../../../../main/deliverables/period';

describe('review periods', () => {
  it('parses a year and a quarter', () => {
    expect(parsePeriod('2026')).toMatchObject({
      year: 2026,
      quarter: null,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(parsePeriod('2026Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2024Q3')).toMatchObject({
      quarter: 3,
      from: '2024-07-01',
      to: '2024-09-30',
    });
  });

  it('rejects anything else with a translatable error', () => {
    for (const bad of ['2026Q5', '26', '2026-Q1', '']) {
      try {
        parsePeriod(bad);
        throw new Error(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ApiFailure);
        expect((error as ApiFailure).errors[0].messageKey).toBe('deliverables.error.badPeriod');
      }
    }
  });

  it('defaults to the last full quarter and bounds dates inclusively', () => {
    expect(defaultPeriod('2026-11-23').key).toBe('2026Q3');
    expect(defaultPeriod('2026-02-01').key).toBe('2025Q4');
    const q = parsePeriod('2026Q3');
    expect([
      inPeriod('2026-07-01', q),
      inPeriod('2026-09-30', q),
      inPeriod('2026-10-01', q),
    ]).toEqual([true, true, false]);
  });
});
