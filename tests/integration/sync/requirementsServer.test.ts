// The requirements library on a real team server (express-pouchdb on 127.0.0.1): a CSM collects a
// need and edits the asks of her own accounts; status, release, solution, merge and the priority
// model are the manager's or the product role's. The server enforces it (validate_doc_update),
// for plain writes and for replicated ones alike.
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../main/cli/csm';
import { removeDir, tempDir } from '../../helpers/tempBackend';
import { CouchHttp } from '../../../main/sync/couchHttp';
import { SCHEMA_VERSION } from '../../../shared/domain/common';
import { TEAM_ACCOUNT_ID } from '../../../shared/domain/ids';
import { DEFAULT_REQUIREMENT_MODEL } from '../../../shared/rules/requirementPriority';
import { instantFrom, TODAY, dayFrom } from '../../helpers/clock';
import { teamDoc } from '../../helpers/teamDocs';
import {
  ADMIN,
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  type ServerProcess,
} from './teamServerProcess';

// Every user's first request signs in with PBKDF2 (about 0.7 s, more on a loaded machine).
jest.setTimeout(60_000);

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
  const put = (user: string, doc: { _id: string } & Record<string, unknown>) =>
    as(user).request('PUT', `${TEAM_DB}/${encodeURIComponent(doc._id)}`, doc);
  const get = async (id: string) =>
    (await as('mona').request('GET', `${TEAM_DB}/${encodeURIComponent(id)}`)).body as {
      _id: string;
    } & Record<string, unknown>;

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
    // The app logs it on the team's timeline, which every member may append to for requirements.
    const log = (user: string, n: string, targetId: string, targetType: string) => ({
      ...envelope(`timeline:TEAM:01JX0000000000000000000L1${n}`, 'timeline', TEAM_ACCOUNT_ID, user),
      at: instantFrom(0).toISOString(),
      by: user,
      action: 'created',
      targetId,
      targetType,
      changes: [],
    });
    expect((await put('alice', log('alice', '1', REQ, 'requirement'))).status).toBe(201);
    const model = log('alice', '2', 'requirementModel:TEAM:current', 'requirementModel');
    expect((await put('alice', model)).status).toBe(403);
    const alert = log('alice', '3', 'alertState:TEAM:01JX0000000000000000000001', 'alertState');
    expect((await put('alice', alert)).status).toBe(403);
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
    // Telling is the CSM's; closing the loop (customersTold) is the manager's, like every status.
    const told = await put('alice', { ...doc, status: 'customersTold', updatedBy: 'alice' });
    expect(told.status).toBe(403);
    const closed = await put('mona', { ...doc, status: 'customersTold', updatedBy: 'mona' });
    expect(closed.status).toBe(201);
    // A requirement is always team-wide, whoever writes it.
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
    // A release makes a "tell the customer" task for each asking account's CSM.
    const origin = { kind: 'requirementTell', requirementId: REQ, askId: id };
    const task = (n: string, extra: Record<string, unknown> = {}) => ({
      ...envelope(`task:${K2}:01JX0000000000000000000T0${n}`, 'task', `account:${K2}`, 'pat'),
      title: '告知客户：按部门导出月度报表已上线',
      owner: 'bob',
      dueDate: dayFrom(7),
      done: false,
      ...extra,
    });
    const tell = await put('pat', task('1', { origin }));
    expect(tell.status).toBe(201);
    const plain = await put('pat', task('2'));
    expect(plain.status).toBe(403);
    const tellDoc = await get(String(tell.body.id));
    const edit = await put('pat', { ...tellDoc, title: 'changed', updatedBy: 'pat' });
    expect(edit.status).toBe(403);
    // A merge moves the open tell task with its ask.
    const retarget = await put('pat', {
      ...tellDoc,
      origin: { ...origin, requirementId: REQ2 },
      updatedBy: 'pat',
    });
    expect(retarget.status).toBe(201);
    // The account's timeline logs those writes; nothing else of the account is hers to log.
    const entry = (n: string, targetId: string, targetType: string) => ({
      ...envelope(
        `timeline:${K2}:01JX0000000000000000000L0${n}`,
        'timeline',
        `account:${K2}`,
        'pat',
      ),
      at: instantFrom(0).toISOString(),
      by: 'pat',
      action: 'updated',
      targetId,
      targetType,
      changes: [],
    });
    expect((await put('pat', entry('1', id, 'requirementAsk'))).status).toBe(201);
    const foreign = await put('pat', entry('2', `issue:${K2}:01JX0000000000000000000I01`, 'issue'));
    expect(foreign.status).toBe(403);
    // The merged-away duplicate is marked by the product role; a CSM cannot mark or unmark it.
    const dupDoc = await get(REQ2);
    const marked = await put('alice', { ...dupDoc, mergedInto: REQ, updatedBy: 'alice' });
    expect(String(marked.body.reason)).toContain('changes mergedInto');
    const byProduct = await put('pat', { ...dupDoc, mergedInto: REQ, updatedBy: 'pat' });
    expect(byProduct.status).toBe(201);
  });

  it('keeps the priority model for the manager and the product role', async () => {
    const id = 'requirementModel:TEAM:current';
    const model = (user: string, rev?: string) => ({
      ...DEFAULT_REQUIREMENT_MODEL,
      ...envelope(id, 'requirementModel', TEAM_ACCOUNT_ID, user, rev),
    });
    const refused = await put('alice', model('alice'));
    expect(refused.status).toBe(403);
    expect(String(refused.body.reason)).toContain('requirement priority model');
    const saved = await put('pat', model('pat'));
    expect(saved.status).toBe(201);
    const edited = await put('mona', {
      ...model('pat', String(saved.body.rev)),
      name: 'Manager model',
      updatedBy: 'mona',
    });
    expect(edited.status).toBe(201);
    const removed = await as('bob').request(
      'DELETE',
      `${TEAM_DB}/${id}?rev=${String(edited.body.rev)}`,
    );
    expect(removed.status).toBe(403);
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
  it('adds a product user from the command line', async () => {
    const work = tempDir('product-cli');
    try {
      fs.writeFileSync(path.join(work, 'admin.pw'), ADMIN.password);
      fs.writeFileSync(path.join(work, 'quinn.pw'), 'quinn-pw');
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(
        [
          'server',
          'add-user',
          'quinn',
          '--role',
          'product',
          '--password-file',
          path.join(work, 'quinn.pw'),
          '--name-zh',
          '钱琳',
          '--name-en',
          'Quinn Qian',
          '--url',
          server.url,
          '--db',
          TEAM_DB,
          '--admin-user',
          ADMIN.user,
          '--admin-password-file',
          path.join(work, 'admin.pw'),
        ],
        { out: (l) => out.push(l), err: (l) => err.push(l) },
      );
      expect({ code, err }).toEqual({ code: 0, err: [] });
      expect(out[0]).toBe('added user quinn (roles: product)');
      expect(await get('teamMember:quinn')).toMatchObject({
        role: 'product',
        nameEn: 'Quinn Qian',
      });
      // She decides: moves the collected duplicate under review.
      const quinn = new CouchHttp(server.url, { user: 'quinn', password: 'quinn-pw' });
      const doc = await get(REQ2);
      const moved = await quinn.request('PUT', `${TEAM_DB}/${encodeURIComponent(REQ2)}`, {
        ...doc,
        status: 'underReview',
        updatedBy: 'quinn',
      });
      expect(moved.status).toBe(201);
      const bad = await runCli(['server', 'add-user', 'x', '--role', 'boss'], {
        out: () => undefined,
        err: (l) => err.push(l),
      });
      expect(bad).toBe(2);
      expect(err.at(-1)).toContain('--role must be one of csm, consultant, manager, product');
    } finally {
      removeDir(work);
    }
  });
});
