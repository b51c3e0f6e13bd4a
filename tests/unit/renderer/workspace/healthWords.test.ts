// "Why is this red" in plain words, in both languages, from the factors the scoring returns.
import { dayFrom } from '../../../helpers/clock';
import { DEFAULT_HEALTH_MODEL } from '../../../../shared/domain/health/model';
import { scoreAccount, type HealthFactor } from '../../../../shared/domain/health/score';
import { healthDimensions } from '../../../../shared/domain/health/model';
import { t, type Locale } from '../../../../shared/i18n';
import { healthy, readings, TODAY } from '../../shared/domain/health/hand-made';
import {
  factorMeasure,
  factorSentence,
  whyFactors,
} from '../../../../renderer/src/workspace/healthWords';

const words =
  (locale: Locale) => (key: Parameters<typeof t>[1], p?: Record<string, string | number>) =>
    t(locale, key, p);
const zh = words('zh-CN');
const en = words('en-US');

const factor = (dimension: HealthFactor['dimension'], raw: number, score = 40): HealthFactor => ({
  dimension,
  raw,
  score,
  weight: 20,
  impact: 12,
});

describe('health factors in words', () => {
  it('turns each raw measure into a sentence with its unit', () => {
    expect(factorMeasure(en, factor('activation', 0.153))).toBe(
      'Activation 15% (activated users / purchased seats)',
    );
    expect(factorMeasure(en, factor('usageTrend', -0.25))).toBe(
      'Active users changed -25% against about 90 days ago',
    );
    expect(factorMeasure(en, factor('usageTrend', 0.1))).toContain('+10%');
    expect(factorMeasure(zh, factor('engagement', 2.04))).toBe('距上次联系已是拜访周期的 2 倍');
    expect(factorMeasure(en, factor('payment', 0))).toBe('An active contract is not paid');
    expect(factorMeasure(zh, factor('payment', 1))).toBe('有效合同均已回款');
    expect(factorMeasure(zh, factor('renewal', 44.6))).toBe('距合同到期还有 45 天');
    expect(factorSentence(en, factor('nps', 6.25, 37.5))).toBe(
      'Mean NPS answer 6.3 of 10: scores 38, costs 12 points',
    );
  });

  it('has words for every dimension in both languages (no key shown raw)', () => {
    for (const d of healthDimensions)
      for (const tr of [zh, en]) expect(factorMeasure(tr, factor(d, 1))).not.toMatch(/healthUi\./);
  });

  it('answers "why" with the factors costing at least a point, costliest three', () => {
    // Healthy in everything but activation (10%).
    const red = scoreAccount(
      healthy({
        usage: readings([
          [dayFrom(-90), 100, 10, 8],
          [dayFrom(-3), 100, 10, 8],
        ]),
      }),
      DEFAULT_HEALTH_MODEL,
      TODAY,
    );
    const why = whyFactors(red.factors);
    expect(why.length).toBeLessThanOrEqual(3);
    expect(why[0].dimension).toBe('activation');
    expect(why.every((f) => f.impact >= 1)).toBe(true);
    expect(whyFactors([{ ...factor('payment', 1, 100), impact: 0 }])).toEqual([]);
  });
});
