// What a pull hands the health rescore (main/health/pulledRescore.ts), on a real store: which
// pulled documents note an account (a deletion by its id alone, never a team-wide document),
// that only accounts scored here are rescored, and that a failure is reported, not swallowed.
import type { Backend } from '../../../main/backend';
import { loadDemo } from '../../../main/demo/load';
import { PulledHealthRescore } from '../../../main/health/pulledRescore';
import { healthScoreId } from '../../../main/health/recompute';
import { accountKeyOf } from '../../../shared/domain/ids';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(60_000);

describe('the rescore after a pull', () => {
  let dir: string;
  let backend: Backend;
  let accounts: string[];

  beforeAll(async () => {
    dir = tempDir('pulled-rescore');
    backend = await openBackend(dir, { user: 'mona' });
    await loadDemo(backend.ctx.store, 3, {
      seed: 7,
      today: backend.ctx.clock.today(),
      user: 'mona',
    });
    accounts = backend.ctx.queries
      .list({ type: 'account', filters: {}, offset: 0, limit: 10 })
      .items.map((a) => String(a._id))
      .sort();
  });

  afterAll(async () => {
    await backend?.close().catch(() => undefined);
    if (dir) removeDir(dir);
  });

  const rescorer = () => new PulledHealthRescore(backend.ctx, () => backend.ctx.identity.resolve());

  it('rescores nothing while no account has a score here', async () => {
    const r = rescorer();
    r.note([{ _id: accounts[0], type: 'account' }]);
    r.flush();
    await r.idle();
    expect(r.last).toBeNull();
    expect(backend.ctx.queries.getDoc(healthScoreId(accounts[0]))).toBeNull();
  });

  it('notes a deleted issue by its id, ignores team-wide documents and other types', async () => {
    await backend.call('health.recompute', {});
    const r = rescorer();
    r.note([
      { _id: `issue:${accountKeyOf(accounts[1])}:01JDELETED0000000000000000`, _deleted: true },
      { _id: 'teamMember:li.na', type: 'teamMember' },
      { _id: `timeline:${accountKeyOf(accounts[2])}:01JTIMELINE000000000000000`, type: 'timeline' },
    ]);
    r.flush();
    await r.idle();
    // One account scored again, nothing moved, so nothing written.
    expect(r.last).toMatchObject({ accounts: 1, written: 0, failed: 0 });
    expect(r.last?.error).toBeUndefined();
  });

  it('reports a rescore that fails, and keeps its accounts for the next pull', async () => {
    const r = rescorer();
    r.note([{ _id: accounts[0], type: 'account' }]);
    await backend.close();
    r.flush();
    await r.idle();
    const failed = r.last;
    expect(failed?.error).toEqual(expect.any(String));
    expect(failed?.accounts).toBe(0);
    // The next flush tries the same account again (a new run, failing again on the closed store).
    r.flush();
    await r.idle();
    expect(r.last).not.toBe(failed);
    expect(r.last?.error).toEqual(expect.any(String));
  });
});
