import { demoBatches } from '../../../../main/demo/generate';
import { entities, isEntityType } from '../../../../shared/domain/entities';
import { parseDocId } from '../../../../shared/domain/ids';
import { TODAY } from '../../../helpers/clock';

const opts = { seed: 42, today: TODAY, user: 'zhang.wei' };
const docs = [...demoBatches(40, opts, 15)].flat();

describe('demo data', () => {
  it('is valid against the entity schemas, every document', () => {
    const failures = docs.flatMap((doc) => {
      if (!isEntityType(doc.type)) return [`${doc._id}: unknown type`];
      const result = entities[doc.type].doc.safeParse(JSON.parse(JSON.stringify(doc)));
      return result.success ? [] : [`${doc._id}: ${JSON.stringify(result.error.issues[0])}`];
    });
    expect(failures).toEqual([]);
  });

  it('gives every document an id carrying its account', () => {
    for (const doc of docs)
      expect(parseDocId(doc._id)).toEqual({ type: doc.type, accountId: doc.accountId });
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
  });

  it('covers every tier, both languages and the records a CSM keeps', () => {
    const accounts = docs.filter((d) => d.type === 'account');
    expect(accounts).toHaveLength(40);
    expect(new Set(accounts.map((a) => a.tier))).toEqual(
      new Set(['strategic', 'ordinary', 'micro']),
    );
    expect(accounts.some((a) => /[\u4e00-\u9fff]/.test(String(a.name)))).toBe(true);
    expect(accounts.some((a) => /^[A-Za-z ]+\d+$/.test(String(a.name)))).toBe(true);
    const types = new Set(docs.map((d) => d.type));
    for (const type of [
      'contract',
      'contact',
      'handover',
      'sow',
      'projectPlan',
      'successPlan',
      'issue',
      'visit',
      'touchpoint',
      'usageReading',
      'survey',
    ]) {
      expect([type, types.has(type as never)]).toEqual([type, true]);
    }
    expect(docs.length / accounts.length).toBeGreaterThan(35);
  });

  it('is the same for the same seed and clock, different for another seed', () => {
    const again = [...demoBatches(40, opts, 7)].flat();
    expect(again).toEqual(docs);
    const other = [...demoBatches(40, { ...opts, seed: 43 }, 15)].flat();
    expect(other[0]._id).not.toBe(docs[0]._id);
  });

  it('renews ended contracts (some with upsell) or churns the account with a reason', () => {
    const accounts = [...demoBatches(200, opts, 50)].flat();
    const byAccount = new Map<string, typeof accounts>();
    for (const d of accounts)
      byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
    let renewed = 0;
    let upsold = 0;
    let churned = 0;
    for (const docs of byAccount.values()) {
      const account = docs.find((d) => d.type === 'account')!;
      const contracts = docs
        .filter((d) => d.type === 'contract')
        .sort((a, b) => String(a.startDate).localeCompare(String(b.startDate)));
      const [first, successor] = contracts;
      const ended = String(first.endDate) < TODAY;
      if (account.lifecycleStage === 'churned') {
        churned++;
        expect([ended, contracts.length, typeof account.churnReason]).toEqual([true, 1, 'string']);
        expect(account.churnedOn).toBe(first.endDate);
      } else if (ended) {
        renewed++;
        // The successor starts the day after the ended one and is still running.
        expect(first.status).toBe('renewed');
        expect(successor).toMatchObject({ status: 'active' });
        expect(Date.parse(String(successor.startDate)) - Date.parse(String(first.endDate))).toBe(
          86_400_000,
        );
        expect(String(successor.endDate) >= TODAY).toBe(true);
        const seats = (c: typeof first) => (c.products as { quantity: number }[])[0].quantity;
        if (seats(successor) > seats(first)) upsold++;
      } else {
        expect(contracts).toHaveLength(1);
      }
    }
    expect(renewed).toBeGreaterThan(churned * 3);
    expect(churned).toBeGreaterThan(0);
    expect(upsold).toBeGreaterThan(0);
  });
});
