// The team's health model is data every workbench replicates; on the team server only a manager
// may change it, even a CSM who was assigned the reserved TEAM account.
import { instantFrom } from '../../helpers/clock';
import fs from 'node:fs';
import { CouchHttp } from '../../../main/sync/couchHttp';
import { HEALTH_MODEL_ID, TEAM_ACCOUNT_ID } from '../../../main/health/modelStore';
import { SCHEMA_VERSION } from '../../../shared/domain/common';
import { DEFAULT_HEALTH_MODEL } from '../../../shared/domain/health/model';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  type ServerProcess,
} from './teamServerProcess';

function modelDoc(user: string, name: string, rev?: string) {
  return {
    ...DEFAULT_HEALTH_MODEL,
    name,
    _id: HEALTH_MODEL_ID,
    ...(rev ? { _rev: rev } : {}),
    type: 'healthModel',
    accountId: TEAM_ACCOUNT_ID,
    schemaVersion: SCHEMA_VERSION,
    createdAt: instantFrom(0).toISOString(),
    createdBy: user,
    updatedAt: instantFrom(0).toISOString(),
    updatedBy: user,
  };
}

describe('health model on the team server', () => {
  let server: ServerProcess;
  const as = (user: string) => new CouchHttp(server.url, { user, password: PASSWORDS[user] });
  const url = `${TEAM_DB}/${HEALTH_MODEL_ID}`;

  beforeAll(async () => {
    server = await startServerProcess();
    // alice holds the TEAM account's role; bob holds none.
    await prepareTeam(server.url, { alice: [TEAM_ACCOUNT_ID] });
  }, 60_000);

  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('refuses the model from CSMs, with or without the TEAM role, and takes it from a manager', async () => {
    for (const csm of ['alice', 'bob']) {
      const refused = await as(csm).request('PUT', url, modelDoc(csm, `by ${csm}`));
      expect([csm, refused.status]).toEqual([csm, 403]);
      expect(String(refused.body.reason)).toContain('only a manager');
    }
    expect((await as('mona').request('GET', url)).status).toBe(404);

    const saved = await as('mona').request('PUT', url, modelDoc('mona', 'Manager model'));
    expect(saved.status).toBe(201);
    const rev = String(saved.body.rev);

    // A CSM cannot change it either, nor delete it, nor slip it in by replication.
    const edit = await as('alice').request('PUT', url, modelDoc('alice', 'edited', rev));
    expect(edit.status).toBe(403);
    const removed = await as('alice').request('DELETE', `${url}?rev=${rev}`);
    expect(removed.status).toBe(403);
    const replicated = await as('alice').request('POST', `${TEAM_DB}/_bulk_docs`, {
      new_edits: false,
      docs: [{ ...modelDoc('alice', 'replicated'), _rev: '2-abc' }],
    });
    expect(replicated.body.rows).toEqual([
      expect.objectContaining({ id: HEALTH_MODEL_ID, error: 'forbidden' }),
    ]);

    const stored = await as('bob').request('GET', url);
    expect(stored.body).toMatchObject({ _rev: rev, name: 'Manager model', updatedBy: 'mona' });
  });

  it('still lets the TEAM role holder write other TEAM documents', async () => {
    const id = 'alertState:TEAM:01JX0000000000000000000001';
    const response = await as('alice').request('PUT', `${TEAM_DB}/${id}`, {
      _id: id,
      type: 'alertState',
      accountId: TEAM_ACCOUNT_ID,
      schemaVersion: SCHEMA_VERSION,
      createdAt: '2026-11-23T08:00:00.000Z',
      createdBy: 'alice',
      updatedAt: '2026-11-23T08:00:00.000Z',
      updatedBy: 'alice',
      alertKey: 'lowActivation:account:TEAM',
      rule: 'lowActivation',
      status: 'acknowledged',
    });
    expect(response.body).toMatchObject({ ok: true });
  });
});
