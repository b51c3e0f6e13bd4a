// Demo data names people by login everywhere; the demo team gives each of them a record with a
// Chinese and an English name, so no screen or document falls back to a bare login.
import { loadDemo } from '../../../main/demo/load';
import { DEMO_PEOPLE } from '../../../main/demo/people';
import { testClock } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

/** Fields whose values are logins, wherever they sit in a document. */
const PEOPLE_FIELDS = new Set([
  'ownerCsm',
  'consultant',
  'salesOwner',
  'assignees',
  'owner',
  'by',
  'vendor',
  'attendees',
  'createdBy',
  'updatedBy',
]);

function loginsOf(value: unknown, isPerson = false, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (isPerson) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) loginsOf(item, isPerson, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) loginsOf(v, PEOPLE_FIELDS.has(k), out);
  }
  return out;
}

it('gives every login the demo uses a team member record with both names', async () => {
  const dir = tempDir('demo-people');
  const b = await openBackend(dir, { clock: testClock });
  try {
    await loadDemo(b.ctx.store, 30, { seed: 3, today: testClock.today(), user: 'zhang.wei' });
    const backup = await b.call('backup.export', {});
    const used = new Set<string>();
    for (const doc of backup.docs) if (doc.type !== 'teamMember') loginsOf(doc, false, used);
    const { members } = await b.call('directory.list', {});
    const known = new Map(members.map((m) => [m.login, m]));
    expect([...used].filter((login) => !known.has(login))).toEqual([]);
    expect(used.size).toBeGreaterThan(8);
    for (const m of members) {
      expect(m.nameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.nameEn).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    }
    expect(members).toHaveLength(Object.keys(DEMO_PEOPLE).length);

    // Loading more demo data keeps the directory as it is (a record someone edited stays).
    const li = known.get('li.na')!;
    await b.call('directory.update', { login: 'li.na', rev: li._rev!, changes: { title: '主管' } });
    await loadDemo(b.ctx.store, 2, { seed: 4, today: testClock.today(), user: 'zhang.wei' });
    expect((await b.call('directory.get', { login: 'li.na' })).title).toBe('主管');
  } finally {
    await b.close();
    removeDir(dir);
  }
});
