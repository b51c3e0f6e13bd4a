// An account's health and the managers' model editor in the real app: browser mode with demo
// data, Debian's Chromium. A CSM reads the score and "why", overrides the band with a reason that
// survives a reload and clears it; a manager changes a weight in the model editor (after a
// refused invalid model and a stale revision that keeps what was typed), saves, and the score moves.
import type { Locator, Page } from 'playwright-core';
import type { AccountHealth, DrillResult, StoredModel } from '../../shared/api/health';
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

    await fill(`weight-${tier}-${lowest}`, '0');
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

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
