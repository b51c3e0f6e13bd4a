// Issue 4's figures: the first pull of 50,000 documents from the team server into an empty
// store, projection included, with the workbench's sync against a plain PouchDB.replicate with
// default options in the same run; and the push of 1,000 offline changes.
// CSM_BENCH_SYNC_DOCS changes the document count (e.g. for a quick run). The team database also
// holds attachments (issue 14): one 100 KB file on a visit per demo account asked for
// (`--accounts`, at most 500; CSM_BENCH_SYNC_FILES overrides), pulled by both contenders.
import path from 'node:path';
import PouchDB from 'pouchdb';
import { Backend } from '../main/backend';
import { demoBatches } from '../main/demo/generate';
import { addUser, initServer } from '../main/sync/serverAdmin';
import { loadStraight, startServerProcess, type ServerProcess } from '../main/sync/serverProcess';
import { syncServiceOf } from '../main/sync/service';
import type { BenchResult, BenchSuite } from './harness';
import { clockFromEnv, type Clock } from '../shared/time/clock';

const ADMIN = { user: 'admin', password: 'bench-admin' };
const MANAGER = { user: 'mona', password: 'bench-mona' };
const DB = 'team';
const CHANGES = 1000;

const FILE_BYTES = 100 * 1024;

/** Attachment documents with their bytes, each on one of the visits among `docs`. */
function fileDocs(
  docs: Record<string, unknown>[],
  count: number,
  at: string,
): Record<string, unknown>[] {
  const visits = docs.filter((d) => d.type === 'visit');
  const bytes = Buffer.alloc(FILE_BYTES);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const data = bytes.toString('base64');
  return visits.slice(0, count).map((visit, i) => ({
    _id: `attachment:${String(visit._id).split(':')[1]}:F${String(i).padStart(8, '0')}`,
    type: 'attachment',
    accountId: visit.accountId,
    schemaVersion: 1,
    createdAt: at,
    createdBy: MANAGER.user,
    updatedAt: at,
    updatedBy: MANAGER.user,
    target: visit._id,
    targetType: 'visit',
    name: `whiteboard-${i}.png`,
    contentType: 'image/png',
    size: FILE_BYTES,
    _attachments: { file: { content_type: 'image/png', data } },
  }));
}

function demoDocs(count: number, today: string): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (const batch of demoBatches(Math.ceil(count / 20), { seed: 4, today, user: MANAGER.user })) {
    docs.push(...batch);
    if (docs.length >= count) break;
  }
  return docs.slice(0, count);
}

async function openEmpty(dir: string, clock: Clock): Promise<Backend> {
  return Backend.open({ dataDir: dir, user: 'bench-local', clock });
}

