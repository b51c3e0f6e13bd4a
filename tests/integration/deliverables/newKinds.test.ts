// The five deliverables of issue 12 (usage report, SOW, weekly project report, success case,
// pre-visit brief) on seeded demo data, in both languages, rendered by LibreOffice to PDF (one
// headless start for every file) and read back with pdftotext and pdfinfo: facts from the data,
// the usage trend against the previous report, people by display name, no Chinese in an English
// document's fixed text, and a brief that stays on one A4 page even for a busy account.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../../main/backend';
import {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  label,
} from '../../../main/deliverables/format';
import { loadSnapshot } from '../../../main/deliverables/snapshot';
import type { TeamMember } from '../../../shared/api/directory';
import type { EntityDoc } from '../../../shared/domain/entities';
import type { Locale } from '../../../shared/i18n';
import { accountArr } from '../../../shared/rules/arr';
import { renewalDate } from '../../../shared/rules/renewal';
import { addDays, lastDayOfMonth, weekOf } from '../../../shared/time/days';
import { dayFrom, monthFrom, TODAY } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';
import {
  docxText,
  openDemoBackend,
  type DemoBackend,
} from '../../fixtures/deliverables/demoBackend';

jest.setTimeout(300_000);

const KINDS = ['usage', 'sow', 'weekly', 'case', 'brief'] as const;
const LANGS = ['zh-CN', 'en-US'] as const;
type Kind = (typeof KINDS)[number];

let demo: DemoBackend;
let b: Backend;
let dir: string;
let account: EntityDoc<'account'>;
let members: TeamMember[];
let busyId: string;
/** Per file: the .docx text, the PDF's text with whitespace removed, its pages and images. */
const rendered = new Map<
  string,
  { docx: string; pdf: string; pages: number; images: number; warnings: string[] }
>();
const key = (kind: string, lang: Locale, who = 'demo') => `${who}-${kind}-${lang}`;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;
const squash = (s: string) => s.replace(/\s+/g, '');

/** A strategic account with more of everything than one page holds. */
async function busyAccount(): Promise<string> {
  const a = await b.call('account.create', {
    data: {
      name: '繁忙测试客户集团股份有限公司',
      nameEn: 'Busy Test Group Co., Ltd.',
      tier: 'strategic',
      ownerCsm: account.ownerCsm,
      consultant: account.consultant,
      lifecycleStage: 'renewal',
    },
  });
  const id = a._id;
  await b.call('contract.create', {
    accountId: id,
    data: {
      contractNo: 'HT-BUSY-1',
      products: [{ name: 'CRM 旗舰版', quantity: 500, unitPrice: 1200 }],
      amount: 1_200_000,
      startDate: dayFrom(-300),
      endDate: dayFrom(64),
    },
  });
  for (let i = 0; i < 18; i++)
    await b.call('contact.create', {
      accountId: id,
      data: {
        name: `联系人${i}号欧阳司马长名字`,
        position: '集团信息化建设领导小组副组长兼数字化转型办公室主任',
        roles: ['decisionMaker', 'champion', 'keyUser'],
        influence: i % 3 === 0 ? 'high' : 'medium',
        lastContactOn: dayFrom(-i),
      },
    });
  for (let i = 0; i < 45; i++)
    await b.call('issue.create', {
      accountId: id,
      data: {
        title: `第${i}个问题：导入超过十万条历史数据时系统报错并且导出的报表中部分字段丢失，需要尽快排查原因并给出解决方案`,
        raisedOn: dayFrom(-60 + i),
        priority: i % 2 ? 'urgentFault' : 'ordinaryFault',
        owner: account.consultant,
        dueDate: dayFrom(-30 + i),
      },
    });
  for (let v = 0; v < 3; v++)
    await b.call('visit.create', {
      accountId: id,
      data: {
        purpose: '季度业务回顾与续约沟通，同时讨论二期需求和培训计划的安排',
        date: dayFrom(-40 + v * 10),
        status: 'done',
        minutes: '会议纪要很长。'.repeat(300),
        attendees: { customer: [{ name: '联系人0号欧阳司马长名字' }], vendor: [account.ownerCsm] },
        painPointsNew: Array.from({ length: 12 }, (_, i) => `新的痛点${i}：移动端审批流程太慢`),
        commitments: Array.from(
          { length: 12 },
          (_, i) => `承诺${i}：两周内给出完整的解决方案和实施计划`,
        ),
        actionItems: Array.from({ length: 12 }, (_, i) => ({
          key: `a${v}-${i}`,
          title: `行动项${i}：整理需求清单并与甲方项目经理逐条确认优先级和上线时间`,
          owner: account.ownerCsm,
          dueDate: dayFrom(-5 + i),
        })),
      },
    });
  return id;
}

