// Browser mode's backend host: starts main/worker/backendThread in a worker thread and turns its
// messages back into promises, as the Electron shell's BackendHost does for its utilityProcess.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { apiError, type ApiResult } from '../../shared/api/errors';
import type { FromBackend, ToBackend } from './protocol';

export interface WorkerBackendOptions {
  dataDir: string;
  user?: string;
}

/**
 * The thread's entry. Built, it is backendThread.js; run from source (tsx, jest) it is the .ts
 * file, loaded through tsx's require hook since worker threads do not inherit a loader.
 */
function threadEntry(): [string, { eval?: boolean }] {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `backendThread${ext}`);
  if (ext !== '.ts') return [file, {}];
  return [`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true }];
}

export class WorkerBackend {
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly exited: Promise<void>;
  private closing: Promise<void> | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromBackend) => {
      if (message.kind !== 'reply') return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
    this.exited = new Promise((resolve) => {
      worker.once('exit', () => {
        for (const answer of this.pending.values()) answer(unavailable('backend thread exited'));
        this.pending.clear();
        resolve();
      });
    });
  }

  /** Resolves once the backend has opened its store; rejects with the reason it could not. */
  static start(options: WorkerBackendOptions): Promise<WorkerBackend> {
    const [entry, how] = threadEntry();
    const worker = new Worker(entry, { ...how, workerData: options });
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromBackend) => {
        if (message.kind === 'ready') {
          worker.off('message', onMessage);
          resolve(new WorkerBackend(worker));
        } else if (message.kind === 'fatal') {
          void worker.terminate();
          reject(new Error(message.message));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`backend thread exited with ${code}`)));
    });
  }

  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (this.closing) return Promise.resolve(unavailable('backend thread closed'));
    const id = this.nextId++;
    const answer = new Promise<ApiResult<unknown>>((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ kind: 'call', id, method, input } satisfies ToBackend);
    });
    this.inFlight.add(answer);
    void answer.then(() => this.inFlight.delete(answer));
    return answer;
  }

  /** Lets the calls already sent finish, closes the store and ends the thread. */
  close(): Promise<void> {
    this.closing ??= Promise.allSettled([...this.inFlight]).then(() => {
      this.worker.postMessage({ kind: 'close' } satisfies ToBackend);
      return this.exited;
    });
    return this.closing;
  }
}

function unavailable(reason: string): ApiResult<unknown> {
  return {
    ok: false,
    errors: apiError('UNAVAILABLE', 'error.unavailable', reason, { reason }).errors,
  };
}
