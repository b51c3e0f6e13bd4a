// An account's health and the managers' model editor in the real app: browser mode with demo
// data, Debian's Chromium. A CSM reads the score and "why", overrides the band with a reason that
// survives a reload and clears it; a manager changes a weight in the model editor (after a
// refused invalid model and a stale revision that keeps what was typed), saves, and the score moves;
// then edits weight shares with the sum shown live (refused at the sum unless 100 %, the draft kept
// over a reload), previews which accounts would change band, saves, and restores a version.
import type { Locator, Page } from 'playwright-core';
import type {
  AccountHealth,
  DrillResult,
  ModelHistory,
  ModelPreview,
  StoredModel,
} from '../../shared/api/health';
import {
  healthDimensions,
  type HealthBand,
  type HealthModel,
} from '../../shared/domain/health/model';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import { factorSentence, whyFactors } from '../../renderer/src/workspace/healthWords';
import { openSession, screenshot, type BrowserSession, type WebProcess } from './browserMode';

jest.setTimeout(180_000);

let session: BrowserSession;
let web: WebProcess;
let page: Page;
let pageErrors: string[];
/** The account under test, its tier and its health before any change. */
let accountId: string;
let tier: 'strategic' | 'ordinary' | 'micro';
let before: AccountHealth;

/** The factor scoring lowest: without its weight the (weighted mean) score must rise. */
const lowestOf = (h: AccountHealth) =>
  h.factors.reduce((low, f) => (f.score < low.score ? f : low), h.factors[0]);
const highestOf = (h: AccountHealth) =>
  h.factors.reduce((high, f) => (f.score > high.score ? f : high), h.factors[0]);

const shot = (name: string) => screenshot(page, name);
const api = <T>(method: string, input: unknown): Promise<T> => session.api<T>(method, input);
const words = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
  t(locale, key, params);
const zh = words('zh-CN');
const en = words('en-US');

/** antd puts a test id on the input itself or on its wrapper, depending on the component. */
async function inputOf(testId: string): Promise<Locator> {
  const outer = page.getByTestId(testId).first();
  await outer.waitFor();
  const inner = outer.locator('input, textarea').first();
  return (await inner.count()) ? inner : outer;
}

async function fill(testId: string, value: string) {
  const input = await inputOf(testId);
  await input.fill(value);
  await input.blur();
}

async function openHealthTab() {
  await page.goto(`${web.url}#/account/${encodeURIComponent(accountId)}/health`);
  await page.getByTestId('account-health').waitFor();
}

async function setLocale(label: '中文' | 'English') {
  await page.getByTestId('locale-switch').getByText(label, { exact: true }).click();
}

beforeAll(async () => {
  session = await openSession('health');
  ({ web, page, pageErrors } = session);
  await api('app.loadDemo', { accounts: 40, seed: 1 });
  await api('health.recompute', {});
  // The lowest score with a factor below the score: removing that factor's weight lifts it.
  const accounts = await api<DrillResult>('portfolio.drill', { figure: 'accounts', limit: 100 });
  const scored = accounts.rows
    .filter((r) => r.score !== null)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0));
  for (const row of scored) {
    const h = await api<AccountHealth>('health.account', { accountId: row.accountId });
    if (whyFactors(h.factors).length >= 2 && h.band !== 'green' && lowestOf(h).score < h.score) {
      accountId = row.accountId;
      tier = row.tier as typeof tier;
      before = h;
      break;
    }
  }
  expect(accountId).toBeDefined();
});

afterAll(() => session?.close());