beforeAll(async () => {
  demo = await openDemoBackend();
  b = demo.backend;
  dir = tempDir('newkinds');
  account = await b.call('account.get', { id: demo.strategicId });
  members = (await b.call('directory.list', {})).members;
  busyId = await busyAccount();
  const files: { name: string; warnings: string[] }[] = [];
  const write = async (kind: Kind, lang: Locale, accountId: string, who: string) => {
    const out = await b.call('deliverables.generate', { kind, accountId, lang });
    fs.writeFileSync(
      path.join(dir, `${key(kind, lang, who)}.docx`),
      new Uint8Array(Buffer.from(out.base64, 'base64')),
    );
    files.push({ name: key(kind, lang, who), warnings: out.warnings });
  };
  for (const kind of KINDS)
    for (const lang of LANGS) await write(kind, lang, demo.strategicId, 'demo');
  for (const lang of LANGS) await write('brief', lang, busyId, 'busy');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files.map((f) => path.join(dir, `${f.name}.docx`)),
    ],
    { stdio: 'pipe', timeout: 240_000 },
  );
  for (const f of files) {
    const pdf = path.join(dir, `${f.name}.pdf`);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' });
    rendered.set(f.name, {
      docx: await docxText(fs.readFileSync(path.join(dir, `${f.name}.docx`))),
      pdf: squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })),
      pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
      images: images.trim().split('\n').length - 2,
      warnings: f.warnings,
    });
  }
});

afterAll(async () => {
  await demo?.close();
  if (dir) {
    if (process.env.KEEP_RENDERED) fs.cpSync(dir, process.env.KEEP_RENDERED, { recursive: true });
    removeDir(dir);
  }
});

const pdfOf = (kind: Kind, lang: Locale, who = 'demo') => rendered.get(key(kind, lang, who))!;
const snapshot = () => loadSnapshot(b.ctx.queries, demo.strategicId);
const nameOf = (login: string, lang: Locale) => {
  const m = members.find((x) => x.login === login)!;
  return lang === 'zh-CN' ? m.nameZh! : m.nameEn!;
};

/** Every text the account's data holds: an English document may show these as entered. */
function dataCorpus(accountId: string): string {
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(b.ctx.queries.accountDocs(accountId, ['timeline']));
  // The team-wide requirements the account asked for: their titles are data as entered too.
  walk(loadSnapshot(b.ctx.queries, accountId).requirements.map((r) => r.title));
  walk(members.map((m) => [m.nameZh, m.nameEn]));
  return squash(texts.join('\n'));
}

