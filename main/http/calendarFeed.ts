// The calendar subscription on loopback: `GET /calendar.ics?token=…` answers the token owner's
// visits as iCalendar, for Outlook, WeCom or DingTalk on this computer to subscribe to. Denied by
// default: no token is 401, a wrong or revoked one 403 (compared in constant time by
// main/calendar/feedTokens.ts). Nothing else is served on this route, and no CORS header is
// ever sent. Browser mode mounts it on its server (main/http/server.ts, before its own token);
// the desktop app serves it from the main process with `startCalendarFeedServer`, on 127.0.0.1
// only, where this route is the only thing there is.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { CALENDAR_FEED_PATH, type CalendarFile } from '../../shared/api/calendar';
import type { ApiResult } from '../../shared/api/errors';
import { isLoopbackHost, isSameOrigin } from './loopbackHost';
import { httpStatusOf } from './statusOf';

export interface FeedDispatcher {
  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>>;
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ ok: false, errors: [{ code, path: [], message }] }));
}

/** The route: one calendar per valid token, refused otherwise. */
export function calendarFeedHandler(dispatcher: FeedDispatcher): RequestHandler {
  return (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const token = req.query.token;
    if (typeof token !== 'string' || token === '') {
      refuse(res, 401, 'UNAUTHORIZED', 'calendar token required: /calendar.ics?token=…');
      return;
    }
    dispatcher
      .dispatch('calendar.feedServe', { token })
      .then((result) => {
        if (!result.ok) {
          const e = result.errors[0];
          refuse(res, httpStatusOf(e.code), e.code, e.message);
          return;
        }
        const file = result.data as CalendarFile;
        res
          .status(200)
          .type('text/calendar; charset=utf-8')
          .setHeader('Content-Disposition', `inline; filename="${file.fileName}"`);
        res.send(file.text);
      })
      .catch((error: unknown) => {
        if (res.headersSent) return;
        refuse(res, 500, 'INTERNAL', error instanceof Error ? error.message : String(error));
      });
  };
}

/** An app with the feed route and nothing else, behind the loopback Host and Origin checks. */
export function createCalendarFeedApp(dispatcher: FeedDispatcher): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const host = req.headers.host;
    if (
      !isLoopbackHost(host, req.socket.localPort ?? 0) ||
      !isSameOrigin(req.headers.origin, host!)
    ) {
      refuse(res, 403, 'FORBIDDEN', 'not addressed to this loopback server');
      return;
    }
    next();
  });
  app.get(CALENDAR_FEED_PATH, calendarFeedHandler(dispatcher));
  app.use((_req, res) =>
    refuse(res, 404, 'NOT_FOUND', `only ${CALENDAR_FEED_PATH} is served here`),
  );
  return app;
}

export interface CalendarFeedServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The desktop app's feed server: 127.0.0.1 only; port 0 picks a free one. */
export async function startCalendarFeedServer(options: {
  dispatcher: FeedDispatcher;
  port: number;
}): Promise<CalendarFeedServer> {
  const app = createCalendarFeedApp(options.dispatcher);
  const server: http.Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${CALENDAR_FEED_PATH}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
