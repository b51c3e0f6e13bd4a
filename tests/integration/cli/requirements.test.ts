// `csm list requirement` and `csm requirement ...` on a real data folder with demo data: the
// ranked board, raising with the similar ones offered first, the loop's status moves (the
// product role's), telling, merging, and the Excel export read back.
import ExcelJS from 'exceljs';
import path from 'node:path';
import { runCli } from '../../../main/cli/csm';
import { demoRequirementCount } from '../../../main/demo/requirements';
import type { RequirementDetail, RequirementPage } from '../../../shared/api/requirements';
import { removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
const ACCOUNTS = 30;

async function csm(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function json<T>(...args: string[]): Promise<T> {
  const result = await csm(...args, '--json');
  if (result.code !== 0) throw new Error(`csm ${args.join(' ')}: ${result.err}`);
  return JSON.parse(result.out) as T;
}

jest.setTimeout(180_000);

beforeAll(async () => {
  dir = tempDir('csm-requirements');
  const demo = await csm('demo', '--accounts', String(ACCOUNTS), '--seed', '7');
  expect(demo.code).toBe(0);
});
afterAll(() => removeDir(dir));

const PRODUCT = ['--user', 'qian.lin'];
const CSM = ['--user', 'zhang.wei'];

describe('csm requirement', () => {
  let accounts: { _id: string; name: string }[];
  let raised: string;

  beforeAll(async () => {
    accounts = (
      await json<{ items: { _id: string; name: string }[] }>('list', 'account', '--limit', '100')
    ).items;
  });

  it('lists the demo library ranked by score, paged with the total', async () => {
    const page = await json<RequirementPage>(
      'list',
      'requirement',
      '--sort',
      'score:desc',
      '--limit',
      '500',
    );
    expect(page.total).toBe(demoRequirementCount(ACCOUNTS));
    expect(page.items).toHaveLength(page.total);
    for (let i = 1; i < page.items.length; i++)
      expect(page.items[i - 1].rank).toBeGreaterThanOrEqual(page.items[i].rank);
    // Some are asked by many accounts; the most asked is worth more ARR than a lone ask.
    expect(Math.max(...page.items.map((r) => r.accounts))).toBeGreaterThanOrEqual(3);
    const human = await csm('list', 'requirement', '--limit', '5');
    expect(human.code).toBe(0);
    const lines = human.out.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe(`1-5 of ${page.total}`);
    expect(lines[0]).toContain(page.items[0].id);

    const declined = await json<RequirementPage>(
      'list',
      'requirement',
      '--filter',
      'status=declined',
      '--limit',
      '500',
    );
    expect(declined.total).toBeGreaterThan(0);
    expect(declined.items.every((r) => r.status === 'declined')).toBe(true);
    const byArr = await json<RequirementPage>('list', 'requirement', '--sort', 'arrAtStake:asc');
    for (let i = 1; i < byArr.items.length; i++)
      expect(byArr.items[i - 1].arrAtStake).toBeLessThanOrEqual(byArr.items[i].arrAtStake);

    const wrong = await csm('list', 'requirement', '--filter', 'priority=high');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('filter "priority" does not apply to requirement');
    const badSort = await csm('list', 'requirement', '--sort', 'title');
    expect(badSort.code).toBe(2);
    expect(badSort.err).toContain(
      'requirement --sort must be one of score, arrAtStake, updated, asks',
    );
  });

  it('shows a requirement with its score explained, its asks and ARR at stake', async () => {
    const top = (await json<RequirementPage>('list', 'requirement', '--limit', '1')).items[0];
    const shown = await csm('requirement', 'show', top.id);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`${top.id}: ${top.title}`);
    expect(shown.out).toContain(`score ${top.score}`);
    expect(shown.out).toMatch(/why:\n {2}\S/);
    expect(shown.out).toContain(`asks (${top.asks}, ${top.told} told):`);
    const zh = await csm('requirement', 'show', top.id, '--locale', 'zh-CN');
    expect(zh.out).toMatch(/why:\n {2}.*[\u4e00-\u9fff]/);
    const got = await json<RequirementDetail>('get', top.id);
    expect(got).toMatchObject({ _id: top.id, title: top.title });
  });

  it('raises a need, offering the similar ones first, and adds another account to it', async () => {
    const [a, b] = accounts;
    const args = [
      '--title',
      'Zebrafish barcode labels 斑马鱼条码标签',
      '--scenario',
      'The lab prints zebrafish barcode labels for every tank; today by hand.',
      '--area',
      'other',
      '--importance',
      'major',
    ];
    const created = await json<{ requirement: { _id: string; status: string } }>(
      'requirement',
      'raise',
      '--account',
      a._id,
      ...args,
      '--new',
      ...CSM,
    );
    raised = created.requirement._id;
    expect(created.requirement.status).toBe('collected');
    // The same need from another account: offered the existing one, nothing created.
    const again = await csm('requirement', 'raise', '--account', b._id, ...args, ...CSM);
    expect(again.code).toBe(2);
    expect(again.err).toContain('similar requirements');
    // The same words rank it first among the similar ones.
    expect(again.err.split('\n')[1]).toContain(raised);
    expect(again.err.split('\n').at(-1)).toBe(
      'error: similar requirements exist (see above) (see csm --help)',
    );
    const asked = await csm(
      'requirement',
      'ask',
      raised,
      '--account',
      b._id,
      '--importance',
      'blocking',
      ...CSM,
    );
    expect(asked.code).toBe(0);
    expect(asked.out).toContain(`${b._id} now asks for ${raised}`);
    const detail = await json<RequirementDetail>('requirement', 'show', raised);
    expect(detail.asks.map((x) => x.accountId).sort()).toEqual([a._id, b._id].sort());

    // From an issue: its title is the first draft; the ask names the issue.
    const issues = await json<{ items: { _id: string; title: string }[] }>(
      'list',
      'issue',
      '--account',
      accounts[2]._id,
    );
    const issue = issues.items[0];
    const fromIssue = await json<{
      requirement: { title: string };
      ask: { sourceId: string; sourceType: string };
    }>(
      'requirement',
      'raise',
      '--account',
      accounts[2]._id,
      '--from',
      issue._id,
      '--scenario',
      'Raised from the issue list in a test.',
      '--area',
      'reporting',
      '--importance',
      'moderate',
      '--new',
      ...CSM,
    );
    expect(fromIssue.requirement.title).toBe(issue.title);
    expect(fromIssue.ask).toMatchObject({ sourceType: 'issue', sourceId: issue._id });
    const elsewhere = await csm(
      'requirement',
      'raise',
      '--account',
      accounts[3]._id,
      '--from',
      issue._id,
      '--area',
      'reporting',
      '--importance',
      'moderate',
      '--new',
      ...CSM,
    );
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.err).toContain(`${issue._id} is not a document of ${accounts[3]._id}`);
  });

  it('leaves status and solution to the product role, releases, tells and merges', async () => {
    const refused = await csm('requirement', 'status', raised, 'underReview', ...CSM);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('FORBIDDEN');
    expect(refused.err).toContain('neither the CS manager nor a product manager');

    const noRelease = await csm('requirement', 'status', raised, 'planned', ...PRODUCT);
    expect(noRelease.code).toBe(2);
    expect(noRelease.err).toContain('release');
    expect(
      (await csm('requirement', 'status', raised, 'planned', '--release', 'v9.1', ...PRODUCT)).code,
    ).toBe(0);
    const solved = await csm(
      'requirement',
      'solution',
      raised,
      '--text',
      'Print labels from the tank list.',
      ...PRODUCT,
    );
    expect(solved.code).toBe(0);
    const detail = await json<RequirementDetail>('requirement', 'show', raised);
    const [first, second] = detail.asks;
    const confirmed = await csm(
      'requirement',
      'confirm',
      first.id,
      'confirmed',
      '--note',
      'fine',
      ...CSM,
    );
    expect(confirmed.out).toBe(`${first.id}: the customer's confirmation is confirmed`);
    const released = await csm(
      'requirement',
      'status',
      raised,
      'released',
      '--release',
      'v9.1',
      ...PRODUCT,
    );
    expect(released.code).toBe(0);
    expect(released.out).toContain('planned -> released');
    expect(released.out).toContain('created 2 "tell the customer" tasks');

    const told = await json<{ allTold: boolean; touchpointId: string }>(
      'requirement',
      'tell',
      first.id,
      '--kind',
      'email',
      ...CSM,
    );
    expect(told.allTold).toBe(false);
    expect(told.touchpointId).toMatch(/^touchpoint:/);
    const last = await csm('requirement', 'tell', second.id, ...CSM);
    expect(last.out).toContain('every asking customer has been told');

    // A duplicate raised anyway is merged: its ask moves, nothing is lost.
    const dup = await json<{ requirement: { _id: string } }>(
      'requirement',
      'raise',
      '--account',
      accounts[4]._id,
      '--title',
      'Zebrafish tank labels',
      '--scenario',
      'Tank labels for the zebrafish lab.',
      '--area',
      'other',
      '--importance',
      'improvement',
      '--new',
      ...CSM,
    );
    const merged = await csm('requirement', 'merge', dup.requirement._id, raised, ...PRODUCT);
    expect(merged.out).toBe(`merged ${dup.requirement._id} into ${raised}: 1 asks moved`);
    const after = await json<RequirementDetail>('requirement', 'show', raised);
    expect(after.asks.map((x) => x.accountId).sort()).toEqual(
      [accounts[0]._id, accounts[1]._id, accounts[4]._id].sort(),
    );
  });

  it('exports the ranked library for the product team and reads it back', async () => {
    const file = path.join(dir, 'requirements.xlsx');
    const done = await csm('requirement', 'export', file, '--locale', 'zh-CN');
    expect(done).toMatchObject({ code: 0, out: `wrote ${file}` });
    const page = await json<RequirementPage>('list', 'requirement', '--limit', '500');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['需求清单', '提出客户']);
    const sheet = wb.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toBe('需求库（按优先级排序）');
    expect(String(sheet.getCell('A2').value)).toContain(`全部需求 · 共 ${page.total} 条需求`);
    const headers = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(headers.slice(0, 6)).toEqual(['排名', '需求', '产品模块', '状态', '版本', '优先级得分']);
    const column = (name: string) => headers.indexOf(name) + 1;
    expect(sheet.rowCount).toBe(3 + page.total);
    // The same order as the board, with the score, the reasons, the accounts and ARR.
    page.items.forEach((r, i) => {
      const row = sheet.getRow(4 + i);
      expect([row.getCell(1).value, row.getCell(2).value]).toEqual([i + 1, r.title]);
      expect(row.getCell(column('优先级得分')).value).toBe(r.score);
      expect(row.getCell(column('涉及 ARR')).value).toBe(r.arrAtStake);
      expect(row.getCell(column('提出客户数')).value).toBe(r.accounts);
      expect(row.getCell(column('ID')).value).toBe(r.id);
    });
    const ours = page.items.findIndex((r) => r.id === raised);
    const row = sheet.getRow(4 + ours);
    expect(row.getCell(column('状态')).value).toBe('已上线');
    expect(String(row.getCell(column('产品方案')).value)).toBe('Print labels from the tank list.');
    expect(String(row.getCell(column('客户对方案的确认')).value)).toBe(
      '已确认 1 · 不认可 0 · 待确认 2',
    );
    expect(String(row.getCell(column('得分依据')).value)).toMatch(/[\u4e00-\u9fff]/);
    expect(row.getCell(column('涉及 ARR')).numFmt).toContain('元');

    const asks = wb.worksheets[1];
    const askHeaders = (asks.getRow(3).values as unknown[]).slice(1);
    expect(asks.rowCount - 3).toBe(page.items.reduce((n, r) => n + r.asks, 0));
    const ourAsks = [];
    for (let r = 4; r <= asks.rowCount; r++)
      if (
        asks.getRow(r).getCell(askHeaders.length).value?.toString().startsWith('requirementAsk:') &&
        asks.getRow(r).getCell(2).value === 'Zebrafish barcode labels 斑马鱼条码标签'
      )
        ourAsks.push(asks.getRow(r));
    expect(ourAsks).toHaveLength(3);
    const toldOn = askHeaders.indexOf('告知日期') + 1;
    expect(ourAsks.filter((r) => r.getCell(toldOn).value instanceof Date)).toHaveLength(2);

    const en = path.join(dir, 'requirements-en.xlsx');
    expect(
      (await csm('requirement', 'export', en, '--filter', 'status=declined', '--locale', 'en-US'))
        .code,
    ).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(en);
    expect(book.worksheets[0].name).toBe('Requirements');
    expect(String(book.worksheets[0].getCell('A2').value)).toMatch(
      /^Status: Declined · \d+ requirements/,
    );
  });
});