describe("an account's health tab", () => {
  it('shows the score, band, why in plain words, every dimension and the trend', async () => {
    await openHealthTab();
    expect(await page.getByTestId('health-score').textContent()).toBe(String(before.score));
    expect(await page.getByTestId('health-band').getAttribute('data-band')).toBe(before.band);
    expect(await page.getByTestId('health-band').textContent()).toBe(
      zh(`label.healthBand.${before.band}` as MessageKey),
    );
    const why = page.getByTestId('health-why-item');
    const expected = whyFactors(before.factors);
    expect(await why.count()).toBe(expected.length);
    expect(await why.first().textContent()).toContain(factorSentence(zh, expected[0]));
    expect(await page.getByTestId('health-why').textContent()).toContain(
      zh('healthUi.why', { band: zh(`label.healthBand.${before.computedBand}` as MessageKey) }),
    );
    const rows = page.getByTestId('health-dimensions').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(before.factors.length);
    await page.getByTestId('health-trend-chart').locator('svg').first().waitFor();
    await shot('health-01-account-zh');
  });

  it('refuses an override without a reason, then keeps one with its reason across a reload', async () => {
    const band = before.band === 'red' ? 'yellow' : 'red';
    await page.getByTestId(`override-band-${band}`).click();
    await page.getByTestId('override-save').click();
    await page.getByText(zh('health.override.reasonRequired')).first().waitFor();
    expect((await api<AccountHealth>('health.account', { accountId })).overrides).toEqual([]);

    const reason = '客户高层刚确认续约，风险已解除';
    await fill('override-reason', reason);
    await page.getByTestId('override-save').click();
    await page.getByTestId('health-override-banner').waitFor();

    await page.reload();
    const banner = page.getByTestId('health-override-banner');
    await banner.waitFor();
    const stored = await api<AccountHealth>('health.account', { accountId });
    expect(stored.override).toMatchObject({ band, reason, by: 'zhang.wei' });
    expect(await banner.textContent()).toContain(
      zh('health.score.override', {
        band: zh(`label.healthBand.${band}` as MessageKey),
        reason,
        // Shown by name from the demo team directory, not by login.
        by: '张伟',
        on: stored.override!.on,
      }),
    );
    expect(await page.getByTestId('health-band').getAttribute('data-band')).toBe(band);
    expect(await page.getByTestId('override-history-item').count()).toBe(1);
    await shot('health-02-override-zh');

    await setLocale('English');
    await page
      .getByText(
        en('healthUi.why', { band: en(`label.healthBand.${before.computedBand}` as MessageKey) }),
      )
      .waitFor();
    expect(await page.getByTestId('health-why-item').first().textContent()).toContain(
      factorSentence(en, whyFactors(before.factors)[0]),
    );
    await shot('health-03-override-en');
  });

  it('clears the override with a reason', async () => {
    await fill('override-clear-reason', 'Risk reviewed with the manager');
    await page.getByTestId('override-clear').click();
    await page.getByTestId('health-override-banner').waitFor({ state: 'detached' });
    const cleared = await api<AccountHealth>('health.account', { accountId });
    expect(cleared.override).toBeUndefined();
    expect(cleared.band).toBe(before.band);
    expect(cleared.overrides.map((o) => o.action)).toEqual(['clear', 'set']);
  });
});

