// Dates, numbers and money in the reader's locale, and the label of every enum value.
import type { EnumName } from '../../shared/domain/entities/enums';
import { t, type Locale } from '../../shared/i18n';
import { enumLabel } from '../../shared/i18n/enumLabel';

/** "2026年11月23日" or "Nov 23, 2026"; empty for a missing date. */
export function formatDate(locale: Locale, iso: string | undefined | null): string {
  if (!iso) return '';
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: locale === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The mark on every page of a document written before its data is ready; none when final. */
export function draftMark(o: { locale: Locale; draft: boolean }): string | undefined {
  return o.draft ? t(o.locale, 'deliverables.draftMark') : undefined;
}

export function formatMoney(locale: Locale, amount: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(amount);
}

export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    fraction,
  );
}

/** The label of an enum value, the UI's own (shared/i18n/enumLabel): label(L, 'tier', 'micro'). */
export function label(locale: Locale, name: EnumName, value: string | null | undefined): string {
  return enumLabel((key) => t(locale, key), name, value);
}
