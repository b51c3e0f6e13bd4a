// Every document kind converted to PDF by LibreOffice (headless, one start for all files), and the
// Chinese text must survive into the PDF's text layer (pdftotext): no missing fonts, no boxes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DELIVERABLE_KINDS } from '../../../shared/api/deliverables';
import { dayFrom } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';
import { openDemoBackend, type DemoBackend } from '../../fixtures/deliverables/demoBackend';

jest.setTimeout(240_000);

let demo: DemoBackend;
let dir: string;

beforeAll(async () => {
  demo = await openDemoBackend();
  dir = tempDir('deliv-pdf');
});

afterAll(async () => {
  await demo.close();
  removeDir(dir);
});

/** Text that must appear in each kind's PDF (zh-CN). */
const EXPECTED: Record<(typeof DELIVERABLE_KINDS)[number], string[]> = {
  acceptance: ['系统验收报告', '一、项目回顾', '项目验收单'],
  review: ['年度业务分析报告', '成功标准达成情况'],
  minutes: ['拜访纪要', '会议纪要'],
  handover: ['客户交接单', '主要需求'],
  issues: ['问题描述', '优先级'],
  usage: ['使用报告', '一、账号激活'],
  sow: ['工作说明书', '三、交付物与验收标准'],
  weekly: ['项目周报', '三、项目风险'],
  case: ['客户成功案例', '四、改善的效果'],
  brief: ['拜访前简报', '关键人'],
};

it('converts every deliverable to PDF with its Chinese text intact', async () => {
  const files: string[] = [];
  for (const kind of DELIVERABLE_KINDS) {
    const out = await demo.backend.call('deliverables.generate', {
      kind,
      accountId: demo.strategicId,
      lang: 'zh-CN',
      // A review: a year with data even on 1 January, the one holding the day 114 days ago.
      // The other kinds take their defaults (a usage report's period is two months).
      period: kind === 'review' ? dayFrom(-114).slice(0, 4) : undefined,
      // The demo has this year's success plan only; another year's review is a draft.
      draft: true,
    });
    const file = path.join(dir, `${kind}${path.extname(out.fileName)}`);
    fs.writeFileSync(file, new Uint8Array(Buffer.from(out.base64, 'base64')));
    files.push(file);
  }
  const profile = path.join(dir, 'lo-profile');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 200_000 },
  );
  for (const kind of DELIVERABLE_KINDS) {
    const pdf = path.join(dir, `${kind}.pdf`);
    expect([kind, fs.existsSync(pdf)]).toEqual([kind, true]);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, '');
    for (const phrase of EXPECTED[kind])
      expect([kind, text.includes(phrase)]).toEqual([kind, true]);
  }
  // The embedded chart images made it into the review's PDF.
  const images = execFileSync('pdfimages', ['-list', path.join(dir, 'review.pdf')], {
    encoding: 'utf8',
  });
  expect(images.trim().split('\n').length - 2).toBeGreaterThanOrEqual(4);
});
