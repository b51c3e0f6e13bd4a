// Opens the backend in plain Node (no Electron): the store, its queries and the API.
import type { MethodName, MethodInput, MethodOutput } from '../shared/api/contract';
import { ApiFailure, type ApiResult } from '../shared/api/errors';
import { clockFromEnv, type Clock } from '../shared/time/clock';
import { dispatch } from './api/dispatch';
import type { BackendContext } from './api/context';
import { defaultUser } from './paths';
import { Queries } from './projection/queries';
import type { RebuildProgress } from './projection/projection';
import { Store } from './store/store';
import { startedSyncService } from './sync/service';

export const APP_VERSION = '0.1.0';

export interface BackendOptions {
  dataDir: string;
  user?: string;
  /** Today and now; by default the system's, pinned by `CSM_TODAY` (refused when malformed). */
  clock?: Clock;
  onProgress?: (progress: RebuildProgress) => void;
  onRebuild?: (reason: string) => void;
}

export class Backend {
  private constructor(readonly ctx: BackendContext) {}

  static async open(options: BackendOptions): Promise<Backend> {
    const clock = options.clock ?? clockFromEnv(process.env);
    const store = await Store.open(options);
    const queries = new Queries(() => store.projection.db);
    return new Backend({
      store,
      queries,
      user: options.user ?? defaultUser(),
      clock,
      now: () => clock.now(),
      version: APP_VERSION,
    });
  }

  /** The API as the hosts see it: never throws, always an ApiResult. */
  dispatch<M extends MethodName>(
    method: M | string,
    input: unknown,
  ): Promise<ApiResult<MethodOutput<M>>> {
    return dispatch<M>(this.ctx, method, input);
  }

  /** Typed call for Node callers (CLI, tests): returns the data or throws ApiFailure. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await this.dispatch<M>(method, input);
    if (!result.ok) throw new ApiFailure(result.errors);
    return result.data;
  }

  /** Stops replication first (it writes into the store), then closes the store. */
  async close(): Promise<void> {
    await startedSyncService(this.ctx)?.stop();
    await this.ctx.store.close();
  }
}
