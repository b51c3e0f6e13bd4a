// What every handler gets: the store, its one writer, its read queries, the sources of the
// acting user (dispatch resolves the actor and passes it separately), and the clock.
import type { Clock } from '../../shared/time/clock';
import type { Queries } from '../projection/queries';
import type { DocumentWriter } from '../store/documentWriter';
import type { Store } from '../store/store';
import type { Actor, Identity } from './identity';
import type { RememberedUser } from '../people/rememberedIdentity';

export interface BackendContext {
  store: Store;
  /** The only way a handler writes a workbench document. */
  writer: DocumentWriter;
  queries: Queries;
  /** Where the acting user comes from; read only through dispatch (one actor per call). */
  identity: Identity;
  /** Who uses this workbench, as chosen on first run (kept beside the store, never synced). */
  rememberedUser: RememberedUser;
  /** The one clock: `clock.today()` for business days, `clock.now()` for timestamps. */
  clock: Clock;
  /** Alias of `clock.now()`, for timestamps. */
  now: () => Date;
  version: string;
}

export type Handler = (
  ctx: BackendContext,
  input: never,
  actor: Actor,
) => Promise<unknown> | unknown;
