// The CLI runs compiled JavaScript (scripts/csm.cjs, dist/cli): built on the first run, not
// rebuilt while the sources stay as they are, rebuilt (saying so) when one changes, and the
// change is what runs (V8's code cache never serves the old code). Its modules load on first
// use: `info` loads no entity schema, contract area or handler it does not call, and the other
// commands still find what they use. Works on a copy of main/, shared/ and scripts/ so the real
// build is left alone.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

jest.setTimeout(120_000);

let root: string;
let dataDir: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-compiled-'));
  for (const dir of ['main', 'shared']) {
    fs.cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
  }
  fs.mkdirSync(path.join(root, 'scripts'));
  for (const file of ['csm.cjs', 'cliBuild.cjs', 'codeCache.cjs']) {
    fs.copyFileSync(path.join(ROOT, 'scripts', file), path.join(root, 'scripts', file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  dataDir = path.join(root, 'data');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const csm = (...args: string[]) =>
  run(process.execPath, [path.join(root, 'scripts', 'csm.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, CSM_USER: 'compiled.test' },
  });

it('builds on the first run, reuses the build, and rebuilds when a source changes', async () => {
  const first = await csm('info', '--json', '--data-dir', dataDir);
  expect(first.stderr).toMatch(/^csm: rebuilt the command line \(not built yet\): \d+ files/m);
  expect(JSON.parse(first.stdout)).toMatchObject({ docCount: 0, user: 'compiled.test' });
  expect(fs.existsSync(path.join(root, 'dist', 'cli', 'main', 'cli', 'csm.js'))).toBe(true);
  // V8's compiled code is kept for the next start (scripts/codeCache.cjs).
  const cache = path.join(root, 'dist', 'cli-cache', `v8-${process.version}-${process.arch}.bin`);
  expect(fs.statSync(cache).size).toBeGreaterThan(100_000);

  const second = await csm('info', '--json', '--data-dir', dataDir);
  expect(second.stderr).not.toMatch(/rebuilt/);
  expect(JSON.parse(second.stdout).docCount).toBe(0);

  // An edited source: the next run rebuilds, says why, and runs the edited code.
  const entry = path.join(root, 'main', 'cli', 'csm.ts');
  const source = fs.readFileSync(entry, 'utf8');
  expect(source).toContain("'usage: csm <command> [options]");
  fs.writeFileSync(
    entry,
    source.replace("'usage: csm <command> [options]", "'usage: csm-edited <command> [options]"),
  );
  const edited = await csm('--help');
  expect(edited.stderr).toMatch(/^csm: rebuilt the command line \(sources changed\)/m);
  // The cached code of the old file is not what runs: the file's text no longer matches it.
  expect(edited.stdout).toContain('usage: csm-edited <command>');

  // A new source file counts as a change too.
  fs.writeFileSync(path.join(root, 'shared', 'added.ts'), 'export const added = 1;\n');
  expect((await csm('--help')).stderr).toMatch(/rebuilt the command line \(sources changed\)/);
  expect((await csm('--help')).stderr).not.toMatch(/rebuilt/);
});

it('reports stale and current builds through cliBuild itself', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cliBuild = require(path.join(root, 'scripts', 'cliBuild.cjs')) as {
    build: (root: string) => number;
    staleness: (root: string) => string | null;
  };
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-compiled-src-'));
  try {
    fs.mkdirSync(path.join(other, 'main'));
    fs.mkdirSync(path.join(other, 'shared'));
    fs.writeFileSync(path.join(other, 'main', 'a.ts'), 'export const a: number = 1;\n');
    expect(cliBuild.staleness(other)).toBe('not built yet');
    expect(cliBuild.build(other)).toBe(1);
    expect(cliBuild.staleness(other)).toBeNull();
    expect(fs.readFileSync(path.join(other, 'dist', 'cli', 'main', 'a.js'), 'utf8')).toContain(
      'a = 1',
    );
    fs.appendFileSync(path.join(other, 'main', 'a.ts'), '// edited\n');
    expect(cliBuild.staleness(other)).toBe('sources changed');
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
});

it('loads a module on first use: info needs no entity schema, other commands run', async () => {
  const modulesFile = path.join(root, 'loaded.json');
  const hook = path.join(root, 'loadedModules.cjs');
  // Writes the compiled modules the run loaded, at exit.
  fs.writeFileSync(
    hook,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(modulesFile)}, ` +
      `JSON.stringify(Object.keys(require.cache))));\n`,
  );
  // Modules are named by their real path: dist/cli links to the current build's folder.
  const dist = fs.realpathSync(path.join(root, 'dist', 'cli')) + path.sep;
  const loadedBy = async (...args: string[]) => {
    await run(process.execPath, ['-r', hook, path.join(root, 'scripts', 'csm.cjs'), ...args], {
      cwd: root,
      env: { ...process.env, CSM_USER: 'compiled.test' },
    });
    return (JSON.parse(fs.readFileSync(modulesFile, 'utf8')) as string[]).map((file) =>
      file.startsWith(dist) ? file.slice(dist.length).split(path.sep).join('/') : file,
    );
  };

  const info = await loadedBy('info', '--json', '--data-dir', dataDir);
  expect(info).toContain('main/api/handlers/system.js');
  expect(info).toContain('main/projection/projection.js');
  const needless = info.filter((file) =>
    /^shared\/domain\/entities\/|^shared\/api\/contract\.js$|^shared\/i18n\/|^main\/api\/handlers\/(?!system|storeHealth)/.test(
      file,
    ),
  );
  expect(needless).toEqual([]);
  // Nor zod: a method without input called without one parses nothing.
  expect(info.filter((file) => file.includes(`${path.sep}zod${path.sep}`))).toEqual([]);

  // Commands that reach the rest: demo data, a list, one document, search, a backup, the help.
  const demo = await csm('demo', '--accounts', '2', '--json', '--data-dir', dataDir);
  expect(JSON.parse(demo.stdout)).toMatchObject({ accounts: 2 });
  const list = JSON.parse((await csm('list', 'account', '--json', '--data-dir', dataDir)).stdout);
  expect(list.total).toBe(2);
  const id = list.items[0]._id as string;
  const doc = JSON.parse((await csm('get', id, '--data-dir', dataDir)).stdout);
  expect(doc).toMatchObject({ _id: id, type: 'account' });
  const found = JSON.parse(
    (await csm('search', String(doc.name), '--json', '--data-dir', dataDir)).stdout,
  );
  expect(found.hits.map((h: { id: string }) => h.id)).toContain(id);
  const backup = path.join(root, 'backup.json');
  await csm('export', backup, '--data-dir', dataDir);
  expect(JSON.parse(fs.readFileSync(backup, 'utf8')).docs.length).toBeGreaterThan(list.total);
  // A business review's charts load ES modules by require(): Node's to compile, not the cache's.
  const review = path.join(root, 'review.docx');
  await csm(
    'generate',
    'review',
    '--account',
    id,
    '--out',
    review,
    '--draft',
    '--data-dir',
    dataDir,
  );
  expect(fs.statSync(review).size).toBeGreaterThan(5_000);
  const help = await csm('--help');
  expect(help.stdout).toMatch(/types: account, contract/);
  expect(help.stdout).toMatch(/generate acceptance\|/);
});

it('keeps the build a running CLI loads from when another start rebuilds', async () => {
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-compiled-builds-'));
  try {
    fs.mkdirSync(path.join(other, 'main'));
    fs.mkdirSync(path.join(other, 'shared'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(other, 'node_modules'));
    fs.writeFileSync(path.join(other, 'main', 'b.ts'), 'export const b = 1;\n');
    fs.writeFileSync(
      path.join(other, 'main', 'a.ts'),
      "import { b } from './b';\nexport const a = () => b;\n",
    );
    // A process loads a.js (b.js not yet: it is loaded on first use), a rebuild with b = 2 swaps
    // the build in, and only then the process first uses b: it gets its own build's b.
    const script = `
      const cliBuild = require(${JSON.stringify(path.join(ROOT, 'scripts', 'cliBuild.cjs'))});
      const fs = require('node:fs');
      const path = require('node:path');
      const root = ${JSON.stringify(other)};
      cliBuild.build(root);
      const { a } = require(path.join(root, 'dist', 'cli', 'main', 'a.js'));
      fs.writeFileSync(path.join(root, 'main', 'b.ts'), 'export const b = 2;\\n');
      cliBuild.build(root);
      const fresh = require('node:child_process').execFileSync(process.execPath, [
        '-p', 'require(' + JSON.stringify(path.join(root, 'dist', 'cli', 'main', 'a.js')) + ').a()',
      ]);
      process.stdout.write(JSON.stringify({ running: a(), fresh: Number(fresh) }));
    `;
    const { stdout } = await run(process.execPath, ['-e', script]);
    expect(JSON.parse(stdout)).toEqual({ running: 1, fresh: 2 });

    // The build before the current one stays; an older one goes (past a minute's grace).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cliBuild = require(path.join(ROOT, 'scripts', 'cliBuild.cjs')) as {
      build: (root: string) => number;
      currentBuild: (root: string) => string | null;
    };
    const builds = path.join(other, 'dist', 'cli-builds');
    const [older, previous] = fs
      .readdirSync(builds)
      .map((name) => path.join(builds, name))
      .sort((x, y) => fs.statSync(x).mtimeMs - fs.statSync(y).mtimeMs);
    expect(cliBuild.currentBuild(other)).toBe(fs.realpathSync(previous));
    const longAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(older, longAgo, longAgo);
    fs.appendFileSync(path.join(other, 'main', 'b.ts'), '// edited\n');
    cliBuild.build(other);
    expect(fs.existsSync(older)).toBe(false);
    expect(fs.existsSync(previous)).toBe(true);
    expect(fs.readdirSync(builds)).toHaveLength(2);
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
});
