// Plain HTTP to a CouchDB (Apache CouchDB 3 or the npm team server), with Basic auth, and the
// translation of network failures into errors a user understands.
import { apiError, type ApiFailure } from '../../shared/api/errors';
import type { MessageKey } from '../../shared/i18n';

export interface CouchCredentials {
  user: string;
  password: string;
}

export interface CouchResponse {
  status: number;
  body: Record<string, unknown>;
}

const REASON_KEYS: Record<string, MessageKey> = {
  ECONNREFUSED: 'sync.error.refused',
  ENOTFOUND: 'sync.error.unknownHost',
  EAI_AGAIN: 'sync.error.unknownHost',
  ETIMEDOUT: 'sync.error.timeout',
  UND_ERR_CONNECT_TIMEOUT: 'sync.error.timeout',
  TimeoutError: 'sync.error.timeout',
};

/** The code of a network failure (ECONNREFUSED ...) from fetch's error or its cause. */
export function networkErrorCode(error: unknown): string {
  const e = error as { code?: string; name?: string; cause?: { code?: string } };
  return e?.cause?.code ?? e?.code ?? e?.name ?? 'unknown';
}

/** UNAVAILABLE with the reason in words, e.g. "it refused the connection". */
export function unreachable(url: string, error: unknown): ApiFailure {
  const code = networkErrorCode(error);
  return apiError(
    'UNAVAILABLE',
    REASON_KEYS[code] ?? 'sync.error.unreachable',
    `cannot reach ${url}: ${code}`,
    { url, code },
  );
}

export function basicAuth(credentials: CouchCredentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
}

export class CouchHttp {
  constructor(
    readonly baseUrl: string,
    private readonly credentials: CouchCredentials,
    private readonly timeoutMs = 15_000,
  ) {}

  url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  }

  async request(method: string, path: string, body?: unknown): Promise<CouchResponse> {
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers: {
          authorization: basicAuth(this.credentials),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw unreachable(this.baseUrl, error);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      throw apiError(
        'UNAVAILABLE',
        'sync.error.notCouch',
        `${this.baseUrl} did not answer with JSON (HTTP ${response.status})`,
        { url: this.baseUrl },
      );
    }
    const bodyObject = Array.isArray(parsed)
      ? { rows: parsed }
      : (parsed as Record<string, unknown>);
    return { status: response.status, body: bodyObject };
  }
}
