// `csm server init | add-user | assign`: prepares a team database on a CouchDB (Apache CouchDB 3
// or the npm team server) and manages its people, as the server admin.
import { apiError, fromZodIssues } from '../../shared/api/errors';
import { SCHEMA_VERSION } from '../../shared/domain/common';
import { entities } from '../../shared/domain/entities';
import { teamMemberId } from '../../shared/domain/entities/teamMember';
import { TEAM_ACCOUNT_ID } from '../../shared/domain/ids';
import { systemClock, type Clock } from '../../shared/time/clock';
import { accountKeyOf } from '../../shared/domain/ids';
import { canonical } from '../../shared/domain/merge';
import { CouchHttp, type CouchCredentials, type CouchResponse } from './couchHttp';
import {
  accountRole,
  DESIGN_DOC_ID,
  teamDesignDoc,
  teamSecurity,
  TEAM_ROLES,
  type TeamRole,
} from './designDoc';

export interface ServerTarget {
  url: string;
  db: string;
  admin: CouchCredentials;
}

function failed(what: string, response: CouchResponse): never {
  const reason = String(response.body.reason ?? response.body.error ?? response.status);
  if (response.status === 401 || response.status === 403) {
    throw apiError(
      'UNAUTHORIZED',
      'sync.error.notAdmin',
      `${what}: the server admin name or password is wrong (${reason})`,
    );
  }
  throw apiError('INTERNAL', 'error.internal', `${what}: HTTP ${response.status} ${reason}`, {
    reason,
  });
}

async function ensureDatabase(http: CouchHttp, db: string): Promise<boolean> {
  const response = await http.request('PUT', encodeURIComponent(db));
  if (response.status === 201 || response.status === 202) return true;
  if (response.status === 412) return false;
  failed(`create database ${db}`, response);
}

/** Puts a document, replacing the current revision if there is one. Returns true if changed. */
async function upsert(
  http: CouchHttp,
  path: string,
  doc: Record<string, unknown>,
): Promise<boolean> {
  const current = await http.request('GET', path);
  if (current.status === 200) {
    const { _rev, ...rest } = current.body;
    if (canonical(rest) === canonical(doc)) return false;
    doc = { ...doc, _rev };
  } else if (current.status !== 404) failed(`read ${path}`, current);
  const put = await http.request('PUT', path, doc);
  if (put.status !== 201 && put.status !== 202) failed(`write ${path}`, put);
  return true;
}

export interface InitReport {
  url: string;
  db: string;
  created: boolean;
  designDoc: 'installed' | 'unchanged';
}

/** Creates the team database, its _security and its validate_doc_update. Safe to run again. */
export async function initServer(target: ServerTarget): Promise<InitReport> {
  const http = new CouchHttp(target.url, target.admin);
  const session = await http.request('GET', '_session');
  const roles = ((session.body.userCtx as { roles?: string[] } | undefined)?.roles ??
    []) as string[];
  if (session.status !== 200 || !roles.includes('_admin'))
    failed('sign in as server admin', {
      status: 401,
      body: session.body,
    });
  // CouchDB 3 on a single node needs the system databases created once.
  await ensureDatabase(http, '_users');
  const created = await ensureDatabase(http, target.db);
  const security = await http.request(
    'PUT',
    `${encodeURIComponent(target.db)}/_security`,
    teamSecurity(),
  );
  if (security.status !== 200) failed('write _security', security);
  const changed = await upsert(http, `${encodeURIComponent(target.db)}/${DESIGN_DOC_ID}`, {
    ...teamDesignDoc(),
    _id: DESIGN_DOC_ID,
  });
  return {
    url: target.url,
    db: target.db,
    created,
    designDoc: changed ? 'installed' : 'unchanged',
  };
}