describe("the managers' health model editor", () => {
  it('refuses a broken model, keeps typing over a stale revision, saves and rescores', async () => {
    // The account's lowest-scoring dimension; without its weight the score must rise.
    const lowest = lowestOf(before).dimension;
    await page.goto(`${web.url}#/portfolio`);
    await page.getByTestId('open-health-model').click();
    await page.getByTestId('health-model-form').waitFor();
    await setLocale('English');
    await page.getByTestId(`model-tier-${tier}`).click();

    // Yellow above green: the schema's error lands on the field, nothing is saved.
    await fill(`threshold-${tier}-yellow`, '90');
    await page.getByTestId('model-save').click();
    await page.getByText(en('validation.health.thresholdOrder')).first().waitFor();
    expect((await api<StoredModel>('health.model.get', {})).isDefault).toBe(true);
    await shot('health-04-model-invalid-en');
    await fill(`threshold-${tier}-yellow`, '50');
    // Editing the field takes its error away.
    await page.getByText(en('validation.health.thresholdOrder')).waitFor({ state: 'hidden' });

    // Someone else saves meanwhile.
    const theirs = await api<StoredModel>('health.model.get', {});
    await api('health.model.save', { model: { ...theirs.model, name: 'Their model' } });

    // The lowest dimension's share goes to the highest one: the shares still add up to 100 %.
    const highest = highestOf(before).dimension;
    const weights = theirs.model.profiles[tier].weights;
    await fill(`weight-${tier}-${lowest}`, '0');
    await fill(`weight-${tier}-${highest}`, String(weights[highest] + weights[lowest]));
    expect(await page.getByTestId(`weight-sum-${tier}`).textContent()).toBe('Total 100 %');
    await page.getByTestId('model-save').click();
    await page.getByTestId('model-stale').waitFor();
    // What was typed is still there, and nothing of it was written.
    expect(await (await inputOf(`weight-${tier}-${lowest}`)).inputValue()).toBe('0');
    const meanwhile = await api<StoredModel>('health.model.get', {});
    expect(meanwhile.model.name).toBe('Their model');
    expect(meanwhile.model.profiles[tier].weights[lowest]).toBe(
      theirs.model.profiles[tier].weights[lowest],
    );
    await shot('health-05-model-stale-en');

    await page.getByTestId('model-keep-mine').click();
    const saved = page.getByTestId('model-saved');
    await saved.waitFor();
    const after = await api<StoredModel>('health.model.get', {});
    expect(after.model.profiles[tier].weights[lowest]).toBe(0);
    expect(after.updatedBy).toBe('zhang.wei');
    expect(await saved.textContent()).toMatch(
      /Model saved: \d+ accounts recomputed, \d+ changed band/,
    );

    await setLocale('中文');
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/模型已保存：重新计算 \d+ 个客户/);
    await shot('health-06-model-saved-zh');

    const rescored = await api<AccountHealth>('health.account', { accountId });
    expect(rescored.score).toBeGreaterThan(before.score);
    expect(rescored.factors.map((f) => f.dimension)).not.toContain(lowest);
    await openHealthTab();
    expect(await page.getByTestId('health-score').textContent()).toBe(String(rescored.score));
    await shot('health-07-rescored-zh');
  });

  it('edits weight shares with a live sum, previews the accounts that move, saves and restores', async () => {
    await page.goto(`${web.url}#/health-model`);
    await page.getByTestId('health-model-form').waitFor();
    await setLocale('English');
    await page.getByTestId(`model-tier-${tier}`).click();
    const start = await api<StoredModel>('health.model.get', {});
    const versions = (await api<ModelHistory>('health.model.history', {})).total;
    const sum = page.getByTestId(`weight-sum-${tier}`);
    expect(await sum.textContent()).toBe('Total 100 %');

    // 10 more points on one dimension: the sum says 110 %, and a save is refused at the sum.
    const first = healthDimensions[0];
    const weights = start.model.profiles[tier].weights;
    await fill(`weight-${tier}-${first}`, String(weights[first] + 10));
    expect(await sum.textContent()).toBe('Total 110 %');
    expect(await sum.getAttribute('data-ok')).toBe('false');
    await page.getByTestId('model-save').click();
    const sumError = page.getByTestId(`weight-sum-error-${tier}`);
    await sumError.waitFor();
    expect(await sumError.textContent()).toBe(en('validation.health.weightSum', { sum: 110 }));
    expect((await api<StoredModel>('health.model.get', {})).rev).toBe(start.rev);
    await shot('health-08-weight-sum-refused-en');
    await setLocale('中文');
    await page.getByTestId('model-save').click();
    await page.getByText(zh('validation.health.weightSum', { sum: 110 })).waitFor();
    expect(await sum.textContent()).toBe('合计 110%');
    await shot('health-09-weight-sum-refused-zh');
    await setLocale('English');

    // The draft survives a reload (FormGuard): the typed share is still there.
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    await page.getByTestId(`model-tier-${tier}`).click();
    expect(await (await inputOf(`weight-${tier}-${first}`)).inputValue()).toBe(
      String(weights[first] + 10),
    );
    expect(await page.getByTestId(`weight-sum-${tier}`).textContent()).toBe('Total 110 %');

    // All the share on one dimension, chosen to move the account under test to another band:
    // its best one when it is not green, its worst one when it is.
    const now = await api<AccountHealth>('health.account', { accountId });
    const target = now.computedBand === 'green' ? lowestOf(now) : highestOf(now);
    for (const d of healthDimensions)
      await fill(`weight-${tier}-${d}`, d === target.dimension ? '100' : '0');
    expect(await page.getByTestId(`weight-sum-${tier}`).textContent()).toBe('Total 100 %');
    const draft: HealthModel = structuredClone(start.model);
    draft.profiles[tier].weights = Object.fromEntries(
      healthDimensions.map((d) => [d, d === target.dimension ? 100 : 0]),
    ) as HealthModel['profiles']['strategic']['weights'];
    const expected = await api<ModelPreview>('health.model.preview', { model: draft, limit: 1000 });
    const row = expected.items.find((r) => r.accountId === accountId);
    expect(row).toBeDefined();
    expect(row!.oldBand).toBe(now.computedBand);
    expect(row!.newBand).not.toBe(now.computedBand);

    await page.getByTestId('model-preview-run').click();
    const panel = page.getByTestId('model-preview');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(
      `Before saving: ${expected.total} of ${expected.accounts} accounts would change band`,
    );
    const moves = await page.getByTestId('model-preview-moves').textContent();
    for (const m of expected.moves)
      expect(moves).toContain(
        `${m.count} accounts ${en(`label.healthBand.${m.from}` as MessageKey)} → ${en(`label.healthBand.${m.to}` as MessageKey)}`,
      );
    // The account's row, on the page it falls on (10 a page, the biggest moves first).
    const index = expected.items.indexOf(row!);
    if (index >= 10)
      await panel.locator(`.ant-pagination-item-${Math.floor(index / 10) + 1}`).click();
    const name = (await api<{ name: string }>('account.get', { id: accountId })).name;
    const tableRow = panel.locator('tr', { hasText: name });
    await tableRow.waitFor();
    const band = (b: HealthBand) => en(`label.healthBand.${b}` as MessageKey);
    expect(await tableRow.textContent()).toContain(`${row!.oldScore} · ${band(row!.oldBand)}`);
    expect(await tableRow.textContent()).toContain(`${row!.newScore} · ${band(row!.newBand)}`);
    // The preview saved nothing.
    expect((await api<StoredModel>('health.model.get', {})).rev).toBe(start.rev);
    expect((await api<ModelHistory>('health.model.history', {})).total).toBe(versions);
    expect((await api<AccountHealth>('health.account', { accountId })).computedBand).toBe(
      now.computedBand,
    );
    await shot('health-10-preview-en');
    await setLocale('中文');
    expect(await panel.textContent()).toContain(
      `保存前预览：${expected.accounts} 个客户中有 ${expected.total} 个将改变健康度`,
    );
    await shot('health-11-preview-zh');
    await setLocale('English');

    // Saved: the account is in the band the preview said; the history names who and what.
    await page.getByTestId('model-save').click();
    await page.getByTestId('model-saved').waitFor();
    expect((await api<AccountHealth>('health.account', { accountId })).computedBand).toBe(
      row!.newBand,
    );
    const history = await api<ModelHistory>('health.model.history', {});
    expect(history.total).toBe(versions + 1);
    const newest = page.getByTestId('model-version-0');
    await newest.waitFor();
    expect(await newest.textContent()).toContain('Saved by Zhang Wei at');
    expect(await newest.textContent()).toContain(
      `${en(`label.tier.${tier}` as MessageKey)} › Dimension weights › ${en(`health.dimension.${target.dimension}` as MessageKey)}: ${weights[target.dimension]} % → 100 %`,
    );
    expect(await newest.textContent()).not.toContain('zhang.wei');
    await shot('health-12-history-en');

    // Restore the version before: a new version equal to it, and the account back in its band.
    await page.getByTestId('model-restore-1').click();
    await page.getByTestId('model-restore-confirm').click();
    const restored = page.locator('[data-testid="model-saved"][data-kind="restored"]');
    await restored.waitFor();
    expect(await restored.textContent()).toMatch(
      /Restored as a new version: \d+ accounts recomputed/,
    );
    const after = await api<StoredModel>('health.model.get', {});
    expect(after.model).toEqual(start.model);
    const again = await api<ModelHistory>('health.model.history', {});
    expect(again.total).toBe(versions + 2);
    expect(again.items[0]).toMatchObject({ kind: 'restore', current: true });
    expect(again.items[0].restoredFrom?.id).toBe(history.items[1].id);
    expect((await api<AccountHealth>('health.account', { accountId })).computedBand).toBe(
      now.computedBand,
    );
    expect(await page.getByTestId('model-version-0').textContent()).toContain(
      'Zhang Wei restored at',
    );
    expect(await (await inputOf(`weight-${tier}-${target.dimension}`)).inputValue()).toBe(
      String(weights[target.dimension]),
    );
    await shot('health-13-restored-en');
    await setLocale('中文');
    expect(await page.getByTestId('model-version-0').textContent()).toContain('张伟 于');
    await shot('health-14-restored-zh');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
