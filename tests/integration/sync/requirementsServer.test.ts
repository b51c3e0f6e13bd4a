// The requirements library on a real team server (express-pouchdb on 127.0.0.1): a CSM collects a
// need and edits the asks of her own accounts; status, release, solution, merge and the priority
// model are the manager's or the product role's. The server enforces it (validate_doc_update),
// for plain writes and for replicated ones alike.
import fs from 'node:fs';
import { CouchHttp } from '../../../main/sync/couchHttp';
import { SCHEMA_VERSION } from '../../../shared/domain/common';
import { TEAM_ACCOUNT_ID } from '../../../shared/domain/ids';
import { instantFrom, TODAY, dayFrom } from '../../helpers/clock';
import { teamDoc } from '../../helpers/teamDocs';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  type ServerProcess,
} from './teamServerProcess';

const K1 = '01JX00000000000000000000K1';
const K2 = '01JX00000000000000000000K2';
const REQ = 'requirement:TEAM:01JX0000000000000000000R01';
const REQ2 = 'requirement:TEAM:01JX0000000000000000000R02';

function envelope(id: string, type: string, accountId: string, user: string, rev?: string) {
  return {
    _id: id,
    ...(rev ? { _rev: rev } : {}),
    type,
    accountId,
    schemaVersion: SCHEMA_VERSION,
    createdAt: instantFrom(0).toISOString(),
    createdBy: user,
    updatedAt: instantFrom(0).toISOString(),
    updatedBy: user,
  };
}

function requirement(user: string, fields: Record<string, unknown> = {}, rev?: string, id = REQ) {
  return {
    ...envelope(id, 'requirement', TEAM_ACCOUNT_ID, user, rev),
    title: '按部门导出月度报表',
    scenario: '财务每月初要按部门汇总工时，现在只能逐个导出再手工合并。',
    productArea: 'reporting',
    status: 'collected',
    ...fields,
  };
}

function ask(user: string, key: string, fields: Record<string, unknown> = {}, rev?: string) {
  return {
    ...envelope(
      `requirementAsk:${key}:01JX0000000000000000000A01`,
      'requirementAsk',
      `account:${key}`,
      user,
      rev,
    ),
    requirementId: REQ,
    askedOn: TODAY,
    importance: 'blocking',
    sourceType: 'other',
    ...fields,
  };
}

