// Every deliverable generated from known demo data through the API, read back from the file.
import { dayFrom, instantFrom, TODAY } from '../../helpers/clock';
import ExcelJS from 'exceljs';
import { formatDate } from '../../../main/deliverables/format';
import { localDay } from '../../../shared/time/days';
import type { Backend } from '../../../main/backend';
import type { EntityDoc } from '../../../shared/domain/entities';
import {
  docxMedia,
  docxTables,
  docxText,
  docxXml,
  openDemoBackend,
  type DemoBackend,
} from '../../fixtures/deliverables/demoBackend';

// The periods and dates the documents print, relative to the tests' today.
// The annual review's year: the one holding the issues raised 114 days ago (formula injection),
// so it is a year with data even on 1 January.
const YEAR = dayFrom(-114).slice(0, 4);
const LAST_YEAR = String(Number(YEAR) - 1);
const [ty, tm, td] = TODAY.split('-').map(Number);
const TODAY_ZH = `${ty}年${tm}月${td}日`;
const TODAY_EN = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
}).format(new Date(`${TODAY}T00:00:00Z`));

jest.setTimeout(60_000);

let demo: DemoBackend;
let b: Backend;
let accountId: string;
let account: EntityDoc<'account'>;

const fromB64 = (s: string) => Buffer.from(s, 'base64');

async function listAll<T>(method: string, id: string): Promise<T[]> {
  const page = await b.call(method as 'issue.list', { accountId: id, limit: 500 });
  return page.items as unknown as T[];
}

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

beforeAll(async () => {
  demo = await openDemoBackend();
  b = demo.backend;
  accountId = demo.strategicId;
  account = await b.call('account.get', { id: accountId });
}, 60_000);

afterAll(() => demo.close());

