// The health model end to end: real PouchDB + SQLite store, scores, overrides, history, model edits.
import { dayFrom, movableClock, instantFrom, TODAY } from '../../helpers/clock';
import type { Backend } from '../../../main/backend';
import { ApiFailure } from '../../../shared/api/errors';
import { entities } from '../../../shared/domain/entities';
import { DEFAULT_HEALTH_MODEL } from '../../../shared/domain/health/model';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import {
  addUsage,
  greenAccount,
  makeAccount,
  redAccount,
  addVisit,
  addPerson,
  addContract,
} from './seed';

let dir: string;
let backend: Backend;
const clock = movableClock();
let green: string;
let red: string;
let yellow: string;

beforeAll(async () => {
  dir = tempDir('health');
  backend = await openBackend(dir, { clock });
  green = await greenAccount(backend);
  red = await redAccount(backend);
  yellow = await makeAccount(backend, { name: '黄色物流', tier: 'ordinary' });
  await addContract(backend, yellow, {
    startDate: dayFrom(-326),
    endDate: dayFrom(219),
    amount: 60_000,
  });
  await addUsage(backend, yellow, dayFrom(-90), 50, 30, 30);
  await addUsage(backend, yellow, dayFrom(-3), 50, 29, 27);
  await addPerson(backend, yellow, '周总', 'decisionMaker', 'neutral');
  await addVisit(backend, yellow, dayFrom(-53));
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

async function expectFailure(p: Promise<unknown>, code: string, path?: (string | number)[]) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  expect((error as ApiFailure).errors[0].code).toBe(code);
  if (path) expect((error as ApiFailure).errors[0].path).toEqual(path);
}

describe('health scores', () => {
  it('scores every account into its band and explains the red one', async () => {
    // Every input written above already rescored its account (main/health/rescore.ts): the
    // batch recompute finds each score current.
    const report = await backend.call('health.recompute', {});
    expect(report).toMatchObject({ accounts: 3, written: 0, unchanged: 3, failed: 0 });
    expect(report.bands).toEqual({ red: 1, yellow: 1, green: 1 });
    const [g, y, r] = await Promise.all(
      [green, yellow, red].map((accountId) => backend.call('health.account', { accountId })),
    );
    expect([g.band, y.band, r.band]).toEqual(['green', 'yellow', 'red']);
    expect(r.live).toBe(false);
    expect(r.factors.slice(0, 3).map((f) => f.dimension)).toContain('activation');
    expect(r.factors[0].impact).toBeGreaterThanOrEqual(r.factors[1].impact);
    expect(r.history).toEqual([{ date: dayFrom(0), score: r.score, band: 'red' }]);
  });

  it('a second recompute with nothing changed writes nothing', async () => {
    const report = await backend.call('health.recompute', {});
    expect(report).toMatchObject({ written: 0, unchanged: 3 });
  });

  it('keeps a history point per day the score moved (the trend)', async () => {
    clock.set(dayFrom(1));
    await addUsage(backend, red, dayFrom(1), 100, 60, 50);
    // The new reading rescored the account at once; the recompute has nothing left to write.
    const report = await backend.call('health.recompute', { accountId: red });
    expect(report).toMatchObject({ accounts: 1, written: 0 });
    const r = await backend.call('health.account', { accountId: red });
    expect(r.history.map((p) => p.date)).toEqual([dayFrom(0), dayFrom(1)]);
    expect(r.history[1].score).toBeGreaterThan(r.history[0].score);
    expect(r.history[1]).toEqual({ date: dayFrom(1), score: r.score, band: r.computedBand });
    clock.set(TODAY);
  });

  it('an override shows the chosen band with its reason, keeps the model score, and is kept in history', async () => {
    await expectFailure(
      backend.call('health.override.set', { accountId: green, band: 'red', reason: ' ' }),
      'VALIDATION',
      ['reason'],
    );
    const set = await backend.call('health.override.set', {
      accountId: green,
      band: 'red',
      reason: '决策人私下透露明年预算被砍',
    });
    expect(set.band).toBe('red');
    expect(set.computedBand).toBe('green');
    expect(set.override).toMatchObject({
      band: 'red',
      reason: '决策人私下透露明年预算被砍',
      by: 'zhang.wei',
    });
    const portfolio = await backend.call('portfolio.get', {});
    const strategicRed = portfolio.tierBand.find((c) => c.tier === 'strategic' && c.band === 'red');
    expect(strategicRed?.accounts).toBe(2);

    const cleared = await backend.call('health.override.clear', {
      accountId: green,
      reason: '预算已确认',
    });
    expect(cleared.band).toBe('green');
    expect(cleared.override).toBeUndefined();
    expect(cleared.overrides.map((o) => [o.action, o.band, o.reason])).toEqual([
      ['clear', undefined, '预算已确认'],
      ['set', 'red', '决策人私下透露明年预算被砍'],
    ]);
    // Recorded on the account's timeline too.
    const timeline = await backend.call('timeline.list', { accountId: green, limit: 100 });
    expect(timeline.items.some((e) => e.targetType === 'healthOverride')).toBe(true);
  });

  it('an override with an end date lapses after it', async () => {
    await backend.call('health.override.set', {
      accountId: yellow,
      band: 'green',
      reason: '新决策人已支持续约',
      expiresOn: dayFrom(7),
    });
    expect((await backend.call('health.account', { accountId: yellow })).band).toBe('green');
    clock.set(dayFrom(8));
    const later = await backend.call('health.account', { accountId: yellow });
    expect(later.band).toBe(later.computedBand);
    expect(later.override).toBeUndefined();
    clock.set(TODAY);
  });

  it('refuses an unknown account', async () => {
    await expectFailure(backend.call('health.account', { accountId: 'account:NOPE' }), 'NOT_FOUND');
  });
});

describe('the health model as a document', () => {
  it('starts as the default and saves an edited copy that changes the scores', async () => {
    const first = await backend.call('health.model.get', {});
    expect(first.isDefault).toBe(true);
    expect(first.model).toEqual(DEFAULT_HEALTH_MODEL);

    const edited = structuredClone(first.model);
    edited.name = '2027 模型';
    edited.profiles.strategic.thresholds = { yellow: 10, green: 20 };
    const saved = await backend.call('health.model.save', { model: edited, rev: first.rev });
    expect(saved.isDefault).toBe(false);
    expect(saved.updatedBy).toBe('zhang.wei');
    const report = await backend.call('health.recompute', {});
    expect(report.bands.red).toBe(0);
    // The red account (at least) moved band; a second run moves nothing.
    expect(report.bandChanged).toBeGreaterThanOrEqual(1);
    expect(report.bandChanged).toBeLessThanOrEqual(report.written);
    expect((await backend.call('health.recompute', {})).bandChanged).toBe(0);
    expect((await backend.call('health.account', { accountId: red })).band).not.toBe('red');

    // A stale revision is a conflict; a broken model is refused with the failing path.
    await expectFailure(
      backend.call('health.model.save', { model: edited, rev: first.rev }),
      'CONFLICT',
    );
    const broken = structuredClone(edited) as unknown as { rules: { nps: unknown } };
    broken.rules.nps = [
      [10, 0],
      [0, 100],
    ];
    await expectFailure(
      backend.call('health.model.save', { model: broken, rev: saved.rev }),
      'VALIDATION',
      ['model', 'rules', 'nps'],
    );
    // Nothing was lost: the saved model is still the one in force.
    expect((await backend.call('health.model.get', {})).model.name).toBe('2027 模型');
    await backend.call('health.model.save', { model: DEFAULT_HEALTH_MODEL, rev: saved.rev });
  });

  it('survives a restart and a projection rebuild (scores come back from the documents)', async () => {
    await backend.call('health.recompute', {});
    const before = await backend.call('portfolio.get', {});
    await backend.close();
    backend = await openBackend(dir, { clock });
    await backend.call('index.rebuild', {});
    const after = await backend.call('portfolio.get', {});
    expect(after.tierBand).toEqual(before.tierBand);
    expect((await backend.call('health.model.get', {})).isDefault).toBe(false);
  });
});

describe('risk cases and opportunities linked to the account view', () => {
  it('lists the open risk cases with their action plans and the open opportunities', async () => {
    await backend.call('riskCase.create', {
      accountId: red,
      data: {
        level: 'high',
        cause: '使用率持续下降',
        countermeasures: '高层拜访',
        openedOn: dayFrom(-22),
        actionPlan: [
          { key: 'ap1', task: '高层拜访', owner: 'li.na', dueDate: dayFrom(-3) },
          { key: 'ap2', task: '重新培训', owner: 'li.na', dueDate: dayFrom(12) },
        ],
      },
    });
    await backend.call('riskCase.create', {
      accountId: red,
      data: { level: 'low', cause: '已解决的旧问题', openedOn: dayFrom(-326), status: 'resolved' },
    });
    for (const [title, stage, value] of [
      ['增购 100 席', 'proposal', 120_000],
      ['已成交的服务', 'won', 50_000],
    ] as const)
      await backend.call('opportunity.create', {
        accountId: red,
        data: { kind: 'addOn', title, stage, value },
      });
    const outlook = await backend.call('health.outlook', { accountId: red });
    expect(outlook.riskCases.map((r) => [r.level, r.cause, r.actions.map((a) => a.task)])).toEqual([
      ['high', '使用率持续下降', ['高层拜访', '重新培训']],
    ]);
    expect(outlook.opportunities.map((o) => [o.title, o.stage, o.value, o.kind])).toEqual([
      ['增购 100 席', 'proposal', 120_000, 'addOn'],
    ]);
    const portfolio = await backend.call('portfolio.get', {});
    expect(portfolio.atRisk).toEqual({ accounts: 1, openActions: 2, overdueActions: 1 });
    expect(portfolio.opportunities).toMatchObject({ open: 1, value: 120_000 });
  });

  it('recomputes only the accounts of one CSM when asked', async () => {
    const other = await makeAccount(backend, {
      name: '别人的客户',
      tier: 'micro',
      ownerCsm: 'zhao.min',
    });
    const report = await backend.call('health.recompute', { ownerCsm: 'zhao.min' });
    expect(report.accounts).toBe(1);
    expect((await backend.call('health.account', { accountId: other })).live).toBe(false);
  });
});

describe('projection tables of migration 0020', () => {
  it('follow documents as they are created, changed and deleted', async () => {
    const db = backend.ctx.store.projection.db;
    const person = await addPerson(backend, yellow, '钱经理', 'champion');
    const row = () =>
      db
        .prepare('SELECT roles, active, left_on FROM contact_people WHERE doc_id = ?')
        .get(person._id);
    expect(row()).toEqual({ roles: '["champion"]', active: 1, left_on: null });
    const doc = await backend.call('contact.get', { id: person._id });
    const changed = await backend.call('contact.update', {
      id: doc._id,
      rev: doc._rev!,
      changes: { active: false, leftOn: dayFrom(-3) },
    });
    expect(row()).toEqual({ roles: '["champion"]', active: 0, left_on: dayFrom(-3) });
    await backend.call('contact.delete', { id: changed._id, rev: changed._rev! });
    expect(row()).toBeUndefined();
  });
});

describe('malformed documents arriving by replication', () => {
  it('never make a projection write fail: odd rows are kept or skipped, nothing else changes', async () => {
    const key = red.slice('account:'.length);
    const base = {
      accountId: red,
      schemaVersion: 1,
      createdAt: instantFrom(0).toISOString(),
      createdBy: 'other',
      updatedAt: instantFrom(0).toISOString(),
      updatedBy: 'other',
    };
    const results = await backend.ctx.store.write([
      { ...base, _id: `survey:${key}:ODD1`, type: 'survey', kind: 'nps' },
      {
        ...base,
        _id: `healthScore:${key}:ODD2`,
        type: 'healthScore',
        history: [{ date: dayFrom(-22), score: 1 }, { date: dayFrom(-22), score: 2 }, { score: 3 }],
      },
      { ...base, _id: `contract:${key}:ODD3`, type: 'contract' },
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const db = backend.ctx.store.projection.db;
    expect(
      db
        .prepare('SELECT COUNT(*) AS n FROM health_history WHERE doc_id = ?')
        .get(`healthScore:${key}:ODD2`),
    ).toEqual({ n: 1 });
    // The API still answers, and the odd documents do not count as real data.
    const p = await backend.call('portfolio.get', {});
    expect(p.accounts).toBeGreaterThan(0);
    expect((await backend.call('health.recompute', { accountId: red })).failed).toBe(0);
  });
});

describe('stored health documents', () => {
  it('match their registered schemas (as sync, conflicts and backup import check them)', async () => {
    await backend.call('health.model.save', {
      model: DEFAULT_HEALTH_MODEL,
      rev: (await backend.call('health.model.get', {})).rev,
    });
    const [alert] = (await backend.call('alerts.list', { accountId: red })).items;
    await backend.call('alerts.snooze', { key: alert.key, until: dayFrom(38), note: '下周再看' });
    const rows = backend.ctx.store.projection.db
      .prepare(
        `SELECT type, json FROM docs
         WHERE type IN ('healthModel', 'healthScore', 'healthOverride', 'alertState')
           AND id NOT LIKE '%:ODD%'`,
      )
      .all() as { type: keyof typeof entities; json: string }[];
    expect(new Set(rows.map((r) => r.type))).toEqual(
      new Set(['healthModel', 'healthScore', 'healthOverride', 'alertState']),
    );
    for (const row of rows) {
      const { _rev: _ignored, ...doc } = JSON.parse(row.json) as Record<string, unknown>;
      const parsed = entities[row.type].doc.safeParse({ ...doc, _rev: '1-abc' });
      expect([row.type, parsed.success ? 'ok' : parsed.error.message]).toEqual([row.type, 'ok']);
    }
  });
});
