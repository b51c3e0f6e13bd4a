// Electron: the preload exposes `window.csm.invoke` (and `previewPdf`) through contextBridge.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/errors';
import { unavailable, unwrap, type ApiClient } from './client';

export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  previewPdf?(id: string): Promise<ApiResult<unknown>>;
}

declare global {
  interface Window {
    csm?: PreloadBridge;
  }
}

export class IpcClient implements ApiClient {
  readonly host = 'ipc' as const;
  constructor(private readonly bridge: PreloadBridge) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    let result: ApiResult<unknown>;
    try {
      result = await this.bridge.invoke(method, input ?? {});
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : String(error));
    }
    return unwrap(result as ApiResult<MethodOutput<M>>);
  }

  async previewPdf(id: string): Promise<void> {
    if (!this.bridge.previewPdf) throw unavailable('this desktop build has no PDF preview');
    let result: ApiResult<unknown>;
    try {
      result = await this.bridge.previewPdf(id);
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : String(error));
    }
    unwrap(result);
  }
}
