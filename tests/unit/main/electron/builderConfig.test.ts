// electron-builder.yml loads through electron-builder's own loader, passes its schema, and names
// the targets and native-module handling the release needs. (No Electron download here.)
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DebugLogger } = require('builder-util/out/DebugLogger');

type Target = string | { target: string };
const names = (targets: Target[] | undefined) =>
  (targets ?? []).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  let config: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    config = await getConfig(root, null, null);
    await validateConfiguration(config, new DebugLogger(false));
  });

  it('targets Linux AppImage and deb, Windows NSIS and macOS dmg', () => {
    expect(names(config.linux.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(names(config.win.target)).toEqual(['nsis']);
    expect(names(config.mac.target)).toEqual(['dmg']);
  });

  it('unpacks and rebuilds the native modules for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/leveldown/**']),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('packs the built main process and renderer, with an icon that exists', () => {
    // The loader normalises `files` to [{ filter: [...] }].
    const files = (config.files as (string | { filter: string[] })[]).flatMap((f) =>
      typeof f === 'string' ? [f] : f.filter,
    );
    expect(files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/renderer/**']));
    expect(fs.existsSync(path.join(root, config.win.icon))).toBe(true);
  });
});
