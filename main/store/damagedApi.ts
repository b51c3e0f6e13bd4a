// The API of a backend whose store would not open (StoreDamagedError): instead of a crash, the
// app gets a typed state to show (`store.status` answers `damaged` with the reason), the repair
// to offer (`store.repair`), and every other call is refused with `store.damaged`.
import { backupFileSchema } from '../../shared/api/contract';
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
    async dispatch(method, input) {
      if (method === 'store.status') {
        const data: StoreStatus = {
          state: 'damaged',
          reason: error.reason,
          dataDir: error.dataDir,
        };
        return { ok: true, data };
      }
      if (method === 'store.repair') {
        const given = (input as { backup?: unknown } | undefined)?.backup;
        const backup = given === undefined ? undefined : backupFileSchema.safeParse(given);
        if (backup && !backup.success) {
          return {
            ok: false,
            errors: [
              {
                code: 'VALIDATION',
                path: ['backup'],
                message: 'the file is not a workbench backup',
                messageKey: 'storeUi.notABackup',
                params: {},
              },
            ],
          };
        }
        try {
          const report = await repairStore({ dataDir: error.dataDir, backup: backup?.data });
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
