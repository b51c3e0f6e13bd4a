// The one writer on a real store: it validates every type with the field path, keeps
// createdAt/By, maps failures the same way, and never leaves half of a change behind.
import type { Backend } from '../../../main/backend';
import type { Actor } from '../../../main/api/identity';
import { DocumentWriter } from '../../../main/store/documentWriter';
import { ApiFailure, type ApiError } from '../../../shared/api/errors';
import { newDocId } from '../../../shared/domain/ids';
import { DEFAULT_HEALTH_MODEL } from '../../../shared/domain/health/model';
import { validAccount, validInputs } from '../../fixtures/entities';
import { dayFrom } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let backend: Backend;
let accountId: string;
const actor: Actor = { login: 'zhang.wei', source: 'host' };

beforeAll(async () => {
  dir = tempDir('writer');
  backend = await openBackend(dir);
  accountId = (await backend.call('account.create', { data: validAccount as never }))._id;
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

async function refusal(job: Promise<unknown>): Promise<ApiError> {
  try {
    await job;
  } catch (error) {
    if (error instanceof ApiFailure) return error.errors[0];
    throw error;
  }
  throw new Error('the write was accepted');
}

function timelineCount(): number {
  return backend.ctx.queries.list({
    type: 'timeline',
    accountId,
    filters: {},
    offset: 0,
    limit: 1000,
  }).total;
}

describe('validation on every writer path', () => {
  it('refuses an invalid entity with the field path (create and update)', async () => {
    const created = await backend.dispatch('issue.create', {
      accountId,
      data: { ...validInputs.issue, title: '' },
    });
    expect(created.ok).toBe(false);
    if (!created.ok) expect(created.errors[0]).toMatchObject({ path: ['data', 'title'] });
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    const updated = await backend.dispatch('issue.update', {
      id: issue._id,
      rev: issue._rev!,
      changes: { priority: 'whenever' },
    });
    expect(updated.ok).toBe(false);
    if (!updated.ok)
      expect(updated.errors[0]).toMatchObject({
        code: 'VALIDATION',
        path: ['changes', 'priority'],
      });
  });

  it('refuses an invalid health override (a set without a band)', async () => {
    const error = await refusal(
      backend.ctx.writer.commit(actor, {
        changes: [
          {
            kind: 'put',
            type: 'healthOverride',
            accountId,
            fields: { action: 'set', reason: 'customer escalated' },
          },
        ],
        timeline: 'created',
      }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', path: ['band'] });
    expect(
      backend.ctx.queries.list({
        type: 'healthOverride',
        accountId,
        filters: {},
        offset: 0,
        limit: 5,
      }).total,
    ).toBe(0);
  });

  it('refuses an invalid health model with the path of the failing field', async () => {
    const error = await refusal(
      backend.ctx.writer.commit(actor, {
        changes: [
          {
            kind: 'put',
            type: 'healthModel',
            accountId: 'account:TEAM',
            id: 'healthModel:TEAM:current',
            fields: { ...DEFAULT_HEALTH_MODEL, historyLimit: -1 },
          },
        ],
        path: ['model'],
      }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', path: ['model', 'historyLimit'] });
    const api = await backend.dispatch('health.model.save', {
      model: { ...DEFAULT_HEALTH_MODEL, historyLimit: -1 },
    });
    expect(api.ok).toBe(false);
    if (!api.ok) expect(api.errors[0].path).toEqual(['model', 'historyLimit']);
  });

  it('refuses an invalid alert state and an invalid computed health score', async () => {
    const state = await refusal(
      backend.ctx.writer.commit(actor, {
        changes: [
          {
            kind: 'put',
            type: 'alertState',
            accountId,
            fields: { alertKey: `noContact|${accountId}|x`, rule: 'noContact', status: 'snoozed' },
          },
        ],
      }),
    );
    expect(state).toMatchObject({ code: 'VALIDATION', path: ['snoozedUntil'] });
    const score = await refusal(
      backend.ctx.writer.putEach(actor, [
        {
          kind: 'put',
          type: 'healthScore',
          accountId,
          fields: { score: 180, band: 'green', computedOn: dayFrom(0) },
        },
      ]),
    );
    expect(score).toMatchObject({ code: 'VALIDATION', path: ['score'] });
  });

  it('refuses a conflict resolution whose chosen values break the rules', async () => {
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    // Another laptop's revision with an empty title (a buggy client), brought in by replication.
    const { _rev: _ignored, ...body } = issue as unknown as Record<string, unknown>;
    await backend.ctx.store
      .replicationHandle()
      .bulkDocs([{ ...body, title: '', _rev: '2-ffffffffffffffffffffffffffffffff' }], {
        new_edits: false,
      });
    await backend.ctx.store.catchUp();
    const detail = await backend.call('conflict.get', { id: issue._id });
    const bad = detail.versions.find((v) => v.doc.title === '')!;
    const result = await backend.dispatch('conflict.resolve', {
      id: issue._id,
      revs: detail.versions.map((v) => v.rev),
      choices: Object.fromEntries(detail.clashes.map((field) => [field, bad.rev])),
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['choices', 'title'] });
    // Nothing was removed: both leaves are still there for a person to decide.
    expect((await backend.call('conflict.get', { id: issue._id })).versions).toHaveLength(2);
  });
});

describe('the envelope', () => {
  it('keeps createdAt/By from the current revision and sets updatedBy from the actor', async () => {
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    const { docs } = await backend.ctx.writer.commit(
      { login: 'li.na', source: 'test' },
      {
        changes: [
          {
            kind: 'put',
            type: 'issue',
            accountId,
            base: issue as never,
            fields: { ...validInputs.issue, title: '换人改的标题', createdBy: 'forged' },
          },
        ],
        timeline: 'updated',
      },
    );
    expect(docs[0]).toMatchObject({
      _id: issue._id,
      createdBy: 'zhang.wei',
      createdAt: issue.createdAt,
      updatedBy: 'li.na',
      title: '换人改的标题',
    });
  });
});

describe('a half-failed write', () => {
  it('takes back the timeline entry when the document is refused (stale revision)', async () => {
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    const moved = await backend.call('issue.update', {
      id: issue._id,
      rev: issue._rev!,
      changes: { title: '新标题' },
    });
    const ids: string[] = [];
    const writer = new DocumentWriter(
      backend.ctx.store,
      () => new Date(),
      (type, account) => {
        const id = newDocId(type, account);
        ids.push(id);
        return id;
      },
    );
    const before = timelineCount();
    const error = await refusal(
      writer.commit(actor, {
        changes: [
          {
            kind: 'put',
            type: 'issue',
            accountId,
            base: issue as never,
            fields: { ...validInputs.issue, title: '过时的修改' },
          },
        ],
        timeline: 'updated',
      }),
    );
    expect(error).toMatchObject({
      code: 'CONFLICT',
      params: { id: issue._id, currentRev: moved._rev },
    });
    expect(ids).toHaveLength(1);
    expect(await backend.ctx.store.get(ids[0])).toBeNull();
    expect(timelineCount()).toBe(before);
    expect((await backend.call('issue.get', { id: issue._id })).title).toBe('新标题');
  });

  it('takes back the document when its timeline entry is refused', async () => {
    const existing = (await backend.call('timeline.list', { accountId, offset: 0, limit: 1 }))
      .items[0] as unknown as { _id: string };
    // Every new id is the id of an entry that already exists, so the entry cannot go in.
    const writer = new DocumentWriter(
      backend.ctx.store,
      () => new Date(),
      (type, account) => (type === 'timeline' ? existing._id : newDocId(type, account)),
    );
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    const before = timelineCount();
    const update = await refusal(
      writer.commit(actor, {
        changes: [
          {
            kind: 'put',
            type: 'issue',
            accountId,
            base: issue as never,
            fields: { ...validInputs.issue, title: '不该留下的修改' },
          },
        ],
        timeline: 'updated',
      }),
    );
    expect(update.code).toBe('CONFLICT');
    const stored = await backend.ctx.store.get(issue._id);
    expect(stored?.title).toBe(issue.title);
    expect(backend.ctx.queries.getDoc(issue._id)?.title).toBe(issue.title);

    const created = await refusal(
      writer.commit(actor, {
        changes: [{ kind: 'put', type: 'touchpoint', accountId, fields: validInputs.touchpoint }],
        timeline: 'created',
      }),
    );
    expect(created.code).toBe('CONFLICT');
    const touchpoints = backend.ctx.queries.list({
      type: 'touchpoint',
      accountId,
      filters: {},
      offset: 0,
      limit: 10,
    });
    expect(touchpoints.total).toBe(0);
    expect(timelineCount()).toBe(before);
  });

  it('keeps an account and all its documents when deleting it fails part-way', async () => {
    const account = await backend.call('account.create', { data: validAccount as never });
    await backend.call('contact.create', {
      accountId: account._id,
      data: validInputs.contact as never,
    });
    // Another revision of the account arrives (replication) after the caller read it.
    const fresh = await backend.call('account.get', { id: account._id });
    await backend.call('account.update', {
      id: account._id,
      rev: fresh._rev!,
      changes: { name: '已被他人修改' },
    });
    const children = backend.ctx.queries
      .accountDocs(account._id)
      .filter((d) => d._id !== account._id);
    const error = await refusal(
      backend.ctx.writer.commit(actor, {
        changes: [fresh, ...children].map((d) => ({ kind: 'delete' as const, base: d as never })),
      }),
    );
    expect(error.code).toBe('CONFLICT');
    for (const child of children) {
      expect(backend.ctx.queries.getDoc(child._id)).not.toBeNull();
    }
  });
});
