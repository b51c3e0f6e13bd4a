// `npm run bench [-- --accounts N] [--only NAME]`: runs every bench/*.bench.ts suite and prints
// the figures as JSON and as a table. `npm run bench -- --scale [--scale-sizes 1000,5000,20000]`
// runs the store, health and sync figures at each size and prints how they grow.
import { spawn } from 'node:child_process';
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
      scale: { type: 'boolean', default: false },
      'scale-sizes': { type: 'string', default: '1000,5000,20000' },
      'scale-limit-minutes': { type: 'string', default: '40' },
    },
  });
  if (values.scale) {
    await runScale(values['scale-sizes'], Number(values['scale-limit-minutes']), values.out);
    return;
  }
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
        ...(await suite({
          accounts,
          workDir,
          scale: process.env.CSM_BENCH_SCALE === '1',
          log: (l) => process.stderr.write(`${l}\n`),
        })),
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
    /** Peak resident memory of this process (the backend runs in it), in MiB. */
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
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

interface Report {
  accounts: number;
  peakRssMiB: number;
  loadAverage: number[];
  results: BenchResult[];
}

/**
 * `--scale`: the store, health and sync figures at each size, each size in its own process (so
 * its peak memory is its own), then how each figure grows: per document for rates, per account
 * for whole-store timings. A size that runs past the limit is stopped and reported as such.
 */
async function runScale(sizesArg: string, limitMinutes: number, out?: string): Promise<void> {
  const sizes = sizesArg.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('--scale-sizes takes whole numbers, e.g. 1000,5000,20000');
  }
  if (!(limitMinutes > 0)) throw new Error('--scale-limit-minutes takes a positive number');
  const reports: (Report | { accounts: number; stopped: string })[] = [];
  for (const accounts of sizes) {
    const file = path.join(os.tmpdir(), `bench-scale-${process.pid}-${accounts}.json`);
    process.stderr.write(`\n=== scale: ${accounts} accounts (limit ${limitMinutes} min)\n`);
    const started = Date.now();
    const code = await new Promise<number | string>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          ...['--import', 'tsx', path.join(__dirname, 'run.ts')],
          ...['--accounts', String(accounts), '--out', file],
          ...['--only', 'store', '--only', 'health', '--only', 'sync'],
        ],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
          // The sync figure pulls a tenth of the store (a CSM's scoped share) at each size.
          env: {
            ...process.env,
            CSM_BENCH_SCALE: '1',
            CSM_BENCH_SYNC_DOCS: String(accounts * 10),
          },
        },
      );
      const timer = setTimeout(() => child.kill('SIGKILL'), limitMinutes * 60_000);
      child.on('exit', (c, signal) => {
        clearTimeout(timer);
        resolve(signal ?? c ?? 1);
      });
    });
    if (code === 0 && fs.existsSync(file)) {
      reports.push(JSON.parse(fs.readFileSync(file, 'utf8')) as Report);
      fs.rmSync(file, { force: true });
    } else {
      const why =
        code === 'SIGKILL' ? `stopped at the ${limitMinutes}-minute limit` : `exit ${code}`;
      reports.push({
        accounts,
        stopped: `${why} after ${Math.round((Date.now() - started) / 1000)} s`,
      });
    }
  }
  const json = JSON.stringify({ date: new Date().toISOString(), scale: reports }, null, 2);
  if (out) fs.writeFileSync(out, json);
  process.stdout.write(`${json}\n\n${growthTable(reports)}`);
}

/** One row per figure: its value at each size, and per document or per account. */
function growthTable(reports: (Report | { accounts: number; stopped: string })[]): string {
  const done = reports.filter((r): r is Report => 'results' in r);
  const names = [...new Set(done.flatMap((r) => r.results.map((x) => x.name)))];
  const header = ['figure', ...reports.map((r) => `${r.accounts} accounts`)];
  const perUnit = (r: Report, x: BenchResult): string => {
    const against = x.baseline ? `, ${x.baseline.ratio}x vs baseline` : '';
    if (x.unit === 'docs/s')
      return `${x.value} docs/s (${Math.round(1e6 / x.value)} µs/doc${against})`;
    // A timing over a number of documents (the sync figures: "10000 docs ..."): per document.
    const docs = Number(/^(\d+) docs\b/.exec(x.note ?? '')?.[1] ?? 0);
    if (docs > 0 && (x.unit === 's' || x.unit === 'ms')) {
      const us = ((x.unit === 's' ? x.value * 1000 : x.value) * 1000) / docs;
      return `${x.value} ${x.unit} (${Math.round(us)} µs/doc${against})`;
    }
    if (x.name === 'health.recompute.full' || x.name === 'health.recompute.unchanged')
      return `${x.value} ms (${Math.round((x.value / r.accounts) * 1000) / 1000} ms/account)`;
    return `${x.value} ${x.unit}${x.p95 !== undefined ? `, p95 ${x.p95}` : ''}`;
  };
  const rows = names.map((name) => [
    name,
    ...reports.map((r) => {
      if (!('results' in r)) return r.stopped;
      const x = r.results.find((y) => y.name === name);
      return x ? perUnit(r, x) : '';
    }),
  ]);
  rows.push([
    'peak memory (backend process)',
    ...reports.map((r) => ('results' in r ? `${r.peakRssMiB} MiB` : '')),
  ]);
  rows.push([
    'load average (1, 5, 15 min)',
    ...reports.map((r) => ('results' in r ? r.loadAverage.join(', ') : '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |\n`;
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
});
