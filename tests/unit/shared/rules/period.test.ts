import { ApiFailure } from '../../../../shared/api/errors';
import {
  inPeriod,
  parsePeriod,
  periodOf,
  PERIOD_PATTERN,
  previousQuarter,
  quarterOf,
  yearOf,
} from '../../../../shared/rules/period';
import { TODAY } from '../../../helpers/clock';

describe('periods', () => {
  it('reads a year', () => {
    expect(parsePeriod('2026')).toEqual({
      label: '2026',
      kind: 'year',
      year: 2026,
      quarter: null,
      month: null,
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });

  it('reads a quarter in every spelling and prints it one way', () => {
    for (const text of ['2026-Q3', '2026Q3', '2026-q3', '2026q3', ' 2026Q3 ']) {
      expect(parsePeriod(text)).toMatchObject({
        label: '2026-Q3',
        kind: 'quarter',
        quarter: 3,
        from: '2026-07-01',
        to: '2026-09-30',
      });
    }
    expect(parsePeriod('2026Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2024-Q1').to).toBe('2024-03-31');
  });

  it('reads a month, with leap-year Februaries', () => {
    expect(parsePeriod('2026-11')).toMatchObject({
      label: '2026-11',
      kind: 'month',
      month: 11,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(parsePeriod('2024-02').to).toBe('2024-02-29');
    expect(parsePeriod('2026-02').to).toBe('2026-02-28');
  });

  it('refuses anything else with a VALIDATION error naming the field', () => {
    for (const bad of [
      '',
      '26',
      '2026-Q5',
      '2026Q0',
      '2026-13',
      '2026-00',
      '2026-1',
      '2026/11',
      'Q3',
      '2026-Q3x',
    ]) {
      expect(periodOf(bad)).toBeNull();
      expect(PERIOD_PATTERN.test(bad)).toBe(false);
      try {
        parsePeriod(bad, 'filters.period');
        throw new Error(`accepted ${bad}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ApiFailure);
        const [error] = (e as ApiFailure).errors;
        expect(error).toMatchObject({
          code: 'VALIDATION',
          messageKey: 'validation.period',
          path: ['filters.period'],
        });
      }
    }
  });

  it("knows today's year and quarter and the last full quarter", () => {
    const q = quarterOf(TODAY);
    expect(inPeriod(TODAY, q)).toBe(true);
    expect(inPeriod(TODAY, yearOf(TODAY))).toBe(true);
    expect(previousQuarter(TODAY).to < q.from).toBe(true);
    expect(previousQuarter('2026-02-01').label).toBe('2025-Q4');
    expect(previousQuarter('2026-11-23').label).toBe('2026-Q3');
  });

  it('holds both end days, and timestamps by their day', () => {
    const q = parsePeriod('2026-Q3');
    expect(inPeriod('2026-07-01', q)).toBe(true);
    expect(inPeriod('2026-09-30T23:59:59Z', q)).toBe(true);
    expect(inPeriod('2026-10-01', q)).toBe(false);
    expect(inPeriod(undefined, q)).toBe(false);
  });
});
