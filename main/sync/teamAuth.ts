// Who is asking, on the npm team server: Basic credentials or the AuthSession cookie checked in
// front of express-pouchdb against `_users` documents hashed as CouchDB 3.4+ hashes them
// (passwordHash.ts), and `/_session` (sign in, who am I, sign out) answered here. express-pouchdb
// then sees only the result: the credentials are taken off the request (its pouchdb-auth knows
// only 10-iteration SHA-1) and its session is the one decided here.
import crypto from 'node:crypto';
import express from 'express';
import {
  hashPassword,
  isWeak,
  storedPasswordOf,
  verifyPassword,
  VerifiedCredentials,
  type StoredPassword,
} from './passwordHash';
import { sendCouchError, type UserCtx } from './routeAllowList';

export const ANONYMOUS: UserCtx = { name: null, roles: [] };
const COOKIE = 'AuthSession';
const WRONG = 'Name or password is incorrect.';

export interface TeamAuthOptions {
  adminUser: string;
  adminPassword: string;
  /**
   * The `_users` database, read and (to upgrade a weak hash) written directly; opened at the
   * first sign-in, once express-pouchdb has started (and registered it).
   */
  users: () => PouchDB.Database;
  /** Signs session cookies (the server's couch_httpd_auth secret). */
  secret: string;
  /** Seconds a session cookie lasts without use (CouchDB's default is 600). */
  sessionSeconds?: number;
  now?: () => number;
}

interface Identity {
  user: UserCtx;
  how: 'default' | 'cookie' | null;
  /** Binds a session cookie to the current password (the salt changes with it). */
  cookieKey?: string;
}

const identities = new WeakMap<express.Request, Identity>();

/** The user a request was authenticated as (anonymous before teamAuth ran). */
export function userOf(req: express.Request): UserCtx {
  return identities.get(req)?.user ?? ANONYMOUS;
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(new Uint8Array(digest(a)), new Uint8Array(digest(b)));
}

