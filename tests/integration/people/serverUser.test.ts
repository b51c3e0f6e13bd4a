// `csm server add-user` fills the team directory on a real team server (127.0.0.1), and the
// record reaches a laptop's store by sync; the server refuses a CSM editing someone else's.
import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../main/backend';
import { runCli } from '../../../main/cli/csm';
import { CouchHttp } from '../../../main/sync/couchHttp';
import { removeDir, tempDir } from '../../helpers/tempBackend';
import { ADMIN, startServerProcess, TEAM_DB, type ServerProcess } from '../sync/teamServerProcess';

jest.setTimeout(120_000);

async function csm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('server add-user and the team directory', () => {
  let server: ServerProcess;
  let work: string;
  let admin: string[];
  const pw = (name: string) => path.join(work, `${name}.pw`);

  beforeAll(async () => {
    server = await startServerProcess();
    work = tempDir('people-server');
    fs.writeFileSync(pw('admin'), ADMIN.password);
    for (const name of ['li.na', 'mona']) fs.writeFileSync(pw(name), `${name}-secret`);
    admin = ['--url', server.url, '--db', TEAM_DB, '--admin-user', ADMIN.user];
    admin.push('--admin-password-file', pw('admin'));
    expect((await csm('server', 'init', ...admin)).code).toBe(0);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    removeDir(work);
  });

  it('writes the member record with the names given, and keeps it on a later add-user', async () => {
    const added = await csm(
      'server',
      'add-user',
      'li.na',
      '--role',
      'csm',
      '--password-file',
      pw('li.na'),
      '--name-zh',
      '李娜',
      '--name-en',
      'Li Na',
      '--title',
      '客户成功经理',
      '--email',
      'li.na@example.com',
      ...admin,
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain('team member record created');
    // The role changes; the names stay.
    const again = await csm(
      'server',
      'add-user',
      'li.na',
      '--role',
      'consultant',
      '--password-file',
      pw('li.na'),
      '--json',
      ...admin,
    );
    expect(JSON.parse(again.out)).toMatchObject({ member: 'updated' });
    const http = new CouchHttp(server.url, ADMIN);
    const record = await http.request(
      'GET',
      `${TEAM_DB}/${encodeURIComponent('teamMember:li.na')}`,
    );
    expect(record.body).toMatchObject({
      login: 'li.na',
      nameZh: '李娜',
      nameEn: 'Li Na',
      role: 'consultant',
      email: 'li.na@example.com',
      accountId: 'account:TEAM',
    });

    // No name for a new user: no invented record, and the command says so.
    const nameless = await csm(
      'server',
      'add-user',
      'mona',
      '--role',
      'manager',
      '--password-file',
      pw('mona'),
      ...admin,
    );
    expect(nameless.code).toBe(0);
    expect(nameless.err).toContain('no team member record');
    const none = await http.request('GET', `${TEAM_DB}/${encodeURIComponent('teamMember:mona')}`);
    expect(none.status).toBe(404);
  });

  it('refuses a bad e-mail before writing the user or the record', async () => {
    const bad = await csm(
      'server',
      'add-user',
      'bad.mail',
      '--role',
      'csm',
      '--password-file',
      pw('li.na'),
      '--name-en',
      'Bad Mail',
      '--email',
      'not-an-address',
      '--json',
      ...admin,
    );
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.err).errors[0].path).toEqual(['member', 'email']);
    const http = new CouchHttp(server.url, ADMIN);
    const user = await http.request(
      'GET',
      `_users/${encodeURIComponent('org.couchdb.user:bad.mail')}`,
    );
    expect(user.status).toBe(404);
  });

  it('syncs the record to a laptop, where it names the person', async () => {
    const laptop = path.join(work, 'laptop');
    const synced = await csm(
      'sync',
      '--url',
      server.url,
      '--db',
      TEAM_DB,
      '--user',
      'mona',
      '--password-file',
      pw('mona'),
      '--once',
      '--data-dir',
      laptop,
    );
    expect(synced.code).toBe(0);
    const b = await Backend.open({ dataDir: laptop, user: 'mona' });
    try {
      expect(await b.call('directory.get', { login: 'li.na' })).toMatchObject({
        nameZh: '李娜',
        nameEn: 'Li Na',
      });
    } finally {
      await b.close();
    }
  });

  it('brings the directory to a CSM who pulls only her own accounts', async () => {
    const laptop = path.join(work, 'li-na-laptop');
    const synced = await csm(
      'sync',
      '--url',
      server.url,
      '--db',
      TEAM_DB,
      '--user',
      'li.na',
      '--password-file',
      pw('li.na'),
      '--scope',
      'mine',
      '--once',
      '--data-dir',
      laptop,
      '--json',
    );
    expect(synced.code).toBe(0);
    const b = await Backend.open({ dataDir: laptop, user: 'li.na' });
    try {
      const { members } = await b.call('directory.list', {});
      expect(members.map((m) => m.login)).toEqual(['li.na']);
    } finally {
      await b.close();
    }
  });

  it("lets li.na edit her own record but not another's, nor her role", async () => {
    const http = new CouchHttp(server.url, { user: 'li.na', password: 'li.na-secret' });
    const path0 = `${TEAM_DB}/${encodeURIComponent('teamMember:li.na')}`;
    const mine = (await http.request('GET', path0)).body;
    const edit = await http.request('PUT', path0, {
      ...mine,
      phone: '021-5555',
      updatedBy: 'li.na',
    });
    expect(edit.status).toBe(201);
    const current = (await http.request('GET', path0)).body;
    const promote = await http.request('PUT', path0, {
      ...current,
      role: 'manager',
      updatedBy: 'li.na',
    });
    expect(promote.status).toBe(403);
    const other = await http.request('PUT', `${TEAM_DB}/${encodeURIComponent('teamMember:mona')}`, {
      ...current,
      _rev: undefined,
      _id: 'teamMember:mona',
      login: 'mona',
      updatedBy: 'li.na',
    });
    expect(other.status).toBe(403);
  });
});
