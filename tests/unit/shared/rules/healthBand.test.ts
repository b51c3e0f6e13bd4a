import { healthBand } from '../../../../shared/rules/healthBand';

describe('healthBand', () => {
  it('is green from the green threshold, yellow from the yellow one, else red', () => {
    const thresholds = { yellow: 50, green: 75 };
    expect([100, 75, 74.9, 50, 49.9, 0].map((s) => healthBand(s, thresholds))).toEqual([
      'green',
      'green',
      'yellow',
      'yellow',
      'red',
      'red',
    ]);
  });

  it("follows the tier's own thresholds", () => {
    expect(healthBand(67, { yellow: 50, green: 75 })).toBe('yellow');
    expect(healthBand(67, { yellow: 40, green: 60 })).toBe('green');
    expect(healthBand(67, { yellow: 70, green: 90 })).toBe('red');
  });
});