describe('acceptance report', () => {
  it('has every section, the annex with one row per SOW deliverable and both signatures (zh-CN)', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'acceptance',
      accountId,
      lang: 'zh-CN',
    });
    expect(out.mimeType).toMatch(/wordprocessingml/);
    expect(out.fileName).toBe(`${account.name}-验收报告-${TODAY}.docx`);
    const buf = fromB64(out.base64);
    const text = await docxText(buf);
    for (const heading of [
      '一、项目回顾',
      '二、运行状态',
      '三、持续支持',
      '四、后期规划',
      '五、项目验收',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('系统验收报告');
    const [sow] = await listAll<EntityDoc<'sow'>>('sow.list', accountId);
    const [plan] = await listAll<EntityDoc<'projectPlan'>>('projectPlan.list', accountId);
    // Created and modified are the report's sources' own days (plan, SOW, contract), not today.
    const contracts = await listAll<EntityDoc<'contract'>>('contract.list', accountId);
    const contract = contracts.filter((c) => c.status === 'active').at(-1) ?? contracts.at(-1)!;
    const day = (iso: string) => localDay(new Date(iso));
    const sources = [plan, sow, contract];
    expect(text).toContain(
      `建立日期：${formatDate('zh-CN', sources.map((d) => day(d.createdAt)).sort()[0])}`,
    );
    expect(text).toContain(
      `修改日期：${formatDate(
        'zh-CN',
        sources
          .map((d) => day(d.updatedAt))
          .sort()
          .at(-1),
      )}`,
    );
    expect(text).toContain(`生成日期：${TODAY_ZH}`);
    expect(text).toMatch(/客户项目经理：\S+/);
    const usage = await listAll<EntityDoc<'usageReading'>>('usageReading.list', accountId);
    const latest = usage.sort((x, y) => x.date.localeCompare(y.date)).at(-1)!;
    // 一: rounds, trainings and the modules live come from the project plan.
    expect(text).toContain(`经历了${plan.discussionRounds}次集中讨论`);
    expect(text).toContain(plan.modulesLive.join('；'));
    // 二: records per module and users imported vs activated from the latest usage reading.
    for (const m of latest.moduleRecords)
      expect(text).toContain(`${m.module}：现有数据 ${m.records.toLocaleString('zh-CN')} 条`);
    expect(text).toContain(`已激活 ${latest.activatedUsers.toLocaleString('zh-CN')} 个`);
    // 四: out-of-scope items and the deferred change request.
    for (const item of sow.outOfScope) expect(text).toContain(item.item);
    expect(text).toContain('自定义首页看板（需求变更，暂缓至二期）');

    const tables = await docxTables(buf);
    const phases = tables[0];
    expect(phases).toHaveLength(plan.phases.length + 1);
    expect(phases[1][0]).toBe('需求调研');
    const annex = tables.at(-1)!;
    expect(annex[0]).toEqual(['序号', '交付物', '验收标准', '验收结果', '备注']);
    expect(annex.slice(1).map((r) => r[1])).toEqual(sow.deliverables.map((d) => d.name));
    expect(annex[1][2]).toBe(sow.deliverables[0].acceptanceCriteria);
    expect(text).toContain('项目验收单（合同编号：HT-');
    expect(text).toContain('甲方验收负责人签字');
    expect(text).toContain('乙方项目负责人签字');
    // Two deliverables are not accepted in the demo data: the conclusion lists them and does
    // not agree to acceptance.
    const open = sow.deliverables.filter((d) => d.status !== 'accepted');
    expect(open).toHaveLength(2);
    expect(text).toContain(`以下 ${open.length} 项尚未通过验收`);
    for (const d of open) expect(text).toContain(d.name);
    expect(text).not.toContain('同意对该项目验收');
  });

  it('carries an East Asian font on the runs and in the default style', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'acceptance',
      accountId,
      lang: 'zh-CN',
    });
    const buf = fromB64(out.base64);
    expect(await docxXml(buf)).toContain('w:eastAsia="Microsoft YaHei"');
    expect(await docxXml(buf, 'word/styles.xml')).toContain('w:eastAsia="Microsoft YaHei"');
  });

  it('speaks English with English dates and money in en-US', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'acceptance',
      accountId,
      lang: 'en-US',
      vendorName: 'Example Tech Ltd.',
      hotline: '400-800-1234',
    });
    const text = await docxText(fromB64(out.base64));
    for (const heading of [
      '1. Project review',
      '2. Run status',
      '3. Ongoing support',
      '4. Future plan',
      '5. Acceptance',
    ])
      expect(text).toContain(heading);
    expect(text).toContain(`Generated on ${TODAY_EN}`);
    expect(text).toContain(`${account.nameEn}`);
    expect(text).toContain('Party B (vendor): Example Tech Ltd.');
    expect(text).toContain('Support hotline: 400-800-1234 (7x24 premium service)');
    expect(text).not.toMatch(/一、|验收报告/);
  });
});

