// The requirements library in the real app (browser mode, Chromium): a CSM raises a requirement
// from an issue with Alt+R, is offered the similar one another account asked for and adds her
// account to it (two keystrokes), raises a new one, moves it across the board (keyboard, arrow
// button, drag), releases it (a "tell the customer" task per asking account), and tells the
// customer from the requirement's page: a touchpoint on the account, the task closed.
import type { Locator, Page } from 'playwright-core';
import { dayFrom } from '../helpers/clock';
import { inputOf, openSession, screenshot, type BrowserSession } from './browserMode';

jest.setTimeout(240_000);

let session: BrowserSession;
let page: Page;
let hengxin: string;
let minghua: string;
let issueId: string;
let existingId: string;

const modal = () => page.getByRole('dialog');
const column = (status: string) => page.getByTestId(`board-column-${status}`);
const card = (status: string, title: string) =>
  column(status).getByTestId('requirement-card').filter({ hasText: title });

/**
 * Drags with the mouse in steps: Chromium starts an HTML5 drag only once the pointer has moved
 * with the button down (Playwright's one-step dragTo never starts one here).
 */
async function drag(from: Locator, to: Locator): Promise<void> {
  const src = (await from.boundingBox())!;
  const dst = (await to.boundingBox())!;
  await page.mouse.move(src.x + 20, src.y + 20);
  await page.mouse.down();
  await page.mouse.move(src.x + 30, src.y + 30, { steps: 3 });
  await page.mouse.move(dst.x + dst.width / 2, dst.y + 40, { steps: 10 });
  await page.mouse.up();
}

interface AskRow {
  id: string;
  accountId: string;
  sourceType: string;
  sourceId?: string;
  toldOn?: string;
  tellTaskId?: string;
}
interface Detail {
  requirement: { _id: string; status: string; release?: string };
  asks: AskRow[];
}

beforeAll(async () => {
  session = await openSession('requirements');
  page = session.page;
  const api = session.api;
  hengxin = (
    await api('account.create', {
      data: { name: '苏州恒信电子有限公司', tier: 'strategic', ownerCsm: 'zhang.wei' },
    })
  )._id;
  minghua = (
    await api('account.create', {
      data: { name: '杭州明华物流有限公司', tier: 'ordinary', ownerCsm: 'li.na' },
    })
  )._id;
  // Hengxin pays and renews within 90 days; its information director is the decision maker.
  await api('contract.create', {
    accountId: hengxin,
    data: {
      contractNo: 'HT-REQ-001',
      products: [{ name: 'CRM 专业版', quantity: 100, unit: 'seat', unitPrice: 1200 }],
      amount: 120_000,
      startDate: dayFrom(-300),
      endDate: dayFrom(60),
    },
  });
  const contact = await api('contact.create', {
    accountId: hengxin,
    data: { name: '王建国', position: '信息部总监', roles: ['decisionMaker'] },
  });
  issueId = (
    await api('issue.create', {
      accountId: hengxin,
      data: {
        title: '销售报表需要按事业部导出',
        description: '财务每月手工拆分销售报表给三个事业部，耗时两天',
        priority: 'ordinaryFault',
        status: 'new',
        category: 'need',
        raisedOn: dayFrom(-3),
        raisedByContactId: contact._id,
        raisedBy: contact.name,
      },
    })
  )._id;
  // Another account already asked for the same need.
  existingId = (
    await api('requirements.create', {
      data: {
        title: '销售报表按事业部导出',
        scenario: '集团下属事业部各自要看本部门的销售报表',
        productArea: 'reporting',
      },
      ask: { accountId: minghua, importance: 'major' },
    })
  ).requirement._id;
});

afterAll(() => session?.close());

