// Documents the customer signs name people by their names, never by login: every text of the
// acceptance report, the business review (.docx and .xlsx), minutes, the handover sheet and the
// issue list of a demo account, in both languages, holds no login of the team directory.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Backend } from '../../../main/backend';
import type { TeamMember } from '../../../shared/api/directory';
import type { EntityDoc } from '../../../shared/domain/entities';
import { openDemoBackend, type DemoBackend } from '../../fixtures/deliverables/demoBackend';

jest.setTimeout(90_000);

let demo: DemoBackend;
let b: Backend;
let account: EntityDoc<'account'>;
let members: TeamMember[];

/** Every text of every XML part (document, headers, core properties), tags removed. */
async function docxAllText(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(new Uint8Array(Buffer.from(base64, 'base64')));
  const parts = Object.keys(zip.files).filter((n) => n.endsWith('.xml'));
  const texts = await Promise.all(parts.map((n) => zip.file(n)!.async('string')));
  return texts.map((xml) => xml.replace(/<[^>]+>/g, ' ')).join('\n');
}

/** Every cell of every sheet, and the workbook's author. */
async function xlsxAllText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  const out = [wb.creator ?? '', wb.lastModifiedBy ?? ''];
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => out.push(cell.text ?? String(cell.value)))),
  );
  return out.join('\n');
}

const loginsIn = (text: string) => members.map((m) => m.login).filter((l) => text.includes(l));

beforeAll(async () => {
  demo = await openDemoBackend();
  b = demo.backend;
  account = await b.call('account.get', { id: demo.strategicId });
  members = (await b.call('directory.list', {})).members;
}, 60_000);

afterAll(() => demo.close());

describe.each(['zh-CN', 'en-US'] as const)('documents in %s', (lang) => {
  const nameOf = (login: string) => {
    const m = members.find((x) => x.login === login)!;
    return lang === 'zh-CN' ? m.nameZh! : m.nameEn!;
  };

  it('the directory knows every person the demo account names', () => {
    expect(members.length).toBeGreaterThan(10);
    for (const login of [account.ownerCsm, account.consultant, account.salesOwner])
      expect(members.map((m) => m.login)).toContain(login);
  });

  it.each(['acceptance', 'minutes', 'handover'] as const)(
    '%s names people, not logins',
    async (kind) => {
      const out = await b.call('deliverables.generate', { kind, accountId: account._id, lang });
      const text = await docxAllText(out.base64);
      expect(loginsIn(text)).toEqual([]);
      if (kind !== 'handover') expect(text).toContain(nameOf(account.ownerCsm));
    },
  );

  it('the business review (.docx and its .xlsx appendix) names people, not logins', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'review',
      accountId: account._id,
      lang,
      // The default period is the last full quarter, which may lie in a year the demo has no
      // success plan for (on 1 January): people are named in a draft too.
      draft: true,
    });
    const docx = await docxAllText(out.base64);
    expect(loginsIn(docx)).toEqual([]);
    expect(docx).toContain(nameOf(account.ownerCsm));
    expect(out.attachments).toHaveLength(1);
    const xlsx = await xlsxAllText(out.attachments[0].base64);
    expect(loginsIn(xlsx)).toEqual([]);
    expect(xlsx).toContain(nameOf(account.ownerCsm));
  });

  it('the issue list names owners, not logins', async () => {
    const out = await b.call('deliverables.generate', {
      kind: 'issues',
      accountId: account._id,
      lang,
    });
    const xlsx = await xlsxAllText(out.base64);
    expect(loginsIn(xlsx)).toEqual([]);
  });
});

describe('a login the directory does not know', () => {
  it('is shown as itself', async () => {
    const other = await b.call('account.create', {
      data: { name: '陌生人客户', tier: 'micro', ownerCsm: 'stranger.x' },
    });
    const out = await b.call('deliverables.generate', {
      kind: 'acceptance',
      accountId: other._id,
      lang: 'en-US',
      draft: true,
    });
    expect(await docxAllText(out.base64)).toContain('stranger.x');
  });
});
