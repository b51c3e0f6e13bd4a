// The board's `renewingSoon` filter, done in the query: over the demo library its count equals a
// brute-force count from each requirement's asks (renewal within 90 days, from today), alone and
// with the portfolio's status and tier filters; and telling a customer records the channel used.
import type { Backend } from '../../../main/backend';
import { loadDemo } from '../../../main/demo/load';
import { RENEWAL_SOON_DAYS } from '../../../shared/api/requirements';
import { CLOSED_STATUSES, requirementStatuses } from '../../../shared/domain/entities/requirement';
import { dayFrom, testClock, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { payingAccount, refusal } from './seed';

jest.setTimeout(240_000);

let dir: string;
let b: Backend;

beforeAll(async () => {
  dir = tempDir('req-renewing');
  b = await openBackend(dir);
  await loadDemo(b.ctx.store, 60, { seed: 11, today: testClock.today(), user: 'zhang.wei' });
});
afterAll(async () => {
  await b.close();
  removeDir(dir);
});

const OPEN = requirementStatuses.filter((s) => !CLOSED_STATUSES.includes(s));
const until = dayFrom(RENEWAL_SOON_DAYS);

/** Every requirement of the list with its asks, read one by one (the brute force). */
async function everyRequirement() {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const page = await b.call('requirements.list', { offset, limit: 500 });
    for (const row of page.items) {
      const detail = await b.call('requirements.get', { id: row.id });
      out.push({ row, asks: detail.asks });
    }
    if (offset + 500 >= page.total) return out;
  }
}

async function allIds(filters: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 50) {
    const page = await b.call('requirements.list', {
      ...filters,
      renewingSoon: true,
      offset,
      limit: 50,
    } as never);
    ids.push(...page.items.map((r) => r.id));
    if (offset + 50 >= page.total) {
      expect(ids).toHaveLength(page.total);
      return ids.sort();
    }
  }
}

it('counts exactly the requirements asked by accounts renewing within 90 days', async () => {
  const all = await everyRequirement();
  const renewing = (asks: { renewalDate?: string | null }[]) =>
    asks.some((a) => !!a.renewalDate && a.renewalDate >= TODAY && a.renewalDate <= until);
  const expected = all.filter((r) => renewing(r.asks)).map((r) => r.row.id);
  // The demo has both kinds, so the filter can be seen to filter.
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.length);
  expect(await allIds({})).toEqual([...expected].sort());

  // The portfolio's panel: open ones only, and with a tier filter.
  const open = all.filter(
    (r) => OPEN.includes(r.row.status) && renewing(r.asks) && !r.row.mergedInto,
  );
  expect(await allIds({ status: OPEN })).toEqual(open.map((r) => r.row.id).sort());
  const strategic = open.filter((r) => r.asks.some((a) => a.tier === 'strategic'));
  expect(await allIds({ status: OPEN, tier: 'strategic' })).toEqual(
    strategic.map((r) => r.row.id).sort(),
  );
  // The rows agree with their own figure.
  const page = await b.call('requirements.list', { renewingSoon: true, limit: 500 });
  expect(page.items.every((r) => r.renewalsSoon > 0)).toBe(true);
});

it('records how the customer was told: a chat with its channel; a channel only on a chat', async () => {
  // A store of its own: the demo's directory names other managers.
  const ownDir = tempDir('req-tell-channel');
  const b = await openBackend(ownDir);
  try {
    const acme = await payingAccount(b, '告知渠道测试', 'ordinary', 100_000);
    const { requirement } = await b.call('requirements.create', {
      data: { title: '按渠道告知', scenario: '客户要知道上线了', productArea: 'reporting' },
      ask: { accountId: acme.id, contactId: acme.contactId, importance: 'major' },
    });
    for (const status of ['planned', 'released'] as const) {
      const current = await b.call('requirements.get', { id: requirement._id });
      await b.call('requirements.setStatus', {
        id: requirement._id,
        rev: current.requirement._rev!,
        status,
        release: 'v9.1',
      });
    }
    const ask = (await b.call('requirements.get', { id: requirement._id })).asks[0];
    const wrong = await refusal(
      b.call('requirements.tell', { askId: ask.id, kind: 'email', channel: 'wecom' }),
    );
    expect(wrong.errors[0]).toMatchObject({ code: 'VALIDATION', path: ['channel'] });
    const told = await b.call('requirements.tell', {
      askId: ask.id,
      kind: 'chat',
      channel: 'wecom',
    });
    const touchpoint = await b.call('touchpoint.get', { id: told.touchpointId });
    expect(touchpoint).toMatchObject({ kind: 'chat', channel: 'wecom' });
  } finally {
    await b.close();
    removeDir(ownDir);
  }
});
