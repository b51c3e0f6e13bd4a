// The allow-list's two pure halves: one canonical spelling per path, and who may use a route.
import {
  isMember,
  normalisePath,
  routeNeed,
  type Need,
} from '../../../../main/sync/routeAllowList';

const need = (method: string, url: string): Need => {
  const normalised = normalisePath(url);
  if (!normalised.ok) throw new Error(normalised.reason);
  return routeNeed(method, normalised.segments, new URLSearchParams(url.split('?')[1] ?? ''));
};
const member = { kind: 'member', db: 'team' };
const admin = { kind: 'admin' };

describe('normalisePath', () => {
  it('decodes every segment once and hands on one canonical spelling', () => {
    expect(normalisePath('/%5Fusers/_find')).toEqual({
      ok: true,
      segments: ['_users', '_find'],
      url: '/_users/_find',
    });
    expect(normalisePath('//team//account%3AK1/?rev=1-a')).toEqual({
      ok: true,
      segments: ['team', 'account:K1'],
      url: '/team/account%3AK1?rev=1-a',
    });
    expect(normalisePath('/%74eam/_local/abc%3D%3D')).toMatchObject({
      url: '/team/_local/abc%3D%3D',
    });
  });

  it.each([
    ['/team/../_users', 'dot segments'],
    ['/team/./x', 'dot segments'],
    ['/team/%2e%2E/_users', 'dot segments'],
    ['/team/_design%2Fx', 'an encoded slash'],
    ['/team/a%5Cb', 'an encoded slash'],
    ['/%255Fusers', 'double encoding'],
    ['/team/%E0%A4%A', 'malformed percent-encoding'],
    ['/team/a%0Ab', 'control characters'],
    ['team', 'must start with /'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(normalisePath(url)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe('routeNeed', () => {
  it('opens the root and the session to anyone', () => {
    expect(need('GET', '/')).toEqual({ kind: 'anyone' });
    for (const method of ['GET', 'POST', 'DELETE']) {
      expect(need(method, '/_session')).toEqual({ kind: 'anyone' });
    }
    expect(need('PUT', '/')).toEqual(admin);
  });

  it('gives a member exactly the routes replication uses', () => {
    const routes: [string, string][] = [
      ['GET', '/team'],
      ['HEAD', '/team'],
      ['GET', '/team/_changes?feed=longpoll&since=0&style=all_docs'],
      ['POST', '/team/_changes?filter=_selector'],
      ['POST', '/team/_changes?filter=_doc_ids'],
      ['POST', '/team/_revs_diff'],
      ['GET', '/team/_all_docs?include_docs=true'],
      ['POST', '/team/_all_docs'],
      ['POST', '/team/_find'],
      ['GET', '/team/_security'],
      ['GET', '/team/_local/abc'],
      ['PUT', '/team/_local/abc'],
      ['DELETE', '/team/_local/abc'],
      // PouchDB checkpoint ids are base64 hashes that may begin with an underscore.
      ['GET', '/team/_local/_gpZEu4K3AmdUisEfkSIyg%3D%3D'],
      ['PUT', '/team/_local/_gpZEu4K3AmdUisEfkSIyg%3D%3D'],
      ['GET', '/team/_design/csm-workbench'],
      ['GET', '/team/account%3AK1?revs=true&open_revs=all'],
      ['PUT', '/team/account%3AK1?new_edits=false'],
      ['DELETE', '/team/account%3AK1?rev=1-a'],
      ['GET', '/team/account%3AK1/logo.png'],
      ['PUT', '/team/account%3AK1/files/a.pdf'],
    ];
    for (const [method, url] of routes)
      expect([method, url, need(method, url)]).toEqual([method, url, member]);
    expect(need('POST', '/team/_bulk_docs')).toEqual({ ...member, bulkDocs: true });
    // The attachment rules: the ids of `_bulk_get` are checked, a file document's routes name
    // its account, a listing with every file's bytes is a manager's.
    expect(need('POST', '/team/_bulk_get?revs=true')).toEqual({ ...member, bulkGet: true });
    for (const url of ['/team/attachment%3AK1%3AU1', '/team/attachment%3AK1%3AU1/file']) {
      expect(need('GET', url)).toEqual({ ...member, attachmentOf: 'K1' });
      expect(need('PUT', url)).toEqual({ ...member, attachmentOf: 'K1' });
    }
    for (const url of [
      '/team/_all_docs?include_docs=true&attachments=true',
      '/team/_changes?include_docs=true&attachments=true',
      '/team/_changes?atts_since=%5B%5D',
    ]) {
      expect(need('GET', url)).toEqual({ ...member, managerOnly: true });
    }
  });

  it('leaves everything else to the server admin', () => {
    const routes: [string, string][] = [
      ['PUT', '/team'],
      ['DELETE', '/team'],
      ['POST', '/team'],
      ['GET', '/_all_dbs'],
      ['POST', '/_replicate'],
      ['GET', '/_config'],
      ['GET', '/_node/_local/_config'],
      ['GET', '/_utils'],
      ['GET', '/_active_tasks'],
      ['GET', '/_uuids'],
      ['GET', '/_users/_all_docs'],
      ['POST', '/_users/_find'],
      ['PUT', '/_users/org.couchdb.user:alice'],
      ['POST', '/team/_index'],
      ['GET', '/team/_index'],
      ['POST', '/team/_explain'],
      ['POST', '/team/_purge'],
      ['POST', '/team/_compact'],
      ['PUT', '/team/_security'],
      ['PUT', '/team/_local/_security'],
      ['GET', '/team/_local/_security'],
      ['PUT', '/team/_design/x'],
      ['DELETE', '/team/_design/x'],
      ['GET', '/team/_design/x/_view/y'],
      ['POST', '/team/_design/x/_update/y'],
      ['GET', '/team/_design_docs'],
      ['GET', '/team/_changes?filter=x/y'],
      ['GET', '/team/_changes?filter=_view&view=x/y'],
      ['POST', '/team/_temp_view'],
      ['COPY', '/team/account%3AK1'],
      ['GET', '/Team'],
      ['GET', '/team/_something'],
    ];
    for (const [method, url] of routes)
      expect([method, url, need(method, url)]).toEqual([method, url, admin]);
  });

  it('lets a user read her own user document only', () => {
    expect(need('GET', '/_users/org.couchdb.user%3Aalice')).toEqual({
      kind: 'self',
      name: 'alice',
    });
    expect(need('DELETE', '/_users/org.couchdb.user:alice')).toEqual(admin);
  });
});

describe('isMember', () => {
  const security = {
    members: { names: ['dora'], roles: ['csm', 'manager'] },
    admins: { names: ['ada'], roles: ['ops'] },
  };
  it('reads names and roles of members and database admins', () => {
    expect(isMember(security, { name: 'alice', roles: ['csm'] })).toBe(true);
    expect(isMember(security, { name: 'dora', roles: [] })).toBe(true);
    expect(isMember(security, { name: 'ada', roles: [] })).toBe(true);
    expect(isMember(security, { name: 'olga', roles: ['ops'] })).toBe(true);
    expect(isMember(security, { name: 'eve', roles: ['acct:K1'] })).toBe(false);
    expect(isMember(security, { name: null, roles: ['csm'] })).toBe(false);
  });
  it('treats a database that lists no members as the admin’s alone', () => {
    expect(isMember({}, { name: 'alice', roles: ['csm'] })).toBe(false);
    expect(
      isMember({ members: { names: 'alice', roles: 'csm' } }, { name: 'alice', roles: ['csm'] }),
    ).toBe(false);
  });
});
