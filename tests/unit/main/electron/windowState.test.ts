import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_STATE,
  loadWindowState,
  onScreen,
  saveWindowState,
} from '../../../../main/electron/windowState';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winstate-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('round-trips size, position and maximised', () => {
    const file = path.join(dir, 'w.json');
    saveWindowState(file, { width: 1300, height: 850, x: 40, y: 60, maximized: true });
    expect(loadWindowState(file)).toEqual({
      width: 1300,
      height: 850,
      x: 40,
      y: 60,
      maximized: true,
    });
  });

  it('falls back to the default for a missing, damaged or absurd file', () => {
    expect(loadWindowState(path.join(dir, 'none.json'))).toEqual(DEFAULT_STATE);
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, '{not json');
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE);
    fs.writeFileSync(file, JSON.stringify({ width: 5, height: 1e9 }));
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE);
  });

  it('drops a position that is no longer on any display', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(onScreen({ width: 800, height: 600, x: 100, y: 100 }, displays)).toMatchObject({
      x: 100,
      y: 100,
    });
    expect(onScreen({ width: 800, height: 600, x: 3000, y: 100 }, displays)).toEqual({
      width: 800,
      height: 600,
      maximized: undefined,
    });
  });
});
