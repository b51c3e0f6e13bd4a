// What every window of the app shares from the security baseline: the web preferences that shut
// Node, webviews and insecure content out, and the handlers that keep a window on its own page.
// The main window and the PDF preview window add only what differs (preload or plugins, DevTools).
import type { BrowserWindow, Event, HandlerDetails, WebPreferences } from 'electron';
import { isSafeExternalUrl } from './security';

/** Spread into a window's webPreferences after its own entries; `devTools` stays the caller's. */
export const HARDENED_WEB_PREFERENCES = {
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
} as const satisfies WebPreferences;

/**
 * Denies every new window and refuses webviews; a navigation or redirect leaves the window only
 * for a URL `isHome` accepts. Safe links (https, mailto) go to the system instead.
 */
export function keepWindowHome(
  win: BrowserWindow,
  openExternal: (url: string) => Promise<void> | void,
  isHome: (url: string) => boolean,
): void {
  const contents = win.webContents;
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    if (isSafeExternalUrl(details.url)) void openExternal(details.url);
    return { action: 'deny' };
  });
  const stayHome = (event: Event, url: string) => {
    if (isHome(url)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) void openExternal(url);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
}
