// The store's state for the app (a damaged store is served by main/store/damagedApi.ts instead,
// since no backend opens on it; here the store is open, so it can only be refusing writes).
import { apiError } from '../../../shared/api/errors';
import type { StoreStatus } from '../../../shared/api/types';
import type { BackendContext } from '../context';

export async function storeStatus(ctx: BackendContext): Promise<StoreStatus> {
  const failure = ctx.store.writeFailure;
  return {
    state: failure ? 'refusingWrites' : 'ok',
    reason: failure ? failure.message.split('\n')[0] : null,
    dataDir: ctx.store.dataDir,
  };
}

export async function storeRepair(): Promise<never> {
  throw apiError('VALIDATION', 'store.notDamaged', 'the store is not damaged; nothing to repair');
}
