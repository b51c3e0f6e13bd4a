// Every file or folder of this repository the README names in backticks (or links to) exists,
// so the README cannot point at a config file that was renamed.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

// Top-level entries of the repository: a path starting with one of them is a repository path
// (the data folder's files, `workbench.pouch/` or `sync-credentials.json`, are not).
// Build output (dist/, made by the install and the builds) is not a source the README must match.
const TOP = fs.readdirSync(root).filter((name) => name !== 'node_modules' && name !== 'dist');
const ROOT_CONFIG =
  /^(tsconfig[\w.-]*\.json|eslint\.config\.[cm]?js|package\.json|jest\.config\.js|electron-builder\.yml|README\.md)$/;

function namedPaths(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  const links = [...prose.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]);
  return [...spans, ...links].filter((token) => {
    if (!/^[\w.*/-]+$/.test(token)) return false;
    if (ROOT_CONFIG.test(token)) return true;
    const first = token.split('/')[0];
    return token.includes('/') && TOP.includes(first);
  });
}

/** A path exists, or for a glob such as `bench/*.bench.ts`, something in its folder matches. */
function exists(relative: string): boolean {
  if (!relative.includes('*')) return fs.existsSync(path.join(root, relative));
  const folder = path.dirname(relative);
  const pattern = new RegExp(
    `^${path.basename(relative).replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`,
  );
  return fs.readdirSync(path.join(root, folder)).some((name) => pattern.test(name));
}

describe('README', () => {
  const paths = [...new Set(namedPaths(readme))].sort();

  it('names the config files and sources it describes', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'eslint.config.cjs',
        'tsconfig.shared.json',
        'tsconfig.renderer.json',
        'main/store/documentWriter.ts',
        'docs/health.md',
      ]),
    );
  });

  it.each(paths)('%s exists', (relative) => {
    expect(exists(relative)).toBe(true);
  });
});
