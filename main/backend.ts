// Opens the backend in plain Node (no Electron): the store, its queries and the API.
import type { MethodName, MethodInput, MethodOutput } from '../shared/api/contract';
import { ApiFailure, type ApiResult } from '../shared/api/errors';
import { clockFromEnv, type Clock } from '../shared/time/clock';
import { dispatch } from './api/dispatch';
import type { BackendContext } from './api/context';
import { Identity, type Actor } from './api/identity';
import { defaultUser } from './paths';
import { RememberedUser } from './people/rememberedIdentity';
import { Queries } from './projection/queries';
import type { RebuildProgress } from './projection/projection';
import { DataFolderInUse, isHeldByAnotherProcess } from './store/dataFolderLock';
import { DocumentWriter } from './store/documentWriter';
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
    const store = await Store.open(options).catch((error: unknown) => {
      throw isHeldByAnotherProcess(error) ? new DataFolderInUse(options.dataDir) : error;
    });
    const queries = new Queries(() => store.projection.db);
    // --user or $CSM_USER name the user outright; otherwise the choice remembered on first run,
    // and until someone has chosen, the OS login.
    const given = options.user ?? (process.env.CSM_USER || undefined);
    const identity = new Identity(given ?? defaultUser(), given ? 'given' : 'system');
    const rememberedUser = new RememberedUser(options.dataDir);
    if (!given) identity.addSource(rememberedUser);
    // The writer is made on first use: a start that writes nothing (`csm info`) loads none of
    // what it needs (the compiled CLI loads a module on first use).
    let writer: DocumentWriter | undefined;
    return new Backend({
      store,
      get writer() {
        return (writer ??= new DocumentWriter(store, () => clock.now()));
      },
      queries,
      identity,
      rememberedUser,
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

  /** Who is acting now (the signed-in team-server user while connected, else the host's user). */
  actor(): Actor {
    return this.ctx.identity.resolve();
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