describe.each(LANGS)('in %s', (lang) => {
  it.each(KINDS)('%s renders to PDF, people by display name, never a login', (kind) => {
    const r = pdfOf(kind, lang);
    expect(r.pages).toBeGreaterThanOrEqual(1);
    // The SOW and the weekly report are the consultant's; the others the CSM's.
    const author = kind === 'sow' || kind === 'weekly' ? account.consultant! : account.ownerCsm;
    expect(r.pdf).toContain(squash(nameOf(author, lang)));
    const logins = members
      .map((m) => m.login)
      .filter((l) => r.docx.includes(l) || r.pdf.includes(l));
    expect(logins).toEqual([]);
    // The English name of the account where one is stored.
    expect(r.pdf).toContain(
      squash(lang === 'en-US' ? (account.nameEn ?? account.name) : account.name),
    );
  });

  it('the usage report compares this period with the previous one', () => {
    const r = pdfOf('usage', lang);
    // Default period: the two full months before this one; the previous report the two before.
    const span = (back: number) => {
      const from = `${monthFrom(-back - 1).slice(0, 7)}-01`;
      const last = monthFrom(-back);
      const to = `${last.slice(0, 7)}-${lastDayOfMonth(Number(last.slice(0, 4)), Number(last.slice(5, 7)))}`;
      return { from, to };
    };
    const now = span(1);
    const before = span(3);
    const latest = (p: { from: string; to: string }) =>
      snapshot()
        .usage.filter((u) => u.date >= p.from && u.date <= p.to)
        .at(-1)!;
    const a = latest(now);
    const p = latest(before);
    expect(a).toBeDefined();
    expect(p).toBeDefined();
    for (const day of [now.from, now.to, before.from, before.to])
      expect(r.pdf).toContain(squash(formatDate(lang, day)));
    const rateNow = a.activatedUsers / a.purchasedSeats;
    const ratePrev = p.activatedUsers / p.purchasedSeats;
    expect(r.pdf).toContain(formatPercent(lang, rateNow));
    expect(r.pdf).toContain(formatPercent(lang, ratePrev));
    expect(r.pdf).toContain(squash(formatNumber(lang, a.dailyLogins!)));
    expect(r.pdf).toContain(squash(label(lang, 'usageDepth', a.depth)));
    for (const m of a.moduleRecords) expect(r.pdf).toContain(squash(formatNumber(lang, m.records)));
    const word =
      rateNow > ratePrev
        ? { 'zh-CN': '上升至', 'en-US': 'rose' }
        : rateNow < ratePrev
          ? { 'zh-CN': '下降至', 'en-US': 'fell' }
          : { 'zh-CN': '保持在', 'en-US': 'stayed' };
    expect(r.pdf).toContain(word[lang]);
    expect(r.images).toBeGreaterThanOrEqual(1);
    expect(r.warnings).toEqual([]);
  });

  it('the SOW states every deliverable with its criteria, scope and change requests', () => {
    const r = pdfOf('sow', lang);
    const sow = snapshot().sow!;
    for (const d of sow.deliverables) {
      expect(r.pdf).toContain(squash(d.name));
      expect(r.pdf).toContain(squash(d.acceptanceCriteria));
    }
    for (const x of [...sow.scope.partyA, ...sow.scope.partyB, ...sow.assumptions])
      expect(r.pdf).toContain(squash(x));
    for (const x of sow.outOfScope) expect(r.pdf).toContain(squash(x.item));
    for (const c of sow.changeRequests) {
      expect(r.pdf).toContain(squash(c.title));
      expect(r.pdf).toContain(squash(label(lang, 'changeDecision', c.decision)));
    }
    expect(r.pdf).toContain(squash(snapshot().contracts.at(-1)!.contractNo));
  });

  it("the weekly report shows this week's progress against plan and its risks with owners", () => {
    const r = pdfOf('weekly', lang);
    const plan = snapshot().projectPlan!;
    const week = weekOf(TODAY);
    expect(r.pdf).toContain(squash(formatDate(lang, week.weekStart)));
    expect(r.pdf).toContain(squash(formatDate(lang, week.weekEnd)));
    for (const ph of plan.phases) {
      // Table cells: read from the document (a narrow PDF column interleaves wrapped lines).
      expect(r.docx).toContain(label(lang, 'phase', ph.phase));
      expect(r.docx).toContain(formatDate(lang, ph.plannedEnd));
    }
    const report = plan.weeklyReports.find((w) => w.weekOf === week.weekStart)!;
    expect(report.risks.length).toBeGreaterThan(0);
    for (const risk of report.risks) {
      expect(r.pdf).toContain(squash(risk.cause));
      expect(r.pdf).toContain(squash(risk.solution!));
      expect(r.pdf).toContain(squash(nameOf(risk.owner!, lang)));
    }
    // Done phases are judged against their plan: a phase finished after its planned end is late.
    const late = plan.phases.filter(
      (p) => p.actualEnd && p.actualEnd <= TODAY && p.actualEnd > p.plannedEnd,
    );
    if (late.length) expect(r.pdf).toContain(lang === 'zh-CN' ? '延期' : 'late');
  });

  it('the success case has the profile, pains, why us and results against the baseline', () => {
    const r = pdfOf('case', lang);
    const plan = snapshot().successPlans.at(-1)!;
    const story = plan.successCase!;
    expect(r.pdf).toContain(squash(story.profile!));
    for (const p of story.pains) {
      expect(r.pdf).toContain(squash(p.pain));
      expect(r.pdf).toContain(squash(p.improvement!));
    }
    for (const w of story.whyUs) expect(r.pdf).toContain(squash(w));
    for (const c of plan.criteria) {
      expect(r.pdf).toContain(squash(c.metric));
      expect(r.pdf).toContain(squash(`${formatNumber(lang, c.baseline, 2)}${c.unit ?? ''}`));
      const last = [...c.readings].sort((x, y) => x.date.localeCompare(y.date)).at(-1)!;
      expect(r.pdf).toContain(squash(`${formatNumber(lang, last.value, 2)}${c.unit ?? ''}`));
    }
  });

  it('the brief holds renewal, ARR, health and why, stakeholders, issues and minutes on one page', async () => {
    const r = pdfOf('brief', lang);
    expect(r.pages).toBe(1);
    const s = snapshot();
    const renewal = renewalDate(s.contracts)!;
    expect(r.pdf).toContain(squash(formatDate(lang, renewal)));
    expect(r.pdf).toContain(
      squash(formatMoney(lang, accountArr(s.contracts), s.contracts.at(-1)!.currency)),
    );
    const health = await b.call('health.account', { accountId: demo.strategicId });
    const score = formatNumber(lang, health.score);
    const band = label(lang, 'healthBand', health.band);
    // squash() removed the spaces of the English "66 (Yellow)".
    expect(r.pdf).toContain(lang === 'zh-CN' ? `${score}分（${band}）` : `${score}(${band})`);
    for (const c of s.contacts.filter((x) => x.active).slice(0, 3))
      expect(r.pdf).toContain(squash(c.name));
    const lastVisit = s.visits.filter((v) => v.status === 'done').at(-1)!;
    expect(r.pdf).toContain(squash(formatDate(lang, lastVisit.date)));
  });

  it('the brief of a busy account stays on one page and says what it left off', () => {
    const r = pdfOf('brief', lang, 'busy');
    expect(r.pages).toBe(1);
    // 18 contacts (6 shown), 45 open issues (5 shown), 36 open action items, a long minutes text.
    const more = lang === 'zh-CN' ? /另有(\d+)项未列出/g : /and(\d+)morenotlisted/g;
    const counts = [...r.pdf.matchAll(more)].map((m) => Number(m[1]));
    expect(counts).toEqual(expect.arrayContaining([12, 40]));
    expect(r.pdf).toContain(lang === 'zh-CN' ? '节选' : 'excerpt');
  });
});

