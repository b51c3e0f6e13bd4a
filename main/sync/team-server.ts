#!/usr/bin/env node
// A CouchDB-compatible team server from npm (express-pouchdb in fullCouchDB mode, LevelDB on
// disk) for tests and for a small team without Apache CouchDB. Listens on 127.0.0.1 only.
//   npm run team-server -- --port P --data-dir DIR --admin-user U --admin-password-file F
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { clockFromEnv } from '../../shared/time/clock';
import express from 'express';
import expressPouchDb from 'express-pouchdb';
import PouchDB from 'pouchdb';

export interface TeamServerOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  adminUser: string;
  adminPassword: string;
  /** Request log lines (off when omitted). */
  log?: (line: string) => void;
}

export interface TeamServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Whether a request carries the server admin's Basic credentials. */
function adminCheck(adminUser: string, adminPassword: string): (req: express.Request) => boolean {
  const expected = Buffer.from(
    `Basic ${Buffer.from(`${adminUser}:${adminPassword}`).toString('base64')}`,
  );
  return (req) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return (
      given.length === expected.length &&
      crypto.timingSafeEqual(new Uint8Array(given), new Uint8Array(expected))
    );
  };
}

/** The user name in a request's Basic credentials, if any. */
function basicUser(req: express.Request): string | null {
  const match = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : null;
}

/**
 * What express-pouchdb leaves open and CouchDB does not: only the server admin creates or
 * deletes databases (express-pouchdb with PouchDB 9 even crashes on such a request from anyone
 * else), and only the admin writes the users database, where roles (`manager`, `acct:<key>`)
 * give write authority; pouchdb-auth would let a user give herself any role. A user may read
 * her own user document.
 */
function adminOnly(isAdmin: (req: express.Request) => boolean): express.RequestHandler {
  return (req, res, next) => {
    if (isAdmin(req)) return next();
    const isDbPath = /^\/[^/_][^/]*\/?$/.test(req.path);
    if (isDbPath && (req.method === 'PUT' || req.method === 'DELETE')) {
      res.status(401).json({ error: 'unauthorized', reason: 'You are not a server admin.' });
      return;
    }
    if (/^\/_users(\/|$)/.test(req.path)) {
      const user = basicUser(req);
      const ownDoc =
        user && req.path === `/_users/${encodeURIComponent(`org.couchdb.user:${user}`)}`;
      const ownDocRaw = user && decodeURIComponent(req.path) === `/_users/org.couchdb.user:${user}`;
      if ((req.method === 'GET' || req.method === 'HEAD') && (ownDoc || ownDocRaw)) return next();
      res.status(403).json({
        error: 'forbidden',
        reason: 'Only the server admin manages users on this server.',
      });
      return;
    }
    next();
  };
}

/**
 * pouchdb-validation replaces each incoming document's `_revisions` with the stored document's
 * before running validate_doc_update, so a replicated update (new_edits: false) would lose its
 * history and be dropped as a no-op. Freeze each document's own history before it gets there.
 * Parsing here also lifts the 1 MB body limit that large replication batches exceed.
 */
function keepReplicatedHistory(): express.RequestHandler {
  const json = express.json({ limit: '256mb' });
  return (req, res, next) => {
    if (req.method !== 'POST' || !/^\/[^/]+\/_bulk_docs$/.test(req.path)) return next();
    json(req, res, (error?: unknown) => {
      if (error) return next(error);
      const body = req.body as { new_edits?: boolean; docs?: unknown[] } | undefined;
      if (body?.new_edits !== false || !Array.isArray(body.docs)) return next();
      for (const doc of body.docs) {
        if (!doc || typeof doc !== 'object' || !('_revisions' in doc)) continue;
        const history = (doc as { _revisions: unknown })._revisions;
        Object.defineProperty(doc, '_revisions', {
          get: () => history,
          set: () => undefined,
          enumerable: true,
          configurable: true,
        });
      }
      next();
    });
  };
}

