// dispatch resolves the actor once per call and hands it to the handler: a sign-in while a call
// runs does not change who that call writes as, and the next call acts as the signed-in user.
import type { Backend } from '../../../main/backend';
import { validAccount, validInputs } from '../../fixtures/entities';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let backend: Backend;
let accountId: string;

beforeAll(async () => {
  dir = tempDir('actor');
  backend = await openBackend(dir, { user: 'zhang.wei' });
  accountId = (await backend.call('account.create', { data: validAccount as never }))._id;
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

it('writes as the actor resolved when the call began', async () => {
  const pending = backend.call('issue.create', { accountId, data: validInputs.issue as never });
  backend.ctx.identity.signedIn.signIn('mona');
  const issue = await pending;
  expect(issue).toMatchObject({ createdBy: 'zhang.wei', updatedBy: 'zhang.wei' });

  const next = await backend.call('issue.update', {
    id: issue._id,
    rev: issue._rev!,
    changes: { title: '由经理修改' },
  });
  expect(next).toMatchObject({ createdBy: 'zhang.wei', updatedBy: 'mona' });
  const timeline = await backend.call('timeline.list', { accountId, offset: 0, limit: 50 });
  const byTarget = timeline.items.filter((e) => e.targetId === issue._id);
  expect(byTarget.map((e) => [e.action, e.by]).sort()).toEqual([
    ['created', 'zhang.wei'],
    ['updated', 'mona'],
  ]);
  expect((await backend.call('system.info', {})).user).toBe('mona');

  backend.ctx.identity.signedIn.signOut();
  expect((await backend.call('system.info', {})).user).toBe('zhang.wei');
});
