// Deliverables read as a customer's executive reads them (issue 12): every existing kind rendered
// to PDF by LibreOffice in both languages and read back page by page (pdftotext), plus what a
// document needs before it is final (readiness), drafts marked on every page, periods inside the
// account's contract history, --out mistakes and an empty batch scope.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { ApiFailure } from '../../../shared/api/errors';
import type { EntityDoc } from '../../../shared/domain/entities';
import { loadDemo } from '../../../main/demo/load';
import { loadSnapshot } from '../../../main/deliverables/snapshot';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(300_000);

const ROOT = path.join(__dirname, '../../..');
const KINDS = ['acceptance', 'review', 'minutes', 'handover', 'issues'] as const;
const LANGS = ['zh-CN', 'en-US'] as const;
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

let dataDir: string;
let outDir: string;
let strategic: EntityDoc<'account'>;
let bare: EntityDoc<'account'>;
let logins: string[];
/** Every text of the strategic account's documents that holds CJK: data entered in Chinese. */
let chineseData: string[];
/** kind -> lang -> pages of text. */
const pages: Record<string, Record<string, string[]>> = {};
/** kind -> lang -> the file name the API gave. */
const fileNames: Record<string, Record<string, string>> = {};
let draftPages: Record<string, string[]> = {};

function csm(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['main/cli/csm.ts', ...args, '--data-dir', dataDir],
    { cwd: ROOT, encoding: 'utf8', timeout: 90_000, env: { ...process.env, CSM_TODAY: TODAY } },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function pdfPages(pdf: string): string[] {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  return Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', `${i + 1}`, '-l', `${i + 1}`, pdf, '-'], {
      encoding: 'utf8',
    }),
  );
}

/** Every string value inside a document (recursively). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => stringsOf(v, out));
  return out;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The fixed text of a page: the page with every piece of Chinese data taken out. */
function fixedText(page: string): string {
  let text = squeeze(page);
  for (const d of chineseData) text = text.split(d).join('');
  return text;
}

async function write(file: string, out: { base64: string }): Promise<string> {
  const target = path.join(outDir, file);
  fs.writeFileSync(target, new Uint8Array(Buffer.from(out.base64, 'base64')));
  return target;
}

beforeAll(async () => {
  dataDir = tempDir('deliv-ready');
  outDir = tempDir('deliv-ready-out');
  const b = await openBackend(dataDir);
  await loadDemo(b.ctx.store, 12, { seed: 7, today: TODAY, user: 'zhang.wei' });
  strategic = (await b.call('account.list', { filters: { tier: 'strategic' }, limit: 1 }))
    .items[0] as EntityDoc<'account'>;
  bare = await b.call('account.create', {
    data: {
      name: '几乎空白的客户',
      nameEn: 'Nearly Empty Ltd.',
      tier: 'strategic',
      ownerCsm: 'li.na',
    },
  });
  logins = (await b.call('directory.list', {})).members.map((m) => m.login);
  const docs = b.ctx.queries.accountDocs(strategic._id, ['timeline']);
  // The team-wide requirements the account asked for: their titles are data as entered too.
  const requirementTitles = loadSnapshot(b.ctx.queries, strategic._id).requirements.map(
    (r) => r.title,
  );
  chineseData = [
    ...new Set(
      stringsOf([docs, requirementTitles])
        .filter((x) => CJK.test(x))
        .flatMap((x) => [x, ...x.split('\n')])
        .map(squeeze)
        .filter(Boolean),
    ),
  ].sort((x, y) => y.length - x.length);

  const files: string[] = [];
  // The review covers the year holding today: this year's success plan is in the demo data.
  const year = TODAY.slice(0, 4);
  for (const lang of LANGS)
    for (const kind of KINDS) {
      const out = await b.call('deliverables.generate', {
        kind,
        accountId: strategic._id,
        lang,
        ...(kind === 'review' ? { period: year } : {}),
      });
      (fileNames[kind] ??= {})[lang] = out.fileName;
      files.push(await write(`${kind}-${lang}${path.extname(out.fileName)}`, out));
    }
  for (const lang of LANGS) {
    const out = await b.call('deliverables.generate', {
      kind: 'acceptance',
      accountId: bare._id,
      lang,
      draft: true,
    });
    expect(out.warnings[0]).toContain(lang === 'zh-CN' ? '草稿' : 'DRAFT');
    files.push(await write(`draft-${lang}.docx`, out));
  }
  await b.close();

  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(outDir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 240_000 },
  );
  for (const kind of KINDS) {
    pages[kind] = {};
    for (const lang of LANGS)
      pages[kind][lang] = pdfPages(path.join(outDir, `${kind}-${lang}.pdf`));
  }
  draftPages = Object.fromEntries(
    LANGS.map((lang) => [lang, pdfPages(path.join(outDir, `draft-${lang}.pdf`))]),
  );
});

