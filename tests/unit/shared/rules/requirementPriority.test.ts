// The priority model as data: each dimension from its scale, the weights as shares of 100 %,
// breadth over paying accounts, prospects below paying customers, and the words of each reason.
import { entities } from '../../../../shared/domain/entities';
import {
  DEFAULT_REQUIREMENT_MODEL as M,
  explainPriority,
  scoreRequirement,
  type PriorityAsk,
} from '../../../../shared/rules/requirementPriority';

const ask = (over: Partial<PriorityAsk> = {}): PriorityAsk => ({
  askId: `ask-${Math.random()}`,
  accountId: 'account:A',
  accountName: '华东重工',
  tier: 'ordinary',
  arr: 200_000,
  reference: false,
  contactName: '王总',
  roles: ['keyUser'],
  importance: 'moderate',
  ...over,
});

const score = (asks: PriorityAsk[], status = 'collected' as const) =>
  scoreRequirement(M, { status, productArea: 'reporting', asks });

test('the default model passes its own schema and its weights add up to 100', () => {
  expect(entities.requirementModel.input.safeParse(M).success).toBe(true);
  const bad = entities.requirementModel.input.safeParse({
    ...M,
    weights: { ...M.weights, productFit: M.weights.productFit + 5 },
  });
  expect(bad.success).toBe(false);
  expect(JSON.stringify(bad.error?.issues)).toContain('requirement.validation.weightsSum');
});

test('each dimension reads its scale and the score is their weighted sum', () => {
  const r = score([ask()]);
  const by = Object.fromEntries(r.dimensions.map((d) => [d.dimension, d.value]));
  // ordinary tier 60, ARR 200k band 45: mean 52.5 -> 53.
  expect(by).toEqual({
    productFit: M.productFit.areas.reporting,
    customerImportance: 53,
    requesterWeight: M.requesterWeight.roles.keyUser,
    businessImpact: M.businessImpact.importance.moderate,
  });
  const expected =
    (by.productFit * M.weights.productFit +
      by.customerImportance * M.weights.customerImportance +
      by.requesterWeight * M.weights.requesterWeight +
      by.businessImpact * M.weights.businessImpact) /
    100;
  expect(r.score).toBe(Math.round(expected));
});

test('a tier change moves the score and the explanation names the tier', () => {
  const ordinary = score([ask({ tier: 'ordinary' })]);
  const strategic = score([ask({ tier: 'strategic' })]);
  expect(strategic.score).toBeGreaterThan(ordinary.score);
  const zh = explainPriority(strategic)['zh-CN'].join('\n');
  const en = explainPriority(strategic)['en-US'].join('\n');
  expect(zh).toContain('战略客户');
  expect(en).toContain('Strategic tier');
  expect(explainPriority(ordinary)['zh-CN'].join('\n')).toContain('普通客户');
});

test("the requester's decision-chain role and the business impact count", () => {
  const user = score([ask({ roles: ['keyUser'] })]);
  const boss = score([ask({ roles: ['keyUser', 'decisionMaker'] })]);
  expect(boss.score).toBeGreaterThan(user.score);
  expect(explainPriority(boss)['en-US'].join('\n')).toContain('王总 of 华东重工 (Decision maker)');
  const blocking = score([ask({ importance: 'blocking' })]);
  const nice = score([ask({ importance: 'improvement' })]);
  expect(blocking.score).toBeGreaterThan(nice.score);
  expect(explainPriority(blocking)['zh-CN'].join('\n')).toContain('无法使用产品');
  const nobody = score([ask({ contactName: undefined, roles: [] })]);
  expect(nobody.dimensions.find((d) => d.dimension === 'requesterWeight')?.value).toBe(
    M.requesterWeight.noRole,
  );
  expect(explainPriority(nobody)['zh-CN'].join('\n')).toContain('未记录提出人');
});

test('a reference customer adds its bonus, in words', () => {
  const plain = score([ask()]);
  const ref = score([ask({ reference: true })]);
  const ci = (r: typeof plain) =>
    r.dimensions.find((d) => d.dimension === 'customerImportance')!.value;
  expect(ci(ref) - ci(plain)).toBe(M.customerImportance.referenceBonus);
  expect(explainPriority(ref)['zh-CN'].join('\n')).toContain('标杆客户');
});

test('more paying accounts add breadth points up to the most', () => {
  const one = score([ask()]);
  const three = score([
    ask(),
    ask({ accountId: 'account:B', accountName: 'B' }),
    ask({ accountId: 'account:C', accountName: 'C' }),
  ]);
  expect(three.breadth).toBe(2 * M.breadthPerAccount);
  expect(three.score).toBe(one.score + 2 * M.breadthPerAccount);
  expect(explainPriority(three)['en-US'].join('\n')).toContain('2 more paying customers asked');
  const many = score(
    Array.from({ length: 30 }, (_, i) => ask({ accountId: `account:X${i}`, accountName: `X${i}` })),
  );
  expect(many.breadth).toBe(M.breadthMax);
});

test("needs of paying customers rank above prospects' even when the prospect scores higher", () => {
  const prospect = score([
    ask({ arr: 0, tier: 'strategic', roles: ['decisionMaker'], importance: 'blocking' }),
  ]);
  const paying = score([ask({ arr: 10_000, tier: 'micro', importance: 'improvement' })]);
  expect(prospect.score).toBeGreaterThan(paying.score);
  expect(paying.rank).toBeGreaterThan(prospect.rank);
  expect(prospect.paying).toBe(false);
  expect(explainPriority(prospect)['zh-CN'].join('\n')).toContain('只有潜在客户');
  // The paying customers' asks decide the dimensions when both asked.
  const mixed = score([
    ask({ arr: 0, tier: 'strategic', accountId: 'account:P' }),
    ask({ arr: 10_000, tier: 'micro' }),
  ]);
  expect(mixed.paying).toBe(true);
  expect(explainPriority(mixed)['zh-CN'].join('\n')).toContain('小微客户');
});

test('a planned requirement fits the plan; one nobody asked for says so', () => {
  const planned = score([ask()], 'planned' as never);
  expect(planned.dimensions[0].value).toBe(M.productFit.inPlan);
  expect(explainPriority(planned)['zh-CN'][0]).toContain('已纳入产品规划（已规划）');
  const none = score([]);
  expect(none.score).toBe(Math.round((M.productFit.areas.reporting * M.weights.productFit) / 100));
  expect(explainPriority(none)['en-US'].join('\n')).toContain('No customer has asked for it yet');
});
