// The health model editor's backend (issue 14): weights as shares of 100 % (refused at the field
// otherwise), the preview of a draft's effect on every account (nothing saved), the version
// history with who changed what, and restoring an earlier version as a new one.
import { dayFrom, movableClock } from '../../helpers/clock';
import type { Backend } from '../../../main/backend';
import { ApiFailure } from '../../../shared/api/errors';
import {
  DEFAULT_HEALTH_MODEL,
  healthDimensions,
  type HealthModel,
} from '../../../shared/domain/health/model';
import { t } from '../../../shared/i18n';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import {
  addContract,
  addPerson,
  addUsage,
  addVisit,
  greenAccount,
  makeAccount,
  redAccount,
} from './seed';

let dir: string;
let backend: Backend;
const clock = movableClock();
let yellow: string;

beforeAll(async () => {
  dir = tempDir('health-model');
  backend = await openBackend(dir, { clock });
  await greenAccount(backend);
  await redAccount(backend);
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
  await backend.call('health.recompute', {});
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

async function failure(p: Promise<unknown>): Promise<ApiFailure> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  return error as ApiFailure;
}

/** All the ordinary profile's weight on one dimension. */
function allOn(model: HealthModel, dimension: (typeof healthDimensions)[number]): HealthModel {
  const next = structuredClone(model);
  next.profiles.ordinary.weights = Object.fromEntries(
    healthDimensions.map((d) => [d, d === dimension ? 100 : 0]),
  ) as HealthModel['profiles']['ordinary']['weights'];
  return next;
}

const docCount = () =>
  (backend.ctx.store.projection.db.prepare('SELECT count(*) AS n FROM docs').get() as { n: number })
    .n;

describe('weights are shares of 100 %', () => {
  it('refuses a save whose weights do not add up to 100 %, at the field, in both languages', async () => {
    const draft = structuredClone(DEFAULT_HEALTH_MODEL);
    draft.profiles.strategic.weights.activation += 10; // 110 %
    const before = docCount();
    const error = await failure(backend.call('health.model.save', { model: draft }));
    expect(error.errors).toHaveLength(1);
    const [e] = error.errors;
    expect(e).toMatchObject({
      code: 'VALIDATION',
      path: ['model', 'profiles', 'strategic', 'weights'],
      messageKey: 'validation.health.weightSum',
      params: { sum: 110 },
    });
    expect(t('zh-CN', e.messageKey, e.params)).toBe('各维度权重之和必须为 100%（现为 110%）');
    expect(t('en-US', e.messageKey, e.params)).toBe('The weights must add up to 100 % (now 110 %)');
    // Nothing written: still the default model, no version.
    expect((await backend.call('health.model.get', {})).isDefault).toBe(true);
    expect((await backend.call('health.model.history', {})).total).toBe(0);
    expect(docCount()).toBe(before);
    // A preview of that draft is refused the same way.
    const previewError = await failure(backend.call('health.model.preview', { model: draft }));
    expect(previewError.errors[0].path).toEqual(['model', 'profiles', 'strategic', 'weights']);
    // Fractions that add up to 100 are fine.
    const fractions = structuredClone(DEFAULT_HEALTH_MODEL);
    fractions.profiles.micro.weights.activation = 34.5;
    fractions.profiles.micro.weights.usageTrend = 25.5;
    const preview = await backend.call('health.model.preview', { model: fractions });
    expect(preview.accounts).toBe(3);
  });
});

describe('the preview of a draft model', () => {
  it('moves the yellow account to green when all weight goes to its best dimension, saving nothing', async () => {
    const now = await backend.call('health.account', { accountId: yellow });
    expect(now.band).toBe('yellow');
    // Its best dimension scores green on its own: all the weight on it makes the account green.
    const best = now.factors.reduce((b, f) => (f.score > b.score ? f : b), now.factors[0]);
    expect(best.score).toBeGreaterThanOrEqual(
      DEFAULT_HEALTH_MODEL.profiles.ordinary.thresholds.green,
    );
    const draft = allOn(DEFAULT_HEALTH_MODEL, best.dimension);
    const before = docCount();

    const preview = await backend.call('health.model.preview', { model: draft, limit: 50 });
    expect(preview.accounts).toBe(3);
    const row = preview.items.find((r) => r.accountId === yellow);
    expect(row).toEqual({
      accountId: yellow,
      name: '黄色物流',
      tier: 'ordinary',
      ownerCsm: expect.anything(),
      oldScore: now.score,
      oldBand: 'yellow',
      newScore: Math.round(best.score),
      newBand: 'green',
    });
    expect(preview.moves).toContainEqual(expect.objectContaining({ from: 'yellow', to: 'green' }));
    expect(preview.moves.reduce((s, m) => s + m.count, 0)).toBe(preview.total);
    expect(preview.total).toBe(preview.items.length);
    for (const band of ['red', 'yellow', 'green'] as const)
      expect(preview.bandsAfter[band]).toBe(
        preview.bandsBefore[band] +
          preview.moves.filter((m) => m.to === band).reduce((s, m) => s + m.count, 0) -
          preview.moves.filter((m) => m.from === band).reduce((s, m) => s + m.count, 0),
      );

    // Paged: one row at a time, the same total.
    const first = await backend.call('health.model.preview', { model: draft, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(preview.total);
    expect(first.items[0]).toEqual(preview.items[0]);

    // Nothing saved: the default model, no version, the stored score as it was, no document.
    expect((await backend.call('health.model.get', {})).isDefault).toBe(true);
    expect((await backend.call('health.model.history', {})).total).toBe(0);
    const after = await backend.call('health.account', { accountId: yellow });
    expect([after.score, after.band]).toEqual([now.score, now.band]);
    expect(docCount()).toBe(before);

    // The model in force as a draft moves nothing.
    const same = await backend.call('health.model.preview', { model: DEFAULT_HEALTH_MODEL });
    expect([same.total, same.scoreChanged, same.moves]).toEqual([0, 0, []]);
  });
});

describe('the model history and restore', () => {
  it('records who changed what, and restores an earlier version as a new one', async () => {
    const start = await backend.call('health.model.get', {});
    // Zhang Wei moves 10 points of the ordinary profile from NPS to activation.
    const v1 = structuredClone(DEFAULT_HEALTH_MODEL);
    v1.name = '2027 模型';
    v1.profiles.ordinary.weights.activation = 35;
    v1.profiles.ordinary.weights.nps = 0;
    const saved1 = await backend.call('health.model.save', { model: v1, rev: start.rev });

    // Li Na, on her workbench (the same store reopened as her), raises strategic green.
    await backend.close();
    backend = await openBackend(dir, { clock, user: 'li.na' });
    const v2 = structuredClone(v1);
    v2.profiles.strategic.thresholds.green = 80;
    const saved2 = await backend.call('health.model.save', { model: v2, rev: saved1.rev });
    expect(saved2.updatedBy).toBe('li.na');

    const history = await backend.call('health.model.history', {});
    expect(history.total).toBe(2);
    const [second, first] = history.items;
    expect(first).toMatchObject({
      by: 'zhang.wei',
      kind: 'save',
      name: '2027 模型',
      current: false,
    });
    expect(first.changes).toEqual([
      { path: ['name'], from: 'Default', to: '2027 模型' },
      { path: ['profiles', 'ordinary', 'weights', 'activation'], from: 25, to: 35 },
      { path: ['profiles', 'ordinary', 'weights', 'nps'], from: 10, to: 0 },
    ]);
    expect(second).toMatchObject({ by: 'li.na', kind: 'save', current: true });
    expect(second.changes).toEqual([
      { path: ['profiles', 'strategic', 'thresholds', 'green'], from: 75, to: 80 },
    ]);
    expect(second.at >= first.at).toBe(true);

    // Restoring the first version: a new version equal to it, recorded as a restore of it.
    const restored = await backend.call('health.model.restore', {
      versionId: first.id,
      rev: saved2.rev,
    });
    expect(restored.model).toEqual(saved1.model);
    expect(restored.updatedBy).toBe('li.na');
    const after = await backend.call('health.model.history', {});
    expect(after.total).toBe(3);
    const [newest, ...older] = after.items;
    expect(newest).toMatchObject({
      by: 'li.na',
      kind: 'restore',
      current: true,
      restoredFrom: { id: first.id, by: 'zhang.wei', at: first.at },
      changes: [{ path: ['profiles', 'strategic', 'thresholds', 'green'], from: 80, to: 75 }],
    });
    expect(older.map((v) => v.id)).toEqual([second.id, first.id]);
    expect(older.every((v) => !v.current)).toBe(true);
    // Scores follow like after a save: nothing is left to move on a second recompute.
    await backend.call('health.recompute', {});
    expect((await backend.call('health.recompute', {})).written).toBe(0);

    // A stale revision is refused; an unknown version is not found, at its field.
    const stale = await failure(
      backend.call('health.model.restore', { versionId: second.id, rev: saved2.rev }),
    );
    expect(stale.errors[0].code).toBe('CONFLICT');
    const missing = await failure(
      backend.call('health.model.restore', {
        versionId: 'healthModel:TEAM:vnone',
        rev: restored.rev,
      }),
    );
    expect(missing.errors[0]).toMatchObject({ code: 'NOT_FOUND', path: ['versionId'] });

    // Paged, newest first.
    const page = await backend.call('health.model.history', { offset: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((v) => v.id)).toEqual([second.id]);
  });
});
