// The one entry point of the backend API: parse the input with the contract, call the handler,
// shape every outcome as ApiResult. IPC, HTTP and the CLI call only this.
import { contract, type MethodName, type MethodOutput } from '../../shared/api/contract';
import { ApiFailure, apiError, fromZodIssues, type ApiResult } from '../../shared/api/errors';
import { EDITABLE_TYPES } from '../../shared/domain/entities';
import type { BackendContext, Handler } from './context';
import { exportBackup, importBackup } from './handlers/backup';
import { accountBrief } from './handlers/brief';
import { entityHandlers } from './handlers/entities';
import { appHandlers } from './handlers/app';
import { deliverablesHandlers } from './handlers/deliverables';
import { healthHandlers } from './handlers/health';
import { syncHandlers } from './handlers/sync';
import { storeRepair, storeStatus } from './handlers/storeHealth';
import { rebuildIndex, searchQuery, systemInfo } from './handlers/system';

const handlers: Record<string, Handler> = {
  ...entityHandlers(EDITABLE_TYPES),
  'account.brief': accountBrief,
  'search.query': searchQuery,
  'system.info': systemInfo,
  'store.status': storeStatus,
  'store.repair': storeRepair,
  'index.rebuild': rebuildIndex,
  'backup.export': exportBackup,
  'backup.import': importBackup,
  ...deliverablesHandlers,
  ...syncHandlers,
  ...healthHandlers,
  ...appHandlers,
};

for (const method of Object.keys(contract)) {
  if (!handlers[method]) throw new Error(`no handler for ${method}`);
}

export async function dispatch<M extends MethodName>(
  ctx: BackendContext,
  method: M | string,
  input: unknown,
): Promise<ApiResult<MethodOutput<M>>> {
  try {
    const spec = contract[method];
    const handler = handlers[method];
    if (!spec || !handler) {
      throw apiError('NOT_FOUND', 'error.unknownMethod', `unknown method ${method}`, { method });
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw fromZodIssues(parsed.error.issues);
    const data = await (handler as (c: BackendContext, i: unknown) => unknown)(ctx, parsed.data);
    return { ok: true, data: data as MethodOutput<M> };
  } catch (error) {
    if (error instanceof ApiFailure) return { ok: false, errors: error.errors };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [
        {
          code: 'INTERNAL',
          path: [],
          message,
          messageKey: 'error.internal',
          params: { reason: message },
        },
      ],
    };
  }
}
