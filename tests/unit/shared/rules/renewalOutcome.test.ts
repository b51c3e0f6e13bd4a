// The renewal outcome's effects and the signed handover's sign-off after an edit: pure rules.
import { dayFrom, TODAY } from '../../../helpers/clock';
import { handoverContentChanges, signOffAfterEdit } from '../../../../shared/rules/handoverSignOff';
import {
  CONTRACT_STATUS_AFTER_OUTCOME,
  lifecycleAfterRenewal,
} from '../../../../shared/rules/renewal';

describe('lifecycleAfterRenewal', () => {
  const ended = { status: CONTRACT_STATUS_AFTER_OUTCOME.renewed, endDate: dayFrom(10) };
  const running = { status: 'active', endDate: dayFrom(375) };

  it('moves a renewed or downsized account back to stable use', () => {
    expect(lifecycleAfterRenewal('renewed', 'renewal', [ended, running], undefined, TODAY)).toEqual(
      {
        lifecycleStage: 'stableUse',
      },
    );
    expect(lifecycleAfterRenewal('downsized', 'rollout', [ended, running], '少买', TODAY)).toEqual({
      lifecycleStage: 'stableUse',
    });
    expect(
      lifecycleAfterRenewal('renewed', 'stableUse', [ended, running], undefined, TODAY),
    ).toBeNull();
  });

  it('churns the account only when no active contract is left', () => {
    const churned = { status: CONTRACT_STATUS_AFTER_OUTCOME.churned, endDate: dayFrom(10) };
    expect(lifecycleAfterRenewal('churned', 'renewal', [churned], '预算削减', TODAY)).toEqual({
      lifecycleStage: 'churned',
      churnReason: '预算削减',
      churnedOn: TODAY,
    });
    expect(
      lifecycleAfterRenewal('churned', 'renewal', [churned, running], '预算削减', TODAY),
    ).toBeNull();
    expect(lifecycleAfterRenewal(undefined, 'renewal', [running], undefined, TODAY)).toBeNull();
  });

  it('takes the contract out of the active ones for every outcome', () => {
    for (const status of Object.values(CONTRACT_STATUS_AFTER_OUTCOME))
      expect(status).not.toBe('active');
  });
});

describe('signOffAfterEdit', () => {
  const sales = { by: 'wang.fang', at: '2026-01-05T09:00:00.000Z' };
  const csm = { by: 'zhang.wei', at: '2026-01-05T10:00:00.000Z' };
  const signed = { sales: { quantity: 100 }, signOff: { sales, csm } };

  it('drops both signatures when the content changed', () => {
    const edited = { sales: { quantity: 120 }, signOff: { sales, csm } };
    expect(handoverContentChanges(signed, edited)).toEqual(['sales']);
    expect(signOffAfterEdit(signed, edited)).toEqual({ signOff: {}, cleared: true });
  });

  it('keeps them when only the sign-off changed (signing)', () => {
    const before = { sales: { quantity: 100 }, signOff: { sales } };
    expect(signOffAfterEdit(before, signed)).toEqual({ signOff: { sales, csm }, cleared: false });
  });

  it('keeps a signature added in the same write as an edit', () => {
    const before = { sales: { quantity: 100 }, signOff: { sales } };
    const after = { sales: { quantity: 90 }, signOff: { sales, csm } };
    expect(signOffAfterEdit(before, after)).toEqual({ signOff: { csm }, cleared: true });
  });
});
