// The team server and `server init`: the database's _security and validate_doc_update are
// enforced by the server process the way Apache CouchDB enforces them.
import { CouchHttp } from '../../../main/sync/couchHttp';
import { DESIGN_DOC_ID } from '../../../main/sync/designDoc';
import { assignAccount, initServer } from '../../../main/sync/serverAdmin';
import { SCHEMA_VERSION } from '../../../shared/domain/common';
import fs from 'node:fs';
import { teamDoc } from '../../helpers/teamDocs';
import {
  ADMIN,
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  target,
  TEAM_DB,
  type ServerProcess,
} from './teamServerProcess';

const KEY_A = '01JALICE0000000000000000AA';
const KEY_B = '01JBOB00000000000000000BBB';

/** A valid document (the demo generator's) with this id, in account `key`, by `user`. */
function doc(id: string, key: string, user: string, extra: Record<string, unknown> = {}) {
  const [type, , docKey] = id.split(':');
  return JSON.parse(JSON.stringify(teamDoc(type, key, user, docKey, extra))) as Record<
    string,
    unknown
  >;
}

describe('team server with server init', () => {
  let server: ServerProcess;
  const as = (user: string, password = PASSWORDS[user]) =>
    new CouchHttp(server.url, { user, password });

  beforeAll(async () => {
    server = await startServerProcess();
    await prepareTeam(server.url, { alice: [`account:${KEY_A}`], bob: [`account:${KEY_B}`] });
  }, 60_000);

  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('installs _security with the three roles and the validate design document', async () => {
    const admin = as(ADMIN.user, ADMIN.password);
    const security = await admin.request('GET', `${TEAM_DB}/_security`);
    expect(security.body.members).toEqual({
      names: [],
      roles: ['csm', 'consultant', 'manager', 'product'],
    });
    const ddoc = await admin.request('GET', `${TEAM_DB}/${DESIGN_DOC_ID}`);
    expect(String(ddoc.body.validate_doc_update)).toContain('updatedBy');
    // Running init again changes nothing.
    const again = await initServer(target(server.url));
    expect(again).toMatchObject({ created: false, designDoc: 'unchanged' });
  });

  it('lets only members read the team database', async () => {
    expect((await as('alice').request('GET', `${TEAM_DB}/_all_docs`)).status).toBe(200);
    expect((await as('alice', 'wrong').request('GET', `${TEAM_DB}`)).status).toBe(401);
    const anonymous = await fetch(`${server.url}/${TEAM_DB}/_all_docs`);
    expect(anonymous.status).toBe(401);
    const creation = await as('alice').request('PUT', 'another-db');
    expect(creation).toEqual({
      status: 403,
      body: { error: 'forbidden', reason: 'You are not a server admin.' },
    });
  });

  it('lets a CSM write only the accounts assigned to her, as herself', async () => {
    const alice = as('alice');
    const own = await alice.request(
      'PUT',
      `${TEAM_DB}/account:${KEY_A}`,
      doc(`account:${KEY_A}`, KEY_A, 'alice', { name: 'A' }),
    );
    expect(own.body).toMatchObject({ ok: true });
    const foreign = await alice.request(
      'PUT',
      `${TEAM_DB}/issue:${KEY_B}:01JX0000000000000000000001`,
      doc(`issue:${KEY_B}:01JX0000000000000000000001`, KEY_B, 'alice'),
    );
    expect(foreign.status).toBe(403);
    expect(String(foreign.body.reason)).toContain('not assigned');
    const forged = await alice.request(
      'PUT',
      `${TEAM_DB}/issue:${KEY_A}:01JX0000000000000000000002`,
      doc(`issue:${KEY_A}:01JX0000000000000000000002`, KEY_A, 'bob'),
    );
    expect(forged.status).toBe(403);
    expect(String(forged.body.reason)).toContain('updatedBy');
    const oldSchema = await alice.request(
      'PUT',
      `${TEAM_DB}/issue:${KEY_A}:01JX0000000000000000000003`,
      doc(`issue:${KEY_A}:01JX0000000000000000000003`, KEY_A, 'alice', {
        schemaVersion: SCHEMA_VERSION + 1,
      }),
    );
    expect(oldSchema.status).toBe(403);
    expect(String(oldSchema.body.reason)).toContain('schemaVersion');
    const design = await alice.request('PUT', `${TEAM_DB}/_design/evil`, {
      validate_doc_update: 'function(){}',
    });
    expect([401, 403]).toContain(design.status);
    expect((await alice.request('GET', `${TEAM_DB}/_design/evil`)).status).toBe(404);
  });

  it('applies the same rule to replicated writes (_bulk_docs with new_edits false)', async () => {
    const bob = as('bob');
    const response = await bob.request('POST', `${TEAM_DB}/_bulk_docs`, {
      new_edits: false,
      docs: [
        { ...doc(`issue:${KEY_A}:01JX0000000000000000000004`, KEY_A, 'bob'), _rev: '1-abc' },
        { ...doc(`issue:${KEY_B}:01JX0000000000000000000005`, KEY_B, 'bob'), _rev: '1-abc' },
      ],
    });
    expect(response.body.rows).toEqual([
      expect.objectContaining({
        id: `issue:${KEY_A}:01JX0000000000000000000004`,
        error: 'forbidden',
      }),
    ]);
    const written = await bob.request(
      'GET',
      `${TEAM_DB}/issue:${KEY_B}:01JX0000000000000000000005`,
    );
    expect(written.status).toBe(200);
  });

  it('keeps the history of a replicated update (pouchdb-validation would drop it)', async () => {
    const bob = as('bob');
    const id = `issue:${KEY_B}:01JX0000000000000000000008`;
    const first = {
      ...doc(id, KEY_B, 'bob', { title: 'one' }),
      _rev: '1-aaa',
      _revisions: { start: 1, ids: ['aaa'] },
    };
    const second = {
      ...doc(id, KEY_B, 'bob', { title: 'two' }),
      _rev: '2-bbb',
      _revisions: { start: 2, ids: ['bbb', 'aaa'] },
    };
    await bob.request('POST', `${TEAM_DB}/_bulk_docs`, { new_edits: false, docs: [first] });
    await bob.request('POST', `${TEAM_DB}/_bulk_docs`, { new_edits: false, docs: [second] });
    const stored = await bob.request('GET', `${TEAM_DB}/${id}?revs=true`);
    expect(stored.body).toMatchObject({
      _rev: '2-bbb',
      title: 'two',
      _revisions: { start: 2, ids: ['bbb', 'aaa'] },
    });
  });

  it('lets a manager write every account, and an assignment takes effect at once', async () => {
    const mona = as('mona');
    const id = `contact:${KEY_B}:01JX0000000000000000000006`;
    expect((await mona.request('PUT', `${TEAM_DB}/${id}`, doc(id, KEY_B, 'mona'))).status).toBe(
      201,
    );
    const aliceId = `contact:${KEY_B}:01JX0000000000000000000007`;
    expect(
      (await as('alice').request('PUT', `${TEAM_DB}/${aliceId}`, doc(aliceId, KEY_B, 'alice')))
        .status,
    ).toBe(403);
    await assignAccount(target(server.url), `account:${KEY_B}`, 'alice');
    expect(
      (await as('alice').request('PUT', `${TEAM_DB}/${aliceId}`, doc(aliceId, KEY_B, 'alice')))
        .status,
    ).toBe(201);
  });

  it('does not let a user give herself roles', async () => {
    const alice = as('alice');
    const me = await alice.request('GET', '_users/org.couchdb.user:alice');
    const promoted = await alice.request('PUT', '_users/org.couchdb.user:alice', {
      ...me.body,
      roles: ['manager'],
    });
    expect(promoted.status).toBe(403);
    const after = await as(ADMIN.user, ADMIN.password).request(
      'GET',
      '_users/org.couchdb.user:alice',
    );
    expect(after.body.roles).toEqual(['csm', `acct:${KEY_A}`, `acct:${KEY_B}`]);
    expect((await alice.request('GET', '_users/org.couchdb.user:bob')).status).toBe(403);
  });
});
