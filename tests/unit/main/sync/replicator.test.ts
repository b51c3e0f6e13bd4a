import { classifyError, nextBackoff } from '../../../../main/sync/replicator';
import { scopeSelector, TEAM_SELECTOR } from '../../../../main/sync/service';

describe('nextBackoff', () => {
  it('starts at the minimum, doubles, and stays under the maximum (with jitter)', () => {
    const backoff = { minMs: 1000, maxMs: 8000 };
    let wait = 0;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      wait = nextBackoff(wait, backoff);
      waits.push(wait);
    }
    expect(waits[0]).toBeGreaterThanOrEqual(850);
    expect(waits[0]).toBeLessThanOrEqual(1150);
    expect(waits[1]).toBeGreaterThan(waits[0]);
    for (const w of waits) expect(w).toBeLessThanOrEqual(8000 * 1.15);
    expect(waits[7]).toBeGreaterThanOrEqual(8000 * 0.85);
  });
});

describe('classifyError', () => {
  it('tells a wrong password, a missing permission and an unreachable server apart', () => {
    expect(classifyError({ status: 401, name: 'unauthorized' }, 'u', 'team')).toMatchObject({
      state: 'error',
      reason: 'wrongPassword',
      messageKey: 'sync.error.wrongPassword',
      retrying: false,
    });
    expect(classifyError({ status: 403, name: 'forbidden' }, 'u', 'team')).toMatchObject({
      reason: 'forbidden',
      params: { db: 'team' },
      retrying: false,
    });
    expect(classifyError(new Error('fetch failed'), 'u', 'team')).toMatchObject({
      reason: 'unreachable',
      retrying: true,
    });
  });
});

describe('scopeSelector', () => {
  const matches = (selector: Record<string, unknown>, id: string) =>
    new RegExp((selector._id as { $regex: string }).$regex).test(id);

  it('selects the team directory and every document of the assigned accounts, nothing else', () => {
    const selector = scopeSelector(['K2', 'K1', 'K1']);
    expect(selector).toEqual({
      _id: {
        $regex:
          '^(?!healthScore:)(teamMember:|requirement:TEAM:|requirementModel:TEAM:|[a-zA-Z]+:(K1|K2)(:|$))',
      },
    });
    expect(matches(selector, 'account:K1')).toBe(true);
    expect(matches(selector, 'issue:K2:01ABC')).toBe(true);
    expect(matches(selector, 'account:K10')).toBe(false);
    expect(matches(selector, 'issue:K3:01ABC')).toBe(false);
    expect(matches(selector, '_design/csm-workbench')).toBe(false);
    // The team directory always comes along.
    expect(matches(selector, 'teamMember:li.na')).toBe(true);
    // Scores are computed on each machine, never pulled (main/sync/localOnly.ts).
    expect(matches(selector, 'healthScore:K1:current')).toBe(false);
    expect(matches(selector, 'healthOverride:K1:01ABC')).toBe(true);
    // The requirements library is team-wide; its asks come with their accounts.
    expect(matches(selector, 'requirement:TEAM:01ABC')).toBe(true);
    expect(matches(selector, 'requirementModel:TEAM:current')).toBe(true);
    expect(matches(selector, 'requirementAsk:K1:01ABC')).toBe(true);
    expect(matches(selector, 'requirementAsk:K3:01ABC')).toBe(false);
    expect(matches(selector, 'alertState:TEAM:01ABC')).toBe(false);
  });

  it('leaves the local-only types out of the whole team too', () => {
    const team = new RegExp((TEAM_SELECTOR._id as { $regex: string }).$regex);
    expect(team.test('healthScore:K1:current')).toBe(false);
    expect(team.test('account:K1')).toBe(true);
    expect(team.test('healthModel:TEAM:current')).toBe(true);
  });

  it('selects only the team directory without assigned accounts', () => {
    const selector = scopeSelector([]);
    expect(matches(selector, 'account:K1')).toBe(false);
    expect(matches(selector, 'teamMember:li.na')).toBe(true);
    expect(matches(selector, 'requirement:TEAM:01ABC')).toBe(true);
  });
});