/**
 * express-pouchdb reads only `doc_ids` from a POST /db/_changes body; CouchDB 3 also takes a
 * `selector` there (PouchDB sends scoped replication that way). Pass it on as CouchDB does.
 */
function selectorInChangesBody(): express.RequestHandler {
  const json = express.json({ limit: '10mb' });
  return (req, res, next) => {
    if (req.method !== 'POST' || !/^\/[^/]+\/_changes$/.test(req.path)) return next();
    json(req, res, (error?: unknown) => {
      if (error) return next(error);
      const body = req.body as { selector?: unknown } | undefined;
      if (body?.selector) {
        (req.query as Record<string, unknown>).selector = JSON.stringify(body.selector);
      }
      next();
    });
  };
}

type CouchConfigFile = Record<string, Record<string, unknown>>;

/**
 * Writes the server's config before express-pouchdb reads it: its own config writes race each
 * other when several run at once. Keeps the server uuid (part of every client's replication id,
 * so checkpoints survive a restart) and the cookie secret; sets the admin password.
 */
async function prepareConfig(
  file: string,
  adminUser: string,
  adminPassword: string,
): Promise<void> {
  let config: CouchConfigFile = {};
  if (fs.existsSync(file)) config = JSON.parse(fs.readFileSync(file, 'utf8')) as CouchConfigFile;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const auth = require('pouchdb-auth') as {
    hashAdminPasswords(admins: Record<string, string>): Promise<Record<string, string>>;
    generateSecret(): string;
  };
  config.admins = await auth.hashAdminPasswords({ [adminUser]: adminPassword });
  config.couchdb = { uuid: crypto.randomUUID().replace(/-/g, ''), ...config.couchdb };
  config.couch_httpd_auth = { secret: auth.generateSecret(), ...config.couch_httpd_auth };
  config.log = { level: 'warning', ...config.log };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const TeamPouch = PouchDB.defaults({ prefix: `${dataDir}${path.sep}` } as object);
  const configPath = path.join(dataDir, 'config.json');
  await prepareConfig(configPath, options.adminUser, options.adminPassword);
  const couch = expressPouchDb(TeamPouch, {
    mode: 'fullCouchDB',
    configPath,
    logPath: path.join(dataDir, 'log.txt'),
    // The browser admin UI is not needed by the workbench.
    overrideMode: { exclude: ['routes/fauxton'] },
  });
  const app = express();
  if (options.log) {
    const log = options.log;
    app.use((req, _res, next) => {
      log(`${req.method} ${req.url}`);
      next();
    });
  }
  app.use(adminOnly(adminCheck(options.adminUser, options.adminPassword)));
  app.use(keepReplicatedHistory());
  app.use(selectorInChangesBody());
  app.use(couch);
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  // Replication holds long-polling requests open; close must not wait for them.
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readPasswordFile(file: string): string {
  const password = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!password) throw new Error(`${file} is empty`);
  return password;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5984' },
      'data-dir': { type: 'string' },
      'admin-user': { type: 'string' },
      'admin-password-file': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const missing = ['data-dir', 'admin-user', 'admin-password-file'].filter(
    (k) => !values[k as keyof typeof values],
  );
  if (missing.length) {
    process.stderr.write(
      'usage: team-server --port P --data-dir DIR --admin-user U --admin-password-file F\n' +
        `missing: ${missing.map((m) => `--${m}`).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number, got "${values.port}"\n`);
    process.exitCode = 2;
    return;
  }
  try {
    clockFromEnv(process.env); // every host refuses a malformed CSM_TODAY
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const server = await startTeamServer({
    port,
    dataDir: values['data-dir']!,
    adminUser: values['admin-user']!,
    adminPassword: readPasswordFile(values['admin-password-file']!),
    log: values.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  // A bug in a route must not take the whole team offline: log it and keep serving.
  process.on('uncaughtException', (error) => process.stderr.write(`team-server: ${error.stack}\n`));
  process.stdout.write(`${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`team-server: ${error.message}\n`);
    process.exit(1);
  });
}