const suite: BenchSuite = async ({ workDir, log, accounts }) => {
  const count = Number(process.env.CSM_BENCH_SYNC_DOCS ?? 50_000);
  const fileCount = Number(process.env.CSM_BENCH_SYNC_FILES ?? Math.min(500, accounts));
  const clock = clockFromEnv(process.env);
  const results: BenchResult[] = [];
  const dataDir = path.join(workDir, 'server');
  let server: ServerProcess = await startServerProcess({
    dataDir,
    adminUser: ADMIN.user,
    adminPassword: ADMIN.password,
  });
  try {
    const target = { url: server.url, db: DB, admin: ADMIN };
    await initServer(target);
    await addUser(target, MANAGER.user, 'manager', MANAGER.password);
    const port = server.port;
    await server.stop();
    const plainDocsOnly = demoDocs(count, clock.today());
    const files = fileDocs(plainDocsOnly, fileCount, clock.now().toISOString());
    const docs = [...plainDocsOnly, ...files];
    log(
      `loading ${docs.length} demo documents (${files.length} with a 100 KB file) straight into the server's database`,
    );
    await loadStraight(dataDir, DB, docs);
    server = await startServerProcess({
      dataDir,
      port,
      adminUser: ADMIN.user,
      adminPassword: ADMIN.password,
    });
    const remoteUrl = `${server.url}/${DB}`;
    const auth = { username: MANAGER.user, password: MANAGER.password };
    // Warm the server's caches so neither contender pays for a cold disk.
    const warm = new PouchDB(remoteUrl, { auth, skip_setup: true } as object);
    await warm.allDocs({ include_docs: true });
    await warm.close();

    // Baseline: PouchDB.replicate with default options, then the projection catches up.
    const plain = await openEmpty(path.join(workDir, 'plain'), clock);
    let started = performance.now();
    const remote = new PouchDB(remoteUrl, { auth, skip_setup: true } as object);
    await PouchDB.replicate(remote, plain.ctx.store.replicationHandle());
    await plain.ctx.store.catchUp();
    const plainMs = performance.now() - started;
    const plainDocs = plain.ctx.queries.docCount();
    const sample = files.length ? String(files[files.length - 1]._id) : null;
    const plainFile = sample ? await plain.ctx.store.getAttachment(sample, 'file') : null;
    await remote.close();
    await plain.close();
    log(`plain PouchDB.replicate: ${plainDocs} docs in ${Math.round(plainMs)} ms`);

    // The workbench's sync: tuned batches; done means the projection shows every document.
    const ours = await openEmpty(path.join(workDir, 'ours'), clock);
    const service = syncServiceOf(ours.ctx);
    const credentials = {
      url: server.url,
      db: DB,
      user: MANAGER.user,
      password: MANAGER.password,
      scope: 'all' as const,
    };
    started = performance.now();
    const pull = await service.syncOnce(credentials);
    const oursMs = performance.now() - started;
    const oursDocs = ours.ctx.queries.docCount();
    log(`workbench sync: ${oursDocs} docs in ${Math.round(oursMs)} ms (pulled ${pull.pulled})`);
    if (sample) {
      const oursFile = await ours.ctx.store.getAttachment(sample, 'file');
      if (
        !oursFile ||
        !plainFile ||
        !oursFile.equals(plainFile) ||
        oursFile.length !== FILE_BYTES
      ) {
        throw new Error(`the file of ${sample} differs between the contenders`);
      }
    }
    if (oursDocs !== plainDocs || oursDocs !== docs.length) {
      throw new Error(
        `document counts differ: plain ${plainDocs}, ours ${oursDocs}, server ${docs.length}`,
      );
    }
    const seconds = (ms: number) => Math.round(ms) / 1000;
    results.push({
      name: 'sync.firstPull',
      unit: 's',
      value: seconds(oursMs),
      baseline: {
        name: 'PouchDB.replicate defaults',
        value: seconds(plainMs),
        ratio: Math.round((plainMs / oursMs) * 100) / 100,
      },
      aim: '>= 2x faster than the plain replicate',
      note: `${docs.length} docs (${files.length} attachments of 100 KB, ${Math.round((files.length * FILE_BYTES) / 1024 / 1024)} MB), projection up to date at the end of both`,
    });

    // 1,000 offline changes, then one push.
    const changed = await ours.ctx.store.replicationHandle().allDocs({
      include_docs: true,
      startkey: 'contact:',
      endkey: 'contact:\uffff',
      limit: CHANGES,
    });
    const edits = changed.rows.map((r) => ({
      ...(r.doc as unknown as Record<string, unknown> & { _id: string }),
      personalityNotes: 'Prefers WeChat to email',
      updatedBy: MANAGER.user,
      updatedAt: clock.now().toISOString(),
    }));
    await ours.ctx.store.write(edits);
    started = performance.now();
    const push = await service.syncOnce(credentials);
    const pushMs = performance.now() - started;
    log(`push: ${push.pushed} docs in ${Math.round(pushMs)} ms`);
    if (push.pushed !== edits.length || push.rejected.length)
      throw new Error(`push incomplete: ${JSON.stringify(push).slice(0, 300)}`);
    results.push({
      name: 'sync.push',
      unit: 's',
      value: seconds(pushMs),
      aim: `${CHANGES} offline changes in < 5 s`,
      note: `${push.pushed} docs pushed, validate_doc_update on every one`,
    });
    await service.stop();
    await ours.close();
  } finally {
    await server.stop();
  }
  return results;
};

export default suite;
