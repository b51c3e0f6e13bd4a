// Sign-in in front of express-pouchdb, against a real `_users` PouchDB in a temporary folder:
// the admin from memory, users by their stored hash, weak hashes upgraded, cookies that expire.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import PouchDB from 'pouchdb';
import { TeamAuth, userOf } from '../../../../main/sync/teamAuth';
import { removeDir, tempDir } from '../../../helpers/tempBackend';

jest.setTimeout(30_000);

describe('TeamAuth', () => {
  let dir: string;
  let users: PouchDB.Database;
  let clock = Date.now();
  let auth: TeamAuth;

  beforeAll(async () => {
    dir = tempDir('team-auth');
    users = new PouchDB(`${dir}/_users`);
    auth = new TeamAuth({
      adminUser: 'admin',
      adminPassword: 'admin-secret',
      users: () => users,
      secret: 'server-secret',
      now: () => clock,
    });
    const salt = crypto.randomBytes(16).toString('hex');
    await users.put({
      _id: 'org.couchdb.user:old',
      name: 'old',
      type: 'user',
      roles: ['csm', '_admin', 'acct:K1'],
      password_scheme: 'pbkdf2',
      iterations: 10,
      salt,
      derived_key: crypto.pbkdf2Sync('old-pw', salt, 10, 20, 'sha1').toString('hex'),
    });
  });

  afterAll(async () => {
    await users.close();
    removeDir(dir);
  });

  it('signs the admin in from the password it was given, nobody else with it', async () => {
    expect((await auth.signIn('admin', 'admin-secret')).user).toEqual({
      name: 'admin',
      roles: ['_admin'],
    });
    await expect(auth.signIn('admin', 'admin-secret ')).rejects.toThrow('incorrect');
    await expect(auth.signIn('nobody', 'admin-secret')).rejects.toThrow('incorrect');
  });

  it('upgrades a weak hash at sign-in, and never takes a system role from a user document', async () => {
    const identity = await auth.signIn('old', 'old-pw');
    expect(identity.user).toEqual({ name: 'old', roles: ['csm', 'acct:K1'] });
    const stored = await users.get('org.couchdb.user:old');
    expect(stored).toMatchObject({ pbkdf2_prf: 'sha256', iterations: 600_000 });
    expect((await auth.signIn('old', 'old-pw')).user.name).toBe('old');
    await expect(auth.signIn('old', 'wrong')).rejects.toThrow('incorrect');
  });

  it('refuses a user document in conflict', async () => {
    const doc = await users.get('org.couchdb.user:old');
    await users.bulkDocs([{ ...doc, _rev: '9-conflict', roles: ['manager'] }], {
      new_edits: false,
    });
    await expect(auth.signIn('old', 'old-pw')).rejects.toThrow('incorrect');
    await users.remove('org.couchdb.user:old', '9-conflict');
  });

  it('keeps a session cookie for ten minutes of silence, and not a second more', async () => {
    const app = express();
    app.use(auth.authenticate(), auth.session());
    app.get('/whoami', (req, res) => {
      res.json(userOf(req));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const signIn = await fetch(`${base}/_session`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=old&password=old-pw',
      });
      expect(signIn.status).toBe(200);
      const cookie = String(signIn.headers.get('set-cookie')).split(';')[0];
      const whoami = async () =>
        (await (await fetch(`${base}/whoami`, { headers: { cookie } })).json()) as {
          name: string | null;
        };
      clock += 599_000;
      expect((await whoami()).name).toBe('old');
      clock += 2_000;
      expect((await whoami()).name).toBeNull();
    } finally {
      server.close();
    }
  });
});
