// A member of the team: the person behind a login. Team-wide (on the reserved TEAM account), so
// it replicates with the team like every document; the login is the id's key.
import { z } from 'zod';
import { customIssue, shortText } from '../common';

/**
 * The team server's roles (`product`: the product team, which decides the requirements library),
 * and `sales` for sales owners (named on accounts, no server user).
 */
export const teamRoles = ['csm', 'consultant', 'manager', 'product', 'sales'] as const;

/** A login as the team server knows it: `li.na`, `huang.tao`. No `:`, no spaces. */
export const loginSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'login');

export const TEAM_MEMBER_PREFIX = 'teamMember:';

export function teamMemberId(login: string): string {
  return `${TEAM_MEMBER_PREFIX}${login}`;
}

export const teamMemberFields = z.strictObject({
  login: loginSchema,
  nameZh: shortText.optional(),
  nameEn: shortText.optional(),
  title: shortText.optional(),
  email: z.email().max(200).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+()\- ]{3,40}$/, 'phone')
    .optional(),
  role: z.enum(teamRoles).default('csm'),
  active: z.boolean().default(true),
  /**
   * The person's saved views of the account list, on this record so they replicate with the
   * team. `view` is the view as JSON (filters, sort, columns): shared/api/accounts.ts checks its
   * shape when one is saved and when it is read back.
   */
  savedViews: z
    .array(z.strictObject({ name: shortText, view: z.string().max(10_000) }))
    .max(50)
    .optional(),
});

export function refineTeamMember(m: z.output<typeof teamMemberFields>, ctx: z.RefinementCtx): void {
  if (!m.nameZh && !m.nameEn) {
    customIssue(
      ctx,
      ['nameZh'],
      'validation.memberNameRequired',
      'a team member needs a Chinese or an English name',
    );
  }
}
