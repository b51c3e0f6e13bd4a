// The main window: the shared hardening (windowHardening.ts) with its preload and DevTools only in
// development, kept on the app's own page. Electron is passed in, so a unit test can assert it all.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl } from './security';
import { HARDENED_WEB_PREFERENCES, keepWindowHome } from './windowHardening';
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
      ...HARDENED_WEB_PREFERENCES,
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
  keepWindowHome(win, openExternal, (url) => isAppUrl(url, o.appUrl));
  if (o.packaged) contents.on('devtools-opened', () => contents.closeDevTools());
  win.once('ready-to-show', () => win.show());
  return win;
}
