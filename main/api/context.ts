// What every handler gets: the store, its read queries, who is acting, and the clock.
import type { Queries } from '../projection/queries';
import type { Store } from '../store/store';

export interface BackendContext {
  store: Store;
  queries: Queries;
  /** The acting user, recorded as createdBy/updatedBy and on the timeline. */
  user: string;
  /** Where the local user came from (main/people/rememberedIdentity.ts); absent: given. */
  userSource?: 'given' | 'remembered' | 'system';
  now: () => Date;
  version: string;
}

export type Handler = (ctx: BackendContext, input: never) => Promise<unknown> | unknown;
