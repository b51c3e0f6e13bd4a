// Full-text search over the projection: Chinese two-character words and English words, ranked,
// with highlighted snippets.
import { dayFrom, instantFrom } from '../../helpers/clock';
import type { Backend } from '../../../main/backend';
import { RANKED_WINDOW } from '../../../main/projection/queries';
import { validAccount, validInputs } from '../../fixtures/entities';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let backend: Backend;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir();
  backend = await openBackend(dir);
  const account = await backend.call('account.create', { data: validAccount as never });
  const other = await backend.call('account.create', {
    data: {
      name: 'Northwind Traders',
      tier: 'micro',
      ownerCsm: 'li.na',
      notes: 'Renewal owner is the CFO',
    } as never,
  });
  ids.account = account._id;
  ids.other = other._id;
  const add = async (
    key: string,
    type: 'issue' | 'visit' | 'contact' | 'touchpoint',
    accountId: string,
    data: object,
  ) => {
    const doc = await backend.call(`${type}.create` as 'issue.create', {
      accountId,
      data: data as never,
    });
    ids[key] = doc._id;
  };
  await add('renewalIssue', 'issue', account._id, {
    ...validInputs.issue,
    title: '续约前需要确认报表功能',
  });
  await add('acceptanceIssue', 'issue', account._id, {
    ...validInputs.issue,
    title: '验收文档需要补充签字页',
  });
  await add('englishIssue', 'issue', account._id, {
    ...validInputs.issue,
    title: 'Renewal quote needs the new price list',
  });
  await add('plainIssue', 'issue', account._id, {
    ...validInputs.issue,
    title: '移动端登录偶尔失败',
    description: '与合同无关',
  });
  await add('minutesVisit', 'visit', account._id, {
    ...validInputs.visit,
    purpose: '季度业务回顾',
    status: 'done',
    date: dayFrom(-22),
    minutes: '客户项目经理表示下月组织验收，随后讨论续约价格。',
  });
  await add('contact', 'contact', other._id, {
    ...validInputs.contact,
    name: 'Evelyn Chen',
    personalityNotes: '关注续约条款',
  });
  await add('touchpoint', 'touchpoint', account._id, {
    kind: 'call',
    date: dayFrom(-21),
    subject: '电话回访',
    notes: 'discussed renewals',
  });
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

const search = async (q: string, extra: object = {}) =>
  (await backend.call('search.query', { q, ...extra })).hits;

describe('search', () => {
  it('finds the two-character word 续约 wherever it is written, and nowhere else', async () => {
    const hits = await search('续约');
    // The account itself matches through its special term 续约涨价不超过10%.
    expect(hits.map((h) => h.id).sort()).toEqual(
      [ids.account, ids.renewalIssue, ids.minutesVisit, ids.contact].sort(),
    );
  });

  it('finds 验收 in an issue title and in visit minutes', async () => {
    const hits = await search('验收');
    expect(hits.map((h) => h.id).sort()).toEqual([ids.acceptanceIssue, ids.minutesVisit].sort());
    const visit = hits.find((h) => h.id === ids.minutesVisit)!;
    expect(visit.snippet).toContain('[[验收]]');
    expect(visit.accountName).toBe(validAccount.name);
  });

  it('finds English words case-insensitively and by prefix', async () => {
    const hits = await search('renewal');
    expect(hits.map((h) => h.id).sort()).toEqual(
      [ids.englishIssue, ids.other, ids.touchpoint].sort(),
    );
    expect(hits[0].id).toBe(ids.englishIssue); // a title match outranks a note
    expect(hits[0].snippet).toContain('[[Renewal]]');
  });

  it('requires every word of the query', async () => {
    expect((await search('续约 价格')).map((h) => h.id)).toEqual([ids.minutesVisit]);
    expect(await search('续约 spaceship')).toEqual([]);
  });

  it('filters by type and account', async () => {
    expect((await search('续约', { types: ['contact'] })).map((h) => h.id)).toEqual([ids.contact]);
    expect((await search('续约', { accountId: ids.other })).map((h) => h.id)).toEqual([
      ids.contact,
    ]);
    expect((await search('续约', { types: ['account'] })).map((h) => h.id)).toEqual([ids.account]);
  });

  it('forgets deleted and updated text', async () => {
    const issue = await backend.call('issue.get', { id: ids.plainIssue });
    await backend.call('issue.update', {
      id: issue._id,
      rev: issue._rev!,
      changes: { title: '合同续约提醒' },
    });
    expect((await search('续约')).map((h) => h.id)).toContain(ids.plainIssue);
    expect((await search('登录')).map((h) => h.id)).not.toContain(ids.plainIssue);
    const updated = await backend.call('issue.get', { id: ids.plainIssue });
    await backend.call('issue.delete', { id: updated._id, rev: updated._rev! });
    expect((await search('续约')).map((h) => h.id)).not.toContain(ids.plainIssue);
  });

  it('ranks only the newest matches of a very common word', async () => {
    const fresh = await openBackend(tempDir());
    try {
      const account = await fresh.call('account.create', { data: validAccount as never });
      const key = account._id.slice('account:'.length);
      const doc = (i: number, subject: string, notes: string) => ({
        ...validInputs.touchpoint,
        subject,
        notes,
        _id: `touchpoint:${key}:${String(i).padStart(26, '0')}`,
        type: 'touchpoint',
        accountId: account._id,
        schemaVersion: 1,
        createdAt: instantFrom(-22, '00:00').toISOString(),
        createdBy: 'zhang.wei',
        updatedAt: instantFrom(-22, '00:00').toISOString(),
        updatedBy: 'zhang.wei',
      });
      // The oldest documents carry the word in the title (they would rank first) ...
      const old = Array.from({ length: 10 }, (_, i) => doc(i, '年度续约', ''));
      // ... but more than RANKED_WINDOW newer ones mention it too.
      const newer = Array.from({ length: RANKED_WINDOW }, (_, i) =>
        doc(100 + i, '回访', `提到了续约 ${i}`),
      );
      await fresh.ctx.store.write(old);
      await fresh.ctx.store.write(newer);
      const hits = (await fresh.call('search.query', { q: '续约', limit: 5 })).hits;
      expect(hits).toHaveLength(5);
      expect(hits.some((h) => h.title === '年度续约')).toBe(false);
      // Narrowed to fewer matches than the window, the strong title matches win again.
      const narrowed = (await fresh.call('search.query', { q: '年度 续约', limit: 5 })).hits;
      expect(narrowed.every((h) => h.title === '年度续约')).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('treats FTS syntax in the query as plain text', async () => {
    // Quotes, OR and NEAR( are words to find, not operators: no document has them all.
    expect(await search('"续约" OR NEAR(')).toEqual([]);
    expect((await search('续约 (价格)')).map((h) => h.id)).toEqual([ids.minutesVisit]);
    const refused = await backend.dispatch('search.query', { q: '' });
    expect(refused.ok ? null : refused.errors[0].path).toEqual(['q']);
  });
});
