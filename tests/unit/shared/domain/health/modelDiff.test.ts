// What the model history says changed between two versions, and the weight-share rule.
import {
  DEFAULT_HEALTH_MODEL,
  healthModelInput,
  weightSum,
} from '../../../../../shared/domain/health/model';
import { modelChanges } from '../../../../../shared/domain/health/modelDiff';

describe('modelChanges', () => {
  it('lists nothing for the same model', () => {
    expect(modelChanges(DEFAULT_HEALTH_MODEL, structuredClone(DEFAULT_HEALTH_MODEL))).toEqual([]);
  });

  it('lists each changed weight, threshold, rule and alert setting with old and new value', () => {
    const next = structuredClone(DEFAULT_HEALTH_MODEL);
    next.profiles.micro.weights.activation = 30;
    next.profiles.micro.weights.nps = 15;
    next.profiles.strategic.thresholds.yellow = 55;
    next.rules.nps = [
      [0, 0],
      [10, 100],
    ];
    next.alerts.lowActivation = 0.25;
    expect(modelChanges(DEFAULT_HEALTH_MODEL, next)).toEqual([
      { path: ['profiles', 'strategic', 'thresholds', 'yellow'], from: 50, to: 55 },
      { path: ['profiles', 'micro', 'weights', 'activation'], from: 35, to: 30 },
      { path: ['profiles', 'micro', 'weights', 'nps'], from: 10, to: 15 },
      { path: ['rules', 'nps'], from: DEFAULT_HEALTH_MODEL.rules.nps, to: next.rules.nps },
      { path: ['alerts', 'lowActivation'], from: 0.2, to: 0.25 },
    ]);
  });
});

describe('weight shares', () => {
  it('adds up the typed weights, empty ones as 0', () => {
    expect(weightSum(DEFAULT_HEALTH_MODEL.profiles.ordinary.weights)).toBe(100);
    expect(weightSum({ ...DEFAULT_HEALTH_MODEL.profiles.ordinary.weights, activation: null })).toBe(
      75,
    );
    expect(weightSum({ ...DEFAULT_HEALTH_MODEL.profiles.ordinary.weights, nps: 10.1 })).toBe(100.1);
  });

  it('accepts shares adding up to 100 and refuses others at the profile', () => {
    expect(healthModelInput.safeParse(DEFAULT_HEALTH_MODEL).success).toBe(true);
    const off = structuredClone(DEFAULT_HEALTH_MODEL);
    off.profiles.micro.weights.nps = 9.5;
    const parsed = healthModelInput.safeParse(off);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['profiles', 'micro', 'weights']]);
  });
});
