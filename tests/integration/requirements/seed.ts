// Accounts, contracts and contacts for the requirements tests, written through the real API.
import type { Backend } from '../../../main/backend';
import { ApiFailure } from '../../../shared/api/errors';
import { dayFrom } from '../../helpers/clock';
import { addContract, makeAccount } from '../health/seed';

export interface SeededAccount {
  id: string;
  contactId: string;
}

/** An account of `tier` with an active contract worth `arr` a year (none when 0) and a contact. */
export async function payingAccount(
  b: Backend,
  name: string,
  tier: 'strategic' | 'ordinary' | 'micro',
  arr: number,
  role: 'decisionMaker' | 'keyUser' | 'champion' = 'keyUser',
  renewalInDays = 300,
): Promise<SeededAccount> {
  const id = await makeAccount(b, { name, tier });
  if (arr > 0)
    await addContract(b, id, {
      startDate: dayFrom(renewalInDays - 364),
      endDate: dayFrom(renewalInDays),
      amount: arr,
      status: 'active',
    });
  const contact = await b.call('contact.create', {
    accountId: id,
    data: { name: `${name}联系人`, roles: [role] },
  });
  return { id, contactId: contact._id };
}

export async function refusal(p: Promise<unknown>): Promise<ApiFailure> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof ApiFailure))
    throw new Error(`expected a refusal, got ${String(outcome)}`);
  return outcome;
}
