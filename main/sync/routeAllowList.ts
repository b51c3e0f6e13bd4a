// The team server's allow-list: the routes replication, sign-in and a user's own record need,
// and nothing else for anyone but the server admin. Paths are judged in one canonical spelling
// (every percent-encoding decoded once, `//` collapsed, dot segments and encoded slashes
// refused), and express-pouchdb is handed exactly that spelling, so no other spelling of a
// path can mean something the list did not judge.
import type express from 'express';

export type Normalised =
  { ok: true; segments: string[]; url: string } | { ok: false; reason: string };

/** The path of a raw request URL as decoded segments, and its one canonical spelling. */
export function normalisePath(rawUrl: string): Normalised {
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  if (!rawPath.startsWith('/')) return { ok: false, reason: 'the path must start with /' };
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue; // `//` and a trailing `/` mean nothing
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: `malformed percent-encoding in ${raw}` };
    }
    if (decoded === '.' || decoded === '..') return { ok: false, reason: 'dot segments' };
    if (/[/\\]/.test(decoded)) return { ok: false, reason: `an encoded slash in ${raw}` };
    if (/%[0-9a-fA-F]{2}/.test(decoded)) return { ok: false, reason: `double encoding in ${raw}` };
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return { ok: false, reason: 'control characters' };
    segments.push(decoded);
  }
  const url = `/${segments.map(encodeURIComponent).join('/')}${query}`;
  return { ok: true, segments, url };
}

/** Who may use a route. */
export type Need =
  | { kind: 'anyone' }
  | { kind: 'admin' }
  /**
   * A member of the database by its `_security`; `bulkDocs`: the body is checked too. The
   * attachment rules (a non-manager reads and writes the files of her assigned accounts only):
   * `attachmentOf` the account key of an `attachment:` document route, `bulkGet` the ids in the
   * body, `managerOnly` a listing with every file's bytes (`attachments=true`).
   */
  | {
      kind: 'member';
      db: string;
      bulkDocs?: boolean;
      bulkGet?: boolean;
      attachmentOf?: string;
      managerOnly?: boolean;
    }
  /** The user whose `_users` record this is. */
  | { kind: 'self'; name: string };

const ANYONE: Need = { kind: 'anyone' };
const ADMIN: Need = { kind: 'admin' };
/** CouchDB's rule for database names (no `/`: encoded slashes are refused above). */
const DB_NAME = /^[a-z][a-z0-9_$()+-]{0,237}$/;
const USER_PREFIX = 'org.couchdb.user:';
/** The `_changes` filters PouchDB's replication uses (ids, a selector); no stored functions. */
const CHANGES_FILTERS = new Set(['_doc_ids', '_selector']);

const READ = ['GET', 'HEAD'];
/** `attachment:<accountKey>:<ulid>`: a document that carries a file (its account in the id). */
const ATTACHMENT_DOC = /^attachment:([0-9A-Za-z]{1,64}):[0-9A-Za-z]{1,64}$/;

/** The account key of an attachment document id, or null for any other id. */
export function attachmentAccountKey(id: string): string | null {
  return ATTACHMENT_DOC.exec(id)?.[1] ?? null;
}

/** Query options that put every file's bytes into a listing. */
function withFiles(query: URLSearchParams): boolean {
  return query.get('attachments') === 'true' || query.has('atts_since');
}
const DOC = ['GET', 'HEAD', 'PUT', 'DELETE'];

