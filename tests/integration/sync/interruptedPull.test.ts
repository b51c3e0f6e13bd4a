// The team server dies in the middle of a 10,000-document first pull and comes back: the pull
// resumes from its checkpoint and every document arrives exactly once.
import { demoBatches } from '../../../main/demo/generate';
import { syncServiceOf } from '../../../main/sync/service';
import type { SyncState } from '../../../shared/api/sync';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import {
  ADMIN,
  loadStraight,
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  waitFor,
  type ServerProcess,
} from './teamServerProcess';

jest.setTimeout(120_000);

const DOCS = 10_000;

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

describe('a first pull interrupted by a server crash', () => {
  let server: ServerProcess;
  const dirs: string[] = [];

  afterAll(async () => {
    await server?.stop();
    for (const dir of dirs) removeDir(dir);
  });

  it('resumes after the restart and brings every document exactly once', async () => {
    server = await startServerProcess();
    dirs.push(server.dataDir);
    await prepareTeam(server.url);
    const port = server.port;
    await server.stop();
    await loadStraight(server.dataDir, demoDocs(DOCS));
    server = await startServerProcess(server.dataDir, port);
    const expected = await serverRevisions(server.url);
    expect(expected.size).toBe(DOCS + 1); // and the design document

    const dir = tempDir('sync-crash');
    dirs.push(dir);
    const backend = await openBackend(dir, { user: 'mona-local' });
    const seen: SyncState[] = [];
    let killed: Promise<void> | null = null;
    syncServiceOf(backend.ctx, {
      backoff: { minMs: 200, maxMs: 1000 },
      onStatus: (state) => {
        seen.push(state);
        if (!killed && state.state === 'pulling' && state.done >= 2000 && state.done < DOCS) {
          killed = server.kill();
        }
      },
    });
    try {
      await backend.call('sync.connect', {
        url: server.url,
        db: TEAM_DB,
        user: 'mona',
        password: PASSWORDS.mona,
      });
      await waitFor('the kill', () => killed !== null, Boolean, 60_000);
      await killed;
      await waitFor(
        'sync notices the server is gone',
        () => backend.call('sync.status', {}),
        (s) => s.state === 'error' && s.reason === 'unreachable',
      );
      server = await startServerProcess(server.dataDir, port);
      await waitFor(
        'the pull to finish',
        () => backend.call('sync.status', {}),
        (s) => s.state === 'upToDate',
        90_000,
      );
      await syncServiceOf(backend.ctx).settled();

      const local = await backend.ctx.store.replicationHandle().allDocs();
      const localRevs = new Map(local.rows.map((r) => [r.id, r.value.rev]));
      expect(localRevs).toEqual(expected);
      // Each document was written once: one sequence number per document, no re-writes.
      expect(Number((await backend.ctx.store.replicationHandle().info()).update_seq)).toBe(
        expected.size,
      );
      expect(backend.ctx.queries.docCount()).toBe(DOCS);
      const pulling = seen.filter((s) => s.state === 'pulling');
      expect(pulling.some((s) => s.state === 'pulling' && s.first && s.total === DOCS + 1)).toBe(
        true,
      );
    } finally {
      await syncServiceOf(backend.ctx).stop();
      await backend.close();
    }
  });
});
