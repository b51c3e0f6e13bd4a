import {
  daysToRenewal,
  inRenewalWindow,
  renewalDate,
  RENEWAL_WINDOW_DAYS,
} from '../../../../shared/rules/renewal';
import { DEFAULT_HEALTH_MODEL } from '../../../../shared/domain/health/model';
import { dayFrom, monthFrom, TODAY } from '../../../helpers/clock';

const contract = (status: string, endDate: string) => ({
  status,
  endDate,
  startDate: '2020-01-01',
  amount: 1,
});

describe('renewal', () => {
  it("is the earliest end date of the account's active contracts", () => {
    expect(
      renewalDate([
        contract('active', monthFrom(14)),
        contract('active', monthFrom(5)),
        contract('renewed', monthFrom(1)),
        contract('expired', monthFrom(-3)),
        contract('active', monthFrom(9)),
      ]),
    ).toBe(monthFrom(5));
    expect(renewalDate([contract('expired', monthFrom(2))])).toBeNull();
    expect(renewalDate([])).toBeNull();
  });

  it('counts the days to it, negative once passed', () => {
    expect(daysToRenewal(TODAY, dayFrom(30))).toBe(30);
    expect(daysToRenewal(TODAY, dayFrom(-2))).toBe(-2);
    expect(daysToRenewal(TODAY, null)).toBeNull();
  });

  it('opens the window the tier names and keeps it open through the renewal day', () => {
    expect(RENEWAL_WINDOW_DAYS.strategic).toBe(90);
    expect(RENEWAL_WINDOW_DAYS.micro).toBe(30);
    expect(inRenewalWindow(TODAY, dayFrom(90), 90)).toBe(true);
    expect(inRenewalWindow(TODAY, dayFrom(91), 90)).toBe(false);
    expect(inRenewalWindow(TODAY, TODAY, 30)).toBe(true);
    expect(inRenewalWindow(TODAY, dayFrom(-1), 30)).toBe(false);
    expect(inRenewalWindow(TODAY, null, 30)).toBe(false);
  });

  it("is what the health model's tier settings start from", () => {
    for (const tier of ['strategic', 'ordinary', 'micro'] as const)
      expect(DEFAULT_HEALTH_MODEL.profiles[tier].renewalWindowDays).toBe(RENEWAL_WINDOW_DAYS[tier]);
  });
});
