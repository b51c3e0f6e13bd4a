// The choices of the issue-12 kinds: a usage report's two months and a weekly report's week,
// each a value the backend accepts, newest first, from the tests' today.
import { t } from '../../../../shared/i18n';
import { usageReportPeriod } from '../../../../shared/rules/period';
import { addDays, addMonths, weekOf } from '../../../../shared/time/days';
import {
  usagePeriodOptions,
  weekOptions,
} from '../../../../renderer/src/components/DocumentPickers';
import { kindOptions } from '../../../../renderer/src/workspace/Documents';
import { TODAY } from '../../../helpers/clock';

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
  t('en-US', key, params);

it('offers the last 24 two-month periods by their last month, the default first', () => {
  const options = usagePeriodOptions(en, TODAY);
  expect(options).toHaveLength(24);
  expect(options[0].value).toBe(addMonths(TODAY, -1).slice(0, 7));
  expect(usageReportPeriod(options[0].value, TODAY)).toEqual(usageReportPeriod(undefined, TODAY));
  expect(options[0].label).toBe(
    `${addMonths(TODAY, -2).slice(0, 7)} to ${addMonths(TODAY, -1).slice(0, 7)}`,
  );
  expect(options.at(-1)!.value).toBe(addMonths(TODAY, -24).slice(0, 7));
});

it('offers this week and the 11 before, Monday to Sunday', () => {
  const options = weekOptions(TODAY);
  expect(options).toHaveLength(12);
  expect(options[0].value).toBe(weekOf(TODAY).weekStart);
  expect(options[1].value).toBe(addDays(weekOf(TODAY).weekStart, -7));
  expect(options[0].label).toBe(`${weekOf(TODAY).weekStart} ~ ${weekOf(TODAY).weekEnd}`);
});

it('sends each kind only its own choice', () => {
  const c = { period: '2026-Q3', usagePeriod: '2026-11', week: '2026-11-30', visitId: 'visit:x:y' };
  expect(kindOptions('review', c)).toEqual({ period: '2026-Q3' });
  expect(kindOptions('usage', c)).toEqual({ period: '2026-11' });
  expect(kindOptions('weekly', c)).toEqual({ week: '2026-11-30' });
  expect(kindOptions('minutes', c)).toEqual({ visitId: 'visit:x:y' });
  expect(kindOptions('brief', c)).toEqual({});
  expect(kindOptions('usage', {})).toEqual({});
});
