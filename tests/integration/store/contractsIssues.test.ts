// Contracts, renewals, issue numbers, the handover sign-off and the per-field date and number
// rules, through the real API on real PouchDB + SQLite stores (issue 13, items 3 and 4).
import ExcelJS from 'exceljs';
import type { Backend } from '../../../main/backend';
import { entities } from '../../../shared/domain/entities';
import { issueNumberTag, issueRef, nextIssueNumber } from '../../../shared/rules/issues';
import { dayFrom, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const dirs: string[] = [];
const backends: Backend[] = [];
async function workbench(user: string): Promise<Backend> {
  const dir = tempDir('csm-contracts');
  dirs.push(dir);
  const b = await openBackend(dir, { user });
  backends.push(b);
  return b;
}
afterAll(async () => {
  for (const b of backends) await b.close();
  for (const d of dirs) removeDir(d);
});

/** The first error of a refused call: its path and message key. */
async function refused(b: Backend, method: string, input: unknown) {
  const r = (await b.dispatch(method as never, input as never)) as Any;
  expect(r.ok).toBe(false);
  return { path: r.errors[0].path as (string | number)[], key: r.errors[0].messageKey as string };
}
const ok = async (b: Backend, method: string, input: unknown): Promise<Any> => {
  const r = (await b.dispatch(method as never, input as never)) as Any;
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

const account = { name: '苏州恒信电子有限公司', tier: 'strategic', ownerCsm: 'zhang.wei' };
const contractData = (no: string, start: string, end: string, extra: Any = {}) => ({
  contractNo: no,
  products: [{ name: 'CRM 专业版', quantity: 100, unit: 'seat', unitPrice: 1200, discount: 0.1 }],
  amount: 108_000,
  startDate: start,
  endDate: end,
  ...extra,
});

describe('the entity schemas: each rule at its field, in its own words', () => {
  const keyOf = (type: keyof typeof entities, value: unknown) => {
    const r = entities[type].input.safeParse(value);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0] as Any;
    return { path: issue.path, key: issue.params?.messageKey };
  };

  it('refuses a discount outside 0-100 % and a negative quantity, never clamps', () => {
    expect(keyOf('handover', { sales: { discount: 5 } })).toEqual({
      path: ['sales', 'discount'],
      key: 'validation.discountRange',
    });
    expect(keyOf('handover', { sales: { quantity: -3 } })).toEqual({
      path: ['sales', 'quantity'],
      key: 'validation.quantityNotNegative',
    });
    expect(keyOf('handover', { sales: { price: -1 } }).key).toBe('validation.amountNotNegative');
    expect(keyOf('handover', { needs: { userCount: 2.5 } }).key).toBe(
      'validation.userCountNotNegative',
    );
    const c = contractData('HT-1', dayFrom(0), dayFrom(364));
    expect(keyOf('contract', { ...c, products: [{ ...c.products[0], discount: 1.5 }] })).toEqual({
      path: ['products', 0, 'discount'],
      key: 'validation.discountRange',
    });
    // In range, the values stay exactly as typed.
    const parsed = entities.handover.input.parse({ sales: { discount: 0.05, quantity: 0 } });
    expect(parsed.sales).toEqual({ discount: 0.05, quantity: 0 });
  });

  it('names each date rule for its own field', () => {
    expect(keyOf('contract', contractData('HT-1', dayFrom(0), dayFrom(-1)))).toEqual({
      path: ['endDate'],
      key: 'validation.contractEndBeforeStart',
    });
    expect(
      keyOf('sow', {
        title: 'SOW',
        deliverables: [
          { key: 'd1', name: '需求', acceptanceCriteria: '签字', dueDate: '1900-01-01' },
        ],
      }),
    ).toEqual({ path: ['deliverables', 0, 'dueDate'], key: 'validation.dateImplausible' });
    expect(
      keyOf('sow', {
        title: 'SOW',
        startDate: dayFrom(0),
        deliverables: [
          { key: 'd1', name: '需求', acceptanceCriteria: '签字', dueDate: dayFrom(-1) },
        ],
      }),
    ).toEqual({
      path: ['deliverables', 0, 'dueDate'],
      key: 'validation.deliverableDueBeforeSowStart',
    });
    const phase = {
      key: 'p1',
      phase: 'requirements',
      plannedStart: dayFrom(10),
      plannedEnd: dayFrom(5),
    };
    expect(keyOf('projectPlan', { name: 'P', phases: [phase] })).toEqual({
      path: ['phases', 0, 'plannedEnd'],
      key: 'validation.phasePlannedEndBeforeStart',
    });
    expect(
      keyOf('projectPlan', {
        name: 'P',
        kickoffOn: dayFrom(20),
        phases: [{ ...phase, plannedEnd: dayFrom(30) }],
      }),
    ).toEqual({ path: ['phases', 0, 'plannedStart'], key: 'validation.phaseBeforeKickoff' });
    expect(
      keyOf('projectPlan', { name: 'P', kickoffOn: dayFrom(0), goLiveOn: dayFrom(-1) }),
    ).toEqual({
      path: ['goLiveOn'],
      key: 'validation.goLiveBeforeKickoff',
    });
    const year = Number(TODAY.slice(0, 4));
    expect(
      keyOf('successPlan', {
        year,
        milestones: [{ key: 'm1', title: '一期上线', dueDate: `${year - 1}-12-31` }],
      }),
    ).toEqual({ path: ['milestones', 0, 'dueDate'], key: 'validation.milestoneBeforePlanYear' });
    expect(
      keyOf('issue', {
        title: 'X',
        priority: 'firstUse',
        raisedOn: dayFrom(0),
        dueDate: dayFrom(-1),
      }),
    ).toEqual({ path: ['dueDate'], key: 'validation.issueDueBeforeRaised' });
    expect(
      keyOf('handover', { implementationPlan: { startDate: dayFrom(0), goLiveDate: dayFrom(-3) } }),
    ).toEqual({
      path: ['implementationPlan', 'goLiveDate'],
      key: 'validation.goLiveBeforeImplementationStart',
    });
  });

  it('asks a churned or downsized renewal for its reason and day', () => {
    const c = contractData('HT-1', dayFrom(-365), dayFrom(-1));
    expect(
      keyOf('contract', { ...c, renewal: { outcome: 'churned', decidedOn: dayFrom(-5) } }),
    ).toEqual({
      path: ['renewal', 'reason'],
      key: 'validation.renewalReasonRequired',
    });
    expect(keyOf('contract', { ...c, renewal: { outcome: 'renewed' } })).toEqual({
      path: ['renewal', 'decidedOn'],
      key: 'validation.renewalDecidedOnRequired',
    });
    expect(keyOf('contract', { ...c, renewal: { likelihood: 120 } }).key).toBe(
      'validation.likelihoodRange',
    );
  });
});

describe('readable issue numbers', () => {
  it('derives the tag from the login and the next number from the highest', () => {
    expect(issueNumberTag('zhang.wei')).toBe('ZW');
    expect(issueNumberTag('li.na')).toBe('LN');
    expect(issueNumberTag('admin')).toBe('AD');
    expect(nextIssueNumber([])).toBe(1);
    expect(nextIssueNumber([3, undefined, 7, 2])).toBe(8);
    expect(issueRef({ number: 12, numberTag: 'ZW' })).toBe('#12-ZW');
    expect(issueRef({})).toBe('');
  });

  it('numbers at creation, stays fixed, and is refused from a caller', async () => {
    const a = await workbench('zhang.wei');
    const acc = await ok(a, 'account.create', { data: account });
    const issue = (title: string) => ({ title, priority: 'ordinaryFault', raisedOn: TODAY });
    // Five at once: the numbers are handed out one at a time.
    const made = await Promise.all(
      ['一', '二', '三', '四', '五'].map((n) =>
        ok(a, 'issue.create', { accountId: acc._id, data: issue(`问题${n}`) }),
      ),
    );
    expect(made.map((i) => i.number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(made.map(issueRef)).size).toBe(5);
    expect(made.every((i) => i.numberTag === 'ZW')).toBe(true);
    expect(
      await refused(a, 'issue.create', { accountId: acc._id, data: { ...issue('X'), number: 9 } }),
    ).toEqual({ path: ['data', 'number'], key: 'validation.readOnlyField' });
    expect(
      await refused(a, 'issue.update', {
        id: made[0]._id,
        rev: made[0]._rev,
        changes: { number: 9 },
      }),
    ).toEqual({ path: ['changes', 'number'], key: 'validation.readOnlyField' });
    const edited = await ok(a, 'issue.update', {
      id: made[0]._id,
      rev: made[0]._rev,
      changes: { title: '问题一（改）' },
    });
    expect(issueRef(edited)).toBe(issueRef(made[0]));
    // Another account counts from 1.
    const other = await ok(a, 'account.create', { data: { ...account, name: '另一家' } });
    expect((await ok(a, 'issue.create', { accountId: other._id, data: issue('Y') })).number).toBe(
      1,
    );
  });

  it('stays unique when two laptops number offline, and counts on after they meet', async () => {
    const a = await workbench('zhang.wei');
    const b = await workbench('li.na');
    const acc = await ok(a, 'account.create', { data: account });
    await ok(b, 'backup.import', { backup: await ok(a, 'backup.export', {}) });
    const issue = (title: string) => ({ title, priority: 'firstUse', raisedOn: TODAY });
    await ok(a, 'issue.create', { accountId: acc._id, data: issue('共同的一号') });
    await ok(b, 'backup.import', { backup: await ok(a, 'backup.export', {}) });
    // Both offline now: each hands out number 2.
    const onA = await ok(a, 'issue.create', { accountId: acc._id, data: issue('张伟离线') });
    const onB = await ok(b, 'issue.create', { accountId: acc._id, data: issue('李娜离线') });
    expect([onA.number, onB.number]).toEqual([2, 2]);
    expect(issueRef(onA)).toBe('#2-ZW');
    expect(issueRef(onB)).toBe('#2-LN');
    // They meet (B's documents arrive on A, with their revisions, as replication would).
    await ok(a, 'backup.import', { backup: await ok(b, 'backup.export', {}) });
    const all = (await ok(a, 'issue.list', { accountId: acc._id, limit: 50 })).items as Any[];
    expect(all.map(issueRef).sort()).toEqual(['#1-ZW', '#2-LN', '#2-ZW']);
    const next = await ok(a, 'issue.create', { accountId: acc._id, data: issue('之后') });
    expect(issueRef(next)).toBe('#3-ZW');
  });
});

describe('the issue list Excel', () => {
  it('carries the number, description and comments after the ID column', async () => {
    const a = await workbench('zhang.wei');
    const acc = await ok(a, 'account.create', { data: account });
    const made = await ok(a, 'issue.create', {
      accountId: acc._id,
      data: {
        title: '报表导出中文乱码',
        description: '导出时客户名称显示为问号',
        priority: 'urgentFault',
        raisedOn: TODAY,
        comments: [{ key: 'c1', by: 'zhang.wei', at: new Date().toISOString(), text: '已复现' }],
      },
    });
    for (const [lang, headers] of [
      ['zh-CN', ['编号', '问题编号', '详细描述', '评论']],
      ['en-US', ['ID', 'No.', 'Description', 'Comments']],
    ] as const) {
      const out = await ok(a, 'deliverables.generate', {
        kind: 'issues',
        accountId: acc._id,
        lang,
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0];
      expect(['K1', 'L1', 'M1', 'N1'].map((c) => ws.getCell(c).value)).toEqual(headers);
      expect(ws.getCell('K2').value).toBe(made._id);
      expect(ws.getCell('L2').value).toBe('#1-ZW');
      expect(ws.getCell('M2').value).toBe('导出时客户名称显示为问号');
      expect(String(ws.getCell('N2').value)).toContain('已复现');
    }
  });
});

describe('renewals move the contract and the account', () => {
  it('renewed: the contract stops counting, the successor sets the renewal date, stage moves', async () => {
    const a = await workbench('zhang.wei');
    const acc = await ok(a, 'account.create', { data: { ...account, lifecycleStage: 'renewal' } });
    const old = await ok(a, 'contract.create', {
      accountId: acc._id,
      data: contractData('HT-OLD', dayFrom(-330), dayFrom(30)),
    });
    const next = await ok(a, 'contract.create', {
      accountId: acc._id,
      data: contractData('HT-NEW', dayFrom(31), dayFrom(395), { amount: 120_000 }),
    });
    let brief = await ok(a, 'account.brief', { id: acc._id });
    expect(brief.renewalDate).toBe(dayFrom(30));

    expect(
      await refused(a, 'contract.update', {
        id: old._id,
        rev: old._rev,
        changes: {
          renewal: { outcome: 'renewed', decidedOn: TODAY, successorContractId: old._id },
        },
      }),
    ).toEqual({
      path: ['changes', 'renewal', 'successorContractId'],
      key: 'validation.successorNotFound',
    });

    const renewed = await ok(a, 'contract.update', {
      id: old._id,
      rev: old._rev,
      changes: {
        renewal: {
          forecastAmount: 120_000,
          likelihood: 90,
          selfCheck: {
            purchaseReasonMet: 'yes',
            decisionChainChanged: 'no',
            promisesUnfulfilled: 'no',
          },
          outcome: 'renewed',
          decidedOn: TODAY,
          successorContractId: next._id,
        },
      },
    });
    expect(renewed.status).toBe('renewed');
    brief = await ok(a, 'account.brief', { id: acc._id });
    expect(brief.account.lifecycleStage).toBe('stableUse');
    expect(brief.renewalDate).toBe(dayFrom(395));
    // Both changes are on the timeline.
    const timeline = (await ok(a, 'timeline.list', { accountId: acc._id, limit: 50 }))
      .items as Any[];
    const targets = timeline.filter((e) => e.action === 'updated').map((e) => e.targetType);
    expect(targets).toEqual(expect.arrayContaining(['contract', 'account']));
  });

  it('churned: the last active contract ends, the account is churned with the reason', async () => {
    const a = await workbench('zhang.wei');
    const acc = await ok(a, 'account.create', { data: { ...account, lifecycleStage: 'renewal' } });
    const c = await ok(a, 'contract.create', {
      accountId: acc._id,
      data: contractData('HT-LAST', dayFrom(-330), dayFrom(30)),
    });
    expect((await ok(a, 'account.brief', { id: acc._id })).arr).toBeGreaterThan(0);
    await ok(a, 'contract.update', {
      id: c._id,
      rev: c._rev,
      changes: {
        renewal: { outcome: 'churned', reason: '预算削减，改用自研系统', decidedOn: TODAY },
      },
    });
    const brief = await ok(a, 'account.brief', { id: acc._id });
    expect(brief.account.lifecycleStage).toBe('churned');
    expect(brief.account.churnReason).toBe('预算削减，改用自研系统');
    expect(brief.account.churnedOn).toBe(TODAY);
    expect(brief.renewalDate).toBeNull();
    expect(brief.arr).toBe(0);
  });

  it('refuses a deliverable due before the start of the SOW contract', async () => {
    const a = await workbench('zhang.wei');
    const acc = await ok(a, 'account.create', { data: account });
    const c = await ok(a, 'contract.create', {
      accountId: acc._id,
      data: contractData('HT-S', dayFrom(10), dayFrom(374)),
    });
    expect(
      await refused(a, 'sow.create', {
        accountId: acc._id,
        data: {
          title: 'SOW',
          contractId: c._id,
          deliverables: [
            { key: 'd1', name: '需求', acceptanceCriteria: '签字', dueDate: dayFrom(5) },
          ],
        },
      }),
    ).toEqual({
      path: ['data', 'deliverables', 0, 'dueDate'],
      key: 'validation.deliverableDueBeforeContractStart',
    });
  });
});

describe('a signed handover sheet', () => {
  it('keeps signatures while signing, clears them when the content is edited', async () => {
    const a = await workbench('zhang.wei');
    const acc = await ok(a, 'account.create', { data: account });
    let h = await ok(a, 'handover.create', {
      accountId: acc._id,
      data: { sales: { products: 'CRM 100 席', quantity: 100 } },
    });
    const at = new Date().toISOString();
    h = await ok(a, 'handover.update', {
      id: h._id,
      rev: h._rev,
      changes: { signOff: { sales: { by: 'wang.fang', at } } },
    });
    h = await ok(a, 'handover.update', {
      id: h._id,
      rev: h._rev,
      changes: { signOff: { sales: { by: 'wang.fang', at }, csm: { by: 'zhang.wei', at } } },
    });
    expect(Object.keys(h.signOff).sort()).toEqual(['csm', 'sales']);
    h = await ok(a, 'handover.update', {
      id: h._id,
      rev: h._rev,
      changes: { sales: { products: 'CRM 120 席', quantity: 120 } },
    });
    expect(h.signOff).toEqual({});
    expect(h.sales.quantity).toBe(120);
  });
});
