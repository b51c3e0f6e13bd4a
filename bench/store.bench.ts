// Issue 2's figures: projection rebuild rate, search, filtered account list, account brief,
// and the write latency of one issue update against a bare PouchDB put in the same run.
import path from 'node:path';
import PouchDB from 'pouchdb';
import { durabilityOf } from '../main/store/durability';
import { pouchLocation } from '../main/store/pouch';
import { openDemoBackend, timeIt, timing, type BenchResult, type BenchSuite } from './harness';

const SEARCHES = ['续约', '验收', 'renewal', '报表', '培训', 'SSO login', '数据导入', '审批流'];

const suite: BenchSuite = async (options) => {
  const { backend } = await openDemoBackend(options);
  const results: BenchResult[] = [];
  try {
    // Baseline: only reading PouchDB's changes feed as the rebuild does, projecting nothing.
    const readStart = performance.now();
    let since: string | number = 0;
    let read = 0;
    for (;;) {
      const feed = await backend.ctx.store.changesSince(since, 2000);
      read += feed.results.length;
      since = feed.last_seq;
      if (feed.results.length < 2000) break;
    }
    const readRate = Math.round(read / ((performance.now() - readStart) / 1000));
    const rebuild = await backend.call('index.rebuild', {});
    const rate = Math.round(rebuild.docs / (rebuild.ms / 1000));
    results.push({
      name: 'store.rebuild',
      unit: 'docs/s',
      value: rate,
      aim: '> 20000 docs/s',
      note: `${rebuild.docs} docs in ${rebuild.ms} ms`,
      baseline: {
        name: 'reading the changes feed alone (docs/s)',
        value: readRate,
        ratio: Math.round((rate / readRate) * 100) / 100,
      },
    });

    const searchTimes = await timeIt(
      (i) => backend.call('search.query', { q: SEARCHES[i % SEARCHES.length], limit: 20 }),
      400,
    );
    results.push(timing('store.search', searchTimes, { aim: 'p95 < 15 ms' }));

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

    // Write latency: one issue update through the API (validation, timeline entry, projection)
    // against a bare PouchDB put of the same document in a plain LevelDB PouchDB.
    const issue = (await backend.call('issue.list', { limit: 1 })).items[0];
    let rev = issue._rev!;
    const updateTimes = await timeIt(
      async (i) => {
        const updated = await backend.call('issue.update', {
          id: issue._id,
          rev,
          changes: { description: `bench ${i}` },
        });
        rev = updated._rev!;
      },
      500,
      20,
    );
    const bare = new PouchDB(path.join(options.workDir, 'bare.pouch'));
    let bareRev: string | undefined;
    const putTimes = await timeIt(
      async (i) => {
        const result = await bare.put({ ...issue, _rev: bareRev, description: `bench ${i}` });
        bareRev = result.rev;
      },
      500,
      20,
    );
    await bare.close();
    const put = timing('pouchdb.put', putTimes);
    const update = timing('store.issueUpdate', updateTimes, { aim: '<= 1.5x bare put' });
    update.baseline = {
      name: 'bare PouchDB put (median ms)',
      value: put.value,
      ratio: Math.round((update.value / put.value) * 100) / 100,
    };
    results.push(update, put);

    // Durability's cost: the same update with LevelDB's sync (the default, what users get)
    // against the same update with the sync switched off, alternating sample by sample in one
    // run so the machine's load and the document's growing history weigh on both alike.
    const durability = durabilityOf(pouchLocation(path.join(options.workDir, 'store')));
    const update1 = async (i: number) => {
      const updated = await backend.call('issue.update', {
        id: issue._id,
        rev,
        changes: { description: `durable ${i}` },
      });
      rev = updated._rev!;
    };
    const durable: number[] = [];
    const unsynced: number[] = [];
    const syncsBefore = durability.syncs;
    for (let i = 0; i < 620; i++) {
      const synced = i % 2 === 0;
      durability.unsyncedBaseline = !synced;
      try {
        const start = performance.now();
        await update1(i);
        if (i >= 20) (synced ? durable : unsynced).push(performance.now() - start);
      } finally {
        durability.unsyncedBaseline = false;
      }
    }
    const syncs = durability.syncs - syncsBefore;
    const durableUpdate = timing(
      'store.durableIssueUpdate',
      durable.sort((a, b) => a - b),
      { note: `${syncs} LevelDB syncs for 310 synced and 310 unsynced updates` },
    );
    const plain = timing(
      'store.unsyncedIssueUpdate',
      unsynced.sort((a, b) => a - b),
    );
    durableUpdate.baseline = {
      name: 'the same update without sync (median ms)',
      value: plain.value,
      ratio: Math.round((durableUpdate.value / plain.value) * 100) / 100,
    };
    results.push(durableUpdate, plain);
  } finally {
    await backend.close();
  }
  return results;
};

export default suite;
