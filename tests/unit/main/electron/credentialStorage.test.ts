// The desktop app's choice of where the sync password lives (keychain or the user-only file).
import { chooseCredentialStorage } from '../../../../main/electron/credentialStorage';

describe('chooseCredentialStorage', () => {
  it('uses the keychain where safeStorage really protects the password', () => {
    expect(chooseCredentialStorage({ platform: 'darwin', encryptionAvailable: true })).toEqual({
      kind: 'keychain',
    });
    expect(chooseCredentialStorage({ platform: 'win32', encryptionAvailable: true })).toEqual({
      kind: 'keychain',
    });
    for (const linuxBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      expect(
        chooseCredentialStorage({ platform: 'linux', encryptionAvailable: true, linuxBackend }),
      ).toEqual({ kind: 'keychain' });
    }
  });

  it("falls back to the user-only file, saying why, without a keychain or with Linux's basic_text", () => {
    expect(chooseCredentialStorage({ platform: 'darwin', encryptionAvailable: false })).toEqual({
      kind: 'file',
      fallback: 'unavailable',
    });
    for (const linuxBackend of ['basic_text', 'unknown']) {
      expect(
        chooseCredentialStorage({ platform: 'linux', encryptionAvailable: true, linuxBackend }),
      ).toEqual({ kind: 'file', fallback: 'basicText' });
    }
  });
});
