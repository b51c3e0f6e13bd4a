import { demoBatches } from '../../../../main/demo/generate';
import { DemoRequirements, demoRequirementCount } from '../../../../main/demo/requirements';
import { entities, isEntityType } from '../../../../shared/domain/entities';
import { parseDocId } from '../../../../shared/domain/ids';
import { TODAY } from '../../../helpers/clock';

const opts = { seed: 42, today: TODAY, user: 'zhang.wei' };

function demo(accounts: number, seed = opts.seed) {
  const library = new DemoRequirements({ ...opts, seed }, accounts);
  const accountDocs = [...demoBatches(accounts, { ...opts, seed }, 50)].flat();
  const byAccount = new Map<string, typeof accountDocs>();
  for (const doc of accountDocs)
    byAccount.set(doc.accountId, [...(byAccount.get(doc.accountId) ?? []), doc]);
  const extra = [...byAccount.values()].flatMap((docs) => library.asksFor(docs));
  return { requirements: library.requirementDocs(), extra, accountDocs };
}

describe('demo requirements library', () => {
  const { requirements, extra, accountDocs } = demo(300);
  const asks = extra.filter((d) => d.type === 'requirementAsk');

  it('is valid against the entity schemas, every document, with ids carrying their account', () => {
    const failures = [...requirements, ...extra].flatMap((doc) => {
      if (!isEntityType(doc.type)) return [`${doc._id}: unknown type`];
      const result = entities[doc.type].doc.safeParse(JSON.parse(JSON.stringify(doc)));
      return result.success ? [] : [`${doc._id}: ${JSON.stringify(result.error.issues[0])}`];
    });
    expect(failures).toEqual([]);
    for (const doc of [...requirements, ...extra])
      expect(parseDocId(doc._id)).toEqual({ type: doc.type, accountId: doc.accountId });
    expect(requirements.every((r) => r.accountId === 'account:TEAM')).toBe(true);
  });

  it('has a realistic spread: many-account needs, declined, released and told', () => {
    expect(requirements).toHaveLength(demoRequirementCount(300));
    const statuses = new Set(requirements.map((r) => r.status));
    for (const s of [
      'collected',
      'underReview',
      'planned',
      'released',
      'customersTold',
      'declined',
    ])
      expect([s, statuses.has(s)]).toEqual([s, true]);
    const perRequirement = new Map<string, Set<string>>();
    for (const a of asks) {
      const set = perRequirement.get(String(a.requirementId)) ?? new Set<string>();
      set.add(a.accountId);
      perRequirement.set(String(a.requirementId), set);
    }
    const sizes = [...perRequirement.values()].map((s) => s.size).sort((x, y) => y - x);
    // A few needs asked by many accounts, most by one or two.
    expect(sizes[0]).toBeGreaterThanOrEqual(10);
    expect(sizes.filter((n) => n <= 2).length).toBeGreaterThan(sizes.length / 2);
    const told = asks.filter((a) => a.toldOn);
    expect(told.length).toBeGreaterThan(0);
    // Told asks have their touchpoint; released, untold ones an open "tell the customer" task.
    const ids = new Set(extra.map((d) => d._id));
    expect(told.every((a) => ids.has(String(a.toldTouchpointId)))).toBe(true);
    const tasks = extra.filter((d) => d.type === 'task');
    expect(tasks.length).toBeGreaterThan(0);
    const byId = new Map(requirements.map((r) => [r._id, r]));
    for (const task of tasks) {
      const origin = task.origin as { requirementId: string; askId: string };
      expect(byId.get(origin.requirementId)?.status).toBe('released');
      expect(asks.find((a) => a._id === origin.askId)?.toldOn).toBeUndefined();
    }
    // Every ask of a requirement marked customersTold has been told.
    for (const a of asks)
      if (byId.get(String(a.requirementId))?.status === 'customersTold')
        expect(a.toldOn).toBeDefined();
    expect(asks.some((a) => (a.confirmation as { status?: string })?.status === 'rejected')).toBe(
      true,
    );
    expect(requirements.filter((r) => r.status === 'declined').every((r) => r.declineReason)).toBe(
      true,
    );
  });

  it("links asks to the account's own contacts, issues and visits", () => {
    const own = new Map(accountDocs.map((d) => [d._id, d.accountId]));
    for (const a of asks) {
      if (a.contactId) expect(own.get(String(a.contactId))).toBe(a.accountId);
      if (a.sourceId) expect(own.get(String(a.sourceId))).toBe(a.accountId);
    }
    expect(asks.filter((a) => a.sourceType === 'issue').length).toBeGreaterThan(0);
    expect(asks.filter((a) => a.sourceType === 'visit').length).toBeGreaterThan(0);
  });

  it("is the same for the same seed, and leaves the accounts' documents as they were", () => {
    const small = JSON.stringify(demo(60));
    expect(JSON.stringify(demo(60))).toBe(small);
    expect(JSON.stringify(demo(60).accountDocs)).toBe(
      JSON.stringify([...demoBatches(60, opts, 50)].flat()),
    );
    expect(demo(60, 43).requirements[0]._id).not.toBe(demo(60).requirements[0]._id);
  });
});
