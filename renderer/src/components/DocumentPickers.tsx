// The two choices every document generation asks for: the period a review covers and the
// language the document is written in (independent of the UI language).
import { Select } from 'antd';
import type { Locale } from '../../../shared/i18n';
import { twoMonthsEnding } from '../../../shared/rules/period';
import { addDays, addMonths, weekOf } from '../../../shared/time/days';
import { useToday } from '../api/hooks';
import { useLocale, type Translate } from '../i18n';

/** Periods offered: the last three years up to `today`'s and their quarters, newest first. */
export function periodOptions(t: Translate, today: string) {
  const options: { value: string; label: string }[] = [];
  const thisYear = Number(today.slice(0, 4));
  for (let year = thisYear; year > thisYear - 3; year--) {
    options.push({ value: `${year}`, label: `${year} ${t('ui.documents.periodYear')}` });
    for (let q = 4; q >= 1; q--) {
      options.push({ value: `${year}-Q${q}`, label: `${year} Q${q}` });
    }
  }
  return options;
}

const LANG_OPTIONS = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
];

export function PeriodSelect(props: {
  testId: string;
  value: string | undefined;
  onChange: (period: string | undefined) => void;
}) {
  const { t } = useLocale();
  const today = useToday();
  return (
    <Select
      data-testid={props.testId}
      loading={!today}
      allowClear
      placeholder={t('ui.documents.period')}
      value={props.value}
      onChange={(v) => props.onChange(v)}
      options={today ? periodOptions(t, today) : []}
      style={{ width: 160 }}
    />
  );
}

export function DocumentLanguageSelect(props: {
  testId?: string;
  value: Locale;
  onChange: (lang: Locale) => void;
}) {
  return (
    <Select
      data-testid={props.testId}
      value={props.value}
      onChange={(v) => props.onChange(v)}
      options={LANG_OPTIONS}
      style={{ width: 120 }}
    />
  );
}

/** Usage report periods: two months named by the last, the last 24 full months, newest first. */
export function usagePeriodOptions(t: Translate, today: string) {
  const options: { value: string; label: string }[] = [];
  for (let back = 1; back <= 24; back++) {
    const p = twoMonthsEnding(...yearMonth(addMonths(today.slice(0, 8) + '01', -back)));
    options.push({
      value: p.months[1],
      label: t('ui.documents.usagePeriodOption', { first: p.months[0], second: p.months[1] }),
    });
  }
  return options;
}

function yearMonth(day: string): [number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
}

/** Weekly report weeks: this week and the 11 before it (Monday to Sunday), newest first. */
export function weekOptions(today: string) {
  const options: { value: string; label: string }[] = [];
  for (let back = 0; back < 12; back++) {
    const { weekStart, weekEnd } = weekOf(addDays(today, -7 * back));
    options.push({ value: weekStart, label: `${weekStart} ~ ${weekEnd}` });
  }
  return options;
}

export function UsagePeriodSelect(props: {
  testId: string;
  value: string | undefined;
  onChange: (period: string | undefined) => void;
}) {
  const { t } = useLocale();
  const today = useToday();
  return (
    <Select
      data-testid={props.testId}
      loading={!today}
      allowClear
      placeholder={t('ui.documents.usagePeriod')}
      value={props.value}
      onChange={(v) => props.onChange(v)}
      options={today ? usagePeriodOptions(t, today) : []}
      style={{ width: 200 }}
    />
  );
}

export function WeekSelect(props: {
  testId: string;
  value: string | undefined;
  onChange: (week: string | undefined) => void;
}) {
  const { t } = useLocale();
  const today = useToday();
  return (
    <Select
      data-testid={props.testId}
      loading={!today}
      allowClear
      placeholder={t('ui.documents.week')}
      value={props.value}
      onChange={(v) => props.onChange(v)}
      options={today ? weekOptions(today) : []}
      style={{ width: 220 }}
    />
  );
}
