// Rules a write of one type applies beyond its schema, because they read or move other
// documents or the backend's own state: the readable issue number, a renewal outcome's contract
// status and account lifecycle, a signed handover's signatures after an edit, deliverables
// against the start of the SOW's contract, and the author and time of new comments and
// signatures (shared/rules/stamps.ts). Called by the generic create and update handlers.
import { apiError } from '../../../shared/api/errors';
import type { EntityType } from '../../../shared/domain/entities';
import type { RenewalOutcome } from '../../../shared/domain/entities/contract';
import type { lifecycleStages } from '../../../shared/domain/entities/account';
import { signOffAfterEdit } from '../../../shared/rules/handoverSignOff';
import { stampEntries } from '../../../shared/rules/stamps';
import { issueNumberTag, nextIssueNumber } from '../../../shared/rules/issues';
import {
  CONTRACT_STATUS_AFTER_OUTCOME,
  lifecycleAfterRenewal,
  type ContractTerm,
} from '../../../shared/rules/renewal';
import type { PutChange } from '../../store/documentWriter';
import { fieldsOf } from '../../store/documentWriter';
import type { BackendContext } from '../context';
import type { Actor } from '../identity';

type Fields = Record<string, unknown>;
type Doc = Fields & { _id: string; _rev?: string; type: string; accountId: string };

/** Fields only the backend sets, per type: refused from a caller on create and update. */
export const BACKEND_OWNED_FIELDS: Partial<Record<EntityType, readonly string[]>> = {
  issue: ['number', 'numberTag'],
};

export interface Prepared {
  fields: Fields;
  /** Other documents the same write changes (the account a renewal outcome moves). */
  also: PutChange[];
}

const validation = (path: (string | number)[], messageKey: string, message: string) =>
  apiError('VALIDATION', messageKey as never, message, {}, path);

/**
 * Issue numbers are handed out one at a time per workbench: the read of the highest number and
 * the write of the new issue must not interleave with another create.
 */
let numbering: Promise<unknown> = Promise.resolve();
export function serializeNumbering<T>(work: () => Promise<T>): Promise<T> {
  const run = numbering.then(work, work);
  numbering = run.catch(() => undefined);
  return run;
}

/** The fields of a write of `type` with the type's backend rules applied. */
export function prepareWrite(
  ctx: BackendContext,
  type: EntityType,
  accountId: string,
  base: Doc | null,
  fields: Fields,
  actor: Actor,
  pathRoot: 'data' | 'changes',
): Prepared {
  // Author and time of a new comment or signature: the acting user and the one clock.
  fields = stampEntries(type, base ? fieldsOf(base) : null, fields, {
    by: actor.login,
    at: ctx.now().toISOString(),
  });
  if (type === 'issue' && !base) {
    return {
      fields: {
        ...fields,
        number: nextIssueNumber([ctx.queries.highestIssueNumber(accountId)]),
        numberTag: issueNumberTag(actor.login),
      },
      also: [],
    };
  }
  if (type === 'handover' && base) {
    const { signOff } = signOffAfterEdit(fieldsOf(base), fields);
    return { fields: { ...fields, signOff }, also: [] };
  }
  if (type === 'sow') {
    checkSowAgainstContract(ctx, accountId, fields, pathRoot);
    return { fields, also: [] };
  }
  if (type === 'contract') return renewalEffects(ctx, accountId, base, fields, pathRoot);
  return { fields, also: [] };
}

function checkSowAgainstContract(
  ctx: BackendContext,
  accountId: string,
  fields: Fields,
  pathRoot: string,
): void {
  const contractId = fields.contractId;
  if (typeof contractId !== 'string') return;
  const contract = ctx.queries.getDoc(contractId) as Doc | null;
  if (!contract || contract.type !== 'contract' || contract.accountId !== accountId) {
    throw validation(
      [pathRoot, 'contractId'],
      'validation.contractNotOnAccount',
      `${contractId} is not a contract of this account`,
    );
  }
  const start = String(contract.startDate);
  const deliverables = Array.isArray(fields.deliverables) ? (fields.deliverables as Fields[]) : [];
  deliverables.forEach((d, i) => {
    if (typeof d.dueDate === 'string' && d.dueDate < start) {
      throw validation(
        [pathRoot, 'deliverables', i, 'dueDate'],
        'validation.deliverableDueBeforeContractStart',
        `the deliverable is due before the contract starts (${start})`,
      );
    }
  });
}

/**
 * A recorded renewal outcome: the contract stops counting as active (renewed, or expired when
 * churned) and the account's lifecycle follows (shared/rules/renewal.ts), in the same write.
 */
function renewalEffects(
  ctx: BackendContext,
  accountId: string,
  base: Doc | null,
  fields: Fields,
  pathRoot: string,
): Prepared {
  const renewal = fields.renewal as
    | {
        outcome?: RenewalOutcome;
        reason?: string;
        decidedOn?: string;
        successorContractId?: string;
      }
    | undefined;
  const before = (base?.renewal as { outcome?: RenewalOutcome } | undefined)?.outcome;
  const outcome = renewal?.outcome;
  if (renewal?.successorContractId) {
    const successor = ctx.queries.getDoc(renewal.successorContractId) as Doc | null;
    if (
      !successor ||
      successor.type !== 'contract' ||
      successor.accountId !== accountId ||
      successor._id === base?._id
    ) {
      throw validation(
        [pathRoot, 'renewal', 'successorContractId'],
        'validation.successorNotFound',
        'the successor is not another contract of this account',
      );
    }
  }
  if (!outcome || outcome === before) return { fields, also: [] };
  const next = { ...fields, status: CONTRACT_STATUS_AFTER_OUTCOME[outcome] };
  const account = ctx.queries.getDoc(accountId) as Doc | null;
  if (!account) return { fields: next, also: [] };
  const others = ctx.queries
    .accountDocs(accountId)
    .filter((d) => d.type === 'contract' && d._id !== base?._id) as unknown as ContractTerm[];
  const change = lifecycleAfterRenewal(
    outcome,
    account.lifecycleStage as (typeof lifecycleStages)[number],
    [...others, next as unknown as ContractTerm],
    renewal?.reason,
    renewal?.decidedOn ?? ctx.clock.today(),
  );
  if (!change) return { fields: next, also: [] };
  const accountFields: Fields = { ...fieldsOf(account), ...change };
  if (change.lifecycleStage !== 'churned') {
    delete accountFields.churnReason;
    delete accountFields.churnedOn;
  }
  return {
    fields: next,
    also: [{ kind: 'put', type: 'account', accountId, base: account, fields: accountFields }],
  };
}
