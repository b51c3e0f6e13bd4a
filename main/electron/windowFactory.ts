// The main window: every option of the security baseline in one place, and the handlers that
// keep the window on the app's own page. Electron is passed in, so a unit test can assert it all.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Event,
  HandlerDetails,
} from 'electron';
import { isAppUrl, isSafeExternalUrl } from './security';
import type { WindowBounds } from './windowState';

export interface WindowFactoryOptions {
  preload: string;
  /** file://.../dist/renderer/index.html */
  appUrl: string;
  bounds: WindowBounds;
  packaged: boolean;
  title: string;
}

export function windowOptions(o: WindowFactoryOptions): BrowserWindowConstructorOptions {
  return {
    ...o.bounds,
    minWidth: 960,
    minHeight: 600,
    title: o.title,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !o.packaged,
    },
  };
}

type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the window, blocks navigation and new windows, and sends safe links outside. */
export function createMainWindow(
  BrowserWindowClass: WindowConstructor,
  openExternal: (url: string) => Promise<void> | void,
  o: WindowFactoryOptions,
): BrowserWindow {
  const win = new BrowserWindowClass(windowOptions(o));
  const contents = win.webContents;
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    if (isSafeExternalUrl(details.url)) void openExternal(details.url);
    return { action: 'deny' };
  });
  const stayHome = (event: Event, url: string) => {
    if (isAppUrl(url, o.appUrl)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) void openExternal(url);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
  if (o.packaged) contents.on('devtools-opened', () => contents.closeDevTools());
  win.once('ready-to-show', () => win.show());
  return win;
}
