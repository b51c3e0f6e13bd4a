// "Why is this red" in plain words: a factor's raw measure as a sentence, and what it cost.
import type { HealthFactor } from '../../../shared/domain/health/score';
import type { Translate } from '../i18n';

const percent = (raw: number) => Math.round(raw * 100);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The raw measure the rule read, e.g. "Activation 15% (activated users / purchased seats)". */
export function factorMeasure(t: Translate, f: Pick<HealthFactor, 'dimension' | 'raw'>): string {
  switch (f.dimension) {
    case 'activation':
      return t('healthUi.factor.activation', { value: percent(f.raw) });
    case 'usageTrend':
      return t('healthUi.factor.usageTrend', { value: signed(percent(f.raw)) });
    case 'engagement':
      // A contact days ago is a tiny fraction of the cadence: say "<0.1", not "0".
      return t('healthUi.factor.engagement', {
        value: f.raw > 0 && f.raw < 0.05 ? '<0.1' : Math.round(f.raw * 10) / 10,
      });
    case 'support':
      return t('healthUi.factor.support', { value: Math.round(f.raw) });
    case 'relationship':
      return t('healthUi.factor.relationship', { value: percent(f.raw) });
    case 'renewal':
      return t('healthUi.factor.renewal', { value: Math.round(f.raw) });
    case 'payment':
      return t(f.raw >= 1 ? 'healthUi.factor.paymentPaid' : 'healthUi.factor.paymentUnpaid');
    case 'nps':
      return t('healthUi.factor.nps', { value: Math.round(f.raw * 10) / 10 });
  }
}

/** One line of the "why": the measure, the dimension's score and the points it cost. */
export function factorSentence(t: Translate, f: HealthFactor): string {
  return t('healthUi.costs', {
    text: factorMeasure(t, f),
    score: Math.round(f.score),
    impact: Math.round(f.impact * 10) / 10,
  });
}

/** The factors that answer "why": those costing at least a point, the costliest three. */
export function whyFactors(factors: HealthFactor[]): HealthFactor[] {
  return factors.filter((f) => f.impact >= 1).slice(0, 3);
}

/** antd Tag colours of the bands. */
export const BAND_TAG_COLORS: Record<string, string> = {
  red: 'red',
  yellow: 'gold',
  green: 'green',
};