function userPath(name: string): string {
  return `_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
}

export interface UserReport {
  name: string;
  roles: string[];
  created: boolean;
  /**
   * How the server stored the password (add-user only), so that a server hashing below
   * CouchDB 3.4's default (PBKDF2-SHA256, 600,000 iterations) shows it.
   */
  passwordHash?: { scheme: string; prf: string; iterations: number | null };
  /** The user's team member record in the team database (add-user only). */
  member?: 'created' | 'updated' | 'unchanged' | 'noName';
}

/** What `add-user` may say about the person, for their team member record. */
export interface MemberProfile {
  nameZh?: string;
  nameEn?: string;
  title?: string;
  email?: string;
  phone?: string;
}

/**
 * Writes the user's record in the team directory (`teamMember:<name>`) with the role and the
 * profile given, keeping what was there; validated like any record before anything is written.
 * A new user given no name gets no record (`noName`): a name is never invented.
 */
async function writeMemberRecord(
  http: CouchHttp,
  target: ServerTarget,
  name: string,
  role: TeamRole,
  profile: MemberProfile,
  clock: Clock,
): Promise<NonNullable<UserReport['member']>> {
  const path = `${encodeURIComponent(target.db)}/${encodeURIComponent(teamMemberId(name))}`;
  const current = await http.request('GET', path);
  if (current.status !== 200 && current.status !== 404) failed(`read ${path}`, current);
  const existing = current.status === 200 ? current.body : null;
  const given = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
  const before = existing
    ? Object.fromEntries(
        Object.entries(existing).filter(([k]) => k in entities.teamMember.fields.shape),
      )
    : {};
  const fields: Record<string, unknown> = { active: true, ...before, ...given, login: name, role };
  if (!existing && !fields.nameZh && !fields.nameEn) return 'noName';
  const parsed = entities.teamMember.input.safeParse(fields);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, ['member']);
  if (existing && canonical(before) === canonical(parsed.data)) return 'unchanged';
  const at = clock.now().toISOString();
  const doc = {
    ...parsed.data,
    _id: teamMemberId(name),
    ...(existing ? { _rev: existing._rev } : {}),
    type: 'teamMember',
    accountId: TEAM_ACCOUNT_ID,
    schemaVersion: SCHEMA_VERSION,
    createdAt: (existing?.createdAt as string | undefined) ?? at,
    createdBy: (existing?.createdBy as string | undefined) ?? target.admin.user,
    updatedAt: at,
    updatedBy: target.admin.user,
  };
  const put = await http.request('PUT', path, doc);
  if (put.status !== 201 && put.status !== 202) failed(`write ${path}`, put);
  return existing ? 'updated' : 'created';
}

/**
 * Creates a user, or sets an existing user's role and password (keeping their accounts), and
 * writes their team member record with the names given.
 */
export async function addUser(
  target: ServerTarget,
  name: string,
  role: TeamRole,
  password: string,
  profile: MemberProfile = {},
  clock: Clock = systemClock,
): Promise<UserReport> {
  if (!TEAM_ROLES.includes(role)) throw new Error(`unknown role ${role}`);
  const http = new CouchHttp(target.url, target.admin);
  // The record is checked first, so a bad e-mail writes neither the user nor the record.
  const profileCheck = entities.teamMember.input.safeParse({
    nameEn: 'check',
    ...Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)),
    login: name,
    role,
  });
  if (!profileCheck.success) throw fromZodIssues(profileCheck.error.issues, ['member']);
  const current = await http.request('GET', userPath(name));
  if (current.status !== 200 && current.status !== 404) failed(`read user ${name}`, current);
  const existing = current.status === 200 ? current.body : null;
  const kept = ((existing?.roles as string[] | undefined) ?? []).filter(
    (r) => !(TEAM_ROLES as readonly string[]).includes(r),
  );
  const roles = [role, ...kept];
  const doc = {
    _id: `org.couchdb.user:${name}`,
    ...(existing ? { _rev: existing._rev } : {}),
    name,
    type: 'user',
    roles,
    password,
  };
  const put = await http.request('PUT', userPath(name), doc);
  if (put.status !== 201 && put.status !== 202) failed(`write user ${name}`, put);
  const stored = await http.request('GET', userPath(name));
  if (stored.status !== 200) failed(`read user ${name}`, stored);
  const passwordHash = {
    scheme: String(stored.body.password_scheme ?? 'none'),
    // CouchDB's PRF for pbkdf2 documents that name none is SHA-1.
    prf: String(stored.body.pbkdf2_prf ?? 'sha1'),
    iterations: typeof stored.body.iterations === 'number' ? stored.body.iterations : null,
  };
  const member = await writeMemberRecord(http, target, name, role, profile, clock);
  return { name, roles, created: !existing, passwordHash, member };
}

/** Gives a user write authority over one account (the CouchDB role `acct:<key>`). */
export async function assignAccount(
  target: ServerTarget,
  accountId: string,
  name: string,
  remove = false,
): Promise<UserReport> {
  const role = accountRole(accountKeyOf(accountId));
  const http = new CouchHttp(target.url, target.admin);
  const current = await http.request('GET', userPath(name));
  if (current.status === 404) {
    throw apiError('NOT_FOUND', 'sync.error.noSuchUser', `no user ${name} on the server`, { name });
  }
  if (current.status !== 200) failed(`read user ${name}`, current);
  const before = (current.body.roles as string[] | undefined) ?? [];
  const roles = remove ? before.filter((r) => r !== role) : [...new Set([...before, role])];
  if (roles.length !== before.length) {
    const put = await http.request('PUT', userPath(name), { ...current.body, roles });
    if (put.status !== 201 && put.status !== 202) failed(`write user ${name}`, put);
  }
  return { name, roles, created: false };
}

export interface RolesFromAccountsReport {
  /** Per user, the account roles added. */
  granted: Record<string, string[]>;
  /** Names on accounts (owner, consultant, assignees) with no user on the server. */
  unknownUsers: string[];
  accounts: number;
}

/**
 * Grants each account's people write authority on the server: the owner CSM, the consultant
 * and the assignees of every account document get its `acct:<key>` role. Adds only; a manual
 * assignment is never taken away.
 */
export async function rolesFromAccounts(target: ServerTarget): Promise<RolesFromAccountsReport> {
  const http = new CouchHttp(target.url, target.admin, 120_000);
  const range = `startkey=${encodeURIComponent('"account:"')}&endkey=${encodeURIComponent('"account:\uffff"')}`;
  const accounts = await http.request(
    'GET',
    `${encodeURIComponent(target.db)}/_all_docs?include_docs=true&${range}`,
  );
  if (accounts.status !== 200) failed('read accounts', accounts);
  const wanted = new Map<string, Set<string>>();
  const rows = (accounts.body.rows ?? []) as { id: string; doc?: Record<string, unknown> }[];
  for (const row of rows) {
    const doc = row.doc ?? {};
    const people = [doc.ownerCsm, doc.consultant, ...((doc.assignees as unknown[]) ?? [])];
    for (const person of people) {
      if (typeof person !== 'string' || !person) continue;
      if (!wanted.has(person)) wanted.set(person, new Set());
      wanted.get(person)!.add(accountRole(accountKeyOf(row.id)));
    }
  }
  const report: RolesFromAccountsReport = { granted: {}, unknownUsers: [], accounts: rows.length };
  for (const [name, roles] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    const current = await http.request('GET', userPath(name));
    if (current.status === 404) {
      report.unknownUsers.push(name);
      continue;
    }
    if (current.status !== 200) failed(`read user ${name}`, current);
    const before = (current.body.roles as string[] | undefined) ?? [];
    const added = [...roles].filter((r) => !before.includes(r)).sort();
    if (added.length === 0) continue;
    const put = await http.request('PUT', userPath(name), {
      ...current.body,
      roles: [...before, ...added],
    });
    if (put.status !== 201 && put.status !== 202) failed(`write user ${name}`, put);
    report.granted[name] = added;
  }
  return report;
}
