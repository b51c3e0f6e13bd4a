// The directory API on a real store: create, get, list, update, the errors at their fields,
// and the remembered identity that becomes the acting user.
import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../main/backend';
import { IDENTITY_FILE } from '../../../main/people/rememberedIdentity';
import { ApiFailure } from '../../../shared/api/errors';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

async function failure(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('directory', () => {
  let dir: string;
  let b: Backend;

  beforeEach(async () => {
    dir = tempDir('directory');
    b = await openBackend(dir);
  });
  afterEach(async () => {
    await b.close();
    removeDir(dir);
  });

  it('creates, gets, lists and updates team members', async () => {
    const li = await b.call('directory.create', {
      data: { login: 'li.na', nameZh: '李娜', nameEn: 'Li Na', role: 'manager', title: '主管' },
    });
    expect(li).toMatchObject({
      _id: 'teamMember:li.na',
      type: 'teamMember',
      accountId: 'account:TEAM',
      active: true,
      createdBy: 'zhang.wei',
    });
    await b.call('directory.create', { data: { login: 'huang.tao', nameZh: '黄涛' } });
    const { members } = await b.call('directory.list', {});
    expect(members.map((m) => [m.login, m.role])).toEqual([
      ['huang.tao', 'csm'],
      ['li.na', 'manager'],
    ]);
    const updated = await b.call('directory.update', {
      login: 'li.na',
      rev: li._rev!,
      changes: { email: 'li.na@example.com', title: null },
    });
    expect(updated.email).toBe('li.na@example.com');
    expect(updated.title).toBeUndefined();
    expect(await b.call('directory.get', { login: 'li.na' })).toMatchObject({
      _rev: updated._rev,
      email: 'li.na@example.com',
    });
    // A stale revision is a conflict naming the current one.
    const stale = await failure(
      b.call('directory.update', { login: 'li.na', rev: li._rev!, changes: { phone: '123' } }),
    );
    expect(stale.errors[0]).toMatchObject({ code: 'CONFLICT', path: ['rev'] });
  });

  it('refuses bad records with the failing field, and writes nothing', async () => {
    const bad = await failure(
      b
        .dispatch('directory.create', {
          data: { login: 'li na', email: 'not-an-address', role: 'boss' },
        })
        .then((r) => {
          if (!r.ok) throw new ApiFailure(r.errors);
        }),
    );
    const paths = bad.errors.map((e) => e.path.join('.')).sort();
    expect(paths).toEqual(['data.email', 'data.login', 'data.role']);
    const noName = await failure(b.call('directory.create', { data: { login: 'li.na' } }));
    expect(noName.errors[0]).toMatchObject({
      code: 'VALIDATION',
      path: ['data', 'nameZh'],
      messageKey: 'validation.memberNameRequired',
    });
    expect((await b.call('directory.list', {})).members).toEqual([]);

    const li = await b.call('directory.create', { data: { login: 'li.na', nameZh: '李娜' } });
    const twice = await failure(
      b.call('directory.create', { data: { login: 'li.na', nameEn: 'Another' } }),
    );
    expect(twice.errors[0]).toMatchObject({
      code: 'CONFLICT',
      path: ['data', 'login'],
      messageKey: 'directory.error.memberExists',
    });
    const renamed = await failure(
      b.call('directory.update', { login: 'li.na', rev: li._rev!, changes: { login: 'x' } }),
    );
    expect(renamed.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['changes', 'login'] });
    const unknown = await failure(
      b
        .dispatch('directory.update', { login: 'li.na', rev: li._rev!, changes: { age: 3 } })
        .then((r) => {
          if (!r.ok) throw new ApiFailure(r.errors);
        }),
    );
    expect(unknown.errors[0]).toMatchObject({ path: ['changes', 'age'] });
    const missing = await failure(b.call('directory.get', { login: 'nobody' }));
    expect(missing.errors[0]).toMatchObject({ code: 'NOT_FOUND', path: ['login'] });
  });

  it('keeps team members out of the generic entity methods and searches', async () => {
    await b.call('directory.create', { data: { login: 'li.na', nameZh: '李娜' } });
    const result = await b.dispatch('teamMember.create', { data: {} });
    expect(result.ok).toBe(false);
    expect((await b.call('search.query', { q: '李娜' })).hits).toEqual([]);
    // A backup round trip carries the directory.
    const backup = await b.call('backup.export', {});
    expect(backup.docs.some((d) => d._id === 'teamMember:li.na')).toBe(true);
    const other = tempDir('directory-restore');
    const restored = await openBackend(other);
    try {
      const report = await restored.call('backup.import', { backup });
      expect(report.conflicts).toEqual([]);
      expect((await restored.call('directory.get', { login: 'li.na' })).nameZh).toBe('李娜');
    } finally {
      await restored.close();
      removeDir(other);
    }
  });
});