function basicCredentials(header: string | undefined): { name: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function withoutCookie(header: string, name: string): string {
  return header
    .split(';')
    .filter((part) => part.split('=')[0].trim() !== name)
    .join(';');
}

class SignInFailed extends Error {}

export class TeamAuth {
  private readonly verified = new VerifiedCredentials();
  private readonly sessionSeconds: number;
  private readonly now: () => number;
  private readonly adminCookieKey: string;
  private decoy: Promise<StoredPassword> | undefined;
  private usersDb: PouchDB.Database | undefined;

  constructor(private readonly options: TeamAuthOptions) {
    this.sessionSeconds = options.sessionSeconds ?? 600;
    this.now = options.now ?? Date.now;
    this.adminCookieKey = crypto.createHash('sha256').update(options.adminPassword).digest('hex');
  }

  private get users(): PouchDB.Database {
    this.usersDb ??= this.options.users();
    return this.usersDb;
  }

  private async userDoc(name: string): Promise<Record<string, unknown> | null> {
    try {
      const doc = (await this.users.get(`org.couchdb.user:${name}`, {
        conflicts: true,
      })) as unknown as Record<string, unknown>;
      // As CouchDB: a user document in conflict is no basis for signing in.
      if (Array.isArray(doc._conflicts) && doc._conflicts.length > 0) return null;
      return doc;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  private static rolesOf(doc: Record<string, unknown>): string[] {
    // System roles (`_admin`) never come from a user document.
    const roles = Array.isArray(doc.roles) ? doc.roles : [];
    return roles.filter((r): r is string => typeof r === 'string' && !r.startsWith('_'));
  }

  /** Checks a name and password: the admin's in memory, a user's against `_users`. */
  async signIn(name: string, password: string): Promise<Identity> {
    if (name === this.options.adminUser) {
      if (!sameSecret(password, this.options.adminPassword)) throw new SignInFailed(WRONG);
      return {
        user: { name, roles: ['_admin'] },
        how: 'default',
        cookieKey: this.adminCookieKey,
      };
    }
    const doc = await this.userDoc(name);
    const stored = doc ? storedPasswordOf(doc) : null;
    if (!doc || !stored) {
      // As slow as a wrong password, so the answer's time does not tell who has an account.
      this.decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
      await verifyPassword(await this.decoy, password);
      throw new SignInFailed(WRONG);
    }
    if (!(await this.verified.verify(name, stored, password))) throw new SignInFailed(WRONG);
    let current = stored;
    if (isWeak(stored)) {
      current = await this.upgrade(doc, password);
      this.verified.remember(name, current, password);
    }
    return {
      user: { name, roles: TeamAuth.rolesOf(doc) },
      how: 'default',
      cookieKey: current.salt,
    };
  }

  /** Rehashes a weak stored password at the server's strength (CouchDB 3.4 does the same). */
  private async upgrade(doc: Record<string, unknown>, password: string): Promise<StoredPassword> {
    const stronger = await hashPassword(password);
    try {
      await this.users.put({ ...doc, ...stronger } as PouchDB.Core.PutDocument<object>);
    } catch (error) {
      // Another request upgraded it first (or the admin changed it): the next request reads it.
      if ((error as { status?: number }).status === 409) return storedPasswordOf(doc)!;
      throw error;
    }
    return stronger;
  }

  private cookieFor(name: string, key: string, at = this.now()): string {
    const time = Math.floor(at / 1000).toString(16);
    const mac = crypto
      .createHmac('sha256', `${this.options.secret}${key}`)
      .update(`${name}:${time}`)
      .digest('hex');
    return Buffer.from(`${name}:${time}:${mac}`).toString('base64url');
  }

  private async fromCookie(value: string): Promise<Identity | null> {
    const decoded = Buffer.from(value, 'base64url').toString('utf8');
    const parts = decoded.split(':');
    if (parts.length < 3) return null;
    const time = parts[parts.length - 2];
    const name = parts.slice(0, -2).join(':');
    const issued = parseInt(time, 16) * 1000;
    if (!/^[0-9a-f]+$/.test(time) || this.now() > issued + this.sessionSeconds * 1000) return null;
    let identity: Identity;
    if (name === this.options.adminUser) {
      identity = {
        user: { name, roles: ['_admin'] },
        how: 'cookie',
        cookieKey: this.adminCookieKey,
      };
    } else {
      const doc = await this.userDoc(name);
      const stored = doc ? storedPasswordOf(doc) : null;
      if (!doc || !stored) return null;
      identity = {
        user: { name, roles: TeamAuth.rolesOf(doc) },
        how: 'cookie',
        cookieKey: stored.salt,
      };
    }
    const expected = this.cookieFor(name, identity.cookieKey!, issued);
    return sameSecret(expected, value) ? identity : null;
  }

  private setCookie(res: express.Response, identity: Identity): void {
    const value = this.cookieFor(identity.user.name!, identity.cookieKey!);
    res.cookie(COOKIE, value, { httpOnly: true, path: '/', sameSite: 'lax' });
  }

  /**
   * Decides who is asking. Wrong Basic credentials are a 401 at once (as CouchDB); a stale or
   * forged cookie counts as no cookie. A valid cookie is renewed on use.
   */
  authenticate(): express.RequestHandler {
    return (req, res, next) => {
      const basic = basicCredentials(req.headers.authorization);
      const cookie = cookieValue(req.headers.cookie, COOKIE);
      const decide = async (): Promise<Identity> => {
        if (basic) return this.signIn(basic.name, basic.password);
        if (cookie) {
          const identity = await this.fromCookie(cookie);
          if (identity) {
            this.setCookie(res, identity);
            return identity;
          }
        }
        return { user: ANONYMOUS, how: null };
      };
      decide()
        .then((identity) => {
          identities.set(req, identity);
          next();
        })
        .catch((error: unknown) => {
          if (error instanceof SignInFailed) sendCouchError(res, 401, 'unauthorized', WRONG);
          else next(error);
        });
    };
  }

  /** `/_session`: who am I (GET), sign in (POST name and password), sign out (DELETE). */
  session(): express.RequestHandler {
    const body = [
      express.json({ limit: '16kb' }),
      express.urlencoded({ extended: false, limit: '16kb' }),
    ];
    return (req, res, next) => {
      if (req.path !== '/_session') return next();
      const identity = identities.get(req) ?? { user: ANONYMOUS, how: null };
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.status(200).json({
          ok: true,
          userCtx: identity.user,
          info: {
            authentication_db: '_users',
            authentication_handlers: ['cookie', 'default'],
            ...(identity.how ? { authenticated: identity.how } : {}),
          },
        });
        return;
      }
      if (req.method === 'DELETE') {
        res.clearCookie(COOKIE, { path: '/' });
        res.status(200).json({ ok: true });
        return;
      }
      if (req.method !== 'POST') {
        sendCouchError(res, 405, 'method_not_allowed', 'Only DELETE,GET,HEAD,POST allowed');
        return;
      }
      body[0](req, res, (jsonError?: unknown) => {
        if (jsonError) return next(jsonError);
        body[1](req, res, (formError?: unknown) => {
          if (formError) return next(formError);
          const { name, password } = (req.body ?? {}) as { name?: unknown; password?: unknown };
          if (typeof name !== 'string' || typeof password !== 'string') {
            sendCouchError(res, 401, 'unauthorized', WRONG);
            return;
          }
          this.signIn(name, password)
            .then((signedIn) => {
              this.setCookie(res, signedIn);
              res.status(200).json({ ok: true, name, roles: signedIn.user.roles });
            })
            .catch((error: unknown) => {
              if (error instanceof SignInFailed) sendCouchError(res, 401, 'unauthorized', WRONG);
              else next(error);
            });
        });
      });
    };
  }

  /**
   * Hands the request to express-pouchdb: the credentials removed (its own check would refuse
   * strong hashes) and its `couchSession` fixed to the identity decided here.
   */
  handOver(): express.RequestHandler {
    return (req, _res, next) => {
      const identity = identities.get(req) ?? { user: ANONYMOUS, how: null };
      delete req.headers.authorization;
      if (req.headers.cookie) req.headers.cookie = withoutCookie(req.headers.cookie, COOKIE);
      const session = {
        ok: true,
        userCtx: { name: identity.user.name, roles: [...identity.user.roles] },
        info: { authentication_db: '_users', authenticated: identity.how ?? undefined },
      };
      Object.defineProperty(req, 'couchSession', {
        get: () => session,
        set: () => undefined,
        enumerable: true,
        configurable: false,
      });
      next();
    };
  }
}

/**
 * Hashes the `password` of user documents the admin writes (PUT /_users/{id}, POST /_users,
 * POST /_users/_bulk_docs) at CouchDB 3.4's strength before express-pouchdb stores them.
 */
export function hashUserPasswords(json: express.RequestHandler): express.RequestHandler {
  const hashIn = async (doc: unknown): Promise<void> => {
    if (!doc || typeof doc !== 'object') return;
    const record = doc as Record<string, unknown>;
    if (record.password === undefined || record.password === null) return;
    if (typeof record.password !== 'string') throw new Error('password must be a string');
    const stored = await hashPassword(record.password);
    delete record.password;
    for (const key of ['password_sha', 'derived_key', 'salt', 'iterations', 'pbkdf2_prf']) {
      delete record[key];
    }
    Object.assign(record, stored);
  };
  return (req, res, next) => {
    const segments = req.path.split('/').filter(Boolean);
    if (segments[0] !== '_users' || !['PUT', 'POST'].includes(req.method)) return next();
    json(req, res, (error?: unknown) => {
      if (error) return next(error);
      const body = req.body as { docs?: unknown[] } | undefined;
      const docs = segments[1] === '_bulk_docs' && Array.isArray(body?.docs) ? body.docs : [body];
      Promise.all(docs.map(hashIn))
        .then(() => next())
        .catch((e: Error) => sendCouchError(res, 400, 'bad_request', e.message));
    });
  };
}
