// Browser mode serves the built renderer; on a fresh clone there is none yet, so the first
// `npm run web` builds it (with a line saying so) instead of stopping with an instruction.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { rendererDir } from './paths';

/** Builds the renderer into `<root>/dist/renderer` with the project's Vite config. */
export function buildRenderer(root: string): void {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(root, 'renderer', 'vite.config.ts'),
      '--outDir',
      path.join(root, 'dist', 'renderer'),
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
}

/** The built renderer's folder, building it first when there is none. */
export function ensureRenderer(root: string, say: (line: string) => void): string {
  const existing = rendererDir(root);
  if (existing) return existing;
  say(
    `no built renderer in ${path.join(root, 'dist', 'renderer')}: building it now (npm run build:renderer)`,
  );
  buildRenderer(root);
  const built = rendererDir(root);
  if (!built)
    throw new Error(
      `the renderer build left no index.html in ${path.join(root, 'dist', 'renderer')}`,
    );
  return built;
}
