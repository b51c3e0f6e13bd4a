// Company templates: list placeholders, fill text and tables, refuse unknown placeholders.
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { Backend } from '../../../main/backend';
import { buildSampleTemplate } from '../../../main/deliverables/sampleTemplate';
import { ApiFailure } from '../../../shared/api/errors';
import { TODAY } from '../../helpers/clock';
import JSZip from 'jszip';
import { DELIVERABLE_KINDS } from '../../../shared/api/deliverables';
import {
  everyPlaceholderTemplate,
  TABLE_PLACEHOLDERS,
  TEXT_PLACEHOLDERS,
} from '../../fixtures/deliverables/templates';
import {
  docxTables,
  docxText,
  docxXml,
  openDemoBackend,
  type DemoBackend,
} from '../../fixtures/deliverables/demoBackend';

jest.setTimeout(60_000);

let demo: DemoBackend;
let b: Backend;
const SAMPLE = path.join(__dirname, '../../../assets/templates/company-acceptance.docx');

async function templateOf(...paragraphs: string[][]): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: paragraphs.map(
          (runs) => new Paragraph({ children: runs.map((text) => new TextRun(text)) }),
        ),
      },
    ],
  });
  return (await Packer.toBuffer(doc)).toString('base64');
}

beforeAll(async () => {
  demo = await openDemoBackend();
  b = demo.backend;
}, 60_000);

afterAll(() => demo.close());

it('ships the sample template as the generator builds it', async () => {
  const shipped = await docxText(fs.readFileSync(SAMPLE));
  expect(shipped).toBe(await docxText(await buildSampleTemplate()));
  expect(shipped).toContain('{{deliverables_table}}');
});

it('lists the placeholders of the sample template, all known', async () => {
  const r = await b.call('deliverables.placeholders', {
    templateBase64: fs.readFileSync(SAMPLE).toString('base64'),
  });
  expect(r.placeholders).toEqual(
    expect.arrayContaining(['account_name', 'contract_no', 'deliverables_table', 'phases_table']),
  );
  expect(r.unknown).toEqual([]);
});

it('fills text and tables, in the body and the footer, leaving no placeholder behind', async () => {
  const id = demo.strategicId;
  const account = await b.call('account.get', { id });
  const [sow] = (await b.call('sow.list', { accountId: id })).items;
  const out = await b.call('deliverables.generate', {
    kind: 'acceptance',
    accountId: id,
    lang: 'zh-CN',
    templateBase64: fs.readFileSync(SAMPLE).toString('base64'),
  });
  const buf = Buffer.from(out.base64, 'base64');
  const text = await docxText(buf);
  expect(text).toContain(`客户 Customer：${account.name}`);
  const [y, m, d] = TODAY.split('-').map(Number);
  expect(text).toContain(`日期 Date：${y}年${m}月${d}日`);
  expect(text).not.toContain('{{');
  const footer = await docxXml(buf, 'word/footer1.xml');
  expect(footer).toContain(account.name);
  expect(footer).not.toContain('{{');
  const deliverables = (await docxTables(buf)).find((t) => t[0][0] === '交付物')!;
  expect(deliverables.slice(1).map((r) => r[0])).toEqual(sow.deliverables.map((d) => d.name));
});

it('finds a placeholder that Word split across runs', async () => {
  const tpl = await templateOf(['客户：{{acc', 'ount_na', 'me}}']);
  expect((await b.call('deliverables.placeholders', { templateBase64: tpl })).placeholders).toEqual(
    ['account_name'],
  );
  const out = await b.call('deliverables.generate', {
    kind: 'handover',
    accountId: demo.strategicId,
    lang: 'zh-CN',
    templateBase64: tpl,
  });
  const account = await b.call('account.get', { id: demo.strategicId });
  expect(await docxText(Buffer.from(out.base64, 'base64'))).toContain(`客户：${account.name}`);
});

it('reports unknown placeholders by name instead of leaving them in the output', async () => {
  const tpl = await templateOf(['{{account_name}} {{ceo_name}}'], ['{{budget}}']);
  const listed = await b.call('deliverables.placeholders', { templateBase64: tpl });
  expect(listed.unknown).toEqual(['budget', 'ceo_name']);
  const r = await b.dispatch('deliverables.generate', {
    kind: 'acceptance',
    accountId: demo.strategicId,
    templateBase64: tpl,
  });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.errors[0]).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'deliverables.error.unknownPlaceholders',
      params: { names: '{{budget}}, {{ceo_name}}' },
      path: ['template'],
    });
  }
});