describe('business review', () => {
  it('builds the annual review with four embedded charts and the period figures', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'review',
      // The demo has a success plan for this year only: other years are drafts.
      draft: true,
      accountId,
      lang: 'zh-CN',
      period: YEAR,
    });
    const buf = fromB64(out.base64);
    const text = await docxText(buf);
    expect(text).toContain(`${account.name} ${YEAR}年度业务分析报告`);
    for (const h of [
      '一、成功标准达成情况',
      '二、使用情况与趋势',
      '三、服务与支持',
      '四、健康度',
      '五、下期计划',
      '六、续约与扩展',
    ])
      expect(text).toContain(h);
    const media = await docxMedia(buf);
    // The criteria chart comes from the period's own success plan (the demo plans this year
    // only: on 1 January the year 114 days ago has none), never another year's.
    const plans = await listAll<EntityDoc<'successPlan'>>('successPlan.list', accountId);
    const ownPlan = plans.some((p) => p.year === Number(YEAR) && p.criteria.length > 0);
    expect(media).toHaveLength(ownPlan ? 4 : 3);
    expect(text.includes('本期没有设定成功标准')).toBe(!ownPlan);
    expect(media.every((m) => m.endsWith('.png'))).toBe(true);

    const issues = await listAll<EntityDoc<'issue'>>('issue.list', accountId);
    const raised = issues.filter((i) => i.raisedOn.startsWith(YEAR));
    const solved = raised.filter((i) => i.status === 'fixed' || i.status === 'closed');
    expect(text).toContain(`本期共受理问题 ${raised.length} 个，已解决 ${solved.length} 个`);
    const byPriority = (await docxTables(buf)).find((tb) => tb[0][0] === '优先级')!;
    expect(byPriority.at(-1)).toEqual([
      '合计',
      String(raised.length),
      String(solved.length),
      String(raised.length - solved.length),
    ]);
    // Health is the team model's: while the period runs, the Health tab's own score and band as
    // of today; for a period already over (run on 1 January), as of the period's last day.
    if (`${YEAR}-12-31` >= TODAY) {
      const tab = await b.call('health.account', { accountId });
      const band = { red: '红', yellow: '黄', green: '绿' }[tab.band];
      expect(text).toContain(`健康度 ${tab.score} 分（${band}）`);
    } else {
      expect(text).toMatch(
        new RegExp(`截至 ${formatDate('zh-CN', `${YEAR}-12-31`)}，健康度 \\d+ 分（[红黄绿]）`),
      );
    }
    expect(text).not.toContain('暂代算法');
  });

  it('writes the Excel appendix with live formulas over the data sheets', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'review',
      // The demo has a success plan for this year only: other years are drafts.
      draft: true,
      accountId,
      lang: 'en-US',
      period: YEAR,
    });
    expect(out.attachments).toHaveLength(1);
    expect(out.attachments[0].fileName).toMatch(/\.xlsx$/);
    const wb = await readXlsx(fromB64(out.attachments[0].base64));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      `Summary ${YEAR}`,
      'Issues',
      'Visits',
      'Usage',
      'Criteria',
    ]);
    const issues = (await listAll<EntityDoc<'issue'>>('issue.list', accountId)).filter((i) =>
      i.raisedOn.startsWith(YEAR),
    );
    const summary = wb.getWorksheet(`Summary ${YEAR}`)!;
    // Rows 1-2: title and period; row 3: the header.
    const cell = (r: number) =>
      summary.getCell(`B${r + 2}`).value as { formula: string; result: number };
    expect(cell(2).formula).toBe(`COUNTA('Issues'!A2:A${issues.length + 1})`);
    expect(cell(2).result).toBe(issues.length);
    expect(cell(3).formula).toContain('COUNTIF(');
    expect(cell(3).result).toBe(
      issues.filter((i) => i.status === 'fixed' || i.status === 'closed').length,
    );
    expect(cell(4).result).toBe(issues.filter((i) => i.priority === 'urgentFault').length);
    expect(wb.getWorksheet('Issues')!.rowCount).toBe(issues.length + 1);
    const usage = wb.getWorksheet('Usage')!;
    expect((usage.getCell('E2').value as { formula: string }).formula).toBe('IF(B2=0,0,C2/B2)');
  });

  it('writes the quarterly review in English with English dates and money', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'review',
      // The demo has a success plan for this year only: other years are drafts.
      draft: true,
      accountId,
      lang: 'en-US',
      period: `${LAST_YEAR}Q3`,
    });
    const text = await docxText(fromB64(out.base64));
    expect(text).toContain(`${account.nameEn} Quarterly Business Review ${LAST_YEAR} Q3`);
    expect(text).toContain(`Period: Jul 1, ${LAST_YEAR} to Sep 30, ${LAST_YEAR}`);
    for (const h of [
      '1. Results against the success criteria',
      '3. Help given',
      '6. Renewal and expansion',
    ])
      expect(text).toContain(h);
    expect(text).toMatch(/annual contract value CN¥[\d,]+/);
    expect(text).not.toMatch(/[一二三四五六]、/);
  });

  it('covers a quarter and rejects a malformed period', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'review',
      // The demo has a success plan for this year only: other years are drafts.
      draft: true,
      accountId,
      lang: 'zh-CN',
      period: `${LAST_YEAR}Q3`,
    });
    const text = await docxText(fromB64(out.base64));
    expect(text).toContain(`${LAST_YEAR}年第3季度业务回顾`);
    expect(text).toContain(`报告期间：${LAST_YEAR}年7月1日 至 ${LAST_YEAR}年9月30日`);
    const bad = await b.dispatch('deliverables.generate', {
      kind: 'review',
      // The demo has a success plan for this year only: other years are drafts.
      draft: true,
      accountId,
      period: `${YEAR}Q5`,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['period'] });
  });

  it("uses the health area's stored score and trend when there is one", async () => {
    const other = (await b.call('account.list', { filters: { tier: 'ordinary' }, limit: 1 }))
      .items[0];
    const key = other._id.split(':')[1];
    const at = instantFrom(0).toISOString();
    const [written] = await b.ctx.store.write([
      {
        _id: `healthScore:${key}:current`,
        type: 'healthScore',
        accountId: other._id,
        schemaVersion: 1,
        createdAt: at,
        createdBy: 'zhang.wei',
        updatedAt: at,
        updatedBy: 'zhang.wei',
        score: 35,
        band: 'red',
        computedOn: dayFrom(0),
        factors: [],
        missing: [],
        override: {
          id: 'healthOverride:x:y',
          band: 'yellow',
          reason: '客户已承诺续约',
          by: 'zhang.wei',
          on: dayFrom(-3),
        },
        history: [
          { date: dayFrom(-74), score: 71, band: 'green' },
          { date: dayFrom(-56), score: 66, band: 'yellow' },
          { date: dayFrom(-24), score: 52, band: 'yellow' },
          { date: dayFrom(0), score: 35, band: 'red' },
        ],
      },
    ]);
    expect(written.ok).toBe(true);
    // The year holding today: the stored score is today's.
    const out = await b.call('deliverables.generate', {
      kind: 'review',
      // The demo has a success plan for this year only: other years are drafts.
      draft: true,
      accountId: other._id,
      lang: 'zh-CN',
      period: TODAY.slice(0, 4),
    });
    const text = await docxText(fromB64(out.base64));
    // The Health tab's stored score and band (overrides are healthOverride documents).
    const tab = await b.call('health.account', { accountId: other._id });
    expect(tab).toMatchObject({ score: 35, band: 'red' });
    expect(text).toContain(`截至 ${formatDate('zh-CN', TODAY)}，健康度 35 分（红）`);
    expect(text).not.toContain('暂代算法');
  });

  it("bands the score by the team's health model for the account's tier", async () => {
    const bandOf = async () => {
      const out = await b.call('deliverables.generate', {
        kind: 'review',
        // The demo has a success plan for this year only: other years are drafts.
        draft: true,
        accountId,
        lang: 'zh-CN',
        period: YEAR,
      });
      return (await docxText(fromB64(out.base64))).match(/健康度 \d+ 分（(.+?)）/)?.[1];
    };
    const stored = await b.call('health.model.get', {});
    const strategic = stored.model.profiles.strategic;
    const withThresholds = (yellow: number, green: number) => ({
      ...stored.model,
      profiles: {
        ...stored.model.profiles,
        strategic: { ...strategic, thresholds: { yellow, green } },
      },
    });
    // Every score is green when green starts at 0, and red when yellow starts at 100.
    let saved = await b.call('health.model.save', { model: withThresholds(0, 0), rev: stored.rev });
    expect(await bandOf()).toBe('绿');
    saved = await b.call('health.model.save', { model: withThresholds(100, 100), rev: saved.rev });
    expect(await bandOf()).toBe('红');
    await b.call('health.model.save', { model: stored.model, rev: saved.rev });
  });
});

