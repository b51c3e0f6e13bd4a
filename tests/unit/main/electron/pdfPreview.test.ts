// The desktop PDF preview: a dedicated sandboxed window with plugins on (the main window keeps its
// policy), one in-memory URL per PDF, released on close, nothing else loaded or opened.
import fs from 'node:fs';
import path from 'node:path';
import {
  PDF_PREVIEW_PARTITION,
  PDF_PREVIEW_SCHEME,
  PDF_PREVIEW_SCHEME_PRIVILEGES,
  PdfPreviewStore,
  isAllowedPreviewRequest,
  openPdfPreviewWindow,
  pdfPreviewWindowOptions,
  previewAttachmentPdf,
} from '../../../../main/electron/pdfPreview';
import { CONTENT_SECURITY_POLICY } from '../../../../main/electron/security';
import { windowOptions } from '../../../../main/electron/windowFactory';
import type { ApiResult } from '../../../../shared/api/errors';
import { FakeWindow, navigationEvent } from '../../../helpers/fakeBrowserWindow';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

describe('the preview window', () => {
  it('is sandboxed, without Node or preload, in its own in-memory session, plugins on', () => {
    const prefs = pdfPreviewWindowOptions('scan.pdf').webPreferences!;
    expect(prefs.partition).toBe(PDF_PREVIEW_PARTITION);
    expect(PDF_PREVIEW_PARTITION.startsWith('persist:')).toBe(false);
    expect(prefs.plugins).toBe(true);
    expect(prefs.preload).toBeUndefined();
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.devTools).toBe(false);
  });

  it('leaves the main window and its policy as strict as before', () => {
    const main = windowOptions({
      preload: '/p.js',
      appUrl: 'file:///app/index.html',
      bounds: { width: 1, height: 1 },
      packaged: true,
      title: 't',
    }).webPreferences!;
    expect(main.plugins).toBeUndefined();
    expect(main.partition).toBeUndefined();
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/frame-src|blob:|csm-preview/);
  });

  it('registers its scheme as standard and secure, bypassing no policy', () => {
    expect(PDF_PREVIEW_SCHEME_PRIVILEGES.scheme).toBe(PDF_PREVIEW_SCHEME);
    expect(PDF_PREVIEW_SCHEME_PRIVILEGES.privileges).toMatchObject({
      standard: true,
      secure: true,
      bypassCSP: false,
      supportFetchAPI: false,
      corsEnabled: false,
      allowServiceWorkers: false,
    });
  });

  it('lets the preview session reach no network and no file', () => {
    for (const url of [
      'https://example.com/x',
      'http://127.0.0.1:5984/team',
      'wss://example.com',
      'file:///etc/passwd',
      'data:text/html,<b>x</b>',
      'blob:csm-preview://abc/1',
      'not a url',
    ]) {
      expect(isAllowedPreviewRequest(url)).toBe(false);
    }
    expect(isAllowedPreviewRequest(`${PDF_PREVIEW_SCHEME}://0123/scan.pdf`)).toBe(true);
    expect(
      isAllowedPreviewRequest('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html'),
    ).toBe(true);
  });
});

describe('PdfPreviewStore', () => {
  it('serves the registered bytes as a PDF, and nothing for other tokens', async () => {
    const store = new PdfPreviewStore();
    const { token, url } = store.register(PDF, '验收单 signed.pdf');
    expect(url.startsWith(`${PDF_PREVIEW_SCHEME}://${token}/`)).toBe(true);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const ok = store.respond(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await ok.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await store.respond(url, 'HEAD').arrayBuffer()).byteLength).toBe(0);

    const other = store.register(PDF, 'b.pdf');
    expect(other.token).not.toBe(token);
    expect(store.respond(`${PDF_PREVIEW_SCHEME}://${'0'.repeat(32)}/x.pdf`).status).toBe(404);
    expect(store.respond(`https://${token}/x.pdf`).status).toBe(404);
    expect(store.respond(url, 'POST').status).toBe(404);
    expect(store.respond('::').status).toBe(404);
  });

  it('forgets the bytes when released', () => {
    const store = new PdfPreviewStore();
    const { token, url } = store.register(PDF, 'a.pdf');
    store.release(token);
    expect(store.size).toBe(0);
    expect(store.respond(url).status).toBe(404);
  });

  it('keeps a path out of the URL name', () => {
    const { url } = new PdfPreviewStore().register(PDF, '../../etc/x.pdf');
    expect(new URL(url).pathname.split('/').length).toBe(2);
  });
});

