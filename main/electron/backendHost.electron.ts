// Starts the backend process (utilityProcess) and connects it: calls become promises, and the
// backend's vault requests are answered here with safeStorage (only the main process has it).
import path from 'node:path';
import { safeStorage, utilityProcess } from 'electron';
import { BackendConnection } from '../worker/backendConnection';
import { credentialArguments, type FromBackend, type ToBackend } from '../worker/protocol';
import { chooseCredentialStorage } from './credentialStorage';
import { SafeStorageVault } from './safeStorageVault.electron';

export const BackendHost = {
  async start(dataDir: string): Promise<BackendConnection> {
    const storage = chooseCredentialStorage({
      platform: process.platform,
      encryptionAvailable: safeStorage.isEncryptionAvailable(),
      linuxBackend:
        process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    });
    const script = path.join(__dirname, '..', 'worker', 'backendProcess.js');
    const child = utilityProcess.fork(
      script,
      ['--data-dir', dataDir, ...credentialArguments(storage)],
      { serviceName: 'CSM backend' },
    );
    const connection = new BackendConnection(
      (message: ToBackend) => child.postMessage(message),
      storage.kind === 'keychain' ? new SafeStorageVault(dataDir) : undefined,
    );
    child.on('message', (message: FromBackend) => connection.receive(message));
    child.on('exit', (code) => connection.exited(code));
    await connection.ready;
    return connection;
  },
};
