// `csm list riskCase --filter priority=high` means the risk case's own scale (its risk level),
// as `priority` means an issue's priority for issues; a value off the scale is refused.
import { runCli } from '../../../main/cli/csm';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { validAccount, validInputs } from '../../fixtures/entities';
import { dayFrom } from '../../helpers/clock';

let dir: string;

async function csm(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = tempDir('csm-risk');
  const backend = await openBackend(dir);
  const account = await backend.call('account.create', { data: validAccount as never });
  for (const [level, cause] of [
    ['high', '决策人离职'],
    ['medium', '使用率下降'],
    ['high', '续约预算被砍'],
    ['low', '反馈变少'],
  ]) {
    await backend.call('riskCase.create', {
      accountId: account._id,
      data: { ...validInputs.riskCase, level, cause, openedOn: dayFrom(-10) } as never,
    });
  }
  await backend.call('issue.create', {
    accountId: account._id,
    data: { ...validInputs.issue, priority: 'urgentFault' } as never,
  });
  await backend.close();
});
afterAll(() => removeDir(dir));

it('finds the high-level risk cases with priority=high', async () => {
  const result = await csm('list', 'riskCase', '--filter', 'priority=high', '--json');
  expect(result.code).toBe(0);
  const page = JSON.parse(result.out) as {
    total: number;
    items: { level: string; cause: string }[];
  };
  expect(page.total).toBe(2);
  expect(page.items.map((r) => r.cause).sort()).toEqual(['决策人离职', '续约预算被砍'].sort());
  const two = JSON.parse(
    (await csm('list', 'riskCase', '--filter', 'priority=medium,low', '--json')).out,
  );
  expect(two.total).toBe(2);
});

it("keeps an issue's priority meaning the issue priority", async () => {
  const page = JSON.parse(
    (await csm('list', 'issue', '--filter', 'priority=urgentFault', '--json')).out,
  );
  expect(page.total).toBe(1);
});

it('refuses a value off the type’s scale, and priority on a type without one', async () => {
  const offScale = await csm('list', 'riskCase', '--filter', 'priority=urgentFault');
  expect(offScale.code).toBe(2);
  expect(offScale.err).toMatch(
    /^error: VALIDATION at filters\.priority: priority urgentFault is not one of high, medium, low/,
  );
  const visit = await csm('list', 'visit', '--filter', 'priority=high');
  expect(visit.code).toBe(2);
  expect(visit.err).toMatch(/filters\.priority.*does not apply to visit/);
});
