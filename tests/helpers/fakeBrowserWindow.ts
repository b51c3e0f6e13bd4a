// A stand-in for Electron's BrowserWindow with the surface the window modules use, recording what
// they do to it, so the unit tests of every window (main, PDF preview) assert it the same way.
import type { BrowserWindowConstructorOptions } from 'electron';

type Listener = (...args: unknown[]) => unknown;

export class FakeWindow {
  /** The window constructed last: the module under test creates it. */
  static last: FakeWindow;
  /** The webContents' listeners, by event. */
  readonly listeners = new Map<string, Listener[]>();
  /** The window's own listeners (`on` and `once`), by event. */
  readonly windowListeners = new Map<string, Listener[]>();
  openHandler?: (details: { url: string }) => { action: string };
  devToolsClosed = 0;
  loaded: string[] = [];
  shown = 0;
  readonly webContents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      this.openHandler = handler;
    },
    on: (event: string, listener: Listener) => {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    },
    closeDevTools: () => {
      this.devToolsClosed += 1;
    },
  };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.last = this;
  }
  once(event: string, listener: Listener) {
    this.on(event, listener);
  }
  on(event: string, listener: Listener) {
    this.windowListeners.set(event, [...(this.windowListeners.get(event) ?? []), listener]);
  }
  show() {
    this.shown += 1;
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  /** Fires a webContents event. */
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  /** Fires a window event. */
  emitWindow(event: string) {
    for (const listener of this.windowListeners.get(event) ?? []) listener();
  }
}

/** A navigation (or webview) event that records whether it was prevented. */
export function navigationEvent() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}
