// `csm sync --once` against a real team server process that is killed in the middle of the first
// pull: started again on the same port and data, the run retries (one line per retry) and ends
// with every document exactly once; left down, the run gives up after its limit with exit 1.
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../main/cli/csm';
import { demoBatches } from '../../../main/demo/generate';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { TODAY } from '../../helpers/clock';
import {
  ADMIN,
  loadStraight,
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  type ServerProcess,
} from './teamServerProcess';

jest.setTimeout(180_000);

const DOCS = 10_000;
let server: ServerProcess;
let work: string;
let expected: Map<string, string>;

function demoDocs(count: number): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (const batch of demoBatches(400, { seed: 11, today: TODAY, user: 'mona' })) {
    docs.push(...batch);
    if (docs.length >= count) break;
  }
  return docs.slice(0, count);
}

async function serverRevisions(url: string): Promise<Map<string, string>> {
  const auth = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;
  const response = await fetch(`${url}/${TEAM_DB}/_all_docs`, { headers: { authorization: auth } });
  const body = (await response.json()) as { rows: { id: string; value: { rev: string } }[] };
  return new Map(body.rows.map((r) => [r.id, r.value.rev]));
}

/** `csm sync --once` as mona into `laptop`; `onLine` sees each stderr line as it is printed. */
async function syncOnce(laptop: string, extra: string[], onLine: (line: string) => void) {
  const err: string[] = [];
  const out: string[] = [];
  const code = await runCli(
    [
      'sync',
      '--url',
      server.url,
      '--db',
      TEAM_DB,
      '--user',
      'mona',
      '--password-file',
      path.join(work, 'mona.pw'),
      '--once',
      '--data-dir',
      laptop,
      '--json',
      ...extra,
    ],
    {
      out: (l) => out.push(l),
      err: (l) => {
        err.push(l);
        onLine(l);
      },
    },
  );
  return { code, out: out.join('\n'), err };
}

/** True once a first-pull line shows some documents arrived and not all. */
function midPull(line: string): boolean {
  const m = line.match(/First sync: (\d+) of (\d+)/);
  return Boolean(m) && Number(m![1]) > 0 && Number(m![1]) < Number(m![2]);
}

beforeAll(async () => {
  work = tempDir('sync-retry');
  fs.writeFileSync(path.join(work, 'mona.pw'), `${PASSWORDS.mona}\n`);
  server = await startServerProcess();
  await prepareTeam(server.url);
  const port = server.port;
  await server.stop();
  await loadStraight(server.dataDir, demoDocs(DOCS));
  server = await startServerProcess(server.dataDir, port);
  expected = await serverRevisions(server.url);
  expect(expected.size).toBe(DOCS + 1); // and the design document
});

afterAll(async () => {
  await server?.stop();
  removeDir(server.dataDir);
  removeDir(work);
});

describe('csm sync --once with a dying server', () => {
  it('survives a restart mid-pull: retries, resumes, brings every document once', async () => {
    const laptop = path.join(work, 'laptop-restart');
    const port = server.port;
    let killed: Promise<void> | null = null;
    let restarted: Promise<ServerProcess> | null = null;
    const run = await syncOnce(laptop, [], (line) => {
      if (!killed && midPull(line)) killed = server.kill();
      if (killed && !restarted && /^sync: attempt 1 of \d+ failed/.test(line)) {
        restarted = killed.then(() => startServerProcess(server.dataDir, port));
      }
    });
    expect(killed).not.toBeNull();
    expect(restarted).not.toBeNull();
    server = await restarted!;

    expect([run.code, run.code === 0 ? [] : run.err]).toEqual([0, []]);
    const retries = run.err.filter((l) =>
      /^sync: attempt \d+ of 8 failed \(.+\); retrying in \d+\.\d s$/.test(l),
    );
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatch(/retrying in 0\.5 s$/);
    // The bulk pull resumed at its next page: the first progress after the retries starts
    // where the killed run got to, not at 0.
    const before = run.err.slice(0, run.err.indexOf(retries[0]));
    const reached = Math.max(
      ...before.map((l) => Number(l.match(/First sync: (\d+) of/)?.[1] ?? 0)),
    );
    const after = run.err.slice(run.err.indexOf(retries[0]));
    const resumedAt = after.map((l) => l.match(/First sync: (\d+) of/)?.[1]).find(Boolean);
    expect(reached).toBeGreaterThan(0);
    expect(Number(resumedAt)).toBeGreaterThanOrEqual(reached);
    // Only what came from the server was written: the push had nothing of its own to send.
    expect(after.filter((l) => /Sending [1-9]\d* local changes/.test(l))).toEqual([]);
    const report = JSON.parse(run.out) as { pulled: number; status: { state: string } };
    expect(report.status.state).toBe('upToDate');

    const backend = await openBackend(laptop);
    try {
      const local = await backend.ctx.store.allDocs();
      expect(new Map(local.map((d) => [d._id, d._rev]))).toEqual(expected);
      // Each document written once: one local sequence number per document, no re-writes.
      expect(Number((await backend.ctx.store.info()).updateSeq)).toBe(expected.size);
      expect(backend.ctx.queries.docCount()).toBe(DOCS);
    } finally {
      await backend.close();
    }
  });

  it('gives up after its limit with exit 1 when the server stays down', async () => {
    const laptop = path.join(work, 'laptop-down');
    let killed: Promise<void> | null = null;
    let firstRetryAt = 0;
    const run = await syncOnce(laptop, ['--retries', '3', '--retry-for', '30'], (line) => {
      if (!killed && midPull(line)) killed = server.kill();
      if (!firstRetryAt && /^sync: attempt 1 of/.test(line)) firstRetryAt = Date.now();
    });
    const retrying = (Date.now() - firstRetryAt) / 1000;
    expect(killed).not.toBeNull();
    await killed;
    expect(run.code).toBe(1);
    const retries = run.err.filter((l) => /^sync: attempt \d of 4 failed/.test(l));
    expect(retries.map((l) => l.replace(/.*retrying in /, ''))).toEqual([
      '0.5 s',
      '1.0 s',
      '2.0 s',
    ]);
    const failure = JSON.parse(run.err.at(-1)!) as { ok: false; errors: Record<string, unknown>[] };
    expect(failure.errors[0]).toMatchObject({
      code: 'UNAVAILABLE',
      messageKey: 'sync.error.gaveUp',
      params: { attempts: 4, reason: expect.stringMatching(/ECONNREFUSED/) },
    });
    // From the first failure to the exit: 3.5 s of waits plus three attempts against a closed
    // port. (Before it, the run still writes the page it had in hand when the server died.)
    expect(retrying).toBeGreaterThan(3.4);
    expect(retrying).toBeLessThan(10);
    // What arrived before the crash stays; nothing is lost or half-written.
    const backend = await openBackend(laptop);
    try {
      const local = await backend.ctx.store.allDocs();
      expect(local.length).toBeGreaterThan(0);
      for (const doc of local) expect(doc._rev).toBe(expected.get(doc._id));
    } finally {
      await backend.close();
    }
    server = await startServerProcess(server.dataDir, server.port);
  });
});
