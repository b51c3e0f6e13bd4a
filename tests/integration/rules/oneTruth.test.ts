// One truth: on one seeded account, ARR, renewal date, open and overdue issues and the health
// band read the same in the account brief, the portfolio, the business review (.docx text and
// .xlsx cells) and the Health tab's API method.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Backend } from '../../../main/backend';
import { formatDate, formatMoney } from '../../../main/deliverables/format';
import type { AccountRow, OverdueRow } from '../../../shared/api/health';
import { t } from '../../../shared/i18n';
import { contractArr } from '../../../shared/rules/arr';
import { isOverdueIssue } from '../../../shared/rules/issues';
import { quarterOf } from '../../../shared/rules/period';
import { addDays, addMonths } from '../../../shared/time/days';
import { dayFrom, monthFrom, testClock, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { addContract, addPerson, addUsage, addVisit, makeAccount } from '../health/seed';

jest.setTimeout(60_000);

let dir: string;
let b: Backend;
let accountId: string;

/** A term of `months` calendar months from `start` (its last day is the day before). */
const term = (start: string, months: number) => ({
  startDate: start,
  endDate: addDays(addMonths(start, months), -1),
});
const eighteenMonths = { ...term(monthFrom(-6), 18), amount: 300_000 };
const oneYear = { ...term(monthFrom(-3), 12), amount: 120_000 };

async function addIssue(data: Record<string, unknown>): Promise<void> {
  await b.call('issue.create', {
    accountId,
    data: { title: `问题 ${String(data.status)}`, raisedOn: dayFrom(-40), ...data } as never,
  });
}

beforeAll(async () => {
  dir = tempDir('one-truth');
  b = await openBackend(dir, { clock: testClock });
  accountId = await makeAccount(b, { name: '一致科技', tier: 'strategic' });
  await addContract(b, accountId, eighteenMonths);
  await addContract(b, accountId, oneYear);
  await addContract(b, accountId, {
    ...term(monthFrom(-30), 24),
    amount: 999_999,
    status: 'expired',
  });
  await addUsage(b, accountId, dayFrom(-100), 100, 60, 50);
  await addUsage(b, accountId, dayFrom(-5), 100, 70, 55);
  await addPerson(b, accountId, '王总', 'decisionMaker');
  await addVisit(b, accountId, dayFrom(-20));
  await addIssue({ priority: 'urgentFault', status: 'inProgress', dueDate: dayFrom(-3) });
  await addIssue({ priority: 'ordinaryFault', status: 'new', dueDate: TODAY });
  await addIssue({ priority: 'firstUse', status: 'awaitingRelease' });
  await addIssue({ priority: 'ordinaryFault', status: 'fixed', dueDate: dayFrom(-9) });
  await addIssue({
    priority: 'presales',
    status: 'closed',
    dueDate: dayFrom(-9),
    customerConfirmation: { confirmedBy: '王总', confirmedAt: `${dayFrom(-2)}T10:00:00.000Z` },
  });
  await b.call('health.recompute', {});
});
afterAll(async () => {
  await b.close();
  removeDir(dir);
});

async function docxText(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(new Uint8Array(Buffer.from(base64, 'base64')));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

async function summaryCells(base64: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  const cells = new Map<string, unknown>();
  // The summary sheet is named with its period ("汇总 2026-Q3").
  const summary = t('zh-CN', 'deliverables.review.sheet.summary');
  wb.worksheets
    .find((ws) => ws.name.startsWith(summary))!
    .eachRow((row) => {
      cells.set(String(row.getCell(1).value), row.getCell(2).value);
    });
  return cells;
}

describe('one account, one truth', () => {
  it('has the same ARR, renewal date, open issues and health band everywhere', async () => {
    const expectedArr = contractArr(eighteenMonths) + contractArr(oneYear);
    expect(contractArr(eighteenMonths)).toBeCloseTo(200_000, 0);
    const expectedRenewal = oneYear.endDate;

    // The account brief.
    const brief = await b.call('account.brief', { id: accountId });
    expect(brief.arr).toBeCloseTo(expectedArr, 2);
    expect(brief.renewalDate).toBe(expectedRenewal);
    expect(brief.issueCounts.open).toBe(3);
    const briefOverdue = brief.openIssues.filter((i) => isOverdueIssue(i, TODAY)).length;
    expect(briefOverdue).toBe(1);

    // The Health tab.
    const tab = await b.call('health.account', { accountId });
    const support = tab.factors.find((f) => f.dimension === 'support');
    const urgentOpen = brief.openIssues.filter((i) => i.priority === 'urgentFault').length;
    expect(support?.raw).toBe(urgentOpen + briefOverdue);

    // The portfolio.
    const accounts = await b.call('portfolio.drill', { figure: 'accounts', limit: 10_000 });
    const row = (accounts.rows as AccountRow[]).find((r) => r.accountId === accountId)!;
    expect(row).toMatchObject({
      arr: brief.arr,
      renewalDate: brief.renewalDate,
      band: tab.band,
      score: tab.score,
    });
    const overdue = await b.call('portfolio.drill', { figure: 'overdue', limit: 10_000 });
    const overdueRow = (overdue.rows as OverdueRow[]).find((r) => r.accountId === accountId)!;
    expect(overdueRow.issues).toBe(briefOverdue);

    // The business review of the quarter holding today: health as of today.
    const quarter = quarterOf(TODAY);
    const review = await b.call('deliverables.generate', {
      kind: 'review',
      accountId,
      lang: 'zh-CN',
      period: quarter.label,
      // The facts are the point here, whatever the account still lacks for a final document.
      draft: true,
    });
    const text = await docxText(review.base64);
    const band = t('zh-CN', `label.healthBand.${tab.band}`);
    expect(text).toContain(`健康度 ${tab.score} 分（${band}）`);
    expect(text).toContain(`于 ${formatDate('zh-CN', brief.renewalDate)} 到期`);
    expect(text).toContain(`年度合同金额 ${formatMoney('zh-CN', brief.arr, 'CNY')}`);
    expect(text).toContain(
      t('zh-CN', 'readiness.review.openIssuesAsOf', {
        date: formatDate('zh-CN', TODAY),
        count: 3,
        urgent: urgentOpen,
      }),
    );
    expect(text).not.toContain('暂代算法');

    const cells = await summaryCells(review.attachments[0].base64);
    const cell = (key: Parameters<typeof t>[1]) => cells.get(t('zh-CN', key));
    expect(cell('deliverables.review.summary.arr')).toBe(brief.arr);
    // A real date cell (midnight UTC of the day), not text.
    const renewal = cell('deliverables.review.summary.renewalDate');
    expect(renewal).toBeInstanceOf(Date);
    expect((renewal as Date).toISOString().slice(0, 10)).toBe(brief.renewalDate);
    expect(cell('deliverables.review.summary.openIssues')).toBe(brief.issueCounts.open);
    expect(cell('deliverables.review.summary.healthScore')).toBe(tab.score);
    expect(cell('deliverables.review.summary.healthBand')).toBe(band);
  });

  it('puts the same health in the acceptance report', async () => {
    const tab = await b.call('health.account', { accountId });
    const report = await b.call('deliverables.generate', {
      kind: 'acceptance',
      accountId,
      lang: 'en-US',
      draft: true,
    });
    const band = t('en-US', `label.healthBand.${tab.band}`);
    expect(await docxText(report.base64)).toContain(`: ${tab.score} (${band}).`);
  });
});
