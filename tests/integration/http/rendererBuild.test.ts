// `npm run web` on a fresh clone: no built renderer yet, so it builds one (saying so) and
// serves it; the next start finds it and builds nothing. The clone is a temporary folder whose
// sources are links to this checkout's, so the checkout's own dist/ is left alone.
import fs from 'node:fs';
import path from 'node:path';
import { ensureRenderer } from '../../../main/http/rendererBuild';
import { removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(180_000);

const checkout = path.resolve(__dirname, '..', '..', '..');
let clone: string;

beforeAll(() => {
  clone = tempDir('fresh-clone');
  for (const name of ['renderer', 'shared', 'node_modules', 'package.json']) {
    fs.symlinkSync(path.join(checkout, name), path.join(clone, name));
  }
});
afterAll(() => removeDir(clone));

it('builds the renderer when dist/renderer is missing, with a line saying so, then reuses it', () => {
  const said: string[] = [];
  const dir = ensureRenderer(clone, (line) => said.push(line));
  expect(dir).toBe(path.join(clone, 'dist', 'renderer'));
  expect(said).toEqual([`no built renderer in ${dir}: building it now (npm run build:renderer)`]);
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  expect(html).toMatch(/<script[^>]+src="\.\/assets\/[^"]+\.js"/);

  const again: string[] = [];
  expect(ensureRenderer(clone, (line) => again.push(line))).toBe(dir);
  expect(again).toEqual([]);
});
