// A backend on a fresh temporary data folder, on the tests' clock and a fixed user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend, type BackendOptions } from '../../main/backend';
import { testClock } from './clock';

export function tempDir(label = 'csm'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export async function openBackend(
  dataDir = tempDir(),
  options: Partial<BackendOptions> = {},
): Promise<Backend> {
  return Backend.open({ dataDir, user: 'zhang.wei', clock: testClock, ...options });
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