afterAll(() => {
  removeDir(dataDir);
  removeDir(outDir);
});

describe.each(KINDS)('%s rendered to PDF', (kind) => {
  it.each(LANGS)('names people, not logins, in %s', (lang) => {
    const text = pages[kind][lang].join('\n');
    expect(pages[kind][lang].length).toBeGreaterThan(0);
    expect(logins.filter((l) => text.includes(l))).toEqual([]);
  });

  it('has no Chinese in the fixed text of the English document', () => {
    // A spreadsheet cell prints only what fits its row: there a Chinese run may be the start of
    // a longer data text (a comment cut at the cell's edge), never fixed text of the document.
    // The page has lost the shorter data inside such a text (names, modules) to fixedText too.
    const pieces = chineseData.map((d) =>
      chineseData.filter((o) => o.length < d.length).reduce((x, o) => x.split(o).join(''), d),
    );
    const cutData = (run: string) => kind === 'issues' && pieces.some((p) => p.includes(run));
    const leftovers = pages[kind]['en-US']
      .map(fixedText)
      .flatMap((p) =>
        [...p.matchAll(new RegExp(`.{0,12}${CJK.source}+.{0,12}`, 'g'))]
          .filter((m) => !cutData(m[0].match(new RegExp(`${CJK.source}+`))![0]))
          .map((m) => m[0]),
      );
    expect(leftovers).toEqual([]);
  });

  it("uses the account's English name in English (the issue list: in its file name)", () => {
    expect(fileNames[kind]['en-US']).toContain(strategic.nameEn!);
    expect(fileNames[kind]['zh-CN']).toContain(strategic.name);
    if (kind !== 'issues')
      expect(squeeze(pages[kind]['en-US'].join(''))).toContain(squeeze(strategic.nameEn!));
  });
});

describe('the acceptance report', () => {
  it('draws its conclusion from the deliverables: open ones listed, no acceptance sentence', () => {
    const zh = squeeze(pages.acceptance['zh-CN'].join(''));
    expect(zh).not.toContain('同意对该项目验收');
    expect(zh).toMatch(/以下\d+项尚未通过验收/);
    const en = squeeze(pages.acceptance['en-US'].join(''));
    expect(en).not.toContain(squeeze('the project is agreed to be accepted'));
    expect(en).toContain(squeeze('have not yet:'));
    // No invented figures for a project that has them.
    expect(zh).not.toMatch(/历时0天|0次集中讨论|0场/);
  });

  it('marks every page of a draft, top and bottom, in both languages', () => {
    for (const lang of LANGS) {
      const mark = lang === 'zh-CN' ? '草稿' : 'DRAFT';
      expect(draftPages[lang].length).toBeGreaterThan(1);
      for (const page of draftPages[lang])
        expect(page.split(mark).length - 1).toBeGreaterThanOrEqual(2);
    }
    // The nearly empty account's draft invents nothing and agrees to nothing.
    const zh = squeeze(draftPages['zh-CN'].join(''));
    expect(zh).not.toMatch(/历时0天|0次集中讨论|0场/);
    expect(zh).not.toContain('同意对该项目验收');
  });

  it('states the acceptance once every deliverable is accepted', async () => {
    const b = await openBackend(dataDir);
    try {
      const [sow] = (await b.call('sow.list', { accountId: strategic._id, limit: 5 }))
        .items as EntityDoc<'sow'>[];
      await b.call('sow.update', {
        id: sow._id,
        rev: sow._rev!,
        changes: {
          deliverables: sow.deliverables.map((d) => ({ ...d, status: 'accepted' as const })),
        },
      });
      const out = await b.call('deliverables.generate', {
        kind: 'acceptance',
        accountId: strategic._id,
        lang: 'zh-CN',
      });
      const zip = await JSZip.loadAsync(new Uint8Array(Buffer.from(out.base64, 'base64')));
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain('同意对该项目验收');
      expect(xml).not.toContain('尚未通过验收');
      await b.call('sow.update', {
        id: sow._id,
        rev: (await b.call('sow.get', { id: sow._id }))._rev!,
        changes: { deliverables: sow.deliverables },
      });
    } finally {
      await b.close();
    }
  });
});