describe('visit minutes and handover sheet', () => {
  it('writes the minutes of a chosen visit with its action items', async () => {
    const visits = await listAll<EntityDoc<'visit'>>('visit.list', accountId);
    const visit = visits.find((v) => v.status === 'done' && v.actionItems.length)!;
    const out = await b.call('deliverables.generate', {
      kind: 'minutes',
      accountId,
      lang: 'zh-CN',
      visitId: visit._id,
    });
    const buf = fromB64(out.base64);
    const text = await docxText(buf);
    expect(text).toContain('拜访纪要');
    expect(text).toContain(visit.purpose);
    expect(text).toContain(visit.minutes!);
    const actions = (await docxTables(buf)).find((tb) => tb[0][0] === '事项')!;
    expect(actions[1][0]).toBe(visit.actionItems[0].title);
  });

  it('refuses a visit of another account', async () => {
    const other = (await b.call('account.list', { limit: 50 })).items.find(
      (a) => a._id !== accountId,
    )!;
    const [visit] = await listAll<EntityDoc<'visit'>>('visit.list', other._id);
    const r = await b.dispatch('deliverables.generate', {
      kind: 'minutes',
      accountId,
      visitId: visit._id,
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({
        code: 'NOT_FOUND',
        messageKey: 'deliverables.error.visitNotOfAccount',
      });
  });

  it('writes every handover section with key people and sign-off', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'handover',
      accountId,
      lang: 'zh-CN',
    });
    const buf = fromB64(out.base64);
    const text = await docxText(buf);
    for (const h of [
      '一、客户基本信息',
      '二、销售信息',
      '三、关键人员',
      '四、主要需求',
      '十、双方承诺',
      '交接签字',
    ])
      expect(text).toContain(h);
    const [handover] = await listAll<EntityDoc<'handover'>>('handover.list', accountId);
    expect(text).toContain(handover.needs.whyBought!);
    // Signed by name (the team directory), not by login.
    const sales = await b.call('directory.get', { login: handover.signOff.sales!.by });
    expect(text).toContain(`销售：${sales.nameZh}`);
    const people = (await docxTables(buf)).find(
      (tb) => tb[0][0] === '客户名称' && tb[0].length === 4,
    )!;
    expect(people.slice(1).map((r) => r[0])).toEqual(handover.keyPeople.map((p) => p.name));
  });
});

