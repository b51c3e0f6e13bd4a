// The renderer's one view of the backend: `call(method, input)` typed by the shared contract.
// Two hosts implement it (HTTP in browser mode, IPC in Electron); only the hooks use it.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/errors';

export interface ApiClient {
  readonly host: 'http' | 'ipc';
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Desktop only: opens a PDF attachment in the app's dedicated preview window. */
  previewPdf?(id: string): Promise<void>;
}

/** A failed call, carrying the backend's errors (code, field path, message key). */
export class ApiCallError extends Error {
  constructor(readonly errors: ApiError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.name = 'ApiCallError';
  }
  get code(): ApiError['code'] {
    return this.errors[0]?.code ?? 'INTERNAL';
  }
}

export function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.data;
  throw new ApiCallError(result.errors);
}

/**
 * Transport failures (server gone, not JSON) as the same error shape the backend uses. The
 * browser's own words ("Failed to fetch", "TypeError") stay in `message`, for logs; the user reads
 * the translated "backend unreachable".
 */
export function unavailable(reason: string): ApiCallError {
  return new ApiCallError([
    {
      code: 'UNAVAILABLE',
      path: [],
      message: reason,
      messageKey: 'uxUi.error.backendUnreachable',
      params: {},
    },
  ]);
}

/** True when the call never reached the backend (not a refusal by it). */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof ApiCallError &&
    error.errors.some((e) => e.messageKey === 'uxUi.error.backendUnreachable')
  );
}