describe('the requirements library', () => {
  it('raises from an issue: the similar requirement is offered and gets this account', async () => {
    await page.goto(`${session.web.url}#/account/${encodeURIComponent(hengxin)}/issues`);
    await page.getByTestId('issue-table').waitFor();
    // Focus the issue's row, then Alt+R: the dialog opens with the issue's title typed.
    await page.getByTestId('issue-title').first().focus();
    await page.keyboard.press('Alt+KeyR');
    await page.getByTestId('raise-dialog').waitFor();
    expect(await page.getByTestId('raise-title').inputValue()).toBe('销售报表需要按事业部导出');
    const similar = page.getByTestId('similar-item').filter({ hasText: '销售报表按事业部导出' });
    await similar.waitFor();
    await screenshot(page, 'requirements-01-raise-similar-zh');
    // ↓ picks the similar one, Enter adds this account to it.
    await page.getByTestId('raise-title').press('ArrowDown');
    await page.getByTestId('raise-title').press('Enter');
    await page.getByTestId('raise-dialog').waitFor({ state: 'detached' });

    const detail = await session.api<Detail>('requirements.get', { id: existingId });
    expect(detail.asks).toHaveLength(2);
    expect(detail.asks.find((a) => a.accountId === hengxin)).toMatchObject({
      sourceType: 'issue',
      sourceId: issueId,
    });
    const list = await session.api<{ total: number }>('requirements.list', {});
    expect(list.total).toBe(1);
  });

  it('raises a new requirement in two keystrokes when it is a different need', async () => {
    await page.getByTestId('issue-title').first().focus();
    await page.keyboard.press('Alt+KeyR');
    await page.getByTestId('raise-dialog').waitFor();
    // The similar one is there, already asked by this account; this time it is another need.
    await page.getByTestId('similar-asked').waitFor();
    await page.getByTestId('raise-title').fill('移动端审批销售合同');
    await page.getByTestId('raise-title').press('Enter');
    await page.getByTestId('raise-dialog').waitFor({ state: 'detached' });
    const list = await session.api<{ total: number; items: { id: string; title: string }[] }>(
      'requirements.list',
      { q: '移动端审批' },
    );
    expect(list.items.map((r) => r.title)).toEqual(['移动端审批销售合同']);

    // The account's tab lists both, each with its status.
    await page.getByTestId('tab-requirements').click();
    await page.getByTestId('account-requirements').waitFor();
    await page.getByTestId('account-requirement-open').filter({ hasText: '移动端审批' }).waitFor();
    expect(await page.getByTestId('account-requirement-open').count()).toBe(2);
  });

  it('moves a requirement across the board, releases it and tells the customer', async () => {
    const title = '销售报表按事业部导出';
    await page.goto(`${session.web.url}#/requirements`);
    await page.getByTestId('screen-requirements').waitFor();
    await card('collected', title).waitFor();
    expect(await column('collected').getByTestId('column-count').textContent()).toBe('2 / 2');

    // Keyboard: Alt+→ on the focused card moves it one column right.
    await card('collected', title).focus();
    await page.keyboard.press('Alt+ArrowRight');
    await card('underReview', title).waitFor();
    expect(await column('collected').getByTestId('column-count').textContent()).toBe('1 / 1');

    // Drag into planned: the release is asked for first; without it nothing moves.
    await drag(card('underReview', title), column('planned'));
    await page.getByTestId('move-release').waitFor();
    await page.getByTestId('move-ok').click();
    await modal().getByText('必填', { exact: true }).waitFor();
    await page.getByTestId('move-release').fill('V5.2');
    await page.getByTestId('move-ok').click();
    await card('planned', title).waitFor();
    await card('planned', title).getByTestId('card-right').click();
    await card('inDevelopment', title).waitFor();
    await card('inDevelopment', title).getByTestId('card-right').click();
    await card('released', title).waitFor();
    await screenshot(page, 'requirements-02-board-zh');

    let detail = await session.api<Detail>('requirements.get', { id: existingId });
    expect(detail.requirement).toMatchObject({ status: 'released', release: 'V5.2' });
    expect(detail.asks.every((a) => a.tellTaskId)).toBe(true);

    // The requirement's page: score with its reasons, ARR at stake, the renewal marked.
    await card('released', title).getByTestId('requirement-open').click();
    await page.getByTestId('screen-requirement').waitFor();
    await page.getByTestId('requirement-why').locator('li').first().waitFor();
    await page.getByTestId('requirement-arr').getByText('120,000').waitFor();
    await page.getByTestId('ask-renewal-soon').waitFor();
    const hengxinRow = page
      .getByTestId('requirement-asks')
      .locator('tr')
      .filter({ hasText: '苏州恒信电子有限公司' });
    await hengxinRow.getByText('王建国').waitFor();
    await hengxinRow.getByTestId('ask-tell').click();
    // The channel picker: a call unless said otherwise; a chat names where (DingTalk here).
    const tellKind = page.getByTestId('tell-kind');
    await tellKind.getByText('电话').waitFor();
    expect(await tellKind.locator('.ant-radio-button-wrapper-checked').textContent()).toBe('电话');
    await tellKind.getByText('即时消息').click();
    await page.getByTestId('tell-channel').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '钉钉' }).click();
    await screenshot(page, 'requirements-03b-tell-zh');
    await page.getByTestId('tell-ok').click();
    await hengxinRow.getByTestId('ask-told').waitFor();
    await screenshot(page, 'requirements-03-page-zh');

    detail = await session.api<Detail>('requirements.get', { id: existingId });
    const told = detail.asks.find((a) => a.accountId === hengxin)!;
    expect(told.toldOn).toBeTruthy();
    expect(told.tellTaskId).toBeUndefined();
    const other = detail.asks.find((a) => a.accountId === minghua)!;
    expect(other.toldOn).toBeUndefined();
    const touchpoints = await session.api<{ items: { kind: string; channel?: string }[] }>(
      'touchpoint.list',
      { accountId: hengxin },
    );
    expect(touchpoints.items).toHaveLength(1);
    expect(touchpoints.items[0]).toMatchObject({ kind: 'chat', channel: 'dingtalk' });
  });

  it('raises from a visit with its button: the pain point is the title, its attendee asked', async () => {
    const contact = (
      await session.api<{ items: { _id: string; name: string }[] }>('contact.list', {
        accountId: hengxin,
      })
    ).items[0];
    const visitId = (
      await session.api<{ _id: string }>('visit.create', {
        accountId: hengxin,
        data: {
          purpose: '季度业务回顾',
          date: dayFrom(-1),
          status: 'done',
          minutes: '客户希望审批流程支持会签',
          painPointsNew: ['审批流程不支持会签'],
          attendees: { customer: [{ contactId: contact._id, name: contact.name }], vendor: [] },
        },
      })
    )._id;
    await page.goto(`${session.web.url}#/account/${encodeURIComponent(hengxin)}/visits`);
    await page.getByTestId('visit-card').getByTestId('raise-requirement').click();
    await page.getByTestId('raise-dialog').waitFor();
    expect(await page.getByTestId('raise-title').inputValue()).toBe('审批流程不支持会签');
    await page.getByTestId('raise-dialog').getByText('王建国').waitFor();
    await page.getByTestId('raise-ok').click();
    await page.getByTestId('raise-dialog').waitFor({ state: 'detached' });
    const [made] = (
      await session.api<{ items: { id: string }[] }>('requirements.list', { q: '会签' })
    ).items;
    const detail = await session.api<Detail & { asks: { contactId?: string }[] }>(
      'requirements.get',
      { id: made.id },
    );
    expect(detail.asks).toMatchObject([
      { accountId: hengxin, sourceType: 'visit', sourceId: visitId, contactId: contact._id },
    ]);

    // The account's tab lists its three; the portfolio ranks them by ARR at stake.
    await page.getByTestId('tab-requirements').click();
    await page.getByTestId('account-requirements-count').getByText('3 条需求').waitFor();
    await screenshot(page, 'requirements-07-account-tab-zh');
    await page.goto(`${session.web.url}#/portfolio`);
    const panel = page.getByTestId('portfolio-requirements');
    await panel.getByTestId('portfolio-req-top').first().waitFor();
    expect(await panel.getByTestId('portfolio-req-top').count()).toBe(3);
    // Released is not blocking any more; the two open ones asked by renewing Hengxin are, counted
    // exactly by the query.
    await panel.getByTestId('portfolio-req-blocking').first().waitFor();
    expect(await panel.getByTestId('portfolio-req-blocking').count()).toBe(2);
    expect(await panel.getByTestId('portfolio-req-blocking-count').textContent()).toBe(
      '2 个需求阻碍续约',
    );
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'requirements-08-portfolio-zh');
  });

  it('shows the board and the page in English, and the manager edits the model', async () => {
    await page.goto(`${session.web.url}#/requirement/${encodeURIComponent(existingId)}`);
    await page.getByTestId('locale-switch').getByText('English').click();
    await page.getByTestId('requirement-status').getByText('Released').waitFor();
    await page.getByTestId('requirement-why').locator('li').first().waitFor();
    await screenshot(page, 'requirements-04-page-en');
    await page.goto(`${session.web.url}#/requirements`);
    await column('released').getByText('Released').waitFor();
    await screenshot(page, 'requirements-05-board-en');

    await page.getByTestId('board-view').getByText('By priority score').click();
    await page.getByTestId('board-ranked').getByTestId('ranked-open').first().waitFor();
    expect(await page.getByTestId('board-ranked').getByTestId('ranked-open').count()).toBe(3);

    await page.getByTestId('board-model').click();
    await page.getByTestId('screen-requirement-model').waitFor();
    await page.getByTestId('model-weight-sum').getByText('Sum 100 %').waitFor();
    const weight = await inputOf(page, 'model-weight-productFit');
    const before = Number(await weight.inputValue());
    await weight.fill(String(before + 5));
    await page.getByTestId('model-weight-sum').getByText(`Sum 105 %, must be 100 %`).waitFor();
    await screenshot(page, 'requirements-06-model-en');
    // Five points from customer importance make it 100 % again; the save scores anew.
    const other = await inputOf(page, 'model-weight-customerImportance');
    const otherBefore = Number(await other.inputValue());
    await other.fill(String(otherBefore - 5));
    await page.getByTestId('model-weight-sum').getByText('Sum 100 %').waitFor();
    await page.getByTestId('model-save').click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const stored = await session.api<{ model: { weights: Record<string, number> } }>(
      'requirements.model.get',
      {},
    );
    expect(stored.model.weights).toMatchObject({
      productFit: before + 5,
      customerImportance: otherBefore - 5,
    });
    expect(session.pageErrors).toEqual([]);
  });
});