describe('issue list', () => {
  it('has a frozen header, filters, drop-downs, priority colours and widths for Chinese', async () => {
    const out = await b.call('deliverables.generate', { kind: 'issues', accountId, lang: 'zh-CN' });
    const wb = await readXlsx(fromB64(out.base64));
    const ws = wb.worksheets[0];
    const issues = await listAll<EntityDoc<'issue'>>('issue.list', accountId);
    const account = await b.call('account.get', { id: accountId });
    expect(ws.name).toBe(`${account.name} 问题清单`.slice(0, 31));
    const titles: unknown[] = [];
    ws.getColumn(1).eachCell((c) => titles.push(c.value));
    expect(titles).toHaveLength(issues.length + 1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getCell('F2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"紧急故障,初次使用,普通故障,售前咨询,自主配置"'],
    });
    expect(ws.getCell('G2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"新建,处理中,待上线,已修复,已关闭"'],
    });
    expect(ws.getCell('K1').value).toBe('编号');
    const cf = (
      ws as unknown as {
        conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[];
      }
    ).conditionalFormattings;
    expect(cf[0].ref).toMatch(/^F2:F\d+$/);
    expect(cf[0].rules.map((r) => r.formulae[0])).toEqual([
      'F2="紧急故障"',
      'F2="初次使用"',
      'F2="普通故障"',
      'F2="售前咨询"',
      'F2="自主配置"',
    ]);
    // Highest priority first: the first row carries the top priority among the issues.
    const order = ['urgentFault', 'firstUse', 'ordinaryFault', 'presales', 'selfConfig'];
    const top = order.find((p) => issues.some((i) => i.priority === p))!;
    expect(ws.getCell('F2').value).toBe(
      {
        urgentFault: '紧急故障',
        firstUse: '初次使用',
        ordinaryFault: '普通故障',
        presales: '售前咨询',
        selfConfig: '自主配置',
      }[top],
    );
    // Chinese characters count twice: the title column is as wide as its widest title (max 40,
    // wrapped beyond, so the printed page stays readable).
    const width = (text: string) =>
      [...text].reduce((w, ch) => w + (/[\u4e00-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    const widest = Math.max(...issues.map((i) => width(i.title)));
    expect(ws.getColumn(1).width).toBe(Math.min(40, widest + 2));
  });
});

describe('formula injection', () => {
  it('writes texts that look like formulas as text in every workbook', async () => {
    const nasty = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)'];
    for (const title of nasty) {
      await b.call('issue.create', {
        accountId,
        data: { title, raisedOn: dayFrom(-114), priority: 'urgentFault', module: '=1+2' },
      });
    }
    const list = await b.call('deliverables.generate', {
      kind: 'issues',
      accountId,
      lang: 'en-US',
    });
    const review = await b.call('deliverables.generate', {
      kind: 'review',
      // The demo has a success plan for this year only: other years are drafts.
      draft: true,
      accountId,
      lang: 'en-US',
      period: YEAR,
    });
    for (const [wbB64, sheetName] of [
      [list.base64, 0],
      [review.attachments[0].base64, 'Issues'],
    ] as const) {
      const book = await readXlsx(fromB64(wbB64));
      const ws = (
        typeof sheetName === 'number' ? book.worksheets[0] : book.getWorksheet(sheetName)
      )!;
      const texts: string[] = [];
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
      // Stored as written (string cells with Excel's quote prefix, see ooxml.test.ts), no apostrophe.
      for (const title of nasty) expect(texts).toContain(title);
      expect(texts).toContain('=1+2');
    }
  });
});

