// Every file we write is valid Office Open XML: each XML part of each generated .docx/.xlsx (every
// kind, both languages), every filled company template, the shipped sample template and the
// portfolio workbook validates against the ECMA-376 transitional schemas (xmllint, offline; see
// tests/helpers/ooxml.ts for the markup-compatibility handling). And invalid markup fails.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Backend } from '../../../main/backend';
import { DELIVERABLE_KINDS } from '../../../shared/api/deliverables';
import { openDemoBackend, type DemoBackend } from '../../fixtures/deliverables/demoBackend';
import { everyPlaceholderTemplate } from '../../fixtures/deliverables/templates';
import { TODAY } from '../../helpers/clock';
import { corePartsOf, formatErrors, validateOoxml } from '../../helpers/ooxml';

jest.setTimeout(180_000);

let demo: DemoBackend;
let b: Backend;
const SAMPLE = path.join(__dirname, '../../../assets/templates/company-acceptance.docx');

beforeAll(async () => {
  demo = await openDemoBackend();
  b = demo.backend;
}, 60_000);
afterAll(() => demo.close());

async function expectValid(name: string, file: Buffer): Promise<void> {
  const report = await validateOoxml(file);
  expect({ name, errors: formatErrors(report.errors) }).toEqual({ name, errors: '' });
  expect(report.validated).toEqual(expect.arrayContaining(corePartsOf(name)));
}

const files = (out: {
  fileName: string;
  base64: string;
  attachments: { fileName: string; base64: string }[];
}) => [
  { name: out.fileName, buffer: Buffer.from(out.base64, 'base64') },
  ...out.attachments.map((a) => ({ name: a.fileName, buffer: Buffer.from(a.base64, 'base64') })),
];

// A review of the year holding today: the demo plans that year's success, on any date (the
// default, last quarter, lies in the year before on 1 January, which has no plan).
const THIS_YEAR = TODAY.slice(0, 4);

describe.each(['zh-CN', 'en-US'] as const)('generated files (%s)', (lang) => {
  it.each(DELIVERABLE_KINDS)('%s validates, every part', async (kind) => {
    const out = await b.call('deliverables.generate', {
      kind,
      accountId: demo.strategicId,
      lang,
      ...(kind === 'review' ? { period: THIS_YEAR } : {}),
    });
    for (const f of files(out)) await expectValid(f.name, f.buffer);
  });
});

describe('company templates', () => {
  it('the shipped sample validates as it is', async () => {
    await expectValid('company-acceptance.docx', fs.readFileSync(SAMPLE));
  });

  it.each(DELIVERABLE_KINDS.filter((k) => k !== 'issues'))(
    'the sample and a template with every placeholder, filled for %s, validate',
    async (kind) => {
      const all = await everyPlaceholderTemplate();
      await expectValid('every-placeholder.docx', all);
      for (const template of [fs.readFileSync(SAMPLE), all]) {
        const out = await b.dispatch('deliverables.generate', {
          kind,
          accountId: demo.strategicId,
          lang: 'zh-CN',
          ...(kind === 'review' ? { period: THIS_YEAR } : {}),
          templateBase64: template.toString('base64'),
        });
        // A kind that writes only Excel refuses a template (checked in templates.test.ts).
        if (!out.ok) {
          expect(out.errors[0].messageKey).toBe('deliverables.error.templateKind');
          continue;
        }
        for (const f of files(out.data)) await expectValid(f.name, f.buffer);
      }
    },
  );
});

it('the portfolio workbook validates', async () => {
  const file = await b.call('portfolio.export', { filters: {}, locale: 'zh-CN' });
  await expectValid(file.fileName, Buffer.from(file.base64, 'base64'));
});

describe('the validator catches invalid markup', () => {
  async function withDocument(edit: (xml: string) => string): Promise<Buffer> {
    const zip = await JSZip.loadAsync(new Uint8Array(fs.readFileSync(SAMPLE)));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', edit(xml));
    return Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
  }

  it('fails a run with two w:rPr (what filled templates used to carry)', async () => {
    const bad = await withDocument((xml) =>
      xml.replace(/<w:r>(<w:rPr>[\s\S]*?<\/w:rPr>)/, '<w:r>$1$1'),
    );
    const report = await validateOoxml(bad);
    expect(report.errors.some((e) => e.part === 'word/document.xml' && /rPr/.test(e.message))).toBe(
      true,
    );
  });

  it('fails an element of an unknown namespace that is not declared ignorable', async () => {
    const bad = await withDocument((xml) =>
      xml
        .replace('<w:document ', '<w:document xmlns:zz="urn:not-office" ')
        .replace('<w:body>', '<w:body><zz:thing/>'),
    );
    expect((await validateOoxml(bad)).errors.length).toBeGreaterThan(0);
  });

  it('fails a worksheet cell with a bad type', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'issues',
      accountId: demo.strategicId,
      lang: 'zh-CN',
    });
    const zip = await JSZip.loadAsync(new Uint8Array(Buffer.from(out.base64, 'base64')));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/ t="s"/, ' t="text"'));
    const bad = Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
    const report = await validateOoxml(bad);
    expect(report.errors.some((e) => e.part === 'xl/worksheets/sheet1.xml')).toBe(true);
  });
});