it('no Chinese in the fixed text of an English document: every CJK run is data as entered', () => {
  for (const [accountId, who, kinds] of [
    [demo.strategicId, 'demo', KINDS],
    [busyId, 'busy', ['brief'] as const],
  ] as const) {
    const corpus = dataCorpus(accountId);
    for (const kind of kinds) {
      const text = rendered.get(key(kind, 'en-US', who))!.docx;
      const foreign = text
        .split('\n')
        .flatMap((paragraph) => [...squash(paragraph).matchAll(CJK)])
        .map((m) => m[0].replace(/…$/, ''))
        .filter((run) => !corpus.includes(run));
      expect([kind, foreign]).toEqual([kind, []]);
    }
  }
  // And the Chinese documents are Chinese: their headings carry CJK.
  for (const kind of KINDS) expect(pdfOf(kind, 'zh-CN').pdf).toMatch(CJK);
});

it('a week and a usage period can be chosen; a year is no usage period', async () => {
  const week = weekOf(dayFrom(-7));
  const weekly = await b.call('deliverables.generate', {
    kind: 'weekly',
    accountId: demo.strategicId,
    lang: 'en-US',
    week: addDays(week.weekStart, 3),
  });
  expect(weekly.fileName).toContain(week.weekStart);
  expect(await docxText(Buffer.from(weekly.base64, 'base64'))).toContain(
    formatDate('en-US', week.weekEnd),
  );

  const last = monthFrom(-5).slice(0, 7);
  const usage = await b.call('deliverables.generate', {
    kind: 'usage',
    accountId: demo.strategicId,
    lang: 'zh-CN',
    period: last,
  });
  expect(usage.fileName).toContain(`${monthFrom(-6).slice(0, 7)}~${last}`);

  const bad = await b.dispatch('deliverables.generate', {
    kind: 'usage',
    accountId: demo.strategicId,
    period: TODAY.slice(0, 4),
  });
  expect(bad.ok).toBe(false);
  if (!bad.ok)
    expect(bad.errors[0]).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'deliverables.error.usagePeriod',
      path: ['period'],
    });
});

