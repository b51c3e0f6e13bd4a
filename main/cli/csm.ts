#!/usr/bin/env node
// `npm run csm -- <command>`: the workbench from the command line.
import { parse, UsageError } from './args';
import { commands } from './commands/index';
import { reportError, type Output } from './output';

function help(): string {
  return [
    'usage: csm <command> [options]   (every command takes --data-dir DIR, --json, --user NAME)',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage}`),
    '',
    'Data lives in --data-dir, else $CSM_DATA_DIR, else the per-user application-data folder.',
    'Exit codes: 0 success, 2 bad usage or input, 1 failure.',
  ].join('\n');
}

export async function runCli(argv: string[], io: Pick<Output, 'out' | 'err'>): Promise<number> {
  const json = argv.includes('--json');
  const o: Output = { json, ...io };
  try {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(help());
      return name ? 0 : 2;
    }
    // Own names only: `constructor` or `toString` is no command.
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const args = parse(rest, command.options);
    if (args.values.help) {
      io.out(`usage: csm ${command.usage}`);
      return 0;
    }
    await command.run(args, o);
    return 0;
  } catch (error) {
    return reportError(o, error);
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
