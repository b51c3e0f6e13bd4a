// The compiled CLI: main/ and shared/ transpiled file by file (swc, CommonJS, no type check: the
// typecheck is `npm run typecheck`'s job) into dist/cli/, with a stamp of the sources it was
// built from. `csm` (scripts/csm.cjs) runs it and rebuilds it first when a source changed, so a
// start never pays for TypeScript: the install builds it once (scripts/install.sh).
// Every import is loaded on first use of one of its bindings, the project's own modules too (swc
// keeps `./` imports eager unless named): a command loads the modules its run reaches, not every
// module some other command needs. Side-effect imports and `export *` stay eager (swc).
// Each build is a folder of its own under dist/cli-builds/, and dist/cli a link to the current
// one: Node names a module by its real path, so a CLI still running when a rebuild swaps the link
// (a live `csm sync`) goes on loading its own build's modules, never the new build's. The build
// before the current one is kept for such a process; older ones are removed.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'cli');
const STAMP = path.join(OUT, 'stamp.json');
/** The source trees the CLI is made of (renderer/ is the UI's, never loaded by the CLI). */
const SOURCE_DIRS = ['main', 'shared'];

/** Every .ts source under main/ and shared/, as paths relative to the root, sorted. */
function sourceFiles(root = ROOT) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(rel);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return files.sort();
}

/**
 * One hash of every source's path, size and modification time, and of this build script's own
 * (a change to how the CLI is built rebuilds it too): cheap enough for every start.
 */
function sourceHash(files, root = ROOT) {
  const hash = crypto.createHash('sha1');
  const self = fs.statSync(__filename);
  hash.update(`${path.basename(__filename)}\0${self.size}\0${self.mtimeMs}\n`);
  for (const rel of files) {
    const st = fs.statSync(path.join(root, rel));
    hash.update(`${rel}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Why the build is stale ('missing', 'sources changed'), or null when it is current. */
function staleness(root = ROOT) {
  const stampFile = path.join(root, 'dist', 'cli', 'stamp.json');
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return 'not built yet';
  }
  const files = sourceFiles(root);
  if (stamp.hash !== sourceHash(files, root)) return 'sources changed';
  return null;
}

/** Every module a source imports or re-exports by name: each is loaded on first use. */
function importedModules(swc, code) {
  const sources = new Set();
  for (const item of swc.parseSync(code, { syntax: 'typescript' }).body) {
    const isNamed = item.type === 'ImportDeclaration' || item.type === 'ExportNamedDeclaration';
    if (isNamed && item.source) sources.add(item.source.value);
  }
  return [...sources];
}

/** Points `link` at `target` (a folder) in one rename; on Windows a junction. */
function swapLink(target, link) {
  const temp = `${link}.link-${process.pid}`;
  fs.rmSync(temp, { force: true });
  if (process.platform === 'win32') fs.symlinkSync(target, temp, 'junction');
  else fs.symlinkSync(path.relative(path.dirname(link), target), temp);
  let replaced = null;
  try {
    if (!fs.lstatSync(link).isSymbolicLink()) {
      // A build from before builds had folders of their own: moved aside, then removed.
      replaced = `${link}.old-${process.pid}`;
      fs.renameSync(link, replaced);
    }
  } catch {
    // No link yet.
  }
  fs.renameSync(temp, link);
  if (replaced) fs.rmSync(replaced, { recursive: true, force: true });
}

/** The build folder dist/cli points at, or null. */
function currentBuild(root = ROOT) {
  try {
    return fs.realpathSync(path.join(root, 'dist', 'cli'));
  } catch {
    return null;
  }
}

/**
 * Transpiles every source into a new folder dist/cli-builds/<id>/<same path>.js and points
 * dist/cli at it; returns the number of files.
 */
function build(root = ROOT) {
  const swc = require('@swc/core');
  const out = path.join(root, 'dist', 'cli');
  const builds = path.join(root, 'dist', 'cli-builds');
  const files = sourceFiles(root);
  const hash = sourceHash(files, root);
  const dir = path.join(builds, `${hash.slice(0, 12)}-${Date.now()}-${process.pid}`);
  const temp = `${dir}.building`;
  fs.rmSync(temp, { recursive: true, force: true });
  for (const rel of files) {
    const file = path.join(root, rel);
    const source = fs.readFileSync(file, 'utf8');
    const { code } = swc.transformSync(source, {
      filename: file,
      swcrc: false,
      configFile: false,
      sourceMaps: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs', lazy: importedModules(swc, source) },
    });
    const target = path.join(temp, rel.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, code);
  }
  fs.writeFileSync(
    path.join(temp, 'stamp.json'),
    JSON.stringify({ hash, files: files.length, builtAt: new Date().toISOString() }),
  );
  fs.renameSync(temp, dir);
  // Swapped in whole: a CLI started meanwhile sees the old build or the new one, never half.
  const previous = currentBuild(root);
  swapLink(dir, out);
  // Older builds go, but not one made in the last minute (another start's rebuild, just done).
  const keep = new Set([dir, previous].filter(Boolean).map((d) => path.basename(d)));
  for (const name of fs.readdirSync(builds)) {
    const folder = path.join(builds, name);
    if (keep.has(name) || Date.now() - fs.statSync(folder).mtimeMs < 60_000) continue;
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return files.length;
}

module.exports = { build, currentBuild, staleness, sourceFiles, sourceHash, OUT, STAMP };

if (require.main === module) {
  const started = Date.now();
  const count = build();
  process.stderr.write(
    `built the CLI: ${count} files into dist/cli in ${Date.now() - started} ms\n`,
  );
}
