// `npm run bench [-- --accounts N] [--only NAME]`: runs every bench/*.bench.ts suite and prints
// the figures as JSON and as a table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchResult, BenchSuite } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '5000' },
      only: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  const accounts = Number(values.accounts);
  if (!Number.isInteger(accounts) || accounts < 1)
    throw new Error('--accounts takes a whole number');
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !values.only || values.only.some((o) => f.startsWith(o)))
    .sort();
  const results: BenchResult[] = [];
  for (const file of files) {
    const workDir = fs.mkdtempSync(
      path.join(os.tmpdir(), `bench-${path.basename(file, '.bench.ts')}-`),
    );
    process.stderr.write(`\n== ${file} (${accounts} accounts)\n`);
    try {
      const suite = (await import(path.join(__dirname, file))).default as BenchSuite;
      results.push(
        ...(await suite({ accounts, workDir, log: (l) => process.stderr.write(`${l}\n`) })),
      );
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }
  const report = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
    node: process.version,
    accounts,
    results,
  };
  const json = JSON.stringify(report, null, 2);
  if (values.out) fs.writeFileSync(values.out, json);
  process.stdout.write(`${json}\n\n`);
  process.stdout.write(table(results));
}

function table(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.name,
    `${r.value} ${r.unit}`,
    r.p95 !== undefined ? `${r.p95} ms` : '',
    r.baseline ? `${r.baseline.ratio}x vs ${r.baseline.name} (${r.baseline.value})` : '',
    r.aim ?? '',
  ]);
  const header = ['benchmark', 'median / value', 'p95', 'against baseline', 'aim'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |\n`;
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
});
