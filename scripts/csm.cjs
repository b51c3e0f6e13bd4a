#!/usr/bin/env node
// `npm run csm -- <command>`: runs the compiled CLI (dist/cli, scripts/cliBuild.cjs). When it is
// missing or a source under main/ or shared/ changed since it was built, it is rebuilt first,
// with one line on stderr saying so; nothing is transpiled on an ordinary start.
'use strict';
const path = require('node:path');
const { build, staleness } = require('./cliBuild.cjs');

const reason = staleness();
if (reason) {
  const started = Date.now();
  const count = build();
  process.stderr.write(
    `csm: rebuilt the command line (${reason}): ${count} files in ${Date.now() - started} ms\n`,
  );
}
// Compiled code cached by V8 across starts (scripts/codeCache.cjs): a start skips most parsing.
require('./codeCache.cjs').enableCodeCache(path.join(__dirname, '..', 'dist', 'cli-cache'));
const { runCli } = require(path.join(__dirname, '..', 'dist', 'cli', 'main', 'cli', 'csm.js'));
runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
