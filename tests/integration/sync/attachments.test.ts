// Attachments through a real team server process: a file added offline on one laptop reaches
// another with the same bytes (by replication and by the bulk first pull), the limits hold in the
// API (at the field) and at the server (an oversize push is refused), and a CSM can neither read
// nor write the files of an account not hers, by any route.
import { bulkFirstPull, writeReplicated } from '../../../main/sync/bulkPull';
import { syncServiceOf } from '../../../main/sync/service';
import { ApiFailure } from '../../../shared/api/errors';
import { accountKeyOf, newDocId } from '../../../shared/domain/ids';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/rules/attachments';
import { onePagePdf, pngSquare } from '../../helpers/files';
import { removeDir } from '../../helpers/tempBackend';
import {
  PASSWORDS,
  startServerProcess,
  TEAM_DB,
  waitFor,
  type ServerProcess,
} from './teamServerProcess';
import {
  closeLaptop,
  connect,
  openLaptop,
  openManagerWithTeam,
  status,
  upToDate,
  type Laptop,
} from './laptops';

jest.setTimeout(180_000);

async function failure(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

function basic(user: string): string {
  return `Basic ${Buffer.from(`${user}:${PASSWORDS[user]}`).toString('base64')}`;
}

describe('attachments through the team server', () => {
  let server: ServerProcess;
  let mona: Laptop;
  let alice: Laptop;
  const others: Laptop[] = [];
  let accounts: string[];
  let visitId: string;
  let pngId: string;
  let pdfId: string;
  const png = pngSquare(48);
  const pdf = onePagePdf('Signed acceptance');

  beforeAll(async () => {
    server = await startServerProcess();
    ({ mona, accounts } = await openManagerWithTeam(server.url, 'attach', 11));
    await connect(mona, server.url);
    await waitFor('mona up to date', () => status(mona), upToDate);
    alice = await openLaptop('attach', 'alice');
    await connect(alice, server.url);
    await waitFor('alice up to date', () => status(alice), upToDate, 60_000);
  });

  afterAll(async () => {
    for (const r of [mona, alice, ...others]) if (r) await closeLaptop(r);
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('carries a file added offline to the other laptop, bytes equal', async () => {
    const visit = alice.backend.ctx.queries.list({
      type: 'visit',
      accountId: accounts[0],
      filters: {},
      offset: 0,
      limit: 1,
    }).items[0];
    visitId = String(visit._id);
    await syncServiceOf(alice.backend.ctx).stop();
    expect(alice.backend.actor().login).toBe('alice');
    const added = await alice.backend.call('attachment.add', {
      target: visitId,
      name: 'C:\\Users\\alice\\Desktop\\白板 photo.png',
      dataBase64: png.toString('base64'),
    });
    pngId = added.id;
    expect(added).toMatchObject({
      name: '白板 photo.png',
      contentType: 'image/png',
      size: png.length,
      addedBy: 'alice',
      target: visitId,
    });
    const scan = await alice.backend.call('attachment.add', {
      target: visitId,
      name: 'acceptance.pdf',
      dataBase64: pdf.toString('base64'),
    });
    pdfId = scan.id;
    // In the projection: name, type, size, who, when; never the bytes.
    const listed = await alice.backend.call('attachment.list', { target: visitId });
    expect(listed.items.map((a) => a.name)).toEqual(['白板 photo.png', 'acceptance.pdf']);
    expect(listed.totalBytes).toBe(png.length + pdf.length);
    const row = alice.backend.ctx.queries.getDoc(pngId)!;
    expect(row._attachments).toBeUndefined();
    expect(JSON.stringify(row)).not.toContain(png.toString('base64').slice(0, 40));

    expect(await syncServiceOf(alice.backend.ctx).resume()).toBe(true);
    await waitFor(
      'the file reaches mona',
      () => mona.backend.ctx.queries.getDoc(pdfId),
      (d) => d !== null,
      60_000,
    );
    const got = await mona.backend.call('attachment.get', { id: pngId });
    expect(Buffer.from(got.dataBase64, 'base64').equals(png)).toBe(true);
    expect(got.info).toMatchObject({ name: '白板 photo.png', addedBy: 'alice' });
    const gotPdf = await mona.backend.call('attachment.get', { id: pdfId });
    expect(Buffer.from(gotPdf.dataBase64, 'base64').equals(pdf)).toBe(true);
  });

  it('brings the files in a first pull (bulk) for a manager, not for a CSM of other accounts', async () => {
    const mona2 = await openLaptop('attach', 'mona2');
    others.push(mona2);
    await connect(mona2, server.url, { user: 'mona' });
    await waitFor(
      'mona2 has the file',
      () => mona2.backend.ctx.queries.getDoc(pngId),
      Boolean,
      60_000,
    );
    await waitFor('mona2 up to date', () => status(mona2), upToDate, 60_000);
    const got = await mona2.backend.call('attachment.get', { id: pngId });
    expect(Buffer.from(got.dataBase64, 'base64').equals(png)).toBe(true);

    const bob = await openLaptop('attach', 'bob');
    others.push(bob);
    await connect(bob, server.url);
    await waitFor('bob up to date', () => status(bob), upToDate, 60_000);
    // Bob has alice's visit (the team reads every document) but not its files.
    expect(bob.backend.ctx.queries.getDoc(visitId)).not.toBeNull();
    expect(bob.backend.ctx.queries.getDoc(pngId)).toBeNull();
    expect(await bob.backend.ctx.store.get(pngId)).toBeNull();
    expect((await status(bob)).rejected).toEqual([]);
  });

  it('the bulk first pull itself carries the files it may, and leaves out the others', async () => {
    for (const user of ['mona', 'bob']) {
      const fresh = await openLaptop('attach', `bulk-${user}`);
      others.push(fresh);
      const store = fresh.backend.ctx.store;
      const result = await bulkFirstPull({
        local: store.replicationHandle(),
        write: (docs) => writeReplicated(store, docs),
        url: server.url,
        db: TEAM_DB,
        credentials: { user, password: PASSWORDS[user] },
        onProgress: () => undefined,
        cancelled: () => false,
        filesOf: (key) => user === 'mona' || key === accountKeyOf(accounts[1]),
      });
      expect(result.docs).toBeGreaterThan(10);
      const bytes = await store.getAttachment(pngId, 'file');
      if (user === 'mona') expect(bytes?.equals(png)).toBe(true);
      else expect(await store.get(pngId)).toBeNull();
      expect(fresh.backend.ctx.queries.getDoc(visitId)).not.toBeNull();
    }
  });

  it('refuses a file over the limit at the field, and the server refuses an oversize push', async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 7);
    const refused = await failure(
      alice.backend.call('attachment.add', {
        target: visitId,
        name: 'scan.png',
        dataBase64: big.toString('base64'),
      }),
    );
    expect(refused.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['dataBase64'],
      messageKey: 'attachment.error.tooLarge',
      params: { size: '10,485,761 B', limit: '10,485,760 B' },
    });
    const badType = await failure(
      alice.backend.call('attachment.add', {
        target: visitId,
        name: 'run.exe',
        dataBase64: 'AAAA',
      }),
    );
    expect(badType.errors[0]).toMatchObject({
      path: ['name'],
      messageKey: 'attachment.error.badType',
    });
    const traversal = await failure(
      alice.backend.call('attachment.add', { target: visitId, name: '../..', dataBase64: 'AAAA' }),
    );
    expect(traversal.errors[0]).toMatchObject({
      path: ['name'],
      messageKey: 'attachment.error.badName',
    });

    // A laptop that skips the app's check writes the file straight into its PouchDB.
    const at = new Date().toISOString();
    const id = newDocId('attachment', accounts[0]);
    await alice.backend.ctx.store.replicationHandle().put({
      _id: id,
      type: 'attachment',
      accountId: accounts[0],
      schemaVersion: 1,
      createdAt: at,
      createdBy: 'alice',
      updatedAt: at,
      updatedBy: 'alice',
      target: visitId,
      targetType: 'visit',
      name: 'huge.png',
      contentType: 'image/png',
      size: 1000,
      _attachments: { file: { content_type: 'image/png', data: big.toString('base64') } },
    } as PouchDB.Core.PutDocument<object>);
    const rejected = await waitFor(
      'the oversize push is refused',
      () => status(alice),
      (s) => s.rejected.some((r) => r.id === id),
      60_000,
    );
    expect(rejected.rejected.find((r) => r.id === id)!.reason).toMatch(/over the limit/);
    const asAdmin = await fetch(`${server.url}/${TEAM_DB}/${encodeURIComponent(id)}`, {
      headers: { authorization: `Basic ${Buffer.from('admin:admin-secret').toString('base64')}` },
    });
    expect(asAdmin.status).toBe(404);
  });

  it('refuses a CSM the files of an account not hers, by every route', async () => {
    const db = `${server.url}/${TEAM_DB}`;
    const id = encodeURIComponent(pngId);
    const doc = (await (
      await fetch(`${db}/${id}`, { headers: { authorization: basic('mona') } })
    ).json()) as { _rev: string };
    const rev = doc._rev;
    const json = { 'content-type': 'application/json' };
    const boundary = 'xyzzy';
    const multipart = [
      `--${boundary}`,
      'Content-Type: application/json',
      '',
      JSON.stringify({
        _id: pngId,
        _rev: rev,
        _attachments: { file: { follows: true, content_type: 'image/png', length: 3 } },
      }),
      `--${boundary}`,
      '',
      'abc',
      `--${boundary}--`,
    ].join('\r\n');
    const routes: {
      what: string;
      method: string;
      path: string;
      body?: string;
      headers?: Record<string, string>;
    }[] = [
      { what: 'the document', method: 'GET', path: `/${id}` },
      { what: 'the document with its files', method: 'GET', path: `/${id}?attachments=true` },
      { what: 'the file', method: 'GET', path: `/${id}/file` },
      { what: 'HEAD of the file', method: 'HEAD', path: `/${id}/file` },
      { what: 'the file by revision', method: 'GET', path: `/${id}/file?rev=${rev}` },
      {
        what: 'open_revs as multipart',
        method: 'GET',
        path: `/${id}?open_revs=all&attachments=true`,
        headers: { accept: 'multipart/mixed' },
      },
      {
        what: 'atts_since',
        method: 'GET',
        path: `/${id}?atts_since=${encodeURIComponent(JSON.stringify([rev]))}`,
      },
      {
        what: 'encoded id',
        method: 'GET',
        path: `/${id.replace('attachment', '%61ttachment')}/file`,
      },
      {
        what: '_bulk_get',
        method: 'POST',
        path: '/_bulk_get',
        body: JSON.stringify({ docs: [{ id: pngId }] }),
        headers: json,
      },
      {
        what: '_bulk_get with files',
        method: 'POST',
        path: '/_bulk_get?attachments=true',
        body: JSON.stringify({ docs: [{ id: pngId, rev }] }),
        headers: json,
      },
      {
        what: '_all_docs with files',
        method: 'GET',
        path: '/_all_docs?include_docs=true&attachments=true',
      },
      {
        what: '_all_docs POST with files',
        method: 'POST',
        path: '/_all_docs?include_docs=true&attachments=true',
        body: JSON.stringify({ keys: [pngId] }),
        headers: json,
      },
      {
        what: '_changes with files',
        method: 'GET',
        path: '/_changes?include_docs=true&attachments=true',
      },
      {
        what: '_changes with atts_since',
        method: 'GET',
        path: `/_changes?include_docs=true&atts_since=${encodeURIComponent(JSON.stringify([rev]))}`,
      },
      {
        what: 'PUT the file',
        method: 'PUT',
        path: `/${id}/file?rev=${rev}`,
        body: 'abc',
        headers: { 'content-type': 'image/png' },
      },
      { what: 'DELETE the file', method: 'DELETE', path: `/${id}/file?rev=${rev}` },
      {
        what: 'PUT the document',
        method: 'PUT',
        path: `/${id}`,
        body: JSON.stringify({ ...doc, name: 'x.png' }),
        headers: json,
      },
      {
        what: 'multipart PUT',
        method: 'PUT',
        path: `/${id}`,
        body: multipart,
        headers: { 'content-type': `multipart/related; boundary="${boundary}"` },
      },
      { what: 'DELETE the document', method: 'DELETE', path: `/${id}?rev=${rev}` },
    ];
    for (const route of routes) {
      const res = await fetch(`${db}${route.path}`, {
        method: route.method,
        headers: { authorization: basic('bob'), ...(route.headers ?? {}) },
        body: route.body,
      });
      expect({ route: route.what, status: res.status }).toEqual({ route: route.what, status: 403 });
    }
    // A new file on her account through _bulk_docs is refused by validate_doc_update.
    const at = new Date().toISOString();
    const forged = await fetch(`${db}/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: basic('bob'), ...json },
      body: JSON.stringify({
        docs: [
          {
            _id: newDocId('attachment', accounts[0]),
            type: 'attachment',
            accountId: accounts[0],
            schemaVersion: 1,
            createdAt: at,
            createdBy: 'bob',
            updatedAt: at,
            updatedBy: 'bob',
            target: visitId,
            targetType: 'visit',
            name: 'x.png',
            contentType: 'image/png',
            size: 3,
            _attachments: { file: { content_type: 'image/png', data: 'YWJj' } },
          },
        ],
      }),
    });
    const results = (await forged.json()) as { error?: string; reason?: string }[];
    expect(results[0]).toMatchObject({ error: 'forbidden' });
    expect(results[0].reason).toContain(`account:${accountKeyOf(accounts[0])}`);

    // The file is untouched, and alice (assigned) and mona (manager) read it by the same routes.
    for (const user of ['alice', 'mona']) {
      for (const path of [`/${id}/file`, `/${id}?attachments=true`]) {
        const res = await fetch(`${db}${path}`, { headers: { authorization: basic(user) } });
        expect({ user, path, status: res.status }).toEqual({ user, path, status: 200 });
      }
    }
    const file = await fetch(`${db}/${id}/file`, { headers: { authorization: basic('alice') } });
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    const bulk = await fetch(`${db}/_all_docs?include_docs=true&attachments=true&limit=1`, {
      headers: { authorization: basic('mona') },
    });
    expect(bulk.status).toBe(200);
  });

  it('removes a file and the removal replicates', async () => {
    const info = (await alice.backend.call('attachment.list', { target: visitId })).items.find(
      (a) => a.id === pdfId,
    )!;
    await alice.backend.call('attachment.remove', { id: pdfId, rev: info.rev });
    await waitFor(
      'the removal reaches mona',
      () => mona.backend.ctx.queries.getDoc(pdfId),
      (d) => d === null,
      60_000,
    );
    const left = await mona.backend.call('attachment.list', { target: visitId });
    expect(left.items.map((a) => a.id)).toEqual([pngId]);
  });
});
