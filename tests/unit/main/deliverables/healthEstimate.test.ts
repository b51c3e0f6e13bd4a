import { estimateHealth, healthBand } from '../../../../main/deliverables/healthEstimate';
import type { EntityDoc } from '../../../../shared/domain/entities';

const reading = (date: string, activated: number) =>
  ({ date, purchasedSeats: 100, activatedUsers: activated }) as EntityDoc<'usageReading'>;

describe('placeholder health estimate', () => {
  it('weighs activation, trend and open urgent faults', () => {
    const usage = [
      reading('2026-01-01', 50),
      reading('2026-02-01', 50),
      reading('2026-03-01', 50),
      reading('2026-04-01', 60),
    ];
    const urgent = {
      priority: 'urgentFault',
      status: 'new',
      raisedOn: '2026-03-15',
    } as EntityDoc<'issue'>;
    const scores = estimateHealth(usage, [urgent]).map((h) => h.score);
    // flat 50% activation, no change, no urgent issue: 25 + 15 + 20
    expect(scores[0]).toBe(60);
    // +20% activated vs three readings before, one urgent fault open: 30 + 30 + 15
    expect(scores[3]).toBe(75);
    const thresholds = { yellow: 50, green: 75 };
    expect([75, 74, 50, 49].map((score) => healthBand(score, thresholds))).toEqual([
      'green',
      'yellow',
      'yellow',
      'red',
    ]);
  });
});
