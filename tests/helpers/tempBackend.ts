// A backend on a fresh temporary data folder, with a fixed clock and user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend, type BackendOptions } from '../../main/backend';

export const FIXED_NOW = new Date('2026-11-23T08:00:00.000Z');

export function tempDir(label = 'csm'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export async function openBackend(
  dataDir = tempDir(),
  options: Partial<BackendOptions> = {},
): Promise<Backend> {
  return Backend.open({ dataDir, user: 'zhang.wei', now: () => FIXED_NOW, ...options });
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
