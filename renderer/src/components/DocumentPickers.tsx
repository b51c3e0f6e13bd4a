// The two choices every document generation asks for: the period a review covers and the
// language the document is written in (independent of the UI language).
import { Select } from 'antd';
import type { Locale } from '../../../shared/i18n';
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
