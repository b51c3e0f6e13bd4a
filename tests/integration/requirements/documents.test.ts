// The requirements in the customer's documents, read back from the files: the business review's
// "needs delivered this period" and "in progress for you", and the pre-visit brief's lines (what
// to tell, what to confirm, what is on its way), in both languages; the brief stays one page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../../main/backend';
import { formatDate } from '../../../main/deliverables/format';
import type { Locale } from '../../../shared/i18n';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { docxText } from '../../fixtures/deliverables/demoBackend';
import { payingAccount, type SeededAccount } from './seed';

jest.setTimeout(240_000);

let dir: string;
let b: Backend;
let acme: SeededAccount;
const ids: Record<string, string> = {};
const texts = new Map<string, string>();

async function raise(title: string, importance: 'blocking' | 'major' | 'moderate') {
  const { requirement } = await b.call('requirements.create', {
    data: { title, scenario: `${title}的场景：客户每月都要用到。`, productArea: 'reporting' },
    ask: { accountId: acme.id, contactId: acme.contactId, importance },
  });
  return requirement;
}

async function move(id: string, status: 'planned' | 'released' | 'underReview', release?: string) {
  const current = await b.call('requirements.get', { id });
  await b.call('requirements.setStatus', {
    id,
    rev: current.requirement._rev!,
    status,
    ...(release ? { release } : {}),
  });
}

async function generate(kind: 'review' | 'brief', lang: Locale): Promise<Buffer> {
  const out = await b.call('deliverables.generate', {
    kind,
    accountId: acme.id,
    lang,
    ...(kind === 'review' ? { period: TODAY.slice(0, 4), draft: true } : {}),
  });
  return Buffer.from(out.base64, 'base64');
}

beforeAll(async () => {
  dir = tempDir('req-documents');
  b = await openBackend(dir);
  acme = await payingAccount(b, '华东精密制造', 'strategic', 900_000, 'decisionMaker', 60);
  // Shipped and told; shipped, not told yet; planned with a solution to confirm; just collected.
  const told = await raise('按部门导出月度报表', 'blocking');
  await move(told._id, 'planned', 'v5.2');
  await move(told._id, 'released', 'v5.2');
  const toldAsk = (await b.call('requirements.get', { id: told._id })).asks[0];
  await b.call('requirements.tell', { askId: toldAsk.id, kind: 'call' });
  const shipped = await raise('审批流按金额分级', 'major');
  await move(shipped._id, 'planned', 'v5.3');
  await move(shipped._id, 'released', 'v5.3');
  const planned = await raise('与企业微信组织架构同步', 'major');
  await move(planned._id, 'planned', 'v6.0');
  const p = await b.call('requirements.get', { id: planned._id });
  await b.call('requirements.setSolution', {
    id: planned._id,
    rev: p.requirement._rev!,
    solution: '提供通讯录定时同步',
  });
  const collected = await raise('移动端离线填写拜访记录', 'moderate');
  Object.assign(ids, {
    told: told._id,
    shipped: shipped._id,
    planned: planned._id,
    collected: collected._id,
  });
  for (const lang of ['zh-CN', 'en-US'] as const)
    for (const kind of ['review', 'brief'] as const) {
      const buffer = await generate(kind, lang);
      fs.writeFileSync(path.join(dir, `${kind}-${lang}.docx`), new Uint8Array(buffer));
      texts.set(`${kind}-${lang}`, await docxText(buffer));
    }
});

afterAll(async () => {
  await b.close();
  removeDir(dir);
});

const date = (lang: Locale) => formatDate(lang, TODAY);

test('the business review says which needs shipped this period and which are in progress', () => {
  const zh = texts.get('review-zh-CN')!;
  const delivered = zh.indexOf('本期已上线的需求');
  const inProgress = zh.indexOf('为您推进中的需求');
  expect(delivered).toBeGreaterThan(zh.indexOf('三、服务与支持'));
  expect(inProgress).toBeGreaterThan(delivered);
  expect(zh.indexOf('四、健康度')).toBeGreaterThan(inProgress);
  const shippedPart = zh.slice(delivered, inProgress);
  expect(shippedPart).toContain(
    `「按部门导出月度报表」已于 ${date('zh-CN')} 在 v5.2 上线（${date('zh-CN')} 已告知）`,
  );
  expect(shippedPart).toContain(`「审批流按金额分级」已于 ${date('zh-CN')} 在 v5.3 上线`);
  const progressPart = zh.slice(inProgress, zh.indexOf('四、健康度'));
  // The most advanced first: planned with its release and the solution to confirm, then collected.
  expect(progressPart).toContain(
    `「与企业微信组织架构同步」：已规划，计划在 v6.0 上线；方案待您确认（${date('zh-CN')} 提出）`,
  );
  expect(progressPart).toContain(`「移动端离线填写拜访记录」：收集（${date('zh-CN')} 提出）`);
  expect(progressPart.indexOf('企业微信')).toBeLessThan(progressPart.indexOf('移动端离线'));
  expect(progressPart).not.toContain('按部门导出');

  const en = texts.get('review-en-US')!;
  expect(en).toContain('Needs delivered this period');
  expect(en).toContain(
    `“按部门导出月度报表” shipped in v5.2 on ${date('en-US')} (you were told on ${date('en-US')})`,
  );
  expect(en).toContain('In progress for you');
  expect(en).toContain(
    `“与企业微信组织架构同步”: Planned, planned for v6.0; the solution awaits your confirmation (asked on ${date('en-US')})`,
  );
});

test('the review of the quarter before says nothing shipped then, and what is in progress', async () => {
  const year = Number(TODAY.slice(0, 4));
  const quarter = Math.ceil(Number(TODAY.slice(5, 7)) / 3);
  const out = await b.call('deliverables.generate', {
    kind: 'review',
    accountId: acme.id,
    lang: 'zh-CN',
    period: quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`,
    draft: true,
  });
  const text = await docxText(Buffer.from(out.base64, 'base64'));
  expect(text).toContain('本期没有您提出的需求上线。');
  expect(text).toContain('「与企业微信组织架构同步」');
});

test('the pre-visit brief says what to tell, what to confirm and what is coming', () => {
  const zh = texts.get('brief-zh-CN')!;
  expect(zh).toContain('需求进展');
  expect(zh).toContain('• 待告知：1 项需求已上线、尚未告知客户（「审批流按金额分级」）');
  expect(zh).toContain('• 待确认：1 项需求的方案等客户确认（「与企业微信组织架构同步」）');
  expect(zh).toContain('• 推进中：2 项需求，其中 1 项已排入版本');
  const en = texts.get('brief-en-US')!;
  expect(en).toContain('Requirements');
  expect(en).toContain('• To tell: 1 shipped, the customer not told yet (“审批流按金额分级”)');
  expect(en).toContain('• In progress: 2 requirements, 1 of them planned for a release');
});

test('the brief with its requirements still prints on one page', () => {
  const files = ['brief-zh-CN', 'brief-en-US'].map((f) => path.join(dir, `${f}.docx`));
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 200_000 },
  );
  for (const f of files) {
    const info = execFileSync('pdfinfo', [f.replace(/\.docx$/, '.pdf')], { encoding: 'utf8' });
    expect([path.basename(f), Number(/Pages:\s+(\d+)/.exec(info)![1])]).toEqual([
      path.basename(f),
      1,
    ]);
  }
});
