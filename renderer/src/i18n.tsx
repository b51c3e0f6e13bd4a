// The UI language: zh-CN or en-US, switchable at run time, default from the browser/system.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import {
  isLocale,
  localeFromSystem,
  t as translate,
  type Locale,
  type MessageKey,
} from '../../shared/i18n';
import type { EnumName } from '../../shared/domain/entities/enums';
import { enumLabel, enumOptions } from '../../shared/i18n/enumLabel';

const STORAGE_KEY = 'csm.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Label of an enum value, e.g. label('issuePriority', 'urgentFault') (shared/i18n/enumLabel). */
  label: (name: EnumName, value: string | undefined | null) => string;
  /** Select options of enum values with their labels, e.g. options('tier', tiers). */
  options: (name: EnumName, values: readonly string[]) => { value: string; label: string }[];
}

const LocaleContext = createContext<LocaleState | null>(null);

export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return localeFromSystem(globalThis.navigator?.language);
}

export function LocaleProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initial ?? initialLocale);
  const setLocale = useCallback((next: Locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<LocaleState>(() => {
    const t: Translate = (key, params) => translate(locale, key, params);
    const label = (name: EnumName, v: string | undefined | null) => enumLabel(t, name, v);
    const options = (name: EnumName, values: readonly string[]) => enumOptions(t, name, values);
    return { locale, setLocale, t, label, options };
  }, [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

export const useT = (): Translate => useLocale().t;