describe('requirements on the team server', () => {
  let server: ServerProcess;
  const as = (user: string) =>
    new CouchHttp(server.url, { user, password: PASSWORDS[user] ?? `${user}-pw` });
  const put = (user: string, doc: { _id: string }) =>
    as(user).request('PUT', `${TEAM_DB}/${encodeURIComponent(doc._id)}`, doc);
  const get = async (id: string) =>
    (await as('mona').request('GET', `${TEAM_DB}/${encodeURIComponent(id)}`)).body;

  beforeAll(async () => {
    server = await startServerProcess();
    // alice is the CSM of K1, bob of K2; pat is the product team; mona the manager.
    await prepareTeam(
      server.url,
      { alice: [`account:${K1}`], bob: [`account:${K2}`] },
      { alice: 'csm', bob: 'csm', mona: 'manager', pat: 'product' },
    );
  }, 90_000);

  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('lets a CSM collect a need, and refuses her deciding its status', async () => {
    const planned = await put(
      'alice',
      requirement('alice', { status: 'planned', release: 'v5.2' }),
    );
    expect(planned.status).toBe(403);
    expect(String(planned.body.reason)).toContain('must have status collected');
    const withSolution = await put('alice', requirement('alice', { solution: '加一个按钮' }));
    expect(withSolution.status).toBe(403);
    expect(String(withSolution.body.reason)).toContain('sets solution');

    const created = await put('alice', requirement('alice'));
    expect(created.status).toBe(201);
    // Restoring the scenario is every CSM's work: bob, not assigned to K1, refines the text.
    const edited = await put('bob', {
      ...requirement('alice', { workaround: '逐个导出再用 Excel 合并' }, String(created.body.rev)),
      updatedBy: 'bob',
    });
    expect(edited.status).toBe(201);
    expect(await get(REQ)).toMatchObject({ createdBy: 'alice', updatedBy: 'bob' });

    // The status change itself, the issue's test: refused, with the reason in words.
    const moved = await put(
      'alice',
      requirement('alice', { status: 'underReview' }, String(edited.body.rev)),
    );
    expect(moved.status).toBe(403);
    expect(String(moved.body.reason)).toBe(
      'only a manager or product manager changes status of a requirement',
    );
    const declined = await put('bob', {
      ...requirement(
        'alice',
        { status: 'declined', declineReason: '不在规划内' },
        String(edited.body.rev),
      ),
      updatedBy: 'bob',
    });
    expect(declined.status).toBe(403);
    expect(String(declined.body.reason)).toContain('changes status');
    const removed = await as('alice').request(
      'DELETE',
      `${TEAM_DB}/${encodeURIComponent(REQ)}?rev=${String(edited.body.rev)}`,
    );
    expect(removed.status).toBe(403);
    expect(String(removed.body.reason)).toContain('removes a requirement');
    // Nor by replication (new_edits: false), as a laptop pushes.
    const replicated = await as('alice').request('POST', `${TEAM_DB}/_bulk_docs`, {
      new_edits: false,
      docs: [
        { ...requirement('alice', { status: 'inDevelopment', release: 'v5.2' }), _rev: '3-abc' },
      ],
    });
    expect(replicated.body.rows).toEqual([
      expect.objectContaining({ id: REQ, error: 'forbidden' }),
    ]);
    expect(await get(REQ)).toMatchObject({ status: 'collected', _rev: edited.body.rev });
  });

  it('takes status, release and solution from the product role and the manager', async () => {
    let doc = await get(REQ);
    const review = await put('pat', { ...doc, status: 'underReview', updatedBy: 'pat' });
    expect(review.status).toBe(201);
    doc = await get(REQ);
    const solved = await put('pat', {
      ...doc,
      solution: '报表中心增加“按部门”维度，可一键导出',
      status: 'planned',
      release: 'v5.2',
      updatedBy: 'pat',
    });
    expect(solved.status).toBe(201);
    doc = await get(REQ);
    // A CSM cannot take the solution back or change the release...
    const undo = await put('alice', { ...doc, solution: '另一个方案', updatedBy: 'alice' });
    expect(undo.status).toBe(403);
    expect(String(undo.body.reason)).toContain('changes solution');
    const release = await put('alice', { ...doc, release: 'v5.1', updatedBy: 'alice' });
    expect(String(release.body.reason)).toContain('changes release');
    // ... and the manager may do all of it.
    const shipped = await put('mona', {
      ...doc,
      status: 'released',
      releasedOn: dayFrom(0),
      updatedBy: 'mona',
    });
    expect(shipped.status).toBe(201);
    doc = await get(REQ);
    // Closing the loop is the CSM's: she who tells the last customer may mark it told.
    const told = await put('alice', { ...doc, status: 'customersTold', updatedBy: 'alice' });
    expect(told.status).toBe(201);
    doc = await get(REQ);
    const reopened = await put('alice', { ...doc, status: 'released', updatedBy: 'alice' });
    expect(reopened.status).toBe(403);
    // The product role removes a requirement; a requirement is always team-wide.
    const elsewhere = await put('pat', {
      ...requirement('pat', {}, undefined, `requirement:${K1}:01JX0000000000000000000R09`),
      accountId: `account:${K1}`,
    });
    expect(elsewhere.status).toBe(403);
    expect(String(elsewhere.body.reason)).toContain('team-wide');
  });

  it("keeps the asks with their accounts: a CSM writes her own, not another CSM's", async () => {
    const mine = await put('alice', ask('alice', K1));
    expect(mine.status).toBe(201);
    const theirs = await put('alice', ask('alice', K2));
    expect(theirs.status).toBe(403);
    expect(String(theirs.body.reason)).toContain(`not assigned to account:${K2}`);
    const bobs = await put('bob', ask('bob', K2, { importance: 'moderate' }));
    expect(bobs.status).toBe(201);
    // The customer's confirmation of the solution is recorded by the account's CSM.
    const doc = await get(String(mine.body.id));
    const confirmed = await put('alice', {
      ...doc,
      confirmation: { status: 'confirmed', on: TODAY, by: 'alice', note: '方案可行' },
      updatedBy: 'alice',
    });
    expect(confirmed.status).toBe(201);
  });

  it('lets the product role move asks in a merge, and nothing else of an account', async () => {
    const dup = await put(
      'alice',
      requirement('alice', { title: '部门报表导出' }, undefined, REQ2),
    );
    expect(dup.status).toBe(201);
    const id = `requirementAsk:${K2}:01JX0000000000000000000A01`;
    const doc = await get(id);
    const moved = await put('pat', { ...doc, requirementId: REQ2, updatedBy: 'pat' });
    expect(moved.status).toBe(201);
    const after = await get(id);
    const changed = await put('pat', { ...after, importance: 'improvement', updatedBy: 'pat' });
    expect(changed.status).toBe(403);
    expect(String(changed.body.reason)).toContain(`not assigned to account:${K2}`);
    const newAsk = await put('pat', {
      ...ask('pat', K2),
      _id: `requirementAsk:${K2}:01JX0000000000000000000A02`,
    });
    expect(newAsk.status).toBe(403);
    const removed = await as('pat').request(
      'DELETE',
      `${TEAM_DB}/${encodeURIComponent(id)}?rev=${String(after._rev)}`,
    );
    expect(removed.status).toBe(403);
    const issue = await put('pat', teamDoc('issue', K1, 'pat'));
    expect(issue.status).toBe(403);
    // The merged-away duplicate is marked by the product role; a CSM cannot mark or unmark it.
    const dupDoc = await get(REQ2);
    const marked = await put('alice', { ...dupDoc, mergedInto: REQ, updatedBy: 'alice' });
    expect(String(marked.body.reason)).toContain('changes mergedInto');
    const byProduct = await put('pat', { ...dupDoc, mergedInto: REQ, updatedBy: 'pat' });
    expect(byProduct.status).toBe(201);
  });

  it('keeps the priority model for the manager and the product role', async () => {
    const id = 'requirementModel:TEAM:current';
    const model = { ...envelope(id, 'requirementModel', TEAM_ACCOUNT_ID, 'alice'), name: 'x' };
    const refused = await put('alice', model);
    expect(refused.status).toBe(403);
    expect(String(refused.body.reason)).toContain('requirement priority model');
  });

  it('lets a product user keep her own directory record, with her own role', async () => {
    const record = {
      ...envelope('teamMember:pat', 'teamMember', TEAM_ACCOUNT_ID, 'pat'),
      login: 'pat',
      nameEn: 'Pat Product',
      role: 'product',
      active: true,
    };
    expect((await put('pat', record)).status).toBe(201);
    const other = { ...record, _id: 'teamMember:pat2', login: 'pat2' };
    expect((await put('pat', other)).status).toBe(403);
  });
});
