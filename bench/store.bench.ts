// Issue 2's and issue 15's store figures, each against a baseline measured in the same run:
// the bulk load (demo generator) against a bare PouchDB bulkDocs of the same documents; the
// projection rebuild against reading the changes feed alone; search, the filtered account list
// and the account brief; one issue update against a bare PouchDB put with the same durability
// (both synced), alternating sample by sample; a backup restore; and the CLI's start against
// loading its own dependencies alone (wall and CPU time).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { Backend } from '../main/backend';
import { demoLoadBatches } from '../main/demo/load';
import { durabilityOf } from '../main/store/durability';
import { openPouch, pouchLocation } from '../main/store/pouch';
import { bulkBatches } from '../main/store/store';
import { clockFromEnv } from '../shared/time/clock';
import {
  openDemoBackend,
  ratio,
  timeIt,
  timing,
  type BenchResult,
  type BenchSuite,
} from './harness';

const SEARCHES = ['续约', '验收', 'renewal', '报表', '培训', 'SSO login', '数据导入', '审批流'];
const ROOT = path.resolve(__dirname, '..');
const RESTORE_DOCS = 20_000;

interface BareRate {
  /** Documents written. */
  docs: number;
  /** docs/s of the bulkDocs calls alone. */
  rate: number;
  /** The same with generating the documents counted too, as the demo load counts it. */
  withGeneration: number;
  generationMs: number;
}

/**
 * A bare PouchDB bulkDocs of the same documents the demo load writes (demoLoadBatches), in the
 * same batches (bulkBatches), with the same durability (the store's leveldown: every batch
 * synced; `synced` false: PouchDB's default leveldown, unsynced, for comparison).
 */
async function bareBulkRate(
  dir: string,
  accounts: number,
  today: string,
  synced: boolean,
): Promise<BareRate> {
  fs.mkdirSync(dir, { recursive: true });
  const bare = synced ? openPouch(dir) : new PouchDB(path.join(dir, 'unsynced'));
  let docs = 0;
  let ms = 0;
  const began = performance.now();
  try {
    for (const batch of bulkBatches(demoLoadBatches(accounts, { seed: 1, today, user: 'bench' }))) {
      const started = performance.now();
      await bare.bulkDocs(batch as PouchDB.Core.PutDocument<object>[]);
      ms += performance.now() - started;
      docs += batch.length;
    }
  } finally {
    await bare.destroy();
  }
  const total = performance.now() - began;
  return {
    docs,
    rate: Math.round(docs / (ms / 1000)),
    withGeneration: Math.round(docs / (total / 1000)),
    generationMs: Math.round(total - ms),
  };
}

