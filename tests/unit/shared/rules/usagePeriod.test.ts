// The usage report's two-month period: named by its last month, the previous report's the two
// months before, a year boundary crossed both ways; a year or a quarter refused at the field.
import { ApiFailure } from '../../../../shared/api/errors';
import {
  previousTwoMonths,
  twoMonthsEnding,
  usageReportPeriod,
} from '../../../../shared/rules/period';
import { addMonths } from '../../../../shared/time/days';
import { TODAY } from '../../../helpers/clock';

it('names two months by the last one', () => {
  expect(twoMonthsEnding(2026, 11)).toEqual({
    label: '2026-10~2026-11',
    from: '2026-10-01',
    to: '2026-11-30',
    months: ['2026-10', '2026-11'],
  });
  expect(twoMonthsEnding(2027, 1)).toMatchObject({ from: '2026-12-01', to: '2027-01-31' });
  expect(twoMonthsEnding(2028, 3)).toMatchObject({ from: '2028-02-01', to: '2028-03-31' });
  expect(usageReportPeriod('2026-02', TODAY).to).toBe('2026-02-28');
});

it('the previous report covers the two months before', () => {
  expect(previousTwoMonths(twoMonthsEnding(2026, 11)).label).toBe('2026-08~2026-09');
  expect(previousTwoMonths(twoMonthsEnding(2027, 2)).label).toBe('2026-11~2026-12');
  expect(previousTwoMonths(twoMonthsEnding(2027, 1)).label).toBe('2026-10~2026-11');
});

it('defaults to the two full months before the day', () => {
  const p = usageReportPeriod(undefined, TODAY);
  expect(p.months).toEqual([addMonths(TODAY, -2).slice(0, 7), addMonths(TODAY, -1).slice(0, 7)]);
  expect(usageReportPeriod(undefined, '2027-01-15').label).toBe('2026-11~2026-12');
  expect(usageReportPeriod(undefined, '2027-02-01').label).toBe('2026-12~2027-01');
});

it.each(['2026', '2026-Q3', 'soon'])('refuses %s at the field', (text) => {
  try {
    usageReportPeriod(text, TODAY, 'period');
    throw new Error('accepted');
  } catch (e) {
    expect(e).toBeInstanceOf(ApiFailure);
    expect((e as ApiFailure).errors[0]).toMatchObject({ code: 'VALIDATION', path: ['period'] });
  }
});
