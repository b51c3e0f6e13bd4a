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
import { allowList, canonicalPath, type SecurityObject } from './routeAllowList';
import { hashUserPasswords, TeamAuth, userOf } from './teamAuth';

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

/**
 * pouchdb-validation replaces each incoming document's `_revisions` with the stored document's
 * before running validate_doc_update, so a replicated update (new_edits: false) would lose its
 * history and be dropped as a no-op. Freeze each document's own history before it gets there.
 * Parsing here also lifts the 1 MB body limit that large replication batches exceed.
 */
function keepReplicatedHistory(json: express.RequestHandler): express.RequestHandler {
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

/**
 * Reads a database's `_security` (pouchdb-security keeps it in `_local/_security`), or null when
 * the database does not exist: only databases the server lists are opened, none is created.
 */
function securityReader(
  Pouch: new (name: string) => PouchDB.Database,
): (db: string) => Promise<SecurityObject | null> {
  const handles = new Map<string, PouchDB.Database>();
  const allDbs = () => (Pouch as unknown as { allDbs(): Promise<string[]> }).allDbs();
  return async (db) => {
    if (!(await allDbs()).includes(db)) {
      handles.delete(db);
      return null;
    }
    if (!handles.has(db)) handles.set(db, new Pouch(db));
    try {
      const doc = (await handles.get(db)!.get('_local/_security')) as { security?: unknown };
      return (doc.security ?? {}) as SecurityObject;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return {};
      throw error;
    }
  };
}

type CouchConfigFile = Record<string, Record<string, unknown>>;

/**
 * Writes the server's config before express-pouchdb reads it: its own config writes race each
 * other when several run at once. Keeps the server uuid (part of every client's replication id,
 * so checkpoints survive a restart) and the cookie secret.
 */
async function prepareConfig(file: string, adminUser: string): Promise<CouchConfigFile> {
  let config: CouchConfigFile = {};
  if (fs.existsSync(file)) config = JSON.parse(fs.readFileSync(file, 'utf8')) as CouchConfigFile;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const auth = require('pouchdb-auth') as {
    hashAdminPasswords(admins: Record<string, string>): Promise<Record<string, string>>;
    generateSecret(): string;
  };
  // The admin is checked in front of express-pouchdb against the password file (teamAuth.ts);
  // pouchdb-auth gets a throwaway password, so that it never runs as an "admin party" and no
  // weak hash of the real password is written to disk.
  config.admins = await auth.hashAdminPasswords({
    [adminUser]: crypto.randomBytes(32).toString('hex'),
  });
  config.couchdb = { uuid: crypto.randomUUID().replace(/-/g, ''), ...config.couchdb };
  config.couch_httpd_auth = { secret: auth.generateSecret(), ...config.couch_httpd_auth };
  config.log = { level: 'warning', ...config.log };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return config;
}

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const TeamPouch = PouchDB.defaults({ prefix: `${dataDir}${path.sep}` } as object);
  const configPath = path.join(dataDir, 'config.json');
  const config = await prepareConfig(configPath, options.adminUser);
  const couch = expressPouchDb(TeamPouch, {
    mode: 'fullCouchDB',
    configPath,
    logPath: path.join(dataDir, 'log.txt'),
    // The browser admin UI is not needed by the workbench.
    overrideMode: { exclude: ['routes/fauxton'] },
  });
  const auth = new TeamAuth({
    adminUser: options.adminUser,
    adminPassword: options.adminPassword,
    users: () => new TeamPouch('_users'),
    secret: String(config.couch_httpd_auth.secret),
  });
  const json = express.json({ limit: '256mb' });
  const app = express();
  if (options.log) {
    const log = options.log;
    app.use((req, res, next) => {
      const url = req.url;
      res.on('finish', () => log(`${req.method} ${url} ${res.statusCode}`));
      next();
    });
  }
  app.use(canonicalPath());
  app.use(auth.authenticate());
  app.use(auth.session());
  app.use(allowList({ userOf, securityOf: securityReader(TeamPouch), json }));
  app.use(auth.handOver());
  app.use(hashUserPasswords(json));
  app.use(keepReplicatedHistory(json));
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