/** What a database route needs from a member, or the admin for everything not listed. */
function databaseNeed(method: string, db: string, rest: string[], query: URLSearchParams): Need {
  const member: Need & { kind: 'member' } = { kind: 'member', db };
  const [first, second] = rest;
  if (rest.length === 0) return READ.includes(method) ? member : ADMIN;
  if (rest.length === 1) {
    switch (first) {
      case '_changes': {
        const filter = query.get('filter');
        if (query.has('view') || (filter !== null && !CHANGES_FILTERS.has(filter))) return ADMIN;
        if (!(READ.includes(method) || method === 'POST')) return ADMIN;
        return withFiles(query) ? { ...member, managerOnly: true } : member;
      }
      case '_all_docs':
        if (!(READ.includes(method) || method === 'POST')) return ADMIN;
        return withFiles(query) ? { ...member, managerOnly: true } : member;
      case '_bulk_get':
        return method === 'POST' ? { ...member, bulkGet: true } : ADMIN;
      case '_bulk_docs':
        return method === 'POST' ? { kind: 'member', db, bulkDocs: true } : ADMIN;
      case '_revs_diff':
      case '_find':
      case '_ensure_full_commit':
        return method === 'POST' ? member : ADMIN;
      case '_security':
        return READ.includes(method) ? member : ADMIN;
      default:
        if (first.startsWith('_') || !DOC.includes(method)) return ADMIN;
        return withAttachmentKey(member, first);
    }
  }
  // Checkpoints; `_local/_security` (where express-pouchdb keeps `_security`) stays the admin's.
  // PouchDB's checkpoint ids are base64 hashes, which may themselves begin with `_`.
  if (first === '_local') {
    return rest.length === 2 && second !== '_security' && DOC.includes(method) ? member : ADMIN;
  }
  if (first === '_design') return rest.length === 2 && READ.includes(method) ? member : ADMIN;
  // A document's attachment (its name may contain slashes).
  if (first.startsWith('_') || !DOC.includes(method)) return ADMIN;
  return withAttachmentKey(member, first);
}

function withAttachmentKey(member: Need & { kind: 'member' }, id: string): Need {
  const key = attachmentAccountKey(id);
  return key === null ? member : { ...member, attachmentOf: key };
}

/** Who may use `method` on the decoded path `segments` with this query. */
export function routeNeed(method: string, segments: string[], query: URLSearchParams): Need {
  if (segments.length === 0) return READ.includes(method) ? ANYONE : ADMIN;
  const [first, ...rest] = segments;
  if (first === '_session' && rest.length === 0) return ANYONE;
  if (first === '_users') {
    const own = rest.length === 1 && rest[0].startsWith(USER_PREFIX) && READ.includes(method);
    return own ? { kind: 'self', name: rest[0].slice(USER_PREFIX.length) } : ADMIN;
  }
  if (!DB_NAME.test(first)) return ADMIN;
  return databaseNeed(method, first, rest, query);
}

export interface UserCtx {
  name: string | null;
  roles: string[];
}

export interface SecurityObject {
  members?: { names?: unknown; roles?: unknown };
  admins?: { names?: unknown; roles?: unknown };
}

function listed(section: { names?: unknown; roles?: unknown } | undefined, user: UserCtx): boolean {
  const names = Array.isArray(section?.names) ? (section.names as unknown[]) : [];
  const roles = Array.isArray(section?.roles) ? (section.roles as unknown[]) : [];
  return (
    (user.name !== null && names.includes(user.name)) || user.roles.some((r) => roles.includes(r))
  );
}

/**
 * A member of a database by its `_security`: listed by name or role among its members or
 * admins. A database that lists no members is the server admin's alone (CouchDB 3's default
 * for a new database), not open to all.
 */
export function isMember(security: SecurityObject, user: UserCtx): boolean {
  if (user.name === null) return false;
  return listed(security.members, user) || listed(security.admins, user);
}

export function sendCouchError(
  res: express.Response,
  status: number,
  error: string,
  reason: string,
): void {
  res.status(status).json({ error, reason });
}

/** Refuses a request as CouchDB does: 401 for the anonymous, 403 for a user without the right. */
function refuse(res: express.Response, user: UserCtx, reason: string): void {
  if (user.name === null) sendCouchError(res, 401, 'unauthorized', reason);
  else sendCouchError(res, 403, 'forbidden', reason);
}

/** Rewrites the request to its canonical path, or answers 400 for a path that has none. */
export function canonicalPath(): express.RequestHandler {
  return (req, res, next) => {
    const normalised = normalisePath(req.url);
    if (!normalised.ok) return sendCouchError(res, 400, 'bad_request', normalised.reason);
    req.url = normalised.url;
    // express-pouchdb reads document ids and attachment names from originalUrl as well.
    req.originalUrl = normalised.url;
    next();
  };
}

