import { EDITABLE_TYPES, entities } from '../../../../shared/domain/entities';
import { suggestChangeRequestDecision } from '../../../../shared/domain/entities/sow';
import { criterionProgress } from '../../../../shared/domain/entities/successPlan';
import { invalidInputs, validAccount, validInputs } from '../../../fixtures/entities';

const validFor = (type: (typeof EDITABLE_TYPES)[number]) =>
  type === 'account' ? validAccount : validInputs[type];

describe('entity schemas', () => {
  it.each(EDITABLE_TYPES)('%s accepts what domain.md describes', (type) => {
    const result = entities[type].input.safeParse(validFor(type));
    expect(result.error?.issues).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it.each(EDITABLE_TYPES)('%s rejects an invalid field with its path', (type) => {
    const { data, path } = invalidInputs[type];
    const result = entities[type].input.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(path.slice(1));
  });

  it.each(EDITABLE_TYPES)('%s rejects unknown fields', (type) => {
    const result = entities[type].input.safeParse({ ...validFor(type), bogusField: 1 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].code).toBe('unrecognized_keys');
  });

  it('keeps the issue priority order of the book', () => {
    expect(entities.issue.fields.shape.priority.options).toEqual([
      'urgentFault',
      'firstUse',
      'ordinaryFault',
      'presales',
      'selfConfig',
    ]);
  });

  it('closes an issue only with a customer confirmation', () => {
    const closed = { ...validInputs.issue, status: 'closed' };
    expect(entities.issue.input.safeParse(closed).success).toBe(false);
    const confirmed = {
      ...closed,
      customerConfirmation: { confirmedBy: '王芳', confirmedAt: '2026-10-20T09:00:00.000Z' },
    };
    expect(entities.issue.input.safeParse(confirmed).success).toBe(true);
  });

  it('requires a churn reason for a churned account', () => {
    const churned = { ...validAccount, lifecycleStage: 'churned' };
    const result = entities.account.input.safeParse(churned);
    expect(result.error?.issues[0].path).toEqual(['churnReason']);
    expect(entities.account.input.safeParse({ ...churned, churnReason: '预算削减' }).success).toBe(
      true,
    );
  });

  it('requires both system fields and a matching type on a stored document', () => {
    const stored = {
      ...validInputs.issue,
      _id: 'issue:01ABC:01DEF',
      type: 'issue',
      accountId: 'account:01ABC',
      schemaVersion: 1,
      createdAt: '2026-10-01T00:00:00.000Z',
      createdBy: 'zhang.wei',
      updatedAt: '2026-10-01T00:00:00.000Z',
      updatedBy: 'zhang.wei',
    };
    expect(entities.issue.doc.safeParse(stored).success).toBe(true);
    expect(entities.issue.doc.safeParse({ ...stored, type: 'visit' }).success).toBe(false);
    expect(entities.issue.doc.safeParse({ ...stored, schemaVersion: 2 }).success).toBe(false);
  });
});

describe('change requests', () => {
  it('follows the core / urgent / workload judgement', () => {
    expect(suggestChangeRequestDecision({ core: false, urgent: true, extraWorkload: false })).toBe(
      'deferred',
    );
    expect(suggestChangeRequestDecision({ core: true, urgent: false, extraWorkload: false })).toBe(
      'deferred',
    );
    expect(suggestChangeRequestDecision({ core: true, urgent: true, extraWorkload: true })).toBe(
      'supplementaryContract',
    );
    expect(suggestChangeRequestDecision({ core: true, urgent: true, extraWorkload: false })).toBe(
      'accepted',
    );
  });
});

describe('success criteria', () => {
  it('measures progress from baseline to target with the latest reading', () => {
    const c = {
      baseline: 5,
      target: 10,
      readings: [
        { date: '2026-09-30', value: 9 },
        { date: '2026-03-31', value: 6 },
      ],
    };
    expect(criterionProgress(c)).toBeCloseTo(0.8);
    expect(criterionProgress({ ...c, readings: [] })).toBeNull();
    // A falling metric (cost reduction): 24h -> 4h, now 9h is 75% of the way.
    expect(
      criterionProgress({ baseline: 24, target: 4, readings: [{ date: '2026-06-30', value: 9 }] }),
    ).toBeCloseTo(0.75);
  });
});
