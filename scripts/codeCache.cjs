// A V8 code cache for the command line's start (Node 20 has no module.enableCompileCache): every
// CommonJS module the CLI loads (dist/cli and node_modules) is compiled from V8's cached code when
// the file is byte for byte the one cached, else compiled as usual; at exit the code of the modules
// compiled afresh (with the functions the run compiled lazily) is written to one file under
// dist/cli-cache, replaced atomically. A module whose text holds a dynamic import() is left to
// Node's own loader (a vm.Script has no import callback), and so is an ES module loaded by
// require(). CSM_NO_CODE_CACHE=1 turns it off.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** Whether `file` exists under this very name, no link on its way (Node names modules so). */
function isRealPath(file) {
  try {
    return fs.realpathSync(file) === file;
  } catch {
    return false;
  }
}

function enableCodeCache(dir) {
  if (process.env.CSM_NO_CODE_CACHE === '1') return;
  const file = path.join(dir, `v8-${process.version}-${process.arch}.bin`);
  /** filename -> { hash, data } read from the cache file. */
  const cached = new Map();
  try {
    const blob = fs.readFileSync(file);
    const headerLength = blob.readUInt32LE(0);
    const header = JSON.parse(blob.subarray(4, 4 + headerLength).toString('utf8'));
    let offset = 4 + headerLength;
    for (const [name, hash, length] of header) {
      cached.set(name, { hash, data: blob.subarray(offset, offset + length) });
      offset += length;
    }
  } catch {
    // No cache yet, or one from another build: every module compiles as usual.
  }
  /** filename -> { hash, script } compiled this run without usable cached code. */
  const fresh = new Map();
  const original = Module.prototype._compile;
  // Node 20.19+ also passes ES modules it loads by require() (`format` 'module', e.g. a .mjs a
  // package requires) through here: those, like a text with import(), are Node's to compile.
  Module.prototype._compile = function compile(content, filename, format) {
    const own = (format === undefined || format === 'commonjs') && !content.includes('import(');
    return own ? compileCached(this, content, filename) : original.apply(this, arguments);
  };
  const compileCached = (mod, content, filename) => {
    const hash = crypto.createHash('sha1').update(content).digest('base64');
    const hit = cached.get(filename);
    // A shebang line is kept out of the wrapper (Node's loader does the same).
    const body = content.startsWith('#!') ? content.replace(/^#!.*/, '') : content;
    const script = new vm.Script(Module.wrap(body), {
      filename,
      cachedData: hit && hit.hash === hash ? hit.data : undefined,
    });
    if (!hit || hit.hash !== hash || script.cachedDataRejected)
      fresh.set(filename, { hash, script });
    const fn = script.runInThisContext({ displayErrors: true });
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (fresh.size === 0) return;
    try {
      // What other commands loaded stays cached; what changed or was new is replaced; a file
      // gone, or no longer a module's real path (a removed build, the dist/cli link of
      // scripts/cliBuild.cjs), is dropped.
      const entries = [...cached]
        .filter(([name]) => !fresh.has(name) && isRealPath(name))
        .map(([name, { hash, data }]) => [name, hash, data]);
      for (const [name, { hash, script }] of fresh) {
        entries.push([name, hash, script.createCachedData()]);
      }
      const header = Buffer.from(
        JSON.stringify(entries.map(([name, hash, data]) => [name, hash, data.length])),
      );
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length, 0);
      fs.mkdirSync(dir, { recursive: true });
      const temp = `${file}.${process.pid}`;
      fs.writeFileSync(temp, Buffer.concat([length, header, ...entries.map((e) => e[2])]));
      fs.renameSync(temp, file);
    } catch {
      // A cache that cannot be written costs the next start its compile time, nothing else.
    }
  });
}

module.exports = { enableCodeCache };