it('refuses a file that is not a .docx, and a template for the Excel issue list', async () => {
  const junk = Buffer.from('not a zip at all').toString('base64');
  await expect(b.call('deliverables.placeholders', { templateBase64: junk })).rejects.toMatchObject(
    {
      errors: [expect.objectContaining({ messageKey: 'deliverables.error.notDocx' })],
    },
  );
  const tpl = await templateOf(['{{account_name}}']);
  const error = await b
    .call('deliverables.generate', {
      kind: 'issues',
      accountId: demo.strategicId,
      templateBase64: tpl,
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiFailure);
  expect((error as ApiFailure).errors[0].messageKey).toBe('deliverables.error.templateKind');
});

describe('every placeholder, every kind', () => {
  it.each(DELIVERABLE_KINDS.filter((k) => k !== 'issues'))(
    '%s: every placeholder is filled and the text around it is kept',
    async (kind) => {
      const tpl = (await everyPlaceholderTemplate()).toString('base64');
      const out = await b.call('deliverables.generate', {
        kind,
        accountId: demo.strategicId,
        lang: 'zh-CN',
        // The year holding today: the demo plans its success on any date (last quarter, the
        // default, lies in a year without a plan on 1 January).
        ...(kind === 'review' ? { period: TODAY.slice(0, 4) } : {}),
        templateBase64: tpl,
      });
      const buf = Buffer.from(out.base64, 'base64');
      const text = await docxText(buf);
      expect(text).not.toMatch(/\{\{|\u27e6/);
      for (const p of [...TEXT_PLACEHOLDERS, ...TABLE_PLACEHOLDERS]) {
        expect(text).toContain(`before ${p}: `);
        expect(text).toContain(` :after ${p}`);
      }
      const lines = text.split('\n');
      const filled = (p: string) =>
        lines
          .find((l) => l.startsWith(`before ${p}: `))!
          .slice(`before ${p}: `.length, -` :after ${p}`.length);
      const account = await b.call('account.get', { id: demo.strategicId });
      expect(filled('account_name')).toBe(account.name);
      // {{period}} is never empty: the review's period, the visit's day, else the document's day.
      expect(filled('period')).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
      if (kind === 'review') expect(filled('period')).toContain('至');
      for (const p of ['visit_date', 'visit_purpose', 'visit_attendees', 'visit_place']) {
        expect(filled(p)).not.toBe('');
      }
      // Each table sits between the text that was before and after its placeholder.
      const xml = await docxXml(buf);
      for (const p of TABLE_PLACEHOLDERS) {
        const at = xml.indexOf(`before ${p}: `);
        const after = xml.indexOf(` :after ${p}`);
        expect(xml.slice(at, after)).toContain('<w:tbl>');
      }
      // One w:rPr per run (the template's own; the schema test checks the whole file).
      expect(xml).not.toMatch(/<w:r>(?:<w:rPr>(?:(?!<\/w:r>)[\s\S])*?<\/w:rPr>){2}/);
      if (kind === 'review') {
        expect(out.attachments.map((a) => a.fileName)).toEqual([expect.stringMatching(/\.xlsx$/)]);
      } else expect(out.attachments).toEqual([]);
    },
  );

  it('minutes fill the chosen visit: date, attendees by display name, action items', async () => {
    const visits = (await b.call('visit.list', { accountId: demo.strategicId, limit: 100 })).items;
    const visit =
      visits.find((v) => v.actionItems.length && v.attendees.vendor.length) ?? visits[0];
    const tpl = (await everyPlaceholderTemplate()).toString('base64');
    const out = await b.call('deliverables.generate', {
      kind: 'minutes',
      accountId: demo.strategicId,
      lang: 'zh-CN',
      visitId: visit._id,
      templateBase64: tpl,
    });
    const buf = Buffer.from(out.base64, 'base64');
    const text = await docxText(buf);
    const [y, m, d] = visit.date.split('-').map(Number);
    expect(text).toContain(`before period: ${y}年${m}月${d}日`);
    for (const login of visit.attendees.vendor) {
      const person = await b.call('directory.get', { login }).catch(() => null);
      if (person) expect(text).toContain(person.nameZh);
      expect(text).not.toContain(`${login} `);
    }
    const actions = (await docxTables(buf)).find((tb) => tb[0][0] === '事项')!;
    expect(actions.slice(1).map((r) => r[0])).toEqual(visit.actionItems.map((a) => a.title));
  });
});

describe('a damaged template', () => {
  async function damagedTemplate(): Promise<string> {
    const zip = await JSZip.loadAsync(new Uint8Array(fs.readFileSync(SAMPLE)));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.slice(0, Math.floor(xml.length / 2)));
    return Buffer.from(await zip.generateAsync({ type: 'uint8array' })).toString('base64');
  }

  it('is one VALIDATION error naming the template field, in both languages', async () => {
    const tpl = await damagedTemplate();
    for (const r of [
      await b.dispatch('deliverables.generate', {
        kind: 'acceptance',
        accountId: demo.strategicId,
        templateBase64: tpl,
      }),
      await b.dispatch('deliverables.placeholders', { templateBase64: tpl }),
    ]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({
        code: 'VALIDATION',
        messageKey: 'templatesUi.error.damaged',
        path: ['template'],
      });
      expect(r.errors[0].message).not.toMatch(/circular|templateBase64/i);
    }
  });
});