describe('batch', () => {
  it('returns the files themselves when asked, the review with its appendix', async () => {
    const r = await b.call('deliverables.batch', {
      kind: 'review',
      lang: 'en-US',
      period: YEAR,
      draft: true,
      filter: { accountIds: [accountId] },
      includeFiles: true,
    });
    expect(r.items[0].files!.map((f) => f.fileName.split('.').pop())).toEqual(['docx', 'xlsx']);
    const text = await docxText(fromB64(r.items[0].files![0].base64));
    expect(text).toContain(`Annual Business Review ${YEAR}`);
  });

  it('generates for every strategic account and reports what failed and why', async () => {
    const strategic = (await b.call('account.list', { filters: { tier: 'strategic' }, limit: 100 }))
      .items;
    const ok = await b.call('deliverables.batch', {
      kind: 'acceptance',
      lang: 'zh-CN',
      filter: { tier: 'strategic' },
    });
    expect(ok).toMatchObject({ total: strategic.length, succeeded: strategic.length, failed: 0 });

    const empty = await b.call('account.create', {
      data: { name: '空白测试客户', tier: 'micro', ownerCsm: 'zhang.wei' },
    });
    const mixed = await b.call('deliverables.batch', {
      kind: 'minutes',
      lang: 'zh-CN',
      filter: { accountIds: [accountId, empty._id] },
    });
    expect(mixed).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
    expect(mixed.items.every((i) => i.files === undefined)).toBe(true);
    const failed = mixed.items.find((i) => !i.ok)!;
    expect(failed).toMatchObject({
      accountId: empty._id,
      // Not ready: the account has no visit; the batch says what is missing and where.
      error: { code: 'VALIDATION', messageKey: 'readiness.error.notReady' },
      missing: [{ need: 'readiness.need.visit', tab: 'visits' }],
    });
  });
});

it('reports an unknown account as NOT_FOUND', async () => {
  const r = await b.dispatch('deliverables.generate', {
    kind: 'handover',
    accountId: 'account:NOPE',
  });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.errors[0].code).toBe('NOT_FOUND');
});
