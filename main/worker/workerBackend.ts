// Browser mode's backend host: starts main/worker/backendThread in a worker thread and turns its
// messages back into promises with the same BackendConnection as the Electron shell's host.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../shared/api/errors';
import { BackendConnection } from './backendConnection';
import type { FromBackend } from './protocol';

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
  private constructor(
    private readonly connection: BackendConnection,
    private readonly exited: Promise<void>,
  ) {}

  /** Resolves once the backend has opened its store; rejects with the reason it could not. */
  static async start(options: WorkerBackendOptions): Promise<WorkerBackend> {
    const [entry, how] = threadEntry();
    const worker = new Worker(entry, { ...how, workerData: options });
    const connection = new BackendConnection((message) => worker.postMessage(message));
    worker.on('message', (message: FromBackend) => connection.receive(message));
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', (code) => {
        connection.exited(code);
        resolve();
      }),
    );
    // A thread that throws before it is ready says why here, not just with its exit code.
    const crashed = new Promise<never>((_, reject) => worker.once('error', reject));
    try {
      await Promise.race([connection.ready, crashed]);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new WorkerBackend(connection, exited);
  }

  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>> {
    return this.connection.dispatch(method, input);
  }

  /** Lets the calls already sent finish, closes the store and ends the thread. */
  async close(): Promise<void> {
    await this.connection.close();
    await this.exited;
  }
}
