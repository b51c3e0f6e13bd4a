// A CRUD round trip for every entity through the real API, on a real PouchDB + SQLite store.
import type { Backend } from '../../../main/backend';
import { ApiFailure } from '../../../shared/api/errors';
import { EDITABLE_TYPES, type EditableType } from '../../../shared/domain/entities';
import { invalidInputs, updates, validAccount, validInputs } from '../../fixtures/entities';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let backend: Backend;
let accountId: string;

beforeAll(async () => {
  dir = tempDir();
  backend = await openBackend(dir);
  accountId = (await backend.call('account.create', { data: validAccount as never }))._id;
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

async function create(type: EditableType) {
  if (type === 'account') return backend.dispatch('account.create', { data: validAccount });
  return backend.dispatch(`${type}.create`, { accountId, data: validInputs[type] });
}

describe.each(EDITABLE_TYPES)('%s', (type) => {
  it('creates, reads, updates, lists and deletes', async () => {
    const created = await create(type);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const doc = created.data as {
      _id: string;
      _rev: string;
      type: string;
      accountId: string;
      createdBy: string;
    };
    expect(doc.type).toBe(type);
    expect(doc.createdBy).toBe('zhang.wei');
    expect(
      doc._id.startsWith(type === 'account' ? 'account:' : `${type}:${accountId.slice(8)}:`),
    ).toBe(true);

    const read = await backend.dispatch(`${type}.get`, { id: doc._id });
    expect(read).toEqual({ ok: true, data: doc });

    const updated = await backend.dispatch(`${type}.update`, {
      id: doc._id,
      rev: doc._rev,
      changes: updates[type],
    });
    if (!updated.ok) throw new Error(JSON.stringify(updated.errors));
    const after = updated.data as unknown as Record<string, unknown>;
    expect(after).toMatchObject(updates[type]);
    expect(after._rev).not.toBe(doc._rev);

    const listed = await backend.dispatch(`${type}.list`, { accountId: doc.accountId, limit: 500 });
    if (!listed.ok) throw new Error(JSON.stringify(listed.errors));
    expect((listed.data as { items: { _id: string }[] }).items.map((d) => d._id)).toContain(
      doc._id,
    );

    const removed = await backend.dispatch(`${type}.delete`, { id: doc._id, rev: after._rev });
    expect(removed.ok).toBe(true);
    const gone = await backend.dispatch(`${type}.get`, { id: doc._id });
    expect(gone.ok ? null : gone.errors[0].code).toBe('NOT_FOUND');
  });

  it('refuses an invalid payload with the field path and writes nothing', async () => {
    const before = (await backend.call('system.info', {})).docCount;
    const input =
      type === 'account'
        ? { data: invalidInputs[type].data }
        : { accountId, data: invalidInputs[type].data };
    const result = await backend.dispatch(`${type}.create`, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.every((e) => e.code === 'VALIDATION')).toBe(true);
    expect(result.errors.map((e) => e.path)).toContainEqual(invalidInputs[type].path);
    expect(result.errors[0].messageKey).toMatch(/^validation\./);
    expect((await backend.call('system.info', {})).docCount).toBe(before);
  });
});

describe('revisions', () => {
  it('refuses a stale revision as a conflict and keeps the newer version', async () => {
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    const first = await backend.call('issue.update', {
      id: issue._id,
      rev: issue._rev!,
      changes: { owner: 'li.na' },
    });
    const stale = await backend.dispatch('issue.update', {
      id: issue._id,
      rev: issue._rev,
      changes: { owner: 'wang.fang' },
    });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.errors[0]).toMatchObject({
      code: 'CONFLICT',
      path: ['rev'],
      params: { currentRev: first._rev },
    });
    expect((await backend.call('issue.get', { id: issue._id })).owner).toBe('li.na');

    const staleDelete = await backend.dispatch('issue.delete', { id: issue._id, rev: issue._rev });
    expect(staleDelete.ok ? 'ok' : staleDelete.errors[0].code).toBe('CONFLICT');
  });

  it('refuses system fields and unknown fields in an update', async () => {
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    const sys = await backend.dispatch('issue.update', {
      id: issue._id,
      rev: issue._rev,
      changes: { createdBy: 'x' },
    });
    expect(sys.ok ? null : sys.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['changes', 'createdBy'],
    });
    const unknown = await backend.dispatch('issue.update', {
      id: issue._id,
      rev: issue._rev,
      changes: { colour: 'red' },
    });
    expect(unknown.ok ? null : unknown.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['changes', 'colour'],
    });
    const rule = await backend.dispatch('issue.update', {
      id: issue._id,
      rev: issue._rev,
      changes: { status: 'closed' },
    });
    expect(rule.ok ? null : rule.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['changes', 'customerConfirmation'],
      messageKey: 'validation.closeNeedsConfirmation',
    });
  });

  it('removes an optional field when the change is null', async () => {
    const issue = await backend.call('issue.create', {
      accountId,
      data: validInputs.issue as never,
    });
    const updated = await backend.call('issue.update', {
      id: issue._id,
      rev: issue._rev!,
      changes: { dueDate: null },
    });
    expect(updated).not.toHaveProperty('dueDate');
  });

  it('refuses a child document for an account that does not exist', async () => {
    const result = await backend.dispatch('issue.create', {
      accountId: 'account:01NOPE',
      data: validInputs.issue,
    });
    expect(result.ok ? null : result.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a malformed call', async () => {
    const noData = await backend.dispatch('issue.create', { accountId });
    expect(noData.ok ? null : noData.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['data'],
    });
    const badId = await backend.dispatch('issue.get', { id: 'DROP TABLE' });
    expect(badId.ok ? null : badId.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['id'] });
    const unknown = await backend.dispatch('issue.explode', {});
    expect(unknown.ok ? null : unknown.errors[0].messageKey).toBe('error.unknownMethod');
    await expect(backend.call('issue.get', { id: 'issue:01A:01B' })).rejects.toBeInstanceOf(
      ApiFailure,
    );
  });
});

describe('timeline', () => {
  it('records who changed what on the account', async () => {
    const contact = await backend.call('contact.create', {
      accountId,
      data: validInputs.contact as never,
    });
    await backend.call('contact.update', {
      id: contact._id,
      rev: contact._rev!,
      changes: { stance: 'opposed' },
    });
    const page = await backend.call('timeline.list', { accountId, limit: 500 });
    const entries = page.items.filter((e) => e.targetId === contact._id);
    expect(entries.map((e) => e.action).sort()).toEqual(['created', 'updated']);
    const update = entries.find((e) => e.action === 'updated')!;
    expect(update).toMatchObject({ by: 'zhang.wei', targetType: 'contact', targetTitle: '王芳' });
    expect(update.changes).toEqual([{ field: 'stance', from: 'supportive', to: 'opposed' }]);
  });

  it('writes nothing when an update changes nothing', async () => {
    const touchpoint = await backend.call('touchpoint.create', {
      accountId,
      data: validInputs.touchpoint as never,
    });
    const same = await backend.call('touchpoint.update', {
      id: touchpoint._id,
      rev: touchpoint._rev!,
      changes: { kind: 'call' },
    });
    expect(same._rev).toBe(touchpoint._rev);
  });
});
