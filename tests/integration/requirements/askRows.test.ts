// The ask rows of the projection (migration 0060) carry the account's reference flag, the
// contact's name and roles and the source's title: kept when those documents change after the
// ask was written, and exactly what a rebuild (which projects them in its own order) makes.
import type { Backend } from '../../../main/backend';
import { dayFrom } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { payingAccount } from './seed';

jest.setTimeout(120_000);

let dir: string;
let b: Backend;
beforeAll(async () => {
  dir = tempDir('req-ask-rows');
  b = await openBackend(dir);
});
afterAll(async () => {
  await b.close();
  removeDir(dir);
});

const rows = () =>
  b.ctx.store.projection.db.prepare('SELECT * FROM requirement_asks ORDER BY id').all() as Record<
    string,
    unknown
  >[];

it('follows the account, contact and source after the ask, as a rebuild does', async () => {
  const acme = await payingAccount(b, '华东精密制造', 'strategic', 500_000, 'keyUser', 60);
  const visit = await b.call('visit.create', {
    accountId: acme.id,
    data: {
      purpose: '季度业务回顾',
      date: dayFrom(-1),
      status: 'done',
      minutes: '客户希望报表按事业部汇总',
      attendees: { customer: [], vendor: [] },
    },
  });
  const { requirement, ask } = await b.call('requirements.create', {
    data: { title: '报表按事业部汇总', scenario: '每月汇总', productArea: 'reporting' },
    ask: {
      accountId: acme.id,
      contactId: acme.contactId,
      importance: 'major',
      sourceType: 'visit',
      sourceId: visit._id,
    },
  });
  const [first] = rows();
  expect(first).toMatchObject({
    id: ask._id,
    account_reference: 0,
    contact_name: '华东精密制造联系人',
    contact_roles: '["keyUser"]',
    source_title: '季度业务回顾',
    rev: ask._rev,
  });
  const before = (await b.call('requirements.get', { id: requirement._id })).score.score;

  // Each party changes after the ask: the row follows.
  const account = await b.call('account.get', { id: acme.id });
  await b.call('account.update', {
    id: acme.id,
    rev: account._rev!,
    changes: { reference: { caseStudy: true, logoUse: false, speaker: false } },
  });
  const contact = await b.call('contact.get', { id: acme.contactId });
  await b.call('contact.update', {
    id: acme.contactId,
    rev: contact._rev!,
    changes: { name: '王建国', roles: ['decisionMaker'] },
  });
  const v = await b.call('visit.get', { id: visit._id });
  await b.call('visit.update', { id: visit._id, rev: v._rev!, changes: { purpose: '年度规划' } });
  await b.call('requirements.updateAsk', {
    id: ask._id,
    rev: ask._rev!,
    changes: { note: '每月都要' },
  });
  const detail = await b.call('requirements.get', { id: requirement._id });
  expect(detail.asks[0]).toMatchObject({
    contactName: '王建国',
    contactRoles: ['decisionMaker'],
    sourceTitle: '年度规划',
    note: '每月都要',
  });
  expect(detail.score.score).toBeGreaterThan(before);
  const live = rows();
  expect(live[0]).toMatchObject({ account_reference: 1, contact_name: '王建国' });

  await b.call('index.rebuild', {});
  expect(rows()).toEqual(live);
  expect((await b.call('requirements.get', { id: requirement._id })).asks).toEqual(detail.asks);
});
