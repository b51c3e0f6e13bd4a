// The one entry point of the backend API: parse the input with the contract, call the handler,
// shape every outcome as ApiResult. IPC, HTTP and the CLI call only this.
import { contract, type MethodName, type MethodOutput } from '../../shared/api/contract';
import { ApiFailure, apiError, fromZodIssues, type ApiResult } from '../../shared/api/errors';
import { EDITABLE_TYPES } from '../../shared/domain/entities';
import type { BackendContext, Handler } from './context';
import type { Actor } from './identity';
import { exportBackup, importBackup } from './handlers/backup';
import { accountBrief } from './handlers/brief';
import { entityHandlers } from './handlers/entities';
import { accountsHandlers } from './handlers/accounts';
import { appHandlers } from './handlers/app';
import { calendarHandlers } from './handlers/calendar';
import { attachmentsHandlers } from './handlers/attachments';
import { deliverablesHandlers } from './handlers/deliverables';
import { directoryHandlers } from './handlers/directory';
import { healthHandlers } from './handlers/health';
import { requirementsHandlers } from './handlers/requirements';
import { syncHandlers } from './handlers/sync';
import { tasksHandlers } from './handlers/tasks';
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
  ...directoryHandlers,
  ...tasksHandlers,
  ...calendarHandlers,
  ...accountsHandlers,
  ...requirementsHandlers,
  ...attachmentsHandlers,
};

for (const method of Object.keys(contract)) {
  if (!Object.hasOwn(handlers, method)) throw new Error(`no handler for ${method}`);
}

export async function dispatch<M extends MethodName>(
  ctx: BackendContext,
  method: M | string,
  input: unknown,
): Promise<ApiResult<MethodOutput<M>>> {
  try {
    // Own names only: `__proto__`, `constructor`, `toString` are inherited, not methods.
    const known = Object.hasOwn(contract, method) && Object.hasOwn(handlers, method);
    const spec = known ? contract[method] : undefined;
    const handler = known ? handlers[method] : undefined;
    if (!spec || !handler) {
      throw apiError('NOT_FOUND', 'error.unknownMethod', `unknown method ${method}`, { method });
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw fromZodIssues(parsed.error.issues);
    // One actor per call: nothing changes who is acting while a handler runs.
    const actor = ctx.identity.resolve();
    const data = await (handler as (c: BackendContext, i: unknown, a: Actor) => unknown)(
      ctx,
      parsed.data,
      actor,
    );
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
