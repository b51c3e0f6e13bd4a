// The API of a backend whose store would not open (StoreDamagedError): instead of a crash, the
// app gets a typed state to show (`store.status` answers `damaged` with the reason), the repair
// to offer (`store.repair`), and every other call is refused with `store.damaged`.
import type { ApiResult } from '../../shared/api/errors';
import type { StoreStatus } from '../../shared/api/types';
import { StoreDamagedError } from './damage';
import { repairStore, type RepairReport } from './repair';

export interface DamagedApi {
  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Resolves once a repair succeeded: the host then opens the backend again. */
  repaired: Promise<RepairReport>;
}

export function damagedApi(error: StoreDamagedError): DamagedApi {
  let settle: (report: RepairReport) => void = () => undefined;
  const repaired = new Promise<RepairReport>((resolve) => (settle = resolve));
  const refusal = (message: string): ApiResult<unknown> => ({
    ok: false,
    errors: [
      {
        code: 'UNAVAILABLE',
        path: [],
        message,
        messageKey: 'store.damaged',
        params: { reason: error.reason },
      },
    ],
  });
  return {
    repaired,
    async dispatch(method) {
      if (method === 'store.status') {
        const data: StoreStatus = {
          state: 'damaged',
          reason: error.reason,
          dataDir: error.dataDir,
        };
        return { ok: true, data };
      }
      if (method === 'store.repair') {
        try {
          const report = await repairStore({ dataDir: error.dataDir });
          settle(report);
          return { ok: true, data: report };
        } catch (failure) {
          return refusal(`repair failed: ${(failure as Error).message}`);
        }
      }
      return refusal(error.message);
    },
  };
}

export function isStoreDamaged(error: unknown): error is StoreDamagedError {
  return error instanceof StoreDamagedError;
}