export interface AllowListOptions {
  userOf(req: express.Request): UserCtx;
  /** A database's security object, or null when there is no such database. */
  securityOf(db: string): Promise<SecurityObject | null>;
  /** Parses a JSON body once, for express-pouchdb too. */
  json: express.RequestHandler;
}

/** Documents a member may not write through `_bulk_docs`: `_local/…` and `_design/…`. */
function specialDocIn(body: unknown): string | null {
  const docs = (body as { docs?: unknown } | undefined)?.docs;
  if (!Array.isArray(docs)) return null;
  for (const doc of docs) {
    const id = (doc as { _id?: unknown } | null)?._id;
    if (typeof id === 'string' && id.startsWith('_')) return id;
  }
  return null;
}

/** Whether a user may read and write the files of the account `key`: a manager, or assigned. */
export function mayUseFilesOf(user: UserCtx, key: string): boolean {
  return user.roles.includes('manager') || user.roles.includes(`acct:${key}`);
}

/** Why a route is refused by the attachment rules, or null. */
function attachmentRefusal(need: Need & { kind: 'member' }, user: UserCtx): string | null {
  if (need.managerOnly && !user.roles.includes('manager')) {
    return 'Only a manager lists every file (attachments=true); ask for each document instead.';
  }
  if (need.attachmentOf !== undefined && !mayUseFilesOf(user, need.attachmentOf)) {
    return `You are not assigned to account:${need.attachmentOf}, whose files these are.`;
  }
  return null;
}

/** `_bulk_get`: every attachment document asked for must be of an account of the user's. */
function checkBulkGet(
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
  options: AllowListOptions,
  user: UserCtx,
): void {
  if (user.roles.includes('manager')) return next();
  if (!req.is('application/json')) {
    return sendCouchError(res, 415, 'bad_content_type', 'Content-Type must be application/json');
  }
  options.json(req, res, (error?: unknown) => {
    if (error) return next(error);
    const docs = (req.body as { docs?: unknown } | undefined)?.docs;
    for (const doc of Array.isArray(docs) ? docs : []) {
      const id = (doc as { id?: unknown } | null)?.id;
      const key = typeof id === 'string' ? attachmentAccountKey(id) : null;
      if (key !== null && !mayUseFilesOf(user, key)) {
        return refuse(res, user, `You are not assigned to account:${key}, whose files these are.`);
      }
    }
    next();
  });
}

export function allowList(options: AllowListOptions): express.RequestHandler {
  return (req, res, next) => {
    const user = options.userOf(req);
    if (user.roles.includes('_admin')) return next();
    const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const need = routeNeed(req.method, segments, new URLSearchParams(req.url.split('?')[1] ?? ''));
    switch (need.kind) {
      case 'anyone':
        return next();
      case 'admin':
        return refuse(res, user, 'You are not a server admin.');
      case 'self':
        if (user.name !== null && user.name === need.name) return next();
        return refuse(res, user, 'You may only read your own user document.');
      case 'member':
        options
          .securityOf(need.db)
          .then((security) => {
            if (security === null) {
              return sendCouchError(res, 404, 'not_found', 'Database does not exist.');
            }
            if (!isMember(security, user)) {
              return refuse(
                res,
                user,
                user.name === null
                  ? 'You are not authorized to access this db.'
                  : 'You are not allowed to access this db.',
              );
            }
            const files = attachmentRefusal(need, user);
            if (files) return refuse(res, user, files);
            if (need.bulkGet) return checkBulkGet(req, res, next, options, user);
            if (!need.bulkDocs) return next();
            // Only a body this check reads may reach express-pouchdb (CouchDB answers 415 too).
            if (!req.is('application/json')) {
              return sendCouchError(
                res,
                415,
                'bad_content_type',
                'Content-Type must be application/json',
              );
            }
            options.json(req, res, (error?: unknown) => {
              if (error) return next(error);
              const special = specialDocIn(req.body);
              if (special === null) return next();
              refuse(res, user, `Only the server admin writes ${special}.`);
            });
          })
          .catch(next);
    }
  };
}
