// The directory of people (team members) and who the user of this workbench is.
import { z } from 'zod';
import type { EntityDoc, EntityInput } from '../domain/entities';
import { loginSchema } from '../domain/entities/teamMember';
import type { MethodSpec } from './spec';

const revInput = z.string().regex(/^\d+-[0-9a-f]+$/, 'revision');
const memberData = z.record(z.string(), z.unknown());

export const directoryContract: Record<string, MethodSpec> = {
  'directory.list': { input: z.strictObject({}), access: 'read' },
  'directory.get': { input: z.strictObject({ login: loginSchema }), access: 'read' },
  'directory.create': { input: z.strictObject({ data: memberData }), access: 'write' },
  'directory.update': {
    input: z.strictObject({
      login: loginSchema,
      rev: revInput,
      /** Top-level fields to replace; null removes an optional field. The login never changes. */
      changes: memberData,
    }),
    access: 'write',
  },
  'app.identity': { input: z.strictObject({}), access: 'read' },
  'app.setIdentity': {
    input: z.strictObject({
      login: loginSchema,
      /** A person not yet in the directory: their record, created with the login above. */
      member: memberData.optional(),
    }),
    access: 'write',
  },
};

export type TeamMember = EntityDoc<'teamMember'>;

/**
 * Where the acting user comes from: `given` (--user or CSM_USER), `remembered` (chosen on this
 * workbench), `system` (the OS login: nobody has said who they are yet), `server` (signed in to
 * the team server, which wins while connected).
 */
export type IdentitySource = 'given' | 'remembered' | 'system' | 'server';

export interface Identity {
  login: string;
  source: IdentitySource;
  /** False until someone has said who uses this workbench: the app then asks. */
  chosen: boolean;
  member: TeamMember | null;
}

export type DirectoryMethods = {
  'directory.list': { input: Record<string, never>; output: { members: TeamMember[] } };
  'directory.get': { input: { login: string }; output: TeamMember };
  'directory.create': { input: { data: EntityInput<'teamMember'> }; output: TeamMember };
  'directory.update': {
    input: {
      login: string;
      rev: string;
      changes: {
        [F in keyof EntityInput<'teamMember'>]?: EntityInput<'teamMember'>[F] | null;
      };
    };
    output: TeamMember;
  };
  'app.identity': { input: Record<string, never>; output: Identity };
  'app.setIdentity': {
    input: { login: string; member?: Omit<EntityInput<'teamMember'>, 'login'> };
    output: Identity;
  };
};
