// The Electron main process, kept thin: security, one window, the menu, and wiring IPC to the
// backend process. Everything with a decision in it lives in a plain module with a test.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { localeFromSystem } from '../../shared/i18n';
import { clockFromEnv } from '../../shared/time/clock';
import { DESKTOP_FEED_PORT } from '../../shared/api/calendar';
import { startCalendarFeedServer } from '../http/calendarFeed';
import { APP_NAME, defaultDataDir } from '../paths';
import { BackendHost } from './backendHost.electron';
import { menuTemplate } from './menu';
import {
  PDF_PREVIEW_CHANNEL,
  PDF_PREVIEW_PARTITION,
  PDF_PREVIEW_SCHEME,
  PDF_PREVIEW_SCHEME_PRIVILEGES,
  PdfPreviewStore,
  isAllowedPreviewRequest,
  openPdfPreviewWindow,
  previewAttachmentPdf,
} from './pdfPreview';
import { CONTENT_SECURITY_POLICY, isSafeExternalUrl, isTrustedSender } from './security';
import { createMainWindow } from './windowFactory';
import { loadWindowState, onScreen, saveWindowState } from './windowState';

const IPC_CHANNEL = 'csm:invoke';

app.setName(APP_NAME);
app.enableSandbox();
// Before ready: the PDF preview window's scheme (served only in its own session).
protocol.registerSchemesAsPrivileged([PDF_PREVIEW_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  void app
    .whenReady()
    .then(() => start((w) => (win = w)))
    .catch((error: unknown) => {
      // A store that cannot open (disk full, locked by another copy) ends in a clear message.
      dialog.showErrorBox(APP_NAME, error instanceof Error ? error.message : String(error));
      app.quit();
    });
}

async function start(setWindow: (w: BrowserWindow) => void): Promise<void> {
  const dataDir = process.env.CSM_DATA_DIR
    ? path.resolve(process.env.CSM_DATA_DIR)
    : app.getPath('userData') || defaultDataDir();
  // A malformed CSM_TODAY stops here with its message; the backend process reads the same env.
  clockFromEnv(process.env);
  const backend = await BackendHost.start(dataDir);
  // The calendar subscription (only /calendar.ics?token=…) on 127.0.0.1, from this process.
  const feed = await startCalendarFeedServer({
    dispatcher: backend,
    port: DESKTOP_FEED_PORT,
  }).catch((error: unknown) => {
    void dialog.showMessageBox({
      type: 'warning',
      title: APP_NAME,
      message: `Calendar subscription not served: 127.0.0.1:${DESKTOP_FEED_PORT} is not available (${error instanceof Error ? error.message : String(error)}). 日历订阅不可用：端口已被占用。`,
    });
    return undefined;
  });
  app.on('will-quit', () => void feed?.close());
  const appUrl = pathToFileURL(path.join(__dirname, '..', '..', 'renderer', 'index.html')).href;

  // Deny every permission (camera, notifications, ...) and add the CSP to every response.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    }),
  );

  // PDFs preview in a window of their own (pdfPreview.ts): its in-memory session serves the one
  // scheme from memory, denies every permission and every network request.
  const previews = new PdfPreviewStore();
  const previewSession = session.fromPartition(PDF_PREVIEW_PARTITION);
  previewSession.protocol.handle(PDF_PREVIEW_SCHEME, (request) =>
    previews.respond(request.url, request.method),
  );
  previewSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  previewSession.setPermissionCheckHandler(() => false);
  previewSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedPreviewRequest(details.url) }),
  );
  previewSession.on('will-download', (event) => event.preventDefault());
  ipcMain.handle(PDF_PREVIEW_CHANNEL, (event, id: unknown) => {
    if (!isTrustedSender(event.senderFrame, appUrl)) {
      throw new Error('IPC refused: untrusted sender');
    }
    return previewAttachmentPdf(
      id,
      (attachmentId) => backend.dispatch('attachment.get', { id: attachmentId }),
      (file) =>
        openPdfPreviewWindow(
          BrowserWindow,
          previews,
          (url) => (isSafeExternalUrl(url) ? shell.openExternal(url) : undefined),
          file,
        ),
    );
  });

  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, appUrl) || typeof method !== 'string') {
      throw new Error('IPC refused: untrusted sender');
    }
    // The connection checks the input against the request limits (main/api/inputLimits.ts)
    // before posting it to the backend process: too large or too deep is a VALIDATION answer.
    return backend.dispatch(method, input);
  });

  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  const state = onScreen(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = createMainWindow(
    BrowserWindow,
    (url) => (isSafeExternalUrl(url) ? shell.openExternal(url) : undefined),
    {
      preload: path.join(__dirname, 'preload.electron.js'),
      appUrl,
      bounds: { width: state.width, height: state.height, x: state.x, y: state.y },
      packaged: app.isPackaged,
      title: APP_NAME,
    },
  );
  if (state.maximized) win.maximize();
  setWindow(win);
  const remember = () => {
    if (win.isDestroyed()) return;
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', remember);
  win.on('closed', () => void backend.close());

  const locale = localeFromSystem(app.getLocale());
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(locale, {
        isMac: process.platform === 'darwin',
        packaged: app.isPackaged,
        onNavigate: (hash) =>
          void win.webContents.executeJavaScript(`window.location.hash = ${JSON.stringify(hash)}`),
      }),
    ),
  );
  await win.loadURL(appUrl);
}
