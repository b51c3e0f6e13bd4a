// Starts the backend process (utilityProcess) and turns its messages back into promises.
import path from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiResult } from '../../shared/api/errors';
import type { FromBackend, ToBackend } from '../worker/protocol';

export class BackendHost {
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();

  private constructor(private readonly child: UtilityProcess) {
    child.on('message', (message: FromBackend) => {
      if (message.kind !== 'reply') return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
    child.on('exit', () => {
      for (const resolve of this.pending.values()) resolve(unavailable('backend process exited'));
      this.pending.clear();
    });
  }

  static start(dataDir: string): Promise<BackendHost> {
    const script = path.join(__dirname, '..', 'worker', 'backendProcess.js');
    const child = utilityProcess.fork(script, ['--data-dir', dataDir], {
      serviceName: 'CSM backend',
    });
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromBackend) => {
        if (message.kind === 'ready') {
          child.off('message', onMessage);
          resolve(new BackendHost(child));
        } else if (message.kind === 'fatal') reject(new Error(message.message));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`backend process exited with ${code}`)));
    });
  }

  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.postMessage({ kind: 'call', id, method, input } satisfies ToBackend);
    });
  }

  stop(): void {
    this.child.postMessage({ kind: 'close' } satisfies ToBackend);
  }
}

function unavailable(reason: string): ApiResult<unknown> {
  return {
    ok: false,
    errors: [
      {
        code: 'UNAVAILABLE',
        path: [],
        message: reason,
        messageKey: 'error.unavailable',
        params: { reason },
      },
    ],
  };
}