describe('openPdfPreviewWindow', () => {
  function open() {
    const store = new PdfPreviewStore();
    const external: string[] = [];
    openPdfPreviewWindow(FakeWindow as never, store, (u) => void external.push(u), {
      bytes: PDF,
      name: 'scan.pdf',
    });
    return { win: FakeWindow.last, store, external };
  }

  it('loads its one URL, shows when ready, and releases the bytes on close', () => {
    const { win, store } = open();
    expect(win.loaded).toHaveLength(1);
    expect(win.loaded[0].startsWith(`${PDF_PREVIEW_SCHEME}://`)).toBe(true);
    expect(win.options.title).toBe('scan.pdf');
    expect(store.size).toBe(1);
    win.emitWindow('ready-to-show');
    expect(win.shown).toBe(1);
    win.emitWindow('closed');
    expect(store.size).toBe(0);
  });

  it('stays on its PDF: navigation, redirects, new windows and webviews refused', () => {
    const { win, external } = open();
    const own = navigationEvent();
    win.emit('will-navigate', own, `${win.loaded[0]}#page=2`);
    expect(own.prevented).toBe(false);
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/linked', 'file:///etc/passwd']) {
        const away = navigationEvent();
        win.emit(event, away, url);
        expect(away.prevented).toBe(true);
      }
    }
    expect(win.openHandler!({ url: 'https://example.com/new' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    const attach = navigationEvent();
    win.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
    // Safe links in the PDF go to the system browser instead.
    expect(external).toEqual([
      'https://example.com/linked',
      'https://example.com/linked',
      'https://example.com/new',
    ]);
  });
});

describe('previewAttachmentPdf', () => {
  const answer = (contentType: string, available = true): ApiResult<unknown> => ({
    ok: true,
    data: {
      info: { name: 'scan.pdf', contentType },
      dataBase64: PDF.toString('base64'),
      available,
    },
  });

  it('opens the PDF with the bytes the backend returned', async () => {
    const opened: { bytes: Buffer; name: string }[] = [];
    const asked: string[] = [];
    const result = await previewAttachmentPdf(
      'attachment:K1:01H',
      (id) => {
        asked.push(id);
        return Promise.resolve(answer('application/pdf'));
      },
      (f) => void opened.push(f),
    );
    expect(result).toEqual({ ok: true, data: { opened: true } });
    expect(asked).toEqual(['attachment:K1:01H']);
    expect(opened).toHaveLength(1);
    expect(opened[0].bytes.equals(PDF)).toBe(true);
    expect(opened[0].name).toBe('scan.pdf');
  });

  it('refuses a non-PDF, a missing file, a bad id, and passes backend refusals on', async () => {
    const opened: unknown[] = [];
    const push = (f: unknown) => void opened.push(f);
    const image = await previewAttachmentPdf('a', () => Promise.resolve(answer('image/png')), push);
    expect(image.ok).toBe(false);
    const missing = await previewAttachmentPdf(
      'a',
      () => Promise.resolve(answer('application/pdf', false)),
      push,
    );
    expect(!missing.ok && missing.errors[0].messageKey).toBe('attachmentsUi.unavailable');
    const bad = await previewAttachmentPdf(42, () => Promise.reject(new Error('no')), push);
    expect(!bad.ok && bad.errors[0].path).toEqual(['id']);
    const refused: ApiResult<unknown> = {
      ok: false,
      errors: [{ code: 'FORBIDDEN', path: [], message: 'no', messageKey: 'error.forbidden' }],
    };
    expect(await previewAttachmentPdf('a', () => Promise.resolve(refused), push)).toBe(refused);
    expect(opened).toHaveLength(0);
  });
});

describe('the Electron main process', () => {
  const source = fs.readFileSync(
    path.join(__dirname, '../../../../main/electron/main.electron.ts'),
    'utf8',
  );

  it('wires the preview session: its scheme, no permissions, no network, trusted sender only', () => {
    expect(source).toContain(
      'protocol.registerSchemesAsPrivileged([PDF_PREVIEW_SCHEME_PRIVILEGES])',
    );
    expect(source).toContain('session.fromPartition(PDF_PREVIEW_PARTITION)');
    expect(source).toMatch(/previewSession\.protocol\.handle\(PDF_PREVIEW_SCHEME/);
    expect(source).toMatch(
      /previewSession\.setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(false\)/,
    );
    expect(source).toContain('isAllowedPreviewRequest(details.url)');
    expect(source).toMatch(
      /ipcMain\.handle\(PDF_PREVIEW_CHANNEL[\s\S]{0,120}isTrustedSender\(event\.senderFrame, appUrl\)/,
    );
  });
});
