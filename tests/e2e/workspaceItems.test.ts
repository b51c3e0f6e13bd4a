// Editing existing items of the working documents in the real app (browser mode, Chromium): a
// SOW deliverable (with a field error, and a stale save while another client changed the SOW),
// a project-plan phase's actual dates (the schema's date-order rule on its field), a success
// criterion's target and current value; removal; everything still there after a reload.
import { dayFrom, TODAY } from '../helpers/clock';
import type { Locator, Page } from 'playwright-core';
import { inputOf, openSession, screenshot, typeInto, type BrowserSession } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let page: Page;
let accountId: string;

const shot = (name: string) => screenshot(page, name);
const api = (method: string, input: unknown) => session.api(method, input);

/** The text input of an antd field found by test id (on the input itself or its wrapper). */
const fill = (scope: Locator | Page, testId: string, value: string) =>
  typeInto(scope, testId, value, testId.includes('-actual') ? 'Enter' : 'Tab');
const modal = () => page.getByRole('dialog');
/** Confirms an antd Popconfirm that is open. */
const confirmPop = () => page.locator('.ant-popconfirm .ant-btn-primary').click();

beforeAll(async () => {
  session = await openSession('items');
  page = session.page;
  const account = await api('account.create', {
    data: { name: '苏州恒信电子有限公司', tier: 'strategic', ownerCsm: 'zhang.wei' },
  });
  accountId = account._id;
  await api('sow.create', {
    accountId,
    data: {
      title: '制造执行系统实施工作说明书',
      scope: { partyA: ['提供测试数据'], partyB: ['系统配置'] },
      deliverables: [
        { key: 'd1', name: '需求规格说明书', acceptanceCriteria: '客户签字', status: 'pending' },
        { key: 'd2', name: '培训手册', acceptanceCriteria: '培训完成', status: 'pending' },
      ],
    },
  });
  await api('projectPlan.create', {
    accountId,
    data: {
      name: '实施项目计划',
      phases: [
        { key: 'p1', phase: 'requirements', plannedStart: dayFrom(-53), plannedEnd: dayFrom(-39) },
      ],
    },
  });
  await api('successPlan.create', {
    accountId,
    data: {
      year: Number(TODAY.slice(0, 4)),
      criteria: [
        { key: 'c1', kind: 'costReduction', metric: '库存周转天数', baseline: 45, target: 30 },
      ],
    },
  });
});

afterAll(() => session?.close());

const deliverableRow = (name: string) => page.locator('tr', { hasText: name });

