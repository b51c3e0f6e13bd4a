// Browser mode: POST /api/:method on the same origin; the HttpOnly token cookie authenticates.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/errors';
import { unavailable, unwrap, type ApiClient } from './client';

export class HttpClient implements ApiClient {
  readonly host = 'http' as const;
  constructor(private readonly base = '') {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : String(error));
    }
    let body: ApiResult<MethodOutput<M>>;
    try {
      body = (await response.json()) as ApiResult<MethodOutput<M>>;
    } catch {
      throw unavailable(`HTTP ${response.status}`);
    }
    return unwrap(body);
  }
}
