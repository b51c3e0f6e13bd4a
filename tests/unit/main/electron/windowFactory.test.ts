// The main window's options and handlers: every setting of the security baseline.
import {
  createMainWindow,
  windowOptions,
  type WindowFactoryOptions,
} from '../../../../main/electron/windowFactory';
import { FakeWindow, navigationEvent } from '../../../helpers/fakeBrowserWindow';

const APP_URL = 'file:///opt/csm/resources/app.asar/dist/renderer/index.html';
const base: WindowFactoryOptions = {
  preload: '/opt/csm/preload.electron.js',
  appUrl: APP_URL,
  bounds: { width: 1200, height: 800, x: 10, y: 20 },
  packaged: true,
  title: 'CSM Workbench',
};

function build(options: Partial<WindowFactoryOptions> = {}) {
  const opened: string[] = [];
  createMainWindow(FakeWindow as never, (url) => void opened.push(url), { ...base, ...options });
  return { win: FakeWindow.last, opened };
}

describe('windowOptions', () => {
  it('sets every web preference of the security baseline', () => {
    const prefs = windowOptions(base).webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe(base.preload);
  });

  it('turns DevTools off when packaged and on in development', () => {
    expect(windowOptions(base).webPreferences!.devTools).toBe(false);
    expect(windowOptions({ ...base, packaged: false }).webPreferences!.devTools).toBe(true);
  });

  it('uses the remembered bounds and waits to show until ready', () => {
    const o = windowOptions(base);
    expect(o).toMatchObject({ width: 1200, height: 800, x: 10, y: 20, show: false });
  });
});

describe('createMainWindow', () => {
  it('denies every new window and opens only https/mailto links outside', () => {
    const { win, opened } = build();
    for (const url of [
      'https://example.com/docs',
      'mailto:li.na@example.cn',
      'http://plain.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(win.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.com/docs', 'mailto:li.na@example.cn']);
  });

  it('blocks navigation and redirects away from the app page', () => {
    const { win, opened } = build();
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = navigationEvent();
      win.emit(event, away, 'https://evil.example/phish');
      expect(away.prevented).toBe(true);
      const file = navigationEvent();
      win.emit(event, file, 'file:///tmp/other.html');
      expect(file.prevented).toBe(true);
      const home = navigationEvent();
      win.emit(event, home, `${APP_URL}#/accounts`);
      expect(home.prevented).toBe(false);
    }
    // A blocked https navigation is offered to the system browser instead.
    expect(opened).toEqual(['https://evil.example/phish', 'https://evil.example/phish']);
  });

  it('refuses webviews and closes DevTools in a packaged build', () => {
    const { win } = build();
    const attach = navigationEvent();
    win.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
    win.emit('devtools-opened');
    expect(win.devToolsClosed).toBe(1);
    const dev = build({ packaged: false }).win;
    expect(dev.listeners.has('devtools-opened')).toBe(false);
  });

  it('shows the window once it is ready', () => {
    const { win } = build();
    expect(win.shown).toBe(0);
    win.emitWindow('ready-to-show');
    expect(win.shown).toBe(1);
  });
});
