// Attachments in the real app (browser mode, Chromium): a whiteboard photo added to a visit and
// previewed (served by /files/:id as image/png, inline), a signed PDF previewed, a file over the
// limit and a type not allowed refused under the button in the user's language, a text file
// served only as a download, a file removed; screenshots in Chinese and English.
import { dayFrom } from '../helpers/clock';
import { onePagePdf, pngSquare } from '../helpers/files';
import { MAX_ATTACHMENT_BYTES } from '../../shared/rules/attachments';
import type { Page } from 'playwright-core';
import { openSession, screenshot, type BrowserSession } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let page: Page;
let accountId: string;
let visitId: string;

const api = <T = unknown>(method: string, input: unknown) => session.api<T>(method, input);
const drawer = () => page.locator('.ant-drawer-body');
const items = () => drawer().getByTestId('attachment-item');

async function upload(name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await drawer().locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
}

/** What /files/:id answers inside the page (its cookie carries the token). */
function served(id: string, download = false) {
  return page.evaluate(
    async ([fileId, dl]) => {
      const res = await fetch(`/files/${encodeURIComponent(fileId)}${dl ? '?download=1' : ''}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        disposition: res.headers.get('content-disposition'),
        csp: res.headers.get('content-security-policy'),
        size: bytes.length,
        head: Array.from(bytes.slice(0, 4)),
      };
    },
    [id, download] as const,
  );
}

beforeAll(async () => {
  session = await openSession('attachments');
  page = session.page;
  const account = await api<{ _id: string }>('account.create', {
    data: { name: '苏州恒信电子有限公司', tier: 'strategic', ownerCsm: 'zhang.wei' },
  });
  accountId = account._id;
  await api('directory.create', {
    data: { login: 'zhang.wei', nameZh: '张伟', nameEn: 'Zhang Wei', role: 'csm' },
  });
  const visit = await api<{ _id: string }>('visit.create', {
    accountId,
    data: { purpose: '上线验收与白板评审', date: dayFrom(-2), status: 'planned' },
  });
  visitId = visit._id;
});

afterAll(() => session?.close());

describe('attachments on a visit', () => {
  it('adds a whiteboard photo and previews it', async () => {
    await page.goto(`${session.web.url}#/account/${encodeURIComponent(accountId)}/visits`);
    await page.getByTestId('visit-card').getByTestId('open-attachments').click();
    await drawer().getByTestId('attachments').waitFor();
    await drawer().getByText('还没有附件').waitFor();
    await upload('白板照片.png', 'image/png', pngSquare(160, [200, 60, 40]));
    await items().filter({ hasText: '白板照片.png' }).waitFor();
    await drawer().getByText('已添加“白板照片.png”').waitFor();
    const list = await api<{ items: { id: string; size: number; addedBy: string }[] }>(
      'attachment.list',
      { target: visitId },
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0].addedBy).toBe('zhang.wei');
    const row = items().filter({ hasText: '白板照片.png' });
    // Shown by display name, never the login.
    const added = await row.getByTestId('attachment-added').innerText();
    expect(added).toContain('张伟');
    expect(added).not.toContain('zhang.wei');

    await row.getByTestId('attachment-preview').click();
    const img = page.getByTestId('attachment-image');
    await img.waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid=attachment-image]') as HTMLImageElement)
          ?.naturalWidth > 0,
    );
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(160);
    await screenshot(page, 'attachments-01-image-zh');
    const file = await served(list.items[0].id);
    expect(file).toMatchObject({ status: 200, type: 'image/png', size: list.items[0].size });
    expect(file.head).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(file.disposition).toMatch(/^inline; filename="[^"]*\.png"; filename\*=UTF-8''/);
    expect(file.disposition).toContain(encodeURIComponent('白板照片.png'));
    expect(file.csp).toContain('sandbox');
    await page.keyboard.press('Escape');
    await img.waitFor({ state: 'detached' });
  });

  it('previews a signed PDF', async () => {
    await upload('验收报告-签字版.pdf', 'application/pdf', onePagePdf('Signed acceptance'));
    const row = items().filter({ hasText: '验收报告-签字版.pdf' });
    await row.waitFor();
    await row.getByTestId('attachment-preview').click();
    const frame = page.getByTestId('attachment-pdf');
    await frame.waitFor();
    const src = await frame.getAttribute('src');
    const id = decodeURIComponent(String(src).replace('/files/', ''));
    expect(id).toMatch(/^attachment:/);
    const file = await served(id);
    expect(file).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(file.head).toEqual([0x25, 0x50, 0x44, 0x46]); // %PDF
    expect(file.disposition).toMatch(/^inline;/);
    expect(file.csp).not.toContain('sandbox');
    await page.waitForTimeout(2500);
    await screenshot(page, 'attachments-02-pdf-zh');
    await page.keyboard.press('Escape');
    await frame.waitFor({ state: 'detached' });
  });

  it('refuses a file over the limit and a type not allowed, under the button', async () => {
    await upload('扫描件.jpg', 'image/jpeg', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1));
    const error = drawer().getByTestId('attachment-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('文件大小为 10,485,761 B，每个文件最多 10,485,760 B');
    await upload('setup.exe', 'application/octet-stream', Buffer.from('MZ'));
    await drawer().getByText('“setup.exe”不在其中').waitFor();
    expect(await items().count()).toBe(2);
    await screenshot(page, 'attachments-03-refused-zh');
  });

  it('serves a text file only as a download, and nothing without the token', async () => {
    await upload('会议纪要.txt', 'text/plain', Buffer.from('<script>alert(1)</script>'));
    await items().filter({ hasText: '会议纪要.txt' }).waitFor();
    const row = items().filter({ hasText: '会议纪要.txt' });
    expect(await row.getByTestId('attachment-preview').count()).toBe(0);
    const list = await api<{ items: { id: string; name: string }[] }>('attachment.list', {
      target: visitId,
    });
    const txt = list.items.find((a) => a.name === '会议纪要.txt')!;
    const file = await served(txt.id);
    expect(file).toMatchObject({ status: 200, type: 'application/octet-stream' });
    expect(file.disposition).toMatch(/^attachment;/);
    const png = list.items.find((a) => a.name.endsWith('.png'))!;
    expect((await served(png.id, true)).disposition).toMatch(/^attachment;/);
    const anonymous = await fetch(`${session.web.url}/files/${encodeURIComponent(png.id)}`);
    expect(anonymous.status).toBe(401);
    expect((await served('attachment:NOPE:NOPE')).status).toBe(404);
  });

  it('shows the same in English and removes a file', async () => {
    await page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'detached' });
    await page.getByTestId('locale-switch').getByText('English').click();
    await page.getByTestId('visit-card').getByTestId('open-attachments').click();
    await drawer().getByText('Up to 10.0 MB per file').waitFor();
    await upload('huge.png', 'image/png', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1));
    await drawer().getByText('The file is 10,485,761 B; at most 10,485,760 B per file').waitFor();
    await screenshot(page, 'attachments-04-en');
    const row = items().filter({ hasText: '会议纪要.txt' });
    await row.getByTestId('attachment-remove').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached' });
    expect(await items().count()).toBe(2);
    expect(session.pageErrors).toEqual([]);
  });
});
