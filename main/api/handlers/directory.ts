// The directory of people: list, get, create and update team members, and the identity of the
// person using this workbench (first run asks; the choice is remembered beside the store).
import type { Identity, TeamMember } from '../../../shared/api/directory';
import { apiError, fromZodIssues } from '../../../shared/api/errors';
import { entities } from '../../../shared/domain/entities';
import { teamMemberId } from '../../../shared/domain/entities/teamMember';
import { TEAM_ACCOUNT_ID } from '../../../shared/domain/ids';
import { loadMembers } from '../../people/directory';
import type { Doc } from '../../store/documentWriter';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';
import { applyChanges } from './entities';

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

/** Writes a member's record through the one writer (team members have no timeline). */
async function put(
  ctx: BackendContext,
  actor: Actor,
  login: string,
  fields: Record<string, unknown>,
  base: TeamMember | null,
  prefix: (string | number)[],
): Promise<TeamMember> {
  const { docs } = await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'teamMember',
        accountId: TEAM_ACCOUNT_ID,
        id: teamMemberId(login),
        base: base as unknown as Doc | null,
        fields,
      },
    ],
    path: prefix,
  });
  return docs[0] as unknown as TeamMember;
}

/** Creates a member; the login must be new. `prefix` is where the fields sit in the input. */
export async function createMember(
  ctx: BackendContext,
  actor: Actor,
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
  return put(ctx, actor, login, fields, null, prefix);
}

async function updateMember(
  ctx: BackendContext,
  input: { login: string; rev: string; changes: Record<string, unknown> },
  actor: Actor,
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
  const merged = applyChanges(
    'teamMember',
    current as unknown as Record<string, unknown>,
    input.changes,
    ['login', '_conflicts'],
  );
  const fields = validated(merged, ['changes']);
  return put(ctx, actor, input.login, fields, current, ['changes']);
}

export function identityOf(ctx: BackendContext, _input: unknown, actor: Actor): Identity {
  const source = actor.source as Identity['source'];
  return {
    login: actor.login,
    source,
    chosen: source !== 'system',
    member: findMember(ctx, actor.login),
  };
}

/** Remembers who uses this workbench (creating their record when they typed a new name). */
async function setIdentity(
  ctx: BackendContext,
  input: { login: string; member?: Record<string, unknown> },
  actor: Actor,
): Promise<Identity> {
  if (input.member) {
    // Offline, the person writes their own record; signed in, the server's user is the author.
    const author: Actor =
      actor.source === 'server' ? actor : { login: input.login, source: 'remembered' };
    await createMember(ctx, author, { ...input.member, login: input.login }, ['member']);
  } else {
    getMember(ctx, input.login);
  }
  ctx.rememberedUser.remember(input.login);
  return identityOf(ctx, input, ctx.identity.resolve());
}

export const directoryHandlers: Record<string, Handler> = {
  'directory.list': (ctx: BackendContext) => ({ members: loadMembers(ctx.queries) }),
  'directory.get': (ctx: BackendContext, input: { login: string }) => getMember(ctx, input.login),
  'directory.create': (ctx: BackendContext, input: { data: unknown }, actor: Actor) =>
    createMember(ctx, actor, input.data),
  'directory.update': updateMember,
  'app.identity': identityOf,
  'app.setIdentity': setIdentity,
};
