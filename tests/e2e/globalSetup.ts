// The e2e project builds the renderer itself, so `npm test` works on a fresh clone.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function buildRenderer(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
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
