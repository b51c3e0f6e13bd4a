// Shared by every benchmark: timing helpers, demo data and the result shape `npm run bench` prints.
import path from 'node:path';
import { Backend } from '../main/backend';
import { loadDemo } from '../main/demo/load';
import { clockFromEnv, type Clock } from '../shared/time/clock';
export interface BenchResult {
  /** Area and measurement, e.g. "store.search". */
  name: string;
  unit: 'ms' | 'docs/s' | 'rows/s' | 'ratio' | 's';
  /** The headline figure (median for timings). */
  value: number;
  p50?: number;
  p95?: number;
  samples?: number;
  /** What `value` is compared against, measured in the same run. */
  baseline?: { name: string; value: number; ratio: number };
  aim?: string;
  note?: string;
}

export interface BenchOptions {
  /** Only the figures that grow with the data (npm run bench -- --scale): no micro timings. */
  scale?: boolean;
  /** Demo accounts for the data-size-dependent benchmarks. */
  accounts: number;
  /** A scratch folder the benchmark may fill and leave. */
  workDir: string;
  log: (line: string) => void;
}

export type BenchSuite = (options: BenchOptions) => Promise<BenchResult[]>;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const ratio = (value: number, base: number) => Math.round((value / base) * 100) / 100;

/** Runs `fn` `samples` times after `warmup` runs; returns sorted durations in ms. */
export async function timeIt(
  fn: (i: number) => unknown,
  samples: number,
  warmup = 5,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

export function timing(
  name: string,
  sorted: number[],
  extra: Partial<BenchResult> = {},
): BenchResult {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    name,
    unit: 'ms',
    value: round(percentile(sorted, 50)),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    samples: sorted.length,
    ...extra,
  };
}

/** A backend in `workDir` filled with `accounts` demo accounts (seed 1); logs progress. */
export async function openDemoBackend(
  { accounts, workDir, log }: BenchOptions,
  clock: Clock = clockFromEnv(process.env),
): Promise<{ backend: Backend; docs: number; loadMs: number }> {
  const backend = await Backend.open({
    dataDir: path.join(workDir, 'store'),
    user: 'bench',
    clock,
  });
  const started = performance.now();
  const demo = await loadDemo(
    backend.ctx.store,
    accounts,
    { seed: 1, today: clock.today(), user: 'bench' },
    (done, total) => {
      if (done % 1000 === 0 || done === total) log(`demo ${done}/${total} accounts`);
    },
  );
  const loadMs = performance.now() - started;
  log(`loaded ${demo.docs} documents in ${Math.round(loadMs)} ms`);
  return { backend, docs: demo.docs, loadMs };
}
