// Browser mode: the renderer and the API on 127.0.0.1, guarded by a per-run token. The token
// arrives once in the URL, becomes an HttpOnly SameSite=Strict cookie, and every later request
// (page, assets, API) must carry it as that cookie or the `x-csm-token` header.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiResult } from '../../shared/api/errors';
import { httpStatusOf } from './statusOf';
import { CONTENT_SECURITY_POLICY } from '../contentSecurityPolicy';

export const TOKEN_HEADER = 'x-csm-token';
export const TOKEN_COOKIE = 'csm_token';
export const BODY_LIMIT = '5mb';

/** Anything that answers API calls: the in-process Backend or a worker proxy. */
export interface Dispatcher {
  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>>;
}

export interface WebServerOptions {
  dispatcher: Dispatcher;
  /** The built renderer (index.html + assets); when absent only the API is served. */
  staticDir?: string;
  port?: number;
  token?: string;
}

export interface WebServer {
  url: string;
  /** The URL to open: carries the token once. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The token cookie's name carries the port: cookies ignore ports, so two browser-mode servers
 * on 127.0.0.1 (two data folders, two users) would otherwise overwrite each other's token.
 */
export function tokenCookieName(host: string | undefined): string {
  const port = host?.match(/:(\d+)$/)?.[1] ?? '80';
  return `${TOKEN_COOKIE}_${port}`;
}

function cookieToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const wanted = tokenCookieName(req.headers.host);
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === wanted) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  // Compare digests: equal length, constant time.
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
  return crypto.timingSafeEqual(
    new TextEncoder().encode(digest(given)),
    new TextEncoder().encode(digest(expected)),
  );
}

function failure(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({
    ok: false,
    errors: [{ code, path: [], message, messageKey: `error.${code.toLowerCase()}` }],
  });
}

export function createApp(options: WebServerOptions & { token: string }): express.Express {
  const { dispatcher, staticDir, token } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // Only pages this server served may call it: a foreign Origin is refused (no CORS at all).
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) {
      failure(res, 403, 'FORBIDDEN', 'cross-origin request refused');
      return;
    }
    next();
  });

  // The first visit: swap the URL token for a cookie and drop it from the address bar.
  app.get('/', (req, res, next) => {
    const given = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (given === undefined) return next();
    if (!sameToken(given, token)) {
      failure(res, 401, 'UNAUTHORIZED', 'wrong token');
      return;
    }
    res.cookie(tokenCookieName(req.headers.host), token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
    });
    res.redirect(302, '/');
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? cookieToken(req);
    if (!sameToken(given, token)) {
      failure(res, 401, 'UNAUTHORIZED', 'missing or wrong token: open the URL printed at start');
      return;
    }
    next();
  });

  app.post(
    '/api/:method',
    express.json({ limit: BODY_LIMIT, strict: false, type: () => true }),
    async (req: Request, res: Response) => {
      const input: unknown = req.body && typeof req.body === 'object' ? req.body : {};
      const result = await dispatcher.dispatch(String(req.params.method), input);
      res.status(result.ok ? 200 : httpStatusOf(result.errors[0].code)).json(result);
    },
  );
  app.all('/api/*', (_req, res) => failure(res, 405, 'VALIDATION', 'use POST /api/:method'));

  if (staticDir) {
    app.use(express.static(staticDir, { index: 'index.html', maxAge: 0 }));
    // Client-side routes fall back to the app shell.
    app.get('*', (_req, res) => res.sendFile(path.join(staticDir, 'index.html')));
  }

  // Body parser errors (too large, bad JSON) as the one error shape.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (res.headersSent) return next(error);
      if (error.type === 'entity.too.large')
        failure(res, 413, 'VALIDATION', 'request body too large');
      else if (error.type === 'entity.parse.failed')
        failure(res, 400, 'VALIDATION', 'request body is not JSON');
      else failure(res, error.status ?? 500, 'INTERNAL', error.message);
    },
  );
  return app;
}

/** Starts the browser host; port 0 picks a free port. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  if (options.staticDir && !fs.existsSync(path.join(options.staticDir, 'index.html'))) {
    throw new Error(`no built renderer in ${options.staticDir}: run npm run build:renderer`);
  }
  const app = createApp({ ...options, token });
  const server: http.Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
