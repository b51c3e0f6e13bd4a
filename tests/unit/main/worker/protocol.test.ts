// The host tells the backend process where the credentials live through its arguments.
import type { CredentialStorage } from '../../../../shared/api/sync';
import { credentialArguments, credentialStorageOf } from '../../../../main/worker/protocol';

describe('credential arguments', () => {
  it('round-trips every credential storage through the process arguments', () => {
    const cases: CredentialStorage[] = [
      { kind: 'keychain' },
      { kind: 'file' },
      { kind: 'file', fallback: 'basicText' },
      { kind: 'file', fallback: 'unavailable' },
    ];
    for (const storage of cases) {
      const argv = [
        'node',
        'backendProcess.js',
        '--data-dir',
        '/d',
        ...credentialArguments(storage),
      ];
      expect(credentialStorageOf(argv)).toEqual(storage);
    }
    expect(credentialArguments({ kind: 'keychain' })).toEqual(['--vault', 'host']);
  });

  it('treats an unknown value as the plain file (as in browser mode)', () => {
    expect(credentialStorageOf(['--vault', 'nope', '--vault-fallback', 'sometimes'])).toEqual({
      kind: 'file',
    });
  });
});
