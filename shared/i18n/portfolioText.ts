// What a portfolio view holds, in words: its filters and the drill-down's figure and key. One
// home for the screen's drill title and the Excel export's title rows, so both say the same.
import type { DrillSort, PortfolioFigure } from '../api/health';
import { enumLabel } from './enumLabel';
import type { MessageKey } from '.';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type PersonName = (login: string | null | undefined) => string;

/** Filters as the API takes them or as the backend holds them. */
export interface FilterValues {
  ownerCsm?: string | string[];
  tier?: string | string[];
  region?: string | string[];
  industry?: string | string[];
  period?: string;
}

const listOf = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** `CSM: Li Na, Wang Fang; Tier: Strategic; Period: 2026`, or '' without filters. */
export function filtersText(t: Translate, filters: FilterValues, person: PersonName): string {
  const sep = t('portfolioCharts.listSeparator');
  const parts: string[] = [];
  const add = (key: MessageKey, values: string[]) => {
    if (values.length) parts.push(t(key, { values: values.join(sep) }));
  };
  add(
    'portfolioCharts.filter.csm',
    listOf(filters.ownerCsm).map((v) => person(v)),
  );
  add(
    'portfolioCharts.filter.tier',
    listOf(filters.tier).map((v) => enumLabel(t, 'tier', v)),
  );
  add('portfolioCharts.filter.region', listOf(filters.region));
  add(
    'portfolioCharts.filter.industry',
    listOf(filters.industry).map((v) => enumLabel(t, 'industry', v)),
  );
  if (filters.period) add('portfolioCharts.filter.period', [filters.period.toUpperCase()]);
  return parts.join(t('portfolioCharts.separator'));
}

/** The key of a drill in words: `Strategic · Red`, `90 days`, `2026-11`, a CSM's name. */
export function drillKeyText(
  t: Translate,
  figure: PortfolioFigure,
  key: string | undefined,
  person: PersonName,
): string {
  if (!key) return '';
  const outcome = (part: string) =>
    part === 'renewed' || part === 'churned' ? t(`portfolioCharts.key.${part}`) : part;
  switch (figure) {
    case 'tierBand':
      return key
        .split(':')
        .map((part, i) => (part ? enumLabel(t, i === 0 ? 'tier' : 'healthBand', part) : ''))
        .filter(Boolean)
        .join(' · ');
    case 'renewals':
      return /^\d+$/.test(key)
        ? t('health.portfolio.renewalsIn', { days: key })
        : t('portfolioCharts.key.renewalsMonth', { month: key });
    case 'overdue':
      return person(key);
    case 'coverage': {
      const match = /^(.*?)(?::(covered|uncovered))?$/.exec(key)!;
      const state = match[2] as 'covered' | 'uncovered' | undefined;
      return [match[1] ? person(match[1]) : '', state ? t(`portfolioCharts.key.${state}`) : '']
        .filter(Boolean)
        .join(' · ');
    }
    case 'opportunities':
      return enumLabel(t, 'opportunityStage', key);
    case 'cohort':
      return key.split(':').map(outcome).join(' · ');
    case 'nps':
      return key
        .split(':')
        .map((part) =>
          ['promoter', 'passive', 'detractor'].includes(part)
            ? t(`portfolioCharts.group.${part as 'promoter'}`)
            : part,
        )
        .join(' · ');
    default:
      return key.split(':').join(' · ');
  }
}

/** `Renewal cohort · 2026-Q3 · renewed`: the figure and its key. */
export function drillText(
  t: Translate,
  figure: PortfolioFigure,
  key: string | undefined,
  person: PersonName,
): string {
  const keyText = drillKeyText(t, figure, key, person);
  const name = t(`health.figure.${figure}`);
  return keyText ? `${name} · ${keyText}` : name;
}

/** The column header of a drill sort, for the export's "sorted by" line. */
export const SORT_HEADERS: Record<DrillSort, MessageKey> = {
  name: 'health.column.account',
  tier: 'health.column.tier',
  ownerCsm: 'health.column.csm',
  region: 'health.column.region',
  industry: 'health.column.industry',
  band: 'health.column.band',
  score: 'health.column.score',
  arr: 'health.column.arr',
  renewalDate: 'health.column.renewalDate',
  value: 'health.column.value',
  date: 'portfolioCharts.drill.date',
  respondent: 'portfolioCharts.drill.respondent',
  npsScore: 'portfolioCharts.drill.npsScore',
};