describe('the business review', () => {
  it('says a running period is to date, and has the summary, NPS and risks', () => {
    const zh = squeeze(pages.review['zh-CN'].join(''));
    expect(zh).toContain('（截至');
    for (const h of ['摘要', '客户满意度（NPS）', '风险']) expect(zh).toContain(h);
    const en = squeeze(pages.review['en-US'].join(''));
    expect(en).toContain(squeeze('(to '));
    for (const h of ['Executive summary', 'Customer satisfaction (NPS)', 'Risks'])
      expect(en).toContain(squeeze(h));
  });
});

describe('readiness, periods, --out and batches at the API and the command line', () => {
  it('answers readiness before generating and refuses a document that is not ready', async () => {
    const b = await openBackend(dataDir);
    try {
      const r = await b.call('deliverables.readiness', { kind: 'acceptance', accountId: bare._id });
      expect(r.ready).toBe(false);
      expect(r.missing.map((m) => [m.need, m.tab])).toEqual([
        ['readiness.need.projectPlan', 'plan'],
        ['readiness.need.sow', 'sow'],
        ['readiness.need.contract', 'overview'],
      ]);
      expect(
        (await b.call('deliverables.readiness', { kind: 'acceptance', accountId: strategic._id }))
          .ready,
      ).toBe(true);
      const refused = await b.dispatch('deliverables.generate', {
        kind: 'acceptance',
        accountId: bare._id,
      });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.errors[0]).toMatchObject({
          code: 'VALIDATION',
          messageKey: 'readiness.error.notReady',
        });
        expect(refused.errors.slice(1).map((e) => e.path)).toEqual([
          ['missing', 'plan'],
          ['missing', 'sow'],
          ['missing', 'overview'],
        ]);
      }
      // A draft is never filled into a company template, whose pages the mark cannot reach.
      const template = fs.readFileSync(path.join(ROOT, 'assets/templates/company-acceptance.docx'));
      const templated = await b.dispatch('deliverables.generate', {
        kind: 'acceptance',
        accountId: bare._id,
        draft: true,
        templateBase64: template.toString('base64'),
      });
      expect(templated).toMatchObject({
        ok: false,
        errors: [
          { code: 'VALIDATION', messageKey: 'readiness.error.templateDraft', path: ['template'] },
        ],
      });
      // A batch reports it as not written, with the reason.
      const batch = await b.call('deliverables.batch', {
        kind: 'acceptance',
        lang: 'zh-CN',
        filter: { accountIds: [strategic._id, bare._id] },
      });
      expect(batch).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
      expect(batch.items.find((i) => !i.ok)).toMatchObject({
        accountId: bare._id,
        error: { code: 'VALIDATION', messageKey: 'readiness.error.notReady' },
        missing: [{ tab: 'plan' }, { tab: 'sow' }, { tab: 'overview' }],
      });
      // Periods: not to come, not before the account's first contract.
      const next = String(Number(TODAY.slice(0, 4)) + 1);
      for (const [period, key] of [
        [next, 'readiness.error.periodFuture'],
        ['1999', 'readiness.error.periodBeforeContracts'],
      ]) {
        const bad = await b.dispatch('deliverables.generate', {
          kind: 'review',
          accountId: strategic._id,
          period,
        });
        expect(bad.ok).toBe(false);
        if (!bad.ok)
          expect(bad.errors[0]).toMatchObject({
            code: 'VALIDATION',
            messageKey: key,
            path: ['period'],
          });
      }
      await expect(
        b.call('deliverables.readiness', {
          kind: 'review',
          accountId: strategic._id,
          period: next,
        }),
      ).rejects.toBeInstanceOf(ApiFailure);
    } finally {
      await b.close();
    }
  });

  it('refuses at the command line with the list (exit 2), and writes a draft with --draft', () => {
    const out = path.join(outDir, 'cli-acceptance.docx');
    const refused = csm('generate', 'acceptance', '--account', bare._id, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not ready: 3 missing');
    expect(refused.stderr).toContain('a project plan / 项目计划');
    expect(refused.stderr).toContain('[tab: sow]');
    expect(fs.existsSync(out)).toBe(false);
    const draft = csm('generate', 'acceptance', '--account', bare._id, '--out', out, '--draft');
    expect(draft.code).toBe(0);
    expect(draft.stderr).toContain('warning: 已生成草稿');
    expect(fs.statSync(out).size).toBeGreaterThan(5_000);

    const future = csm(
      'generate',
      'review',
      '--account',
      strategic._id,
      '--out',
      path.join(outDir, 'future.docx'),
      '--period',
      String(Number(TODAY.slice(0, 4)) + 1),
    );
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/error: VALIDATION at --period: period \d{4} has not begun/);
  });

  it('refuses a wrong --out extension, a review appendix on its own file and a missing folder', () => {
    const xlsx = path.join(outDir, 'a.xlsx');
    const wrong = csm('generate', 'acceptance', '--account', strategic._id, '--out', xlsx);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('acceptance writes a Word file; name it *.docx, not *.xlsx');
    expect(fs.existsSync(xlsx)).toBe(false);
    const review = csm('generate', 'review', '--account', strategic._id, '--out', xlsx);
    expect(review.code).toBe(2);
    expect(review.stderr).toContain('the .xlsx appendix is written beside it');
    const missing = path.join(outDir, 'no-such-folder');
    const folder = csm(
      'generate',
      'issues',
      '--account',
      strategic._id,
      '--out',
      path.join(missing, 'i.xlsx'),
    );
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('does not exist');
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('refuses an empty batch scope (exit 2) and takes a consultant by display name', () => {
    const empty = csm(
      'generate-batch',
      'issues',
      '--consultant',
      'nobody',
      '--out-dir',
      path.join(outDir, 'b0'),
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no account matches --consultant nobody');
    expect(fs.existsSync(path.join(outDir, 'b0'))).toBe(false);
    const byLogin = csm(
      'generate-batch',
      'issues',
      '--consultant',
      strategic.ownerCsm,
      '--out-dir',
      path.join(outDir, 'b1'),
      '--json',
    );
    const byName = csm(
      'generate-batch',
      'issues',
      '--consultant',
      nameZh,
      '--out-dir',
      path.join(outDir, 'b2'),
      '--json',
    );
    expect(byLogin.code).toBe(0);
    expect(byName.code).toBe(0);
    const total = (r: { stdout: string }) => (JSON.parse(r.stdout) as { total: number }).total;
    expect(total(byName)).toBe(total(byLogin));
    expect(total(byLogin)).toBeGreaterThan(0);
  });
});

let nameZh = '';
beforeAll(async () => {
  // The owner CSM's Chinese display name, read from the directory once the data exists.
  const b = await openBackend(dataDir);
  try {
    const members = (await b.call('directory.list', {})).members;
    nameZh = members.find((m) => m.login === strategic.ownerCsm)!.nameZh!;
  } finally {
    await b.close();
  }
});