describe('identity', () => {
  const saved = process.env.CSM_USER;
  beforeEach(() => delete process.env.CSM_USER);
  afterAll(() => {
    if (saved === undefined) delete process.env.CSM_USER;
    else process.env.CSM_USER = saved;
  });

  it('is not chosen on a fresh workbench, then remembered beside the store', async () => {
    const dir = tempDir('identity');
    let b = await Backend.open({ dataDir: dir });
    try {
      const before = await b.call('app.identity', {});
      expect(before).toMatchObject({ source: 'system', chosen: false, member: null });

      const unknown = await failure(b.call('app.setIdentity', { login: 'li.na' }));
      expect(unknown.errors[0]).toMatchObject({ code: 'NOT_FOUND', path: ['login'] });
      const badMember = await failure(
        b.call('app.setIdentity', { login: 'li.na', member: { email: 'x' } }),
      );
      expect(badMember.errors.map((e) => e.path.join('.')).sort()).toEqual([
        'member.email',
        'member.nameZh',
      ]);
      expect((await b.call('app.identity', {})).chosen).toBe(false);

      // Typing a name creates the record, written by the person themselves.
      const chosen = await b.call('app.setIdentity', {
        login: 'li.na',
        member: { nameZh: '李娜', nameEn: 'Li Na' },
      });
      expect(chosen).toMatchObject({ login: 'li.na', source: 'remembered', chosen: true });
      expect(chosen.member).toMatchObject({ nameZh: '李娜', createdBy: 'li.na' });
      expect((await b.call('system.info', {})).user).toBe('li.na');
      const account = await b.call('account.create', {
        data: { name: '身份测试', tier: 'micro', ownerCsm: 'li.na' },
      });
      expect(account.createdBy).toBe('li.na');
      expect((await b.call('app.today', { scope: 'mine' })).accounts).toBe(1);
      expect(JSON.parse(fs.readFileSync(path.join(dir, IDENTITY_FILE), 'utf8'))).toEqual({
        login: 'li.na',
      });

      // The next start remembers it; --user and CSM_USER still win.
      await b.close();
      b = await Backend.open({ dataDir: dir });
      expect(await b.call('app.identity', {})).toMatchObject({
        login: 'li.na',
        source: 'remembered',
      });
      await b.close();
      b = await Backend.open({ dataDir: dir, user: 'huang.tao' });
      expect(await b.call('app.identity', {})).toMatchObject({
        login: 'huang.tao',
        source: 'given',
        chosen: true,
      });
      await b.close();
      process.env.CSM_USER = 'emma.wu';
      b = await Backend.open({ dataDir: dir });
      expect((await b.call('app.identity', {})).login).toBe('emma.wu');
    } finally {
      await b.close();
      removeDir(dir);
    }
  });

  it('asks again when the identity file is damaged', async () => {
    const dir = tempDir('identity-bad');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, IDENTITY_FILE), '{"login": "has space"}');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const b = await Backend.open({ dataDir: dir });
    try {
      expect((await b.call('app.identity', {})).chosen).toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('not a valid identity file'));
    } finally {
      warn.mockRestore();
      await b.close();
      removeDir(dir);
    }
  });
});
