// Typed messages for the UI and the documents: a missing translation fails `tsc`.
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

export type MessageKey = keyof typeof zhCN;
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export function t(
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  // Keys can come from data (`health.dimension.${x}`): an inherited name is no message.
  const catalog = catalogs[locale];
  const template = Object.hasOwn(catalog, key) ? catalog[key] : key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params && Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en-US';
}

/** The locale for a system language tag such as `zh-Hans-CN` or `en_GB.UTF-8`. */
export function localeFromSystem(tag: string | undefined): Locale {
  return tag && /^zh/i.test(tag) ? 'zh-CN' : 'en-US';
}
