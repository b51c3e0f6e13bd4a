// The helpers of the new kinds: lists cut with a count, texts fitted to a printed width, signed
// changes, and a project phase judged against its plan.
import { cut, fit, signed, textWidth } from '../../../../main/deliverables/newDocKit';
import { phaseState } from '../../../../main/deliverables/weeklyReport';
import { dayFrom } from '../../../helpers/clock';

it('cuts a list and says how many were left off', () => {
  expect(cut([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2, 3], more: 2 });
  expect(cut([1, 2], 3)).toEqual({ shown: [1, 2], more: 0 });
});

it('fits a text to a printed width, CJK counting double, and marks the cut', () => {
  expect(textWidth('ab')).toBeCloseTo(2.4);
  expect(textWidth('客户')).toBe(4);
  expect(fit('short', 20)).toBe('short');
  const cutText = fit('导入超过十万条历史数据时系统报错', 10);
  expect(cutText.endsWith('…')).toBe(true);
  expect(textWidth(cutText)).toBeLessThanOrEqual(10);
  expect(fit('a   b\n c', 20)).toBe('a b c');
});

it('prints signed changes in the locale', () => {
  expect(signed('en-US', 1234)).toBe('+1,234');
  expect(signed('zh-CN', -3.25, 1)).toBe('−3.3');
  expect(signed('en-US', 0.01)).toBe('0');
});

it('judges a phase as of a day', () => {
  const phase = {
    key: 'p',
    phase: 'testing' as const,
    plannedStart: dayFrom(-20),
    plannedEnd: dayFrom(-10),
  };
  expect(
    phaseState({ ...phase, actualStart: dayFrom(-20), actualEnd: dayFrom(-10) }, dayFrom(0)),
  ).toEqual({ state: 'doneOnPlan', days: 0 });
  expect(
    phaseState({ ...phase, actualStart: dayFrom(-20), actualEnd: dayFrom(-7) }, dayFrom(0)),
  ).toEqual({ state: 'doneLate', days: 3 });
  // Finished after the day asked about: still under way then, and past its planned end.
  expect(
    phaseState({ ...phase, actualStart: dayFrom(-20), actualEnd: dayFrom(-2) }, dayFrom(-5)),
  ).toEqual({ state: 'overdue', days: 5 });
  expect(phaseState({ ...phase, actualStart: dayFrom(-20) }, dayFrom(-15))).toEqual({
    state: 'inProgress',
    days: 0,
  });
  expect(phaseState(phase, dayFrom(-15))).toEqual({ state: 'lateStart', days: 5 });
  expect(phaseState(phase, dayFrom(-25))).toEqual({ state: 'notStarted', days: 0 });
});