it('a usage report without readings says so, and the success case warns before publishing', async () => {
  const empty = await b.call('account.create', {
    data: {
      name: '无数据客户',
      tier: 'ordinary',
      ownerCsm: account.ownerCsm,
      specialTerms: ['不得对外宣传'],
    },
  });
  // Not ready without readings: refused, with the tab that fixes it, unless asked for a draft.
  const refused = await b.dispatch('deliverables.generate', {
    kind: 'usage',
    accountId: empty._id,
    lang: 'en-US',
  });
  expect(refused).toMatchObject({
    ok: false,
    errors: [
      { code: 'VALIDATION', messageKey: 'readiness.error.notReady' },
      { messageKey: 'deliverables.need.usageInPeriod', path: ['missing', 'overview'] },
    ],
  });
  const usage = await b.call('deliverables.generate', {
    kind: 'usage',
    accountId: empty._id,
    lang: 'en-US',
    draft: true,
  });
  expect(usage.warnings.join('\n')).toMatch(/No usage reading in the period/);
  expect(usage.warnings.join('\n')).toMatch(/No usage reading in the previous period/);
  const text = await docxText(Buffer.from(usage.base64, 'base64'));
  expect(text).toContain('there is no trend to compare');
  const kase = await b.call('deliverables.generate', {
    kind: 'case',
    accountId: empty._id,
    lang: 'zh-CN',
    draft: true,
  });
  expect(kase.warnings.join('\n')).toContain('不得对外宣传');
  expect(kase.warnings.join('\n')).toContain('客户尚未同意');
});

it('batches a new kind for every account of a tier', async () => {
  const strategic = (await b.call('account.list', { filters: { tier: 'strategic' }, limit: 100 }))
    .items;
  const r = await b.call('deliverables.batch', {
    kind: 'weekly',
    lang: 'en-US',
    week: TODAY,
    filter: { tier: 'strategic' },
    includeFiles: true,
  });
  // An account without a planned project is not written, with what it lacks; the rest are.
  const ready = await Promise.all(
    strategic.map(
      async (a) =>
        (await b.call('deliverables.readiness', { kind: 'weekly', accountId: a._id })).ready,
    ),
  );
  const readyCount = ready.filter(Boolean).length;
  expect(readyCount).toBeGreaterThan(0);
  expect(r).toMatchObject({
    total: strategic.length,
    succeeded: readyCount,
    failed: strategic.length - readyCount,
  });
  for (const item of r.items.filter((i) => !i.ok))
    expect(item.error?.messageKey).toBe('readiness.error.notReady');
  for (const item of r.items.filter((i) => i.ok)) {
    expect(item.fileName).toContain(`Weekly project report-${weekOf(TODAY).weekStart}`);
    expect(await docxText(Buffer.from(item.files![0].base64, 'base64'))).toContain(
      'Progress against plan',
    );
  }
});
