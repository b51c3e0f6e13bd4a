#!/usr/bin/env node
// `npm start`: build what is needed and launch the desktop app. Where the Electron binary is
// absent (ELECTRON_SKIP_BINARY_DOWNLOAD, CI, servers) say so in one line and start browser mode.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The Electron executable, or null when it was never downloaded. */
export function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(script) {
  const result = spawnSync(npm, ['run', script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function launch(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
if (electron) {
  run('build');
  launch(electron, [root, ...args]);
} else {
  console.log('Electron binary not installed here; starting browser mode instead (npm run web).');
  run('build:renderer');
  launch(process.execPath, [
    path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    'main/http/web.ts',
    ...args,
  ]);
}
