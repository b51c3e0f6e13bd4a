// The priority model as data through the real API: scores move on the next read when an
// account's tier or ARR or a contact's role changes, the explanation names why, the manager
// edits the model (weights must add up to 100 %), a CSM may not.
import type { Backend } from '../../../main/backend';
import { dayFrom } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { addContract } from '../health/seed';
import { payingAccount, refusal, type SeededAccount } from './seed';

let dir: string;
let b: Backend;
let acme: SeededAccount;
let requirementId: string;

const detail = () => b.call('requirements.get', { id: requirementId, locale: 'en-US' });

beforeAll(async () => {
  dir = tempDir('req-model');
  b = await openBackend(dir);
  acme = await payingAccount(b, '东方物流', 'ordinary', 200_000, 'keyUser');
  const created = await b.call('requirements.create', {
    data: {
      title: '运单批量导入',
      scenario: '调度每天要录入上百张运单',
      productArea: 'dataImport',
    },
    ask: { accountId: acme.id, contactId: acme.contactId, importance: 'major' },
  });
  requirementId = created.requirement._id;
});

afterAll(async () => {
  await b.close();
  removeDir(dir);
});

test("an account's tier change moves the score and the explanation names the new tier", async () => {
  const before = await detail();
  expect(before.score.explanation['en-US'].join('\n')).toContain('Ordinary tier');
  // The board scored once before the change: its next read must not show the old score.
  const boardBefore = await b.call('requirements.list', { locale: 'en-US' });
  expect(boardBefore.items[0].score).toBe(before.score.score);
  const account = await b.call('account.get', { id: acme.id });
  await b.call('account.update', {
    id: acme.id,
    rev: account._rev!,
    changes: { tier: 'strategic' },
  });
  const after = await detail();
  expect(after.score.score).toBeGreaterThan(before.score.score);
  expect(after.score.explanation['en-US'].join('\n')).toContain('Strategic tier');
  expect(after.score.explanation['zh-CN'].join('\n')).toContain('战略客户');
  const board = await b.call('requirements.list', { locale: 'en-US' });
  expect(board.items[0].score).toBe(after.score.score);
});

test('more ARR and a weightier requester raise the score', async () => {
  const before = await detail();
  await addContract(b, acme.id, {
    startDate: dayFrom(-10),
    endDate: dayFrom(355),
    amount: 900_000,
    status: 'active',
  });
  const richer = await detail();
  expect((await b.call('requirements.list', {})).items[0].arrAtStake).toBe(richer.arrAtStake);
  const brief = await b.call('account.brief', { id: acme.id });
  expect(richer.arrAtStake).toBe(brief.arr);
  expect(richer.arrAtStake).toBeGreaterThan(1_000_000);
  expect(richer.score.score).toBeGreaterThan(before.score.score);

  const contact = await b.call('contact.get', { id: acme.contactId });
  await b.call('contact.update', {
    id: acme.contactId,
    rev: contact._rev!,
    changes: { roles: ['decisionMaker'] },
  });
  const weightier = await detail();
  expect((await b.call('requirements.list', {})).items[0].score).toBe(weightier.score.score);
  expect(weightier.score.score).toBeGreaterThan(richer.score.score);
  expect(weightier.score.explanation['en-US'].join('\n')).toContain('(Decision maker)');
});

test('the manager saves the model; its weights must add up to 100 %', async () => {
  const stored = await b.call('requirements.model.get', {});
  expect(stored.isDefault).toBe(true);
  const before = (await detail()).score.score;
  const bad = await refusal(
    b.call('requirements.model.save', {
      model: { ...stored.model, weights: { ...stored.model.weights, productFit: 90 } },
    }),
  );
  expect(bad.errors[0]).toMatchObject({
    messageKey: 'requirement.validation.weightsSum',
    path: ['model', 'weights'],
  });
  // All weight on business impact: a "major" need scores that scale's value.
  const saved = await b.call('requirements.model.save', {
    model: {
      ...stored.model,
      weights: { productFit: 0, customerImportance: 0, requesterWeight: 0, businessImpact: 100 },
    },
  });
  expect(saved.isDefault).toBe(false);
  const after = await detail();
  expect(after.score.score).toBe(stored.model.businessImpact.importance.major);
  expect(after.score.score).not.toBe(before);
  const stale = await refusal(b.call('requirements.model.save', { model: stored.model }));
  expect(stale.errors[0].code).toBe('CONFLICT');
});

test("a CSM in the team's directory may not change the model, a status or a solution", async () => {
  await b.call('directory.create', {
    data: { login: 'zhang.wei', nameZh: '张伟', role: 'csm' },
  });
  const stored = await b.call('requirements.model.get', {});
  const model = await refusal(
    b.call('requirements.model.save', { model: stored.model, rev: stored.rev }),
  );
  expect(model.errors[0]).toMatchObject({
    code: 'FORBIDDEN',
    messageKey: 'requirement.error.managerOnly',
  });
  const { requirement } = await detail();
  const status = await refusal(
    b.call('requirements.setStatus', {
      id: requirementId,
      rev: requirement._rev!,
      status: 'underReview',
    }),
  );
  expect(status.errors[0].code).toBe('FORBIDDEN');
  const solution = await refusal(
    b.call('requirements.setSolution', {
      id: requirementId,
      rev: requirement._rev!,
      solution: 'x',
    }),
  );
  expect(solution.errors[0].code).toBe('FORBIDDEN');
  // She still raises requirements and adds her accounts' asks.
  const other = await payingAccount(b, '西部电力', 'ordinary', 50_000);
  await b.call('requirements.addAsk', {
    requirementId,
    ask: { accountId: other.id, importance: 'moderate' },
  });
  expect((await detail()).asks).toHaveLength(2);
});
