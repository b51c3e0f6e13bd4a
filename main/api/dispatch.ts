// The one entry point of the backend API: parse the input with the contract, call the handler,
// shape every outcome as ApiResult. IPC, HTTP and the CLI call only this.
import { contract, type MethodName, type MethodOutput } from '../../shared/api/contract';
import { ApiFailure, apiError, fromZodIssues, type ApiResult } from '../../shared/api/errors';
import type { MethodSpec } from '../../shared/api/spec';
import { isNoInput, systemContract, WITHOUT_INPUT } from '../../shared/api/system';
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

/** The store's own methods (shared/api/system.ts). */
const systemHandlers: Record<keyof typeof systemContract, Handler> = {
  'system.info': systemInfo,
  'store.status': storeStatus,
  'store.repair': storeRepair,
  'index.rebuild': rebuildIndex,
};

/** Every method's handler, built on the first call of a method that is not the store's own. */
const allHandlers = (): Record<string, Handler> => ({
  ...entityHandlers(EDITABLE_TYPES),
  'account.brief': accountBrief,
  'search.query': searchQuery,
  ...systemHandlers,
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
});

/** The methods of the contract without a handler (none: checked when the table is built). */
export function unhandledMethods(handlers: Record<string, Handler> = allHandlers()): string[] {
  return Object.keys(contract).filter((method) => !Object.hasOwn(handlers, method));
}

let handlerTable: Record<string, Handler> | undefined;
function handlers(): Record<string, Handler> {
  if (handlerTable) return handlerTable;
  const table = allHandlers();
  const missing = unhandledMethods(table);
  if (missing.length) throw new Error(`no handler for ${missing.join(', ')}`);
  return (handlerTable = table);
}

/**
 * The spec and handler of a method, or undefined for an unknown one. The store's own methods
 * come from their small tables, so a call of one alone never builds the rest of the API: the
 * compiled CLI (scripts/cliBuild.cjs) loads a module on first use, and `csm info` then loads no
 * entity schema, contract area or handler module it does not call.
 */
function route(method: string): { spec: MethodSpec; handler: Handler } | undefined {
  // Own names only: `__proto__`, `constructor`, `toString` are inherited, not methods.
  if (Object.hasOwn(systemContract, method)) {
    const name = method as keyof typeof systemContract;
    return { spec: systemContract[name], handler: systemHandlers[name] };
  }
  const table = handlers();
  if (!Object.hasOwn(contract, method) || !Object.hasOwn(table, method)) return undefined;
  return { spec: contract[method], handler: table[method] };
}

export async function dispatch<M extends MethodName>(
  ctx: BackendContext,
  method: M | string,
  input: unknown,
): Promise<ApiResult<MethodOutput<M>>> {
  try {
    const known = route(method);
    if (!known) {
      throw apiError('NOT_FOUND', 'error.unknownMethod', `unknown method ${method}`, { method });
    }
    const { spec, handler } = known;
    // A method without input called without one has nothing to parse (its parse gives {}): the
    // call needs no zod, which `csm info` then never loads. Any other input is parsed.
    const parsed =
      WITHOUT_INPUT.has(method) && isNoInput(input)
        ? { success: true as const, data: {} }
        : spec.input.safeParse(input ?? {});
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
