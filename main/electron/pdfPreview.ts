// PDF preview in the desktop app: Chromium's built-in PDF viewer, in a dedicated window of its own
// in-memory session, never in the main window. The main window's policy stays as it is (no
// `frame-src`, `object-src 'none'`, plugins off): the preview window is the only place with
// plugins on, it has no preload and no Node, is sandboxed, and can load one URL only,
// `csm-preview://<token>/<name>` served from memory by this module. Electron is passed in, so a
// unit test asserts every decision here.
import { randomBytes } from 'node:crypto';
import type { BrowserWindow, BrowserWindowConstructorOptions, CustomScheme } from 'electron';
import type { ApiResult } from '../../shared/api/errors';
import type { MessageKey } from '../../shared/i18n';
import { HARDENED_WEB_PREFERENCES, keepWindowHome } from './windowHardening';

export const PDF_PREVIEW_SCHEME = 'csm-preview';
/** No `persist:` prefix: the session, its cache included, lives in memory only. */
export const PDF_PREVIEW_PARTITION = 'csm-pdf-preview';
export const PDF_PREVIEW_CHANNEL = 'csm:previewPdf';
export const PDF_CONTENT_TYPE = 'application/pdf';

/**
 * Registered before `ready`. The built-in viewer reads a custom scheme only when it is standard
 * (electron/electron#24859); `secure` keeps it out of mixed-content rules. No fetch, no CORS, no
 * service workers, no bypass of any policy.
 */
export const PDF_PREVIEW_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: PDF_PREVIEW_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: false,
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
  },
};

export function pdfPreviewWindowOptions(title: string): BrowserWindowConstructorOptions {
  return {
    width: 900,
    height: 1000,
    minWidth: 480,
    minHeight: 400,
    title,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      partition: PDF_PREVIEW_PARTITION,
      // The PDF viewer is a plugin: on here, and only here.
      plugins: true,
      ...HARDENED_WEB_PREFERENCES,
      devTools: false,
    },
  };
}

/** Requests the preview session may make: its own scheme and the viewer's internals, no network. */
export function isAllowedPreviewRequest(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return !['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:', 'data:', 'blob:'].includes(
      protocol,
    );
  } catch {
    return false;
  }
}

interface Held {
  bytes: Buffer;
  url: string;
}

/** The PDFs being previewed, by an unguessable token, released when their window closes. */
export class PdfPreviewStore {
  private readonly held = new Map<string, Held>();

  register(bytes: Buffer, name: string): { token: string; url: string } {
    const token = randomBytes(16).toString('hex');
    const safeName = encodeURIComponent(name.replace(/[/\\]/g, '_')) || 'file.pdf';
    const url = `${PDF_PREVIEW_SCHEME}://${token}/${safeName}`;
    this.held.set(token, { bytes, url });
    return { token, url };
  }

  release(token: string): void {
    this.held.delete(token);
  }

  get size(): number {
    return this.held.size;
  }

  /** The URL a preview window may be on: exactly its own. */
  urlOf(token: string): string | undefined {
    return this.held.get(token)?.url;
  }

  /** The protocol handler's answer: the bytes for a registered token, 404 for anything else. */
  respond(raw: string, method = 'GET'): Response {
    let token = '';
    try {
      const url = new URL(raw);
      if (url.protocol === `${PDF_PREVIEW_SCHEME}:`) token = url.hostname;
    } catch {
      token = '';
    }
    const held = this.held.get(token);
    if (!held || (method !== 'GET' && method !== 'HEAD')) {
      return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
    return new Response(method === 'HEAD' ? null : new Uint8Array(held.bytes), {
      status: 200,
      headers: {
        'Content-Type': PDF_CONTENT_TYPE,
        'Content-Length': String(held.bytes.length),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }
}

type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Opens one PDF in its own preview window; its bytes are released when the window closes. */
export function openPdfPreviewWindow(
  BrowserWindowClass: WindowConstructor,
  store: PdfPreviewStore,
  openExternal: (url: string) => Promise<void> | void,
  file: { bytes: Buffer; name: string },
): BrowserWindow {
  const { token, url } = store.register(file.bytes, file.name);
  const win = new BrowserWindowClass(pdfPreviewWindowOptions(file.name));
  // A link in the PDF never opens a window of ours: https/mailto go to the system, the rest nowhere.
  keepWindowHome(win, openExternal, (target) => target.split('#')[0] === url);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => store.release(token));
  void win.loadURL(url);
  return win;
}

/** What the IPC handler needs: the backend's answer to `attachment.get` and a window to open. */
export async function previewAttachmentPdf(
  id: unknown,
  getAttachment: (id: string) => Promise<ApiResult<unknown>>,
  open: (file: { bytes: Buffer; name: string }) => void,
): Promise<ApiResult<{ opened: true }>> {
  if (typeof id !== 'string' || id.length === 0) {
    return refusal('attachment id expected', 'attachmentsUi.noPreview');
  }
  const result = await getAttachment(id);
  if (!result.ok) return result;
  const got = result.data as {
    info: { name: string; contentType: string };
    dataBase64: string;
    available: boolean;
  };
  if (got.info.contentType !== PDF_CONTENT_TYPE) {
    return refusal(`not a PDF: ${got.info.contentType}`, 'attachmentsUi.noPreview');
  }
  if (!got.available) {
    return refusal('the file is not on this computer yet', 'attachmentsUi.unavailable');
  }
  open({ bytes: Buffer.from(got.dataBase64, 'base64'), name: got.info.name });
  return { ok: true, data: { opened: true } };
}

function refusal(message: string, messageKey: MessageKey): ApiResult<never> {
  return {
    ok: false,
    errors: [
      {
        code: 'VALIDATION',
        path: ['id'],
        message,
        messageKey,
        params: {},
      },
    ],
  };
}
