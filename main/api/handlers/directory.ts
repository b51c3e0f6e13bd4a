// The directory of people: list, get, create and update team members, and the identity of the
// person using this workbench (first run asks; the choice is remembered beside the store).
import type { Identity, TeamMember } from '../../../shared/api/directory';
import { apiError, fromZodIssues } from '../../../shared/api/errors';
import { SCHEMA_VERSION, SYSTEM_FIELD_NAMES } from '../../../shared/domain/common';
import { entities } from '../../../shared/domain/entities';
import { teamMemberId } from '../../../shared/domain/entities/teamMember';
import { TEAM_ACCOUNT_ID } from '../../../shared/domain/ids';
import { loadMembers } from '../../people/directory';
import { rememberLogin } from '../../people/rememberedIdentity';
import { startedSyncService } from '../../sync/service';
import type { BackendContext, Handler } from '../context';

const SYSTEM = new Set<string>([...SYSTEM_FIELD_NAMES, '_conflicts']);

function findMember(ctx: BackendContext, login: string): TeamMember | null {
  const doc = ctx.queries.getDoc(teamMemberId(login));
  return doc && doc.type === 'teamMember' ? (doc as unknown as TeamMember) : null;
}

function getMember(ctx: BackendContext, login: string): TeamMember {
  const member = findMember(ctx, login);
  if (!member) {
    throw apiError(
      'NOT_FOUND',
      'directory.error.noSuchMember',
      `no team member ${login}`,
      { login },
      ['login'],
    );
  }
  return member;
}

function validated(data: unknown, prefix: (string | number)[]): Record<string, unknown> {
  const parsed = entities.teamMember.input.safeParse(data);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, prefix);
  return parsed.data as Record<string, unknown>;
}

async function put(ctx: BackendContext, doc: Record<string, unknown> & { _id: string }) {
  const [result] = await ctx.store.write([doc]);
  if (!result.ok) {
    if (result.status === 409) {
      const current = ctx.queries.getDoc(doc._id);
      throw apiError(
        'CONFLICT',
        'error.conflict',
        `stale revision of ${doc._id}`,
        { id: doc._id, currentRev: String(current?._rev ?? 'none') },
        ['rev'],
      );
    }
    throw apiError('INTERNAL', 'error.internal', result.message, { reason: result.message });
  }
  return { ...doc, _rev: result.rev } as unknown as TeamMember;
}

/** Creates a member; the login must be new. `prefix` is where the fields sit in the input. */
export async function createMember(
  ctx: BackendContext,
  data: unknown,
  prefix: (string | number)[] = ['data'],
): Promise<TeamMember> {
  const fields = validated(data, prefix);
  const login = String(fields.login);
  if (findMember(ctx, login)) {
    throw apiError(
      'CONFLICT',
      'directory.error.memberExists',
      `${login} is already in the directory`,
      { login },
      [...prefix, 'login'],
    );
  }
  const at = ctx.now().toISOString();
  return put(ctx, {
    ...fields,
    _id: teamMemberId(login),
    type: 'teamMember',
    accountId: TEAM_ACCOUNT_ID,
    schemaVersion: SCHEMA_VERSION,
    createdAt: at,
    createdBy: ctx.user,
    updatedAt: at,
    updatedBy: ctx.user,
  });
}

async function updateMember(
  ctx: BackendContext,
  input: { login: string; rev: string; changes: Record<string, unknown> },
): Promise<TeamMember> {
  const current = getMember(ctx, input.login);
  if (current._rev !== input.rev) {
    throw apiError(
      'CONFLICT',
      'error.conflict',
      `stale revision of ${current._id}`,
      { id: current._id, currentRev: String(current._rev) },
      ['rev'],
    );
  }
  const known = entities.teamMember.fields.shape as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(current)) if (!SYSTEM.has(k)) merged[k] = v;
  for (const [field, value] of Object.entries(input.changes)) {
    if (SYSTEM.has(field) || field === 'login') {
      throw apiError('VALIDATION', 'validation.readOnlyField', `${field} is read-only`, {}, [
        'changes',
        field,
      ]);
    }
    if (!(field in known)) {
      throw apiError('VALIDATION', 'validation.unknownField', `unknown field ${field}`, {}, [
        'changes',
        field,
      ]);
    }
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  const fields = validated(merged, ['changes']);
  return put(ctx, {
    ...fields,
    _id: current._id,
    _rev: current._rev,
    type: 'teamMember',
    accountId: TEAM_ACCOUNT_ID,
    schemaVersion: SCHEMA_VERSION,
    createdAt: current.createdAt,
    createdBy: current.createdBy,
    updatedAt: ctx.now().toISOString(),
    updatedBy: ctx.user,
  });
}

export function identityOf(ctx: BackendContext): Identity {
  const signedIn = startedSyncService(ctx)?.connected === true;
  const source = signedIn ? 'server' : (ctx.userSource ?? 'given');
  return {
    login: ctx.user,
    source,
    chosen: source !== 'system',
    member: findMember(ctx, ctx.user),
  };
}

/** Remembers who uses this workbench (creating their record when they typed a new name). */
async function setIdentity(
  ctx: BackendContext,
  input: { login: string; member?: Record<string, unknown> },
): Promise<Identity> {
  if (input.member) {
    const sync = startedSyncService(ctx);
    const previous = ctx.user;
    // Offline, the person writes their own record; signed in, the server's user is the author.
    if (!sync?.connected) ctx.user = input.login;
    try {
      await createMember(ctx, { ...input.member, login: input.login }, ['member']);
    } finally {
      ctx.user = previous;
    }
  } else {
    getMember(ctx, input.login);
  }
  rememberLogin(ctx.store.dataDir, input.login);
  const sync = startedSyncService(ctx);
  if (sync) sync.useLocalUser(input.login);
  else ctx.user = input.login;
  ctx.userSource = 'remembered';
  return identityOf(ctx);
}

export const directoryHandlers: Record<string, Handler> = {
  'directory.list': (ctx: BackendContext) => ({ members: loadMembers(ctx.queries) }),
  'directory.get': (ctx: BackendContext, input: { login: string }) => getMember(ctx, input.login),
  'directory.create': (ctx: BackendContext, input: { data: unknown }) =>
    createMember(ctx, input.data),
  'directory.update': updateMember,
  'app.identity': identityOf,
  'app.setIdentity': setIdentity,
};
