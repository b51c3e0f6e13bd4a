// The bulk first pull writes the next page's documents while an earlier page's files are still on
// their way, yet its mark never passes a page whose files are not written: a pull cut short in
// the middle of a page's files resumes with them. Against a small stand-in server whose files
// come slowly (or not at all).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { BULK_PAGE, bulkFirstPull, unfinishedBulkPull } from '../../../../main/sync/bulkPull';
import { removeDir, tempDir } from '../../../helpers/tempBackend';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

const FILE = Buffer.from('a file of bytes, as a PNG would be');
const FILES = 3;

/** One page and a bit: the files sit on the first page. */
function serverDocs(): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < FILES; i++) {
    docs.push({
      _id: `attachment:K${i}:F${i}`,
      _rev: '1-a',
      type: 'attachment',
      _attachments: { file: { content_type: 'image/png', stub: true, length: FILE.length } },
    });
  }
  for (let i = 0; docs.length < BULK_PAGE + 10; i++) {
    docs.push({ _id: `contact:K0:${String(i).padStart(6, '0')}`, _rev: '1-b', type: 'contact' });
  }
  return docs.sort((a, b) => (a._id < b._id ? -1 : 1));
}

interface StandIn {
  url: string;
  /** Answers each `_bulk_get`: a delay, or a failure. */
  files: 'slow' | 'fail';
  close(): Promise<void>;
}

async function standIn(docs: Doc[]): Promise<StandIn> {
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const state = { files: 'slow' as StandIn['files'] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (url.pathname === '/team') {
        return send(res, 200, { doc_count: docs.length, update_seq: docs.length });
      }
      if (url.pathname === '/team/_all_docs') {
        const start = url.searchParams.get('startkey');
        const after = start === null ? -1 : docs.findIndex((d) => d._id === JSON.parse(start));
        const limit = Number(url.searchParams.get('limit'));
        const rows = docs.slice(after + 1, after + 1 + limit).map((doc) => ({ id: doc._id, doc }));
        return send(res, 200, { rows });
      }
      if (url.pathname === '/team/_bulk_get') {
        // Files take a while: the second page is listed and written meanwhile.
        if (state.files === 'fail') {
          setTimeout(() => send(res, 500, { error: 'internal_server_error' }), 1500);
          return;
        }
        const wanted = (JSON.parse(body) as { docs: { id: string }[] }).docs;
        const results = wanted.map(({ id }) => {
          const doc = docs.find((d) => d._id === id)!;
          const file = { content_type: 'image/png', data: FILE.toString('base64') };
          return { id, docs: [{ ok: { ...doc, _attachments: { file } } }] };
        });
        setTimeout(() => send(res, 200, { results }), 1500);
        return;
      }
      send(res, 404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get files() {
      return state.files;
    },
    set files(value) {
      state.files = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('bulkFirstPull with files', () => {
  const docs = serverDocs();
  let server: StandIn;
  let dir: string;
  let local: PouchDB.Database;

  beforeAll(async () => {
    server = await standIn(docs);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    dir = tempDir('bulk-pull');
    local = new PouchDB(path.join(dir, 'db'));
    server.files = 'slow';
  });
  afterEach(async () => {
    await local.close();
    removeDir(dir);
  });

  const pull = (writes: string[][]) =>
    bulkFirstPull({
      local,
      write: async (batch) => {
        writes.push(batch.map((d) => String(d._id)));
        const results = await local.bulkDocs(batch as PouchDB.Core.PutDocument<object>[], {
          new_edits: false,
        });
        if (results.some((r) => 'error' in r)) throw new Error(JSON.stringify(results));
      },
      url: server.url,
      db: 'team',
      credentials: { user: 'mona', password: 'secret' },
      onProgress: () => undefined,
      cancelled: () => false,
    });

  it('writes the next page while the files of the first are on their way', async () => {
    const writes: string[][] = [];
    const result = await pull(writes);
    expect(result.docs).toBe(docs.length);
    const firstFiles = writes.findIndex((w) => w[0].startsWith('attachment:'));
    const secondPage = writes.findIndex((w) => w.includes(docs[docs.length - 1]._id));
    expect(secondPage).toBeGreaterThan(-1);
    expect(secondPage).toBeLessThan(firstFiles);
    for (let i = 0; i < FILES; i++) {
      const bytes = (await local.getAttachment(`attachment:K${i}:F${i}`, 'file')) as Buffer;
      expect(bytes.equals(FILE)).toBe(true);
    }
    expect((await local.info()).doc_count).toBe(docs.length);
    // Every page in, and only this pull wrote: the push may start after its writes.
    expect(result.pushSince).toBe(docs.length);
  });

  it('keeps its mark before a page whose files did not arrive, and resumes with them', async () => {
    server.files = 'fail';
    const writes: string[][] = [];
    await expect(pull(writes)).rejects.toThrow();
    // The first page is not done without its files, whatever was written after it.
    expect(await unfinishedBulkPull(local, server.url, 'team')).toBe(false);

    server.files = 'slow';
    const resumed = await pull([]);
    expect(resumed.docs).toBe(docs.length);
    for (let i = 0; i < FILES; i++) {
      const bytes = (await local.getAttachment(`attachment:K${i}:F${i}`, 'file')) as Buffer;
      expect(bytes.equals(FILE)).toBe(true);
    }
    expect((await local.info()).doc_count).toBe(docs.length);
  });
});