/** Reading the whole changes feed as the rebuild does, projecting nothing (docs/s). */
async function feedReadRate(backend: Backend): Promise<number> {
  const started = performance.now();
  let since: string | number = 0;
  let read = 0;
  for (;;) {
    const feed = await backend.ctx.store.changesSince(since, 2000);
    read += feed.results.length;
    since = feed.last_seq;
    if (feed.results.length < 2000) break;
  }
  return Math.round(read / ((performance.now() - started) / 1000));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * CPU time (user + system) of this process's reaped children, in ms: Linux's /proc/self/stat
 * (cutime, cstime, in clock ticks of 10 ms); null elsewhere. Read before and after each child.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name in parentheses (which may hold spaces): cutime is the 16th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

interface ProcessSample {
  wallMs: number;
  cpuMs: number | null;
}

/**
 * Wall and CPU time of a fresh process, alternating with the baseline process, `n` times each.
 * Both sides start warm: one run of each first, not a sample (the CLI's builds dist/cli when it
 * is stale and fills its code cache; the baseline's reads its modules into the page cache). A
 * sample that rebuilt the CLI would time the build, so it is refused.
 */
function processTimes(
  a: [string, string[]],
  b: [string, string[]],
  n: number,
): { a: ProcessSample[]; b: ProcessSample[] } {
  const run = ([cmd, args]: [string, string[]]): ProcessSample => {
    const cpuBefore = childrenCpuMs();
    const started = performance.now();
    const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    const wallMs = performance.now() - started;
    const cpuAfter = childrenCpuMs();
    if (result.status !== 0) {
      throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    }
    if (/rebuilt the command line/.test(result.stderr)) {
      throw new Error(`a timed run rebuilt the CLI: ${result.stderr.trim()}`);
    }
    const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return { wallMs, cpuMs };
  };
  const out = { a: [] as ProcessSample[], b: [] as ProcessSample[] };
  spawnSync(a[0], a[1], { cwd: ROOT, stdio: 'pipe' });
  spawnSync(b[0], b[1], { cwd: ROOT, stdio: 'pipe' });
  for (let i = 0; i < n; i++) {
    out.a.push(run(a));
    out.b.push(run(b));
  }
  return out;
}

const suite: BenchSuite = async (options) => {
  const { backend, docs, loadMs } = await openDemoBackend(options);
  const today = backend.ctx.clock.today();
  const results: BenchResult[] = [];
  const dataDir = path.join(options.workDir, 'store');
  let open = true;
  try {
    // Bulk load: the demo generator through Store.bulkWrite (generation included), against a
    // bare PouchDB bulkDocs of the same documents in the same batches, synced as the store's
    // are (generation excluded), in the same run; the unsynced bulkDocs and the bare write with
    // generation counted are in the note.
    const bulkRate = Math.round(docs / (loadMs / 1000));
    const bareBulk = await bareBulkRate(
      path.join(options.workDir, 'bare-bulk'),
      options.accounts,
      today,
      true,
    );
    const unsynced = await bareBulkRate(
      path.join(options.workDir, 'bare-bulk-unsynced'),
      options.accounts,
      today,
      false,
    );
    results.push({
      name: 'store.bulkLoad',
      unit: 'docs/s',
      value: bulkRate,
      aim: '>= 15000 docs/s and >= 0.5x bare bulkDocs',
      note: `${docs} docs in ${Math.round(loadMs)} ms, generation and projection included; bare: ${bareBulk.docs} docs, generating them ${bareBulk.generationMs} ms, bare with generation ${bareBulk.withGeneration} docs/s (${ratio(bulkRate, bareBulk.withGeneration)}x), unsynced bare bulkDocs ${unsynced.rate} docs/s (${ratio(bulkRate, unsynced.rate)}x)`,
      baseline: {
        name: 'bare PouchDB bulkDocs, same batches, synced (docs/s)',
        value: bareBulk.rate,
        ratio: ratio(bulkRate, bareBulk.rate),
      },
    });

    const readRate = await feedReadRate(backend);
    const rebuild = await backend.call('index.rebuild', {});
    const rate = Math.round(rebuild.docs / (rebuild.ms / 1000));
    results.push({
      name: 'store.rebuild',
      unit: 'docs/s',
      value: rate,
      aim: '>= 20000 docs/s and >= 0.75x the feed read',
      note: `${rebuild.docs} docs in ${rebuild.ms} ms`,
      baseline: {
        name: 'reading the changes feed alone (docs/s)',
        value: readRate,
        ratio: ratio(rate, readRate),
      },
    });

    const searchTimes = await timeIt(
      (i) => backend.call('search.query', { q: SEARCHES[i % SEARCHES.length], limit: 20 }),
      options.scale ? 80 : 400,
    );
    results.push(timing('store.search', searchTimes, { aim: 'p95 < 15 ms' }));
    if (options.scale) return results;

    const owners = ['zhang.wei', 'li.na', 'wang.fang', 'chen.jing'];
    const tiers = ['strategic', 'ordinary', 'micro'];
    const listTimes = await timeIt(
      (i) =>
        backend.call('account.list', {
          filters: { ownerCsm: owners[i % owners.length], tier: tiers[i % tiers.length] },
          sort: { field: i % 2 ? 'renewalDate' : 'title', dir: 'asc' },
          offset: (i % 3) * 50,
          limit: 50,
        }),
      400,
    );
    results.push(timing('store.accountListPage', listTimes, { aim: 'p95 < 15 ms' }));

    const ids = backend.ctx.queries.accountIds();
    const briefTimes = await timeIt(
      (i) => backend.call('account.brief', { id: ids[(i * 7919) % ids.length] }),
      400,
    );
    results.push(timing('store.accountBrief', briefTimes, { aim: 'p95 < 30 ms' }));

    // One issue update through the API (validation, timeline entry, projection, synced)
    // against a bare PouchDB put of the same document into a PouchDB on the same durable
    // leveldown (synced too), alternating sample by sample so load weighs on both alike.
    const issue = (await backend.call('issue.list', { limit: 1 })).items[0];
    let rev = issue._rev!;
    const bareDir = path.join(options.workDir, 'bare-put');
    fs.mkdirSync(bareDir, { recursive: true });
    const bare = openPouch(bareDir);
    let bareRev: string | undefined;
    const durability = durabilityOf(pouchLocation(dataDir));
    const bareDurability = durabilityOf(pouchLocation(bareDir));
    const updateTimes: number[] = [];
    const putTimes: number[] = [];
    const [syncs, bareSyncs] = [durability.syncs, bareDurability.syncs];
    for (let i = 0; i < 540; i++) {
      let started = performance.now();
      rev = (
        await backend.call('issue.update', {
          id: issue._id,
          rev,
          changes: { description: `bench ${i}` },
        })
      )._rev!;
      if (i >= 20) updateTimes.push(performance.now() - started);
      started = performance.now();
      bareRev = (await bare.put({ ...issue, _rev: bareRev, description: `bench ${i}` })).rev;
      if (i >= 20) putTimes.push(performance.now() - started);
    }
    await bare.close();
    const put = timing(
      'pouchdb.durablePut',
      putTimes.sort((a, b) => a - b),
      { note: `${bareDurability.syncs - bareSyncs} LevelDB syncs for 540 puts` },
    );
    const update = timing(
      'store.issueUpdate',
      updateTimes.sort((a, b) => a - b),
      {
        aim: '<= 1.5x a bare put with the same durability',
        note: `${durability.syncs - syncs} LevelDB syncs for 540 updates`,
      },
    );
    update.baseline = {
      name: 'bare durable PouchDB put (median ms)',
      value: put.value,
      ratio: ratio(update.value, put.value),
    };
    results.push(update, put);

    // A backup restore into a new store: validation, the bulk path (PouchDB batches of 1,000,
    // the projection loaded as a rebuild). At most RESTORE_DOCS of them, bounded here in time.
    const full = await backend.call('backup.export', {});
    const backup = { ...full, docs: full.docs.slice(0, RESTORE_DOCS), conflicts: [] };
    await backend.close();
    open = false;
    const target = await Backend.open({
      dataDir: path.join(options.workDir, 'restored'),
      user: 'bench',
      clock: clockFromEnv(process.env),
    });
    try {
      const started = performance.now();
      await target.call('backup.import', { backup, overwrite: false });
      const ms = performance.now() - started;
      results.push({
        name: 'store.restore',
        unit: 'docs/s',
        value: Math.round(backup.docs.length / (ms / 1000)),
        note: `${backup.docs.length} of ${full.docs.length} docs in ${Math.round(ms)} ms (validation, the bulk path, projection)`,
      });
    } finally {
      await target.close();
    }

    // The CLI's start on this store against loading its own dependencies alone.
    const runs = 7;
    const cli = processTimes(
      [process.execPath, ['scripts/csm.cjs', 'info', '--data-dir', dataDir]],
      [process.execPath, ['-e', "require('pouchdb');require('better-sqlite3')"]],
      runs,
    );
    const wall = (xs: ProcessSample[]) => Math.round(median(xs.map((x) => x.wallMs)));
    const cliMs = wall(cli.a);
    const depsMs = wall(cli.b);
    results.push({
      name: 'cli.info',
      unit: 'ms',
      value: cliMs,
      aim: '<= 2x loading its dependencies alone',
      note: `csm info on the ${docs}-document store (opens it), wall time, ${runs} runs alternating after one warm run of each`,
      baseline: {
        name: 'node -e require pouchdb, better-sqlite3 (median ms)',
        value: depsMs,
        ratio: ratio(cliMs, depsMs),
      },
    });
    const cpu = (xs: ProcessSample[]) =>
      xs.every((x) => x.cpuMs !== null) ? median(xs.map((x) => x.cpuMs as number)) : null;
    const cliCpu = cpu(cli.a);
    const depsCpu = cpu(cli.b);
    if (cliCpu !== null && depsCpu !== null) {
      results.push({
        name: 'cli.info.cpu',
        unit: 'ms',
        value: cliCpu,
        aim: '<= 2x loading its dependencies alone',
        note: `the same runs' CPU time (user + system, 10 ms ticks of /proc/self/stat)`,
        baseline: {
          name: 'node -e require pouchdb, better-sqlite3 (median CPU ms)',
          value: depsCpu,
          ratio: ratio(cliCpu, depsCpu),
        },
      });
    }
  } finally {
    if (open) await backend.close();
  }
  return results;
};

export default suite;
