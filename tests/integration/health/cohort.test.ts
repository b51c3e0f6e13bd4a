// The book's team formulas through the portfolio, on a hand-made renewal cohort.
import type { Backend } from '../../../main/backend';
import type { CohortRow } from '../../../shared/api/health';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { addContract, addNps, makeAccount } from './seed';

let dir: string;
let backend: Backend;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir('cohort');
  backend = await openBackend(dir);
  const b = backend;
  // A renews for more (upsell), B churns, E renewed mid-year for double; C and D end later.
  ids.A = await makeAccount(b, { name: 'A 续约增购', tier: 'ordinary' });
  await addContract(b, ids.A, {
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    amount: 100_000,
    status: 'renewed',
  });
  await addContract(b, ids.A, { startDate: '2026-01-01', endDate: '2026-12-31', amount: 150_000 });
  ids.B = await makeAccount(b, { name: 'B 流失', tier: 'ordinary' });
  await addContract(b, ids.B, {
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    amount: 100_000,
    status: 'expired',
  });
  const account = await b.call('account.get', { id: ids.B });
  await b.call('account.update', {
    id: ids.B,
    rev: account._rev!,
    changes: { lifecycleStage: 'churned', churnReason: '预算削减', churnedOn: '2026-01-15' },
  });
  ids.C = await makeAccount(b, { name: 'C 年中签约', tier: 'micro' });
  await addContract(b, ids.C, { startDate: '2025-07-01', endDate: '2026-06-30', amount: 50_000 });
  ids.E = await makeAccount(b, { name: 'E 年中续约', tier: 'strategic' });
  await addContract(b, ids.E, {
    startDate: '2024-07-01',
    endDate: '2025-06-30',
    amount: 100_000,
    status: 'renewed',
  });
  await addContract(b, ids.E, {
    startDate: '2025-07-01',
    endDate: '2026-06-30',
    amount: 200_000,
    status: 'expired',
  });
  for (const [score, who] of [
    [10, '甲'],
    [9, '乙'],
    [7, '丙'],
    [3, '丁'],
  ] as const)
    await addNps(b, ids.C, '2025-05-01', score, who);
  await addNps(b, ids.C, '2026-05-01', 0, '戊');
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

describe('renewal cohort of 2025', () => {
  it('counts only accounts whose contracts ended in the period, new customers excluded', async () => {
    const rows = (
      await backend.call('portfolio.drill', { filters: { period: '2025' }, figure: 'cohort' })
    ).rows as CohortRow[];
    expect(rows.map((r) => [r.name, r.arrBefore, r.arrAfter, r.renewed]).sort()).toEqual([
      ['A 续约增购', 100_000, 150_000, true],
      ['B 流失', 100_000, 0, false],
      ['E 年中续约', 100_000, 200_000, true],
    ]);
  });

  it('renewal rate by count 2/3, churn 1/3, and by amount 350,000 / 300,000 > 100%', async () => {
    const { team } = await backend.call('portfolio.get', { filters: { period: '2025' } });
    expect(team.cohort).toMatchObject({
      atStart: 3,
      stillThere: 2,
      churned: 1,
      arrBefore: 300_000,
      arrAfter: 350_000,
    });
    expect(team.cohort.renewalRateByCount).toBeCloseTo(2 / 3, 10);
    expect(team.cohort.churnRate).toBeCloseTo(1 / 3, 10);
    expect(team.cohort.renewalRateByAmount).toBeCloseTo(350 / 300, 10);
    expect(team.cohort.renewalRateByAmount!).toBeGreaterThan(1);
  });

  it('NPS of the period: 2 promoters, 1 passive, 1 detractor = 25; answers outside it do not count', async () => {
    const { team } = await backend.call('portfolio.get', { filters: { period: '2025' } });
    expect(team.nps).toEqual({ responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
  });

  it('a quarter holds only its own endings', async () => {
    const q2 = await backend.call('portfolio.get', { filters: { period: '2025-Q2' } });
    expect(q2.team.cohort).toMatchObject({
      atStart: 1,
      stillThere: 1,
      arrBefore: 100_000,
      arrAfter: 200_000,
    });
    expect(q2.team.cohort.renewalRateByAmount).toBe(2);
  });

  it('the churned account leaves the live portfolio but stays in the cohort', async () => {
    const p = await backend.call('portfolio.get', { filters: { period: '2025' } });
    expect(p.accounts).toBe(3);
    const live = await backend.call('portfolio.drill', { filters: {}, figure: 'accounts' });
    expect(live.rows.map((r) => r.accountId)).not.toContain(ids.B);
  });
});
