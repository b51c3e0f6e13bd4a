// Browser mode: the renderer and the API on 127.0.0.1, guarded by a per-run token. The token
// arrives once in the URL, becomes an HttpOnly SameSite=Strict cookie, and every later request
// (page, assets, API) must carry it as that cookie or the `x-csm-token` header. Before the token,
// every request must name our loopback address in `Host` and come from no foreign `Origin`; an
// API body is bounded in size and depth before it is parsed (main/api/inputLimits.ts). The one
// exception to the cookie is the calendar subscription, `/calendar.ics?token=…`, which carries
// its owner's own feed token instead (main/http/calendarFeed.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { contract } from '../../shared/api/contract';
import { isPreviewable } from '../../shared/rules/attachments';
import { ApiFailure, type ApiError, type ApiResult, type ErrorCode } from '../../shared/api/errors';
import type { MessageKey } from '../../shared/i18n';
import { parseBoundedJson, REQUEST_LIMITS } from '../api/inputLimits';
import { CONTENT_SECURITY_POLICY } from '../contentSecurityPolicy';
import { CALENDAR_FEED_PATH } from '../../shared/api/calendar';
import { calendarFeedHandler } from './calendarFeed';
import { isLoopbackHost, isSameOrigin, loopbackHosts } from './loopbackHost';
import { httpStatusOf } from './statusOf';

export const TOKEN_HEADER = 'x-csm-token';
export const TOKEN_COOKIE = 'csm_token';

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

function failure(
  res: Response,
  status: number,
  code: ErrorCode,
  messageKey: MessageKey,
  message: string,
  params?: Record<string, string | number>,
): void {
  const error: ApiError = { code, path: [], message, messageKey, ...(params ? { params } : {}) };
  res.status(status).json({ ok: false, errors: [error] });
}

function answer(res: Response, result: ApiResult<unknown>): void {
  res.status(result.ok ? 200 : httpStatusOf(result.errors[0].code)).json(result);
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
    // Addressed to our loopback name and port, or refused: the page too, not only the API.
    const host = req.headers.host;
    const port = req.socket.localPort ?? 0;
    if (!isLoopbackHost(host, port)) {
      const allowed = loopbackHosts(port).join(', ');
      failure(res, 403, 'FORBIDDEN', 'error.http.foreignHost', `host ${host} refused`, {
        allowed,
      });
      return;
    }
    // Only pages this server served may call it: a foreign Origin is refused (no CORS at all).
    const origin = req.headers.origin;
    if (!isSameOrigin(origin, host!)) {
      failure(res, 403, 'FORBIDDEN', 'error.http.crossOrigin', 'cross-origin request refused', {
        origin: String(origin),
      });
      return;
    }
    next();
  });

  // The first visit: swap the URL token for a cookie and drop it from the address bar.
  app.get('/', (req, res, next) => {
    const given = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (given === undefined) return next();
    if (!sameToken(given, token)) {
      failure(res, 401, 'UNAUTHORIZED', 'error.http.wrongToken', 'wrong token');
      return;
    }
    res.cookie(tokenCookieName(req.headers.host), token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
    });
    res.redirect(302, '/');
  });

  // The calendar subscription carries its own per-user token (a calendar app has no cookie):
  // main/http/calendarFeed.ts refuses it without one (401) or with a wrong one (403).
  app.get(CALENDAR_FEED_PATH, calendarFeedHandler(dispatcher));

  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? cookieToken(req);
    if (!sameToken(given, token)) {
      failure(
        res,
        401,
        'UNAUTHORIZED',
        'error.http.wrongToken',
        'missing or wrong token: open the URL printed at start',
      );
      return;
    }
    next();
  });

  app.post(
    '/api/:method',
    // Read as text within the size limit; parsed only after the depth scan (parseBoundedJson).
    express.text({ limit: REQUEST_LIMITS.maxBytes, type: () => true, defaultCharset: 'utf-8' }),
    (req: Request, res: Response) => {
      const method = String(req.params.method);
      // Own names only: /api/__proto__ or /api/constructor is no method either.
      if (!Object.hasOwn(contract, method)) {
        failure(res, 404, 'NOT_FOUND', 'error.unknownMethod', `unknown method ${method}`, {
          method,
        });
        return;
      }
      let input: unknown;
      try {
        input = parseBoundedJson(typeof req.body === 'string' ? req.body : '');
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        const status = error.errors[0].messageKey === 'error.input.tooLarge' ? 413 : 400;
        res.status(status).json({ ok: false, errors: error.errors });
        return;
      }
      // A dispatcher that throws (it should answer with an error) is INTERNAL, never a crash.
      dispatcher
        .dispatch(method, input)
        .then((result) => answer(res, result))
        .catch((error: unknown) => {
          if (res.headersSent) return;
          const reason = error instanceof Error ? error.message : String(error);
          failure(res, 500, 'INTERNAL', 'error.internal', reason, { reason });
        });
    },
  );
  // An attachment's bytes, for the app's previews and downloads: only the types the app previews
  // are served inline as themselves; everything else (and `?download=1`) as an octet-stream
  // download. The file may be framed by our own page only, and runs nothing.
  app.get('/files/:id', (req: Request, res: Response) => {
    const id = String(req.params.id);
    dispatcher
      .dispatch('attachment.get', { id })
      .then((result) => {
        if (!result.ok) return answer(res, result);
        const { info, dataBase64, available } = result.data as {
          info: { name: string; contentType: string };
          dataBase64: string;
          available: boolean;
        };
        if (!available) {
          failure(res, 404, 'NOT_FOUND', 'attachmentsUi.unavailable', `no file for ${id}`, { id });
          return;
        }
        const inline = isPreviewable(info.contentType) && req.query.download !== '1';
        const ascii = info.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
        res.setHeader('Content-Type', inline ? info.contentType : 'application/octet-stream');
        res.setHeader(
          'Content-Disposition',
          `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(info.name)}`,
        );
        // Chromium's PDF viewer refuses to run in a sandboxed document; an image needs nothing.
        const pdf = inline && info.contentType === 'application/pdf';
        res.setHeader(
          'Content-Security-Policy',
          `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'${pdf ? '' : '; sandbox'}`,
        );
        res.setHeader('Cache-Control', 'no-store');
        res.status(200).end(Buffer.from(dataBase64, 'base64'));
      })
      .catch((error: unknown) => {
        if (res.headersSent) return;
        const reason = error instanceof Error ? error.message : String(error);
        failure(res, 500, 'INTERNAL', 'error.internal', reason, { reason });
      });
  });
  app.all('/api/*', (_req, res) =>
    failure(res, 405, 'VALIDATION', 'error.http.usePost', 'use POST /api/:method'),
  );

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
      if (error.type === 'entity.too.large') {
        const limit = `${REQUEST_LIMITS.maxBytes / (1024 * 1024)} MiB`;
        failure(res, 413, 'VALIDATION', 'error.input.tooLarge', 'request body too large', {
          limit,
        });
      } else if (error.status && error.status < 500) {
        // Unreadable bodies: a bad charset or encoding, an aborted upload.
        failure(res, error.status, 'VALIDATION', 'error.input.notJson', error.message, {
          reason: error.message,
        });
      } else {
        failure(res, 500, 'INTERNAL', 'error.internal', error.message, { reason: error.message });
      }
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
