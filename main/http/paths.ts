// Where browser mode finds the built renderer.
import fs from 'node:fs';
import path from 'node:path';

/** dist/renderer (npm run build:renderer), else renderer/dist; undefined when not built. */
export function rendererDir(root = path.resolve(__dirname, '..', '..')): string | undefined {
  return ['dist/renderer', 'renderer/dist']
    .map((p) => path.join(root, p))
    .find((p) => fs.existsSync(path.join(p, 'index.html')));
}
