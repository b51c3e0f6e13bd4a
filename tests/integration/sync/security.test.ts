// The team server denies by default: every attack that found it open is refused with the
// status CouchDB gives (401 for the anonymous, 403 for a signed-in user without the right),
// and the paths the app's sync needs still work. A real server process on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';
import { basicAuth } from '../../../main/sync/couchHttp';
import { DESIGN_DOC_ID } from '../../../main/sync/designDoc';
import { PASSWORD_ITERATIONS } from '../../../main/sync/passwordHash';
import { addUser } from '../../../main/sync/serverAdmin';
import { teamDoc } from '../../helpers/teamDocs';
import { TODAY } from '../../helpers/clock';
import {
  ADMIN,
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  target,
  TEAM_DB,
  type ServerProcess,
} from './teamServerProcess';

jest.setTimeout(60_000);

const KEY_A = '01JALICE0000000000000000AA';
const KEY_B = '01JBOB00000000000000000BBB';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
}

type Who = 'anonymous' | 'alice' | 'bob' | 'mona' | 'admin';

/** One raw HTTP request: the path is sent exactly as written (no client-side normalising). */
function call(
  port: number,
  who: Who,
  method: string,
  rawPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const auth =
    who === 'anonymous'
      ? {}
      : {
          authorization: basicAuth(
            who === 'admin' ? ADMIN : { user: who, password: PASSWORDS[who] },
          ),
        };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: rawPath,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...auth,
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          let parsed: unknown = {};
          try {
            parsed = text ? JSON.parse(text) : {};
          } catch {
            parsed = { text };
          }
          resolve({
            status: res.statusCode ?? 0,
            body: Array.isArray(parsed) ? { rows: parsed } : (parsed as Record<string, unknown>),
            headers: res.headers,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const UNAUTHORIZED = { error: 'unauthorized' };
const FORBIDDEN = { error: 'forbidden' };

/** A valid document (the demo generator's) with this id, by `user`. */
function doc(id: string, user: string, extra: Record<string, unknown> = {}) {
  const [type, key, docKey] = id.split(':');
  return JSON.parse(JSON.stringify(teamDoc(type, key, user, docKey, extra))) as Record<
    string,
    unknown
  >;
}

describe('the team server denies by default', () => {
  let server: ServerProcess;
  const as = (who: Who, method: string, rawPath: string, body?: unknown) =>
    call(server.port, who, method, rawPath, body);

  beforeAll(async () => {
    server = await startServerProcess();
    await prepareTeam(server.url, { alice: [`account:${KEY_A}`], bob: [`account:${KEY_B}`] });
    const seeded = await as('admin', 'PUT', `/${TEAM_DB}/account:${KEY_B}`, {
      ...doc(`account:${KEY_B}`, 'bob'),
    });
    expect(seeded.status).toBe(201);
  });

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  // Each row: who, method, path (as sent), body; the status and error CouchDB would answer.
  const refused: [Who, string, string, unknown, number][] = [
    ['anonymous', 'POST', `/${TEAM_DB}/_find`, { selector: {} }, 401],
    ['anonymous', 'POST', '/%5Fusers/_find', { selector: {} }, 401],
    ['anonymous', 'POST', '/_users/_find', { selector: {} }, 401],
    ['anonymous', 'GET', '/_users/_all_docs', undefined, 401],
    ['anonymous', 'GET', '/_users/org.couchdb.user:alice', undefined, 401],
    ['anonymous', 'GET', `/${TEAM_DB}`, undefined, 401],
    ['anonymous', 'GET', `/${TEAM_DB}/_all_docs`, undefined, 401],
    ['anonymous', 'GET', `/${TEAM_DB}/_changes`, undefined, 401],
    ['anonymous', 'POST', `/${TEAM_DB}/_index`, { index: { fields: ['type'] } }, 401],
    ['anonymous', 'POST', `/${TEAM_DB}/_explain`, { selector: {} }, 401],
    ['anonymous', 'GET', '/_all_dbs', undefined, 401],
    ['anonymous', 'GET', '/_config', undefined, 401],
    ['anonymous', 'GET', '/_node/_local/_config', undefined, 401],
    ['anonymous', 'GET', '/_utils/', undefined, 401],
    ['anonymous', 'GET', '/_active_tasks', undefined, 401],
    ['anonymous', 'POST', '/_replicate', { source: TEAM_DB, target: 'copy' }, 401],
    ['anonymous', 'PUT', '/another', undefined, 401],
    ['alice', 'POST', '/%5Fusers/_find', { selector: {} }, 403],
    ['alice', 'POST', '/%5fusers/_find', { selector: {} }, 403],
    ['alice', 'POST', '/_users/_find', { selector: {} }, 403],
    ['alice', 'GET', '/_users/_all_docs', undefined, 403],
    ['alice', 'GET', '/%5Fusers/_all_docs?include_docs=true', undefined, 403],
    ['alice', 'POST', '/_users/_all_docs', { keys: ['org.couchdb.user:bob'] }, 403],
    ['alice', 'GET', '/_users/_changes?include_docs=true', undefined, 403],
    ['alice', 'GET', '/_users/org.couchdb.user:bob', undefined, 403],
    ['alice', 'GET', '/_users/org.couchdb.user%3Abob', undefined, 403],
    ['alice', 'GET', '/%5Fusers/org.couchdb.user%3Abob', undefined, 403],
    ['alice', 'POST', '/_users/_bulk_get', { docs: [{ id: 'org.couchdb.user:bob' }] }, 403],
    [
      'alice',
      'POST',
      '/_replicate',
      { source: '_users', target: 'stolen', create_target: true },
      403,
    ],
    ['alice', 'POST', `/${TEAM_DB}/_index`, { index: { fields: ['type'] } }, 403],
    ['alice', 'POST', `/${TEAM_DB}/_explain`, { selector: {} }, 403],
    ['alice', 'GET', '/_all_dbs', undefined, 403],
    ['alice', 'GET', '/_config', undefined, 403],
    ['alice', 'GET', '/_config/admins', undefined, 403],
    ['alice', 'GET', '/_node/nonode@nohost/_config', undefined, 403],
    ['alice', 'GET', '/_utils/', undefined, 403],
    ['alice', 'GET', '/_active_tasks', undefined, 403],
    ['alice', 'PUT', '/another', undefined, 403],
    ['alice', 'DELETE', `/${TEAM_DB}`, undefined, 403],
    ['alice', 'PUT', `/${TEAM_DB}/_security`, { members: { names: ['alice'] } }, 403],
    ['alice', 'PUT', `/${TEAM_DB}/_local/_security`, { security: {} }, 403],
    ['alice', 'PUT', `/${TEAM_DB}/_local/%5Fsecurity`, { security: {} }, 403],
    ['alice', 'PUT', `/${TEAM_DB}/_design/evil`, { validate_doc_update: 'function(){}' }, 403],
    ['alice', 'PUT', `/${TEAM_DB}/%5Fdesign/evil`, { validate_doc_update: 'function(){}' }, 403],
    ['alice', 'DELETE', `/${TEAM_DB}/${DESIGN_DOC_ID}`, undefined, 403],
    ['alice', 'GET', `/${TEAM_DB}/_design/csm-workbench/_view/x`, undefined, 403],
    ['alice', 'POST', `/${TEAM_DB}/_design/csm-workbench/_update/x`, {}, 403],
    ['alice', 'GET', `/${TEAM_DB}/_changes?filter=csm-workbench/x`, undefined, 403],
    ['alice', 'POST', `/${TEAM_DB}/_purge`, {}, 403],
    ['alice', 'POST', `/${TEAM_DB}/_compact`, {}, 403],
    [
      'alice',
      'POST',
      `/${TEAM_DB}`,
      doc(`issue:${KEY_A}:01JX0000000000000000000009`, 'alice'),
      403,
    ],
    [
      'alice',
      'POST',
      `/${TEAM_DB}/_bulk_docs`,
      { docs: [{ _id: '_design/evil', validate_doc_update: 'function(){}' }] },
      403,
    ],
    [
      'alice',
      'POST',
      `/${TEAM_DB}/_bulk_docs`,
      { docs: [{ _id: '_local/_security', security: { members: {} } }] },
      403,
    ],
    ['alice', 'PUT', '/_users/org.couchdb.user:alice', { roles: ['manager'] }, 403],
    ['alice', 'PUT', '/_users/org.couchdb.user:eve', { name: 'eve', roles: ['manager'] }, 403],
    [
      'alice',
      'POST',
      '/_users/_bulk_docs',
      { docs: [{ _id: 'org.couchdb.user:alice', roles: ['manager'] }] },
      403,
    ],
  ];

  it.each(refused)('%s %s %s is refused', async (who, method, rawPath, body, status) => {
    const answer = await as(who, method, rawPath, body);
    expect({ status: answer.status, error: answer.body.error }).toEqual({
      status,
      ...(status === 401 ? UNAUTHORIZED : FORBIDDEN),
    });
    expect(typeof answer.body.reason).toBe('string');
  });

  it('reads every _bulk_docs body it lets through', async () => {
    const sneaky = await call(
      server.port,
      'alice',
      'POST',
      `/${TEAM_DB}/_bulk_docs`,
      { docs: [{ _id: '_local/_security', security: {} }] },
      { 'content-type': 'text/plain' },
    );
    expect(sneaky).toMatchObject({ status: 415, body: { error: 'bad_content_type' } });
  });

  it('left nothing behind: no new database, design document, index or security change', async () => {
    expect((await as('admin', 'GET', '/_all_dbs')).body.rows).toEqual([
      '_replicator',
      '_users',
      TEAM_DB,
    ]);
    const designs = await as(
      'admin',
      'GET',
      `/${TEAM_DB}/_all_docs?startkey="_design/"&endkey="_design0"`,
    );
    expect((designs.body.rows as { id: string }[]).map((r) => r.id)).toEqual([DESIGN_DOC_ID]);
    expect((await as('admin', 'GET', `/${TEAM_DB}/_security`)).body).toEqual({
      admins: { names: [], roles: [] },
      members: { names: [], roles: ['csm', 'consultant', 'manager', 'product'] },
    });
    expect((await as('admin', 'GET', '/_users/org.couchdb.user:alice')).body.roles).toEqual([
      'csm',
      `acct:${KEY_A}`,
    ]);
    expect((await as('admin', 'GET', '/_users/org.couchdb.user:eve')).status).toBe(404);
  });

  it.each([
    ['/team/../_users/_all_docs', 'dot segments'],
    ['/team/%2E%2E/_users/_all_docs', 'dot segments'],
    ['/team/_design%2Fcsm-workbench', 'an encoded slash'],
    ['/%255Fusers/_all_docs', 'double encoding'],
    ['/team/%E0%A4%A', 'malformed percent-encoding'],
    ['/team/a%00b', 'control characters'],
  ])('refuses the path %s, whose decoded form means something else', async (rawPath, reason) => {
    const answer = await as('alice', 'GET', rawPath);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'bad_request' });
    expect(String(answer.body.reason)).toContain(reason);
  });

  it('judges // and encoded spellings by what they mean', async () => {
    expect((await as('alice', 'GET', '//_users//_all_docs')).status).toBe(403);
    expect((await as('alice', 'GET', `//${TEAM_DB}//_all_docs`)).status).toBe(200);
    expect((await as('alice', 'GET', '/%74eam/_all_docs')).status).toBe(200);
    expect((await as('alice', 'GET', '/_users/org.couchdb.user%3Aalice')).status).toBe(200);
  });

  it('refuses forged authors: createdBy, updatedBy, a timeline entry by someone else', async () => {
    const id = (n: number) => `issue:${KEY_A}:01JX000000000000000000000${n}`;
    const forgedCreator = await as('alice', 'PUT', `/${TEAM_DB}/${id(1)}`, {
      ...doc(id(1), 'alice'),
      createdBy: 'bob',
    });
    expect(forgedCreator.status).toBe(403);
    expect(String(forgedCreator.body.reason)).toContain('createdBy of a new document');
    const forgedEditor = await as('alice', 'PUT', `/${TEAM_DB}/${id(2)}`, doc(id(2), 'bob'));
    expect(forgedEditor.status).toBe(403);
    expect(String(forgedEditor.body.reason)).toContain('updatedBy');

    // Bob's document in Alice's account (a manager wrote it for him): Alice may edit it, but not
    // make it hers.
    const written = await as('admin', 'PUT', `/${TEAM_DB}/${id(3)}`, doc(id(3), 'bob'));
    expect(written.status).toBe(201);
    const current = (await as('alice', 'GET', `/${TEAM_DB}/${id(3)}`)).body;
    const taken = await as('alice', 'PUT', `/${TEAM_DB}/${id(3)}`, {
      ...current,
      updatedBy: 'alice',
      createdBy: 'alice',
    });
    expect(taken.status).toBe(403);
    expect(String(taken.body.reason)).toContain('createdBy cannot change');
    const edited = await as('alice', 'PUT', `/${TEAM_DB}/${id(3)}`, {
      ...current,
      updatedBy: 'alice',
      title: 'Edited by Alice',
    });
    expect(edited.status).toBe(201);

    const entry = (by: string) => ({
      _id: `timeline:${KEY_A}:01JX00000000000000000000T${by === 'bob' ? 1 : 2}`,
      type: 'timeline',
      accountId: `account:${KEY_A}`,
      schemaVersion: 1,
      createdAt: `${TODAY}T08:00:00.000Z`,
      createdBy: 'alice',
      updatedAt: `${TODAY}T08:00:00.000Z`,
      updatedBy: 'alice',
      at: `${TODAY}T08:00:00.000Z`,
      by,
      action: 'deleted',
      targetId: id(3),
      targetType: 'issue',
      changes: [],
    });
    const forgedEntry = await as('alice', 'POST', `/${TEAM_DB}/_bulk_docs`, {
      docs: [entry('bob')],
    });
    expect(forgedEntry.body.rows).toEqual([
      expect.objectContaining({ error: 'forbidden', reason: expect.stringContaining('timeline') }),
    ]);
    const ownEntry = await as('alice', 'POST', `/${TEAM_DB}/_bulk_docs`, {
      docs: [entry('alice')],
    });
    expect(ownEntry.body.rows).toEqual([expect.objectContaining({ ok: true })]);
  });

  it('refuses documents of the wrong structure, which would break every backup', async () => {
    const id = `issue:${KEY_A}:01JX0000000000000000000007`;
    const wrongTitle = await as(
      'alice',
      'PUT',
      `/${TEAM_DB}/${id}`,
      doc(id, 'alice', { title: 123 }),
    );
    expect(wrongTitle).toMatchObject({
      status: 403,
      body: { error: 'forbidden', reason: 'invalid issue: title must be of type string' },
    });
    const bogus = await as(
      'alice',
      'PUT',
      `/${TEAM_DB}/${id}`,
      doc(id, 'alice', { priority: 'bogus' }),
    );
    expect(bogus.status).toBe(403);
    expect(String(bogus.body.reason)).toMatch(/^invalid issue: priority must be one of/);
    // The same through replication (new_edits: false), as a laptop would push it.
    const replicated = await as('alice', 'POST', `/${TEAM_DB}/_bulk_docs`, {
      new_edits: false,
      docs: [
        {
          ...doc(id, 'alice', { title: 123 }),
          _rev: '1-abc',
          _revisions: { start: 1, ids: ['abc'] },
        },
      ],
    });
    expect(replicated.body.rows).toEqual([
      expect.objectContaining({ error: 'forbidden', reason: expect.stringContaining('title') }),
    ]);
    expect((await as('alice', 'GET', `/${TEAM_DB}/${id}`)).status).toBe(404);
  });

  it('signs in with the right password, by Basic and by cookie, and not with the wrong one', async () => {
    const session = await as('alice', 'GET', '/_session');
    expect(session.body.userCtx).toEqual({ name: 'alice', roles: ['csm', `acct:${KEY_A}`] });
    const wrong = await call(server.port, 'anonymous', 'GET', '/_session', undefined, {
      authorization: basicAuth({ user: 'alice', password: 'not-her-password' }),
    });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const unknown = await call(server.port, 'anonymous', 'GET', `/${TEAM_DB}`, undefined, {
      authorization: basicAuth({ user: 'mallory', password: 'x' }),
    });
    expect(unknown.status).toBe(401);

    const signIn = await as('anonymous', 'POST', '/_session', {
      name: 'alice',
      password: PASSWORDS.alice,
    });
    expect(signIn).toMatchObject({ status: 200, body: { ok: true, name: 'alice' } });
    const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect(cookie).toMatch(/^AuthSession=.+/);
    const withCookie = (method: string, rawPath: string) =>
      call(server.port, 'anonymous', method, rawPath, undefined, { cookie });
    expect((await withCookie('GET', '/_session')).body.userCtx).toMatchObject({ name: 'alice' });
    expect((await withCookie('GET', `/${TEAM_DB}/_all_docs`)).status).toBe(200);
    expect((await withCookie('GET', '/_users/_all_docs')).status).toBe(403);
    const forgedCookie = `AuthSession=${Buffer.from(`mona:${Math.floor(Date.now() / 1000).toString(16)}:00`).toString('base64url')}`;
    const forged = await call(server.port, 'anonymous', 'GET', '/_session', undefined, {
      cookie: forgedCookie,
    });
    expect(forged.body.userCtx).toEqual({ name: null, roles: [] });
    const wrongSignIn = await as('anonymous', 'POST', '/_session', {
      name: 'alice',
      password: 'nope',
    });
    expect(wrongSignIn).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect((await withCookie('DELETE', '/_session')).status).toBe(200);
  });

  it('stores passwords as CouchDB 3.4 does: PBKDF2-SHA256, 600,000 iterations', async () => {
    const stored = (await as('admin', 'GET', '/_users/org.couchdb.user:alice')).body;
    expect(stored).toMatchObject({
      password_scheme: 'pbkdf2',
      pbkdf2_prf: 'sha256',
      iterations: 600_000,
    });
    expect(PASSWORD_ITERATIONS).toBe(600_000);
    expect(stored.derived_key).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(stored).not.toHaveProperty('password');
    // `server add-user` reports how the server stored it.
    const added = await addUser(target(server.url), 'carol', 'consultant', 'carol-pw');
    expect(added.passwordHash).toEqual({ scheme: 'pbkdf2', prf: 'sha256', iterations: 600_000 });
    // Neither the admin's password nor a weak hash of it is on disk.
    const config = fs.readFileSync(`${server.dataDir}/config.json`, 'utf8');
    expect(config).not.toContain(ADMIN.password);
  });

  it('serves replication fast once signed in: one PBKDF2 per sign-in, not per request', async () => {
    await as('bob', 'GET', '/_session');
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      expect((await as('bob', 'GET', `/${TEAM_DB}/_changes?since=0&limit=1`)).status).toBe(200);
    }
    // 20 hashes would take over 10 s on this machine; 20 cached checks take milliseconds.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('lets the requests of Apache CouchDB’s replicator through, signed in by cookie', async () => {
    const signIn = await call(server.port, 'anonymous', 'POST', '/_session', undefined, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(signIn.status).toBe(401);
    const form = await new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/_session',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: {}, headers: res.headers }),
          );
        },
      );
      req.on('error', reject);
      req.end(`name=bob&password=${encodeURIComponent(PASSWORDS.bob)}`);
    });
    expect(form.status).toBe(200);
    const cookie = String(form.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const bob = (method: string, rawPath: string, body?: unknown) =>
      call(server.port, 'anonymous', method, rawPath, body, { cookie });
    const id = `contact:${KEY_B}:01JX0000000000000000000011`;
    const rev = '1-0123456789abcdef0123456789abcdef';
    const steps: [string, string, unknown, number][] = [
      ['GET', '/', undefined, 200],
      ['HEAD', `/${TEAM_DB}`, undefined, 200],
      ['GET', `/${TEAM_DB}/_local/replication-id`, undefined, 404],
      ['POST', `/${TEAM_DB}/_revs_diff`, { [id]: [rev] }, 200],
      [
        'POST',
        `/${TEAM_DB}/_bulk_docs`,
        {
          new_edits: false,
          docs: [{ ...doc(id, 'bob'), _rev: rev, _revisions: { start: 1, ids: [rev.slice(2)] } }],
        },
        201,
      ],
      ['POST', `/${TEAM_DB}/_ensure_full_commit`, {}, 201],
      ['PUT', `/${TEAM_DB}/_local/replication-id`, { session_id: 's', history: [] }, 201],
      ['GET', `/${TEAM_DB}/_changes?feed=normal&style=all_docs&since=0&limit=5`, undefined, 200],
      ['POST', `/${TEAM_DB}/_bulk_get?latest=true&revs=true`, { docs: [{ id, rev }] }, 200],
      [
        'GET',
        `/${TEAM_DB}/${encodeURIComponent(id)}?revs=true&latest=true&open_revs=${encodeURIComponent(JSON.stringify([rev]))}`,
        undefined,
        200,
      ],
    ];
    for (const [method, rawPath, body, status] of steps) {
      const answer = await bob(method, rawPath, body);
      expect([method, rawPath, answer.status]).toEqual([method, rawPath, status]);
    }
    // The replicated revision was accepted, with the history it came with.
    expect((await bob('GET', `/${TEAM_DB}/${encodeURIComponent(id)}`)).body).toMatchObject({
      _id: id,
      _rev: rev,
    });
  });

  it('lets a member read the design document and _security, but not write either', async () => {
    expect((await as('alice', 'GET', `/${TEAM_DB}/${DESIGN_DOC_ID}`)).status).toBe(200);
    expect((await as('alice', 'GET', `/${TEAM_DB}/_security`)).status).toBe(200);
    expect((await as('alice', 'GET', '/_users/org.couchdb.user:alice')).status).toBe(200);
    expect((await as('alice', 'GET', '/nothere')).status).toBe(404);
  });
});
