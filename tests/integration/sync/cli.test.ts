// `csm server ...` and `csm sync --once` against a real team server process.
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../main/cli/csm';
import { TODAY } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';
import { ADMIN, startServerProcess, TEAM_DB, type ServerProcess } from './teamServerProcess';

jest.setTimeout(120_000);

async function csm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('csm server and csm sync', () => {
  let server: ServerProcess;
  let work: string;
  let admin: string[];

  beforeAll(async () => {
    server = await startServerProcess();
    work = tempDir('sync-cli');
    const adminFile = path.join(work, 'admin.pw');
    fs.writeFileSync(adminFile, `${ADMIN.password}\n`);
    fs.writeFileSync(path.join(work, 'mona.pw'), 'mona-pw\n');
    fs.writeFileSync(path.join(work, 'alice.pw'), 'alice-pw');
    admin = [
      '--url',
      server.url,
      '--db',
      TEAM_DB,
      '--admin-user',
      ADMIN.user,
      '--admin-password-file',
      adminFile,
    ];
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    removeDir(work);
  });

  /** `csm sync --once` as `user` (password in `<user>.pw`) on the laptop at `dataDir`. */
  const syncOnce = (user: string, dataDir: string, ...extra: string[]) =>
    csm(
      'sync',
      ...['--url', server.url, '--db', TEAM_DB, '--user', user],
      ...['--password-file', path.join(work, `${user}.pw`), '--once', '--data-dir', dataDir],
      ...extra,
    );

  it('prepares the server, adds people, assigns an account and syncs once', async () => {
    const init = await csm('server', 'init', ...admin, '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({
      db: TEAM_DB,
      created: true,
      designDoc: 'installed',
    });
    const mona = await csm(
      'server',
      'add-user',
      'mona',
      '--role',
      'manager',
      '--password-file',
      path.join(work, 'mona.pw'),
      ...admin,
    );
    expect(mona).toMatchObject({ code: 0, out: 'added user mona (roles: manager)' });
    expect(
      (
        await csm(
          'server',
          'add-user',
          'alice',
          '--role',
          'csm',
          '--password-file',
          path.join(work, 'alice.pw'),
          ...admin,
        )
      ).code,
    ).toBe(0);

    const laptop = path.join(work, 'mona-laptop');
    expect(
      (await csm('demo', '--accounts', '2', '--data-dir', laptop, '--user', 'mona')).code,
    ).toBe(0);
    const first = await syncOnce('mona', laptop, '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report.pushed).toBeGreaterThan(40);
    expect(report.status.state).toBe('upToDate');
    expect(first.err).toContain('sync: Up to date');

    // Again: the pull sees what the first push sent, and writes nothing.
    const second = await syncOnce('mona', laptop, '--json');
    expect(JSON.parse(second.out)).toMatchObject({ pulled: 0, pushed: 0 });
    // A third run reads no change at all: both replications resumed from their checkpoints
    // (their ids did not change between runs).
    const third = await syncOnce('mona', laptop, '--json');
    expect(JSON.parse(third.out)).toMatchObject({
      pulled: 0,
      pushed: 0,
      checked: { pull: 0, push: 0 },
    });
    expect(JSON.parse(first.out).checked.push).toBeGreaterThan(40);

    const list = await csm('list', 'account', '--data-dir', laptop, '--json');
    const accountId = JSON.parse(list.out).items[0]._id as string;
    const assign = await csm('server', 'assign', accountId, 'alice', ...admin);
    expect(assign.code).toBe(0);
    expect(assign.out).toContain(`acct:${accountId.slice('account:'.length)}`);

    // The people named on the accounts get write authority from the accounts themselves.
    const owners = JSON.parse((await csm('list', 'account', '--data-dir', laptop, '--json')).out)
      .items as { _id: string; ownerCsm: string }[];
    const owner = owners[0].ownerCsm;
    fs.writeFileSync(path.join(work, 'owner.pw'), 'owner-pw');
    await csm(
      'server',
      'add-user',
      owner,
      '--role',
      'csm',
      '--password-file',
      path.join(work, 'owner.pw'),
      ...admin,
    );
    const derived = await csm('server', 'assign', '--from-accounts', ...admin, '--json');
    expect(derived.code).toBe(0);
    const granted = JSON.parse(derived.out);
    expect(granted.accounts).toBe(owners.length);
    expect(granted.granted[owner]).toContain(`acct:${owners[0]._id.slice('account:'.length)}`);
    expect(granted.unknownUsers.length).toBeGreaterThan(0);

    // Alice keeps only her account.
    const aliceLaptop = path.join(work, 'alice-laptop');
    const scoped = await syncOnce('alice', aliceLaptop, '--scope', 'mine', '--json');
    expect(scoped.code).toBe(0);
    const pulled = JSON.parse(scoped.out).pulled as number;
    expect(pulled).toBeGreaterThan(5);
    expect(pulled).toBeLessThan(report.pushed);

    // Alice scores her account; an urgent fault raised on Mona's laptop then reaches hers, the
    // score is brought up to date from what the pull brought, and `csm sync` says so.
    expect(
      (await csm('call', 'health.recompute', '{}', '--data-dir', aliceLaptop, '--user', 'alice'))
        .code,
    ).toBe(0);
    const raised = await csm(
      'call',
      'issue.create',
      JSON.stringify({
        accountId,
        data: { title: '紧急故障', raisedOn: TODAY, priority: 'urgentFault' },
      }),
      '--data-dir',
      laptop,
      '--user',
      'mona',
    );
    expect(raised.code).toBe(0);
    expect((await syncOnce('mona', laptop)).code).toBe(0);
    const followed = await syncOnce('alice', aliceLaptop, '--scope', 'mine');
    expect(followed.code).toBe(0);
    expect(followed.out).toContain('pulled 2,');
    expect(followed.out).toContain('health rescored for 1 accounts');
    const accounts = JSON.parse(
      (await csm('list', 'account', '--data-dir', aliceLaptop, '--json')).out,
    );
    expect(accounts.items.map((a: { _id: string }) => a._id)).toEqual([accountId]);
  });

  it('gives clear errors for bad usage and wrong credentials', async () => {
    const missing = await csm('server', 'init', '--url', server.url);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--db is required');
    const badRole = await csm(
      'server',
      'add-user',
      'x',
      '--role',
      'boss',
      '--password-file',
      path.join(work, 'alice.pw'),
      ...admin,
    );
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('--role must be one of csm, consultant, manager');
    fs.writeFileSync(path.join(work, 'wrong.pw'), 'nope');
    const wrong = await csm(
      'sync',
      '--url',
      server.url,
      '--db',
      TEAM_DB,
      '--user',
      'mona',
      '--password-file',
      path.join(work, 'wrong.pw'),
      '--once',
      '--data-dir',
      path.join(work, 'x'),
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('UNAUTHORIZED');
    const wrongAdmin = await csm(
      'server',
      'init',
      '--url',
      server.url,
      '--db',
      TEAM_DB,
      '--admin-user',
      'admin',
      '--admin-password-file',
      path.join(work, 'wrong.pw'),
    );
    expect(wrongAdmin.code).toBe(2);
    expect(wrongAdmin.err).toContain('UNAUTHORIZED');
  });
});
