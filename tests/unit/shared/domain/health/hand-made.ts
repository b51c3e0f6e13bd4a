// Hand-made accounts for the health and alert tests: a healthy baseline and small changes to it.
import { dayFrom } from '../../../../helpers/clock';
import type { AccountInputs, UsagePoint } from '../../../../../shared/domain/health/inputs';

export { TODAY } from '../../../../helpers/clock';

export function readings(points: [string, number, number, number][]): UsagePoint[] {
  return points.map(([date, purchasedSeats, activatedUsers, activeUsers]) => ({
    date,
    purchasedSeats,
    activatedUsers,
    activeUsers,
  }));
}

/** A strategic account that does everything right. */
export function healthy(overrides: Partial<AccountInputs> = {}): AccountInputs {
  return {
    accountId: 'account:HEALTHY',
    name: 'Healthy Co',
    tier: 'strategic',
    ownerCsm: 'li.na',
    usage: readings([
      [dayFrom(-90), 100, 85, 70],
      [dayFrom(-3), 100, 90, 80],
    ]),
    lastContactOn: dayFrom(-13),
    openUrgentIssues: 0,
    overdueIssues: [],
    overdueActions: [],
    contacts: [
      {
        id: 'contact:H:1',
        name: '王总',
        roles: ['decisionMaker'],
        active: true,
        stance: 'supportive',
      },
      {
        id: 'contact:H:2',
        name: '李经理',
        roles: ['champion'],
        active: true,
        stance: 'supportive',
      },
    ],
    renewalDate: dayFrom(311),
    activeContracts: 1,
    unpaidContracts: 0,
    npsScores: [9, 10],
    ...overrides,
  };
}
