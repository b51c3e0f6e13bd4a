// Hand-made accounts written through the real API, for the health integration tests.
import { dayFrom } from '../../helpers/clock';
import type { Backend } from '../../../main/backend';

export async function makeAccount(
  b: Backend,
  fields: { name: string; tier: 'strategic' | 'ordinary' | 'micro'; ownerCsm?: string },
): Promise<string> {
  const account = await b.call('account.create', {
    data: { ownerCsm: 'li.na', region: '华东', industry: '制造', ...fields },
  });
  return account._id;
}

export async function addContract(
  b: Backend,
  accountId: string,
  c: { startDate: string; endDate: string; amount: number; status?: string; paid?: boolean },
): Promise<string> {
  const doc = await b.call('contract.create', {
    accountId,
    data: {
      contractNo: `HT-${c.startDate}`,
      products: [{ name: 'CRM', quantity: 10, unitPrice: 100 }],
      ...c,
    } as never,
  });
  return doc._id;
}

export async function addUsage(
  b: Backend,
  accountId: string,
  date: string,
  seats: number,
  activated: number,
  active = activated,
): Promise<void> {
  await b.call('usageReading.create', {
    accountId,
    data: {
      date,
      purchasedSeats: seats,
      importedUsers: seats,
      activatedUsers: activated,
      activeUsers: active,
    },
  });
}

export async function addPerson(
  b: Backend,
  accountId: string,
  name: string,
  role: 'decisionMaker' | 'champion',
  stance: 'supportive' | 'neutral' | 'opposed' = 'supportive',
): Promise<{ _id: string }> {
  return b.call('contact.create', {
    accountId,
    data: { name, roles: [role], stance },
  });
}

export async function addVisit(b: Backend, accountId: string, date: string): Promise<void> {
  await b.call('visit.create', {
    accountId,
    data: { purpose: '季度回顾', date, status: 'done', minutes: '回顾进展' },
  });
}

export async function addNps(
  b: Backend,
  accountId: string,
  date: string,
  score: number,
  who = '王总',
) {
  await b.call('survey.create', {
    accountId,
    data: { kind: 'nps', date, respondent: who, score },
  });
}

/** A strategic account in good shape on the tests' today. */
export async function greenAccount(b: Backend, name = '绿色科技'): Promise<string> {
  const id = await makeAccount(b, { name, tier: 'strategic' });
  await addContract(b, id, { startDate: dayFrom(-326), endDate: dayFrom(403), amount: 200_000 });
  await addUsage(b, id, dayFrom(-90), 100, 85, 70);
  await addUsage(b, id, dayFrom(-3), 100, 90, 80);
  await addPerson(b, id, '王总', 'decisionMaker');
  await addPerson(b, id, '李经理', 'champion');
  await addVisit(b, id, dayFrom(-13));
  await addNps(b, id, dayFrom(-53), 10);
  return id;
}

/** A strategic account in trouble on the tests' today. */
export async function redAccount(b: Backend, name = '红色制造'): Promise<string> {
  const id = await makeAccount(b, { name, tier: 'strategic' });
  await addContract(b, id, {
    startDate: dayFrom(-326),
    endDate: dayFrom(17),
    amount: 100_000,
    paid: false,
  });
  await addUsage(b, id, dayFrom(-90), 100, 20, 30);
  await addUsage(b, id, dayFrom(-3), 100, 10, 8);
  await addVisit(b, id, dayFrom(-145));
  await addNps(b, id, dayFrom(-53), 3);
  return id;
}
