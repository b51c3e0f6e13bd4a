// The acting user: sources asked in priority order, the signed-in team-server user first.
import { Identity, type IdentitySource } from '../../../../main/api/identity';

describe('Identity', () => {
  it("is the host's configured user when nobody is signed in", () => {
    expect(new Identity('zhang.wei').resolve()).toEqual({ login: 'zhang.wei', source: 'given' });
  });

  it('is the team-server user while signed in, and the host user again after', () => {
    const identity = new Identity('zhang.wei');
    identity.signedIn.signIn('mona');
    expect(identity.resolve()).toEqual({ login: 'mona', source: 'server' });
    identity.signedIn.signOut();
    expect(identity.resolve().login).toBe('zhang.wei');
  });

  it('asks an added source after the team server and before the host', () => {
    const identity = new Identity('os-user');
    let remembered: string | undefined = 'li.na';
    const source: IdentitySource = { name: 'remembered', login: () => remembered };
    identity.addSource(source);
    expect(identity.resolve()).toEqual({ login: 'li.na', source: 'remembered' });
    identity.signedIn.signIn('mona');
    expect(identity.resolve().source).toBe('server');
    identity.signedIn.signOut();
    remembered = '  ';
    expect(identity.resolve()).toEqual({ login: 'os-user', source: 'given' });
  });

  it('refuses to act without any name rather than record an empty author', () => {
    expect(() => new Identity('').resolve()).toThrow(/no acting user/);
  });
});
