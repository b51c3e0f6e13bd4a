// What every handler gets: the store, its read queries, who is acting, and the clock.
import type { Clock } from '../../shared/time/clock';
import type { Queries } from '../projection/queries';
import type { Store } from '../store/store';

export interface BackendContext {
  store: Store;
  queries: Queries;
  /** The acting user, recorded as createdBy/updatedBy and on the timeline. */
  user: string;
  /** The one clock: `clock.today()` for business days, `clock.now()` for timestamps. */
  clock: Clock;
  /** Alias of `clock.now()`, for timestamps. */
  now: () => Date;
  version: string;
}

export type Handler = (ctx: BackendContext, input: never) => Promise<unknown> | unknown;
