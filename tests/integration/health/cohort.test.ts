// The book's team formulas through the portfolio, on a hand-made renewal cohort.
import type { Backend } from '../../../main/backend';
import type { CohortRow } from '../../../shared/api/health';
import { addDays } from '../../../shared/time/days';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { addContract, addNps, makeAccount } from './seed';

let dir: string;
let backend: Backend;
const ids: Record<string, string> = {};
// The cohort is last year's: contracts that ended in it, relative to the tests' today.
const THIS = Number(TODAY.slice(0, 4));
const LAST = THIS - 1;
const BEFORE = THIS - 2;
/** The last day of a 365-day contract year from `start` (ARR counts 365-day years). */
const yearFrom = (start: string) => addDays(start, 364);

beforeAll(async () => {
  dir = tempDir('cohort');
  backend = await openBackend(dir);
  const b = backend;
  // A renews for more (upsell), B churns, E renewed mid-year for double; C and D end later.
  ids.A = await makeAccount(b, { name: 'A 续约增购', tier: 'ordinary' });
  await addContract(b, ids.A, {
    startDate: `${LAST}-01-01`,
    endDate: yearFrom(`${LAST}-01-01`),
    amount: 100_000,
    status: 'renewed',
  });
  await addContract(b, ids.A, {
    startDate: `${THIS}-01-01`,
    endDate: yearFrom(`${THIS}-01-01`),
    amount: 150_000,
  });
  ids.B = await makeAccount(b, { name: 'B 流失', tier: 'ordinary' });
  await addContract(b, ids.B, {
    startDate: `${LAST}-01-01`,
    endDate: yearFrom(`${LAST}-01-01`),
    amount: 100_000,
    status: 'expired',
  });
  const account = await b.call('account.get', { id: ids.B });
  await b.call('account.update', {
    id: ids.B,
    rev: account._rev!,
    changes: { lifecycleStage: 'churned', churnReason: '预算削减', churnedOn: `${THIS}-01-01` },
  });
  ids.C = await makeAccount(b, { name: 'C 年中签约', tier: 'micro' });
  await addContract(b, ids.C, {
    startDate: `${LAST}-07-01`,
    endDate: yearFrom(`${LAST}-07-01`),
    amount: 50_000,
  });
  ids.E = await makeAccount(b, { name: 'E 年中续约', tier: 'strategic' });
  await addContract(b, ids.E, {
    startDate: `${BEFORE}-07-01`,
    endDate: yearFrom(`${BEFORE}-07-01`),
    amount: 100_000,
    status: 'renewed',
  });
  await addContract(b, ids.E, {
    startDate: `${LAST}-07-01`,
    endDate: yearFrom(`${LAST}-07-01`),
    amount: 200_000,
    status: 'expired',
  });
  for (const [score, who] of [
    [10, '甲'],
    [9, '乙'],
    [7, '丙'],
    [3, '丁'],
  ] as const)
    await addNps(b, ids.C, `${LAST}-05-01`, score, who);
  await addNps(b, ids.C, `${THIS}-05-01`, 0, '戊');
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

describe('renewal cohort of last year', () => {
  it('counts only accounts whose contracts ended in the period, new customers excluded', async () => {
    const rows = (
      await backend.call('portfolio.drill', { filters: { period: String(LAST) }, figure: 'cohort' })
    ).rows as CohortRow[];
    expect(rows.map((r) => [r.name, r.arrBefore, r.arrAfter, r.renewed]).sort()).toEqual([
      ['A 续约增购', 100_000, 150_000, true],
      ['B 流失', 100_000, 0, false],
      ['E 年中续约', 100_000, 200_000, true],
    ]);
  });

  it('renewal rate by count 2/3, churn 1/3, and by amount 350,000 / 300,000 > 100%', async () => {
    const { team } = await backend.call('portfolio.get', { filters: { period: String(LAST) } });
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
    const { team } = await backend.call('portfolio.get', { filters: { period: String(LAST) } });
    expect(team.nps).toEqual({ responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
  });

  it('a quarter holds only its own endings', async () => {
    const q2 = await backend.call('portfolio.get', { filters: { period: `${LAST}-Q2` } });
    expect(q2.team.cohort).toMatchObject({
      atStart: 1,
      stillThere: 1,
      arrBefore: 100_000,
      arrAfter: 200_000,
    });
    expect(q2.team.cohort.renewalRateByAmount).toBe(2);
  });

  it('the churned account leaves the live portfolio but stays in the cohort', async () => {
    const p = await backend.call('portfolio.get', { filters: { period: String(LAST) } });
    expect(p.accounts).toBe(3);
    const live = await backend.call('portfolio.drill', { filters: {}, figure: 'accounts' });
    expect(live.rows.map((r) => r.accountId)).not.toContain(ids.B);
  });
});