describe('editing existing items of the SOW, project plan and success plan', () => {
  it('edits a deliverable: field error, stale revision, both edits kept', async () => {
    await page.goto(`${session.web.url}#/account/${encodeURIComponent(accountId)}/sow`);
    await page.getByTestId('sow').waitFor();
    await deliverableRow('需求规格说明书').getByTestId('deliverable-edit').click();
    await modal().waitFor();
    expect(await (await inputOf(modal(), 'deliverable-name')).inputValue()).toBe('需求规格说明书');

    // An empty name: the schema's message under the name field, nothing saved.
    await fill(modal(), 'deliverable-name', '');
    await page.getByTestId('deliverable-save').click();
    await modal().locator('.ant-form-item-has-error').getByTestId('deliverable-name').waitFor();
    await modal().locator('.ant-form-item-explain-error', { hasText: '必填' }).waitFor();
    await fill(modal(), 'deliverable-name', '需求规格说明书 V2');
    await fill(modal(), 'deliverable-acceptance', '客户项目经理签字确认');

    // Meanwhile another client marks this deliverable delivered and renames the other one.
    const [sow] = (await api('sow.list', { accountId })).items;
    await api('sow.update', {
      id: sow._id,
      rev: sow._rev,
      changes: {
        deliverables: [
          { ...sow.deliverables[0], status: 'delivered' },
          { ...sow.deliverables[1], name: '用户培训手册' },
        ],
      },
    });
    await page.getByTestId('deliverable-save').click();
    const notice = modal().getByTestId('conflict-notice');
    await notice.waitFor();
    // The newer version of this deliverable next to what was typed; the form keeps the input.
    expect(await notice.textContent()).toContain('delivered');
    expect(await notice.textContent()).toContain('客户项目经理签字确认');
    // Fields are named as the form labels them.
    expect(await notice.textContent()).toContain('验收标准');
    expect(await notice.textContent()).not.toContain('acceptanceCriteria');
    expect(await (await inputOf(modal(), 'deliverable-acceptance')).inputValue()).toBe(
      '客户项目经理签字确认',
    );
    // The earlier error is gone once the name was filled in.
    expect(await modal().locator('.ant-form-item-has-error').count()).toBe(0);
    await shot('10-sow-conflict');
    await page.getByTestId('deliverable-save').click();
    await modal().waitFor({ state: 'detached' });
    // Both sides' edits: the typed name and criteria, their status and their rename.
    const row = deliverableRow('需求规格说明书 V2');
    await row.getByText('客户项目经理签字确认').waitFor();
    await row.getByText('已交付').waitFor();
    await deliverableRow('用户培训手册').waitFor();
  });

  it('removes a deliverable and edits a scope line', async () => {
    await deliverableRow('用户培训手册').getByTestId('deliverable-remove').click();
    await confirmPop();
    await deliverableRow('用户培训手册').waitFor({ state: 'detached' });

    await page
      .getByTestId('scope-line')
      .filter({ hasText: '提供测试数据' })
      .getByTestId('scope-edit')
      .click();
    await fill(modal(), 'scope-text', '提供脱敏后的测试数据');
    await page.getByTestId('item-save').click();
    await modal().waitFor({ state: 'detached' });
    await page.getByTestId('scope-line').filter({ hasText: '提供脱敏后的测试数据' }).waitFor();
    await shot('11-sow-edited');
  });

  it("edits a phase's actual dates, with the date-order rule shown on its field", async () => {
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('phase-edit').first().click();
    await modal().waitFor();
    await fill(modal(), 'phase-actualStart', dayFrom(-51));
    await fill(modal(), 'phase-actualEnd', dayFrom(-52));
    await page.getByTestId('phase-save').click();
    await modal().locator('.ant-form-item-has-error').getByTestId('phase-actualEnd').waitFor();
    await fill(modal(), 'phase-actualEnd', dayFrom(-34));
    await page.getByTestId('phase-save').click();
    await modal().waitFor({ state: 'detached' });
    const row = page.getByTestId('phase-row').first();
    await row.getByText('已完成').waitFor();
    expect(await row.textContent()).toContain(`${dayFrom(-51)} ~ ${dayFrom(-34)}`);
    await shot('12-plan-edited');
  });

  it("edits a success criterion's target and current value", async () => {
    await page.getByTestId('tab-success').click();
    await page.getByTestId('criterion-edit').first().click();
    await modal().waitFor();
    await fill(modal(), 'criterion-target', '28');
    await fill(modal(), 'criterion-current', '40');
    await page.getByTestId('criterion-save').click();
    await modal().waitFor({ state: 'detached' });
    const criterion = page.getByTestId('criterion').first();
    await criterion.getByText(/目标 28/).waitFor();
    expect(await criterion.textContent()).toMatch(/最新 40/);
    await shot('13-success-edited');
  });

  it('finds every edit after a reload, in English too', async () => {
    await page.reload();
    await page.getByTestId('tab-sow').click();
    await deliverableRow('需求规格说明书 V2').getByText('客户项目经理签字确认').waitFor();
    expect(await deliverableRow('用户培训手册').count()).toBe(0);
    await page.getByTestId('tab-plan').click();
    expect(await page.getByTestId('phase-row').first().textContent()).toContain(
      `${dayFrom(-51)} ~ ${dayFrom(-34)}`,
    );
    await page.getByTestId('tab-success').click();
    await page.getByTestId('locale-switch').getByText('English').click();
    const criterion = page.getByTestId('criterion').first();
    await criterion.getByText(/target 28/).waitFor();
    expect(await criterion.textContent()).toMatch(/latest 40/);
    await page.getByTestId('criterion-edit').first().click();
    await modal().getByText('Current value').waitFor();
    await shot('14-success-edit-en');
    await page.keyboard.press('Escape');
    expect(session.pageErrors).toEqual([]);
  });
});
