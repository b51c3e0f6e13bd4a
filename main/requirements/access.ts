// Who may decide a requirement's status, solution and the priority model: the CS manager or a
// product manager. The team server enforces it for every replicated write (main/sync); here
// the workbench refuses early with the same words when its directory says the user is neither.
// A workbench without the user in its directory (working alone) is not refused: there is no
// team whose roles it could check.
import { apiError } from '../../shared/api/errors';
import { teamMemberId } from '../../shared/domain/entities/teamMember';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';

export const PRODUCT_DECIDERS: readonly string[] = ['manager', 'product'];

export function isProductDecider(ctx: BackendContext, actor: Actor): boolean {
  const member = ctx.queries.getDoc(teamMemberId(actor.login));
  if (!member) return true;
  return PRODUCT_DECIDERS.includes(String(member.role));
}

export function assertProductRole(ctx: BackendContext, actor: Actor): void {
  if (!isProductDecider(ctx, actor))
    throw apiError(
      'FORBIDDEN',
      'requirement.error.managerOnly',
      `${actor.login} is neither the CS manager nor a product manager`,
    );
}
