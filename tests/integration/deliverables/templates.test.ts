// Company templates: list placeholders, fill text and tables, refuse unknown placeholders.
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { Backend } from '../../../main/backend';
import { buildSampleTemplate } from '../../../main/deliverables/sampleTemplate';
import { ApiFailure } from '../../../shared/api/errors';
import { TODAY } from '../../helpers/clock';
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
      path: ['templateBase64'],
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
