// The directory of people in the real app (browser mode, Debian's Chromium): a first run asks who
// you are, the pick is remembered, Today shows that person's accounts under their name, and an
// account's owner appears by display name in zh-CN and in en-US.
import type { Page } from 'playwright-core';
import type { Identity, TeamMember } from '../../shared/api/directory';
import { openSession, screenshot, type BrowserSession } from './browserMode';

jest.setTimeout(150_000);

let session: BrowserSession;
let page: Page;
let me: TeamMember;
let myAccounts: { total: number; items: { _id: string; ownerCsm: string }[] };

const shot = (name: string) => screenshot(page, `people-${name}`);

beforeAll(async () => {
  // No --user and no CSM_USER: nobody has said who uses this workbench.
  session = await openSession('people', { user: null });
  page = session.page;
  await session.api('app.loadDemo', { accounts: 20, seed: 1 });
  const { members } = await session.api<{ members: TeamMember[] }>('directory.list', {});
  const accounts = await session.api<{ items: { ownerCsm: string }[] }>('account.list', {
    limit: 500,
  });
  me = members.find((m) => m.login === accounts.items[0].ownerCsm)!;
  myAccounts = await session.api('account.list', { filters: { ownerCsm: me.login }, limit: 500 });
});

afterAll(() => session?.close());

describe('who are you', () => {
  it('asks on first run, and the pick becomes the acting user', async () => {
    expect((await session.api<Identity>('app.identity', {})).chosen).toBe(false);
    await page.goto(session.web.url);
    await page.getByTestId('who-are-you').waitFor();
    await shot('01-who-are-you');
    await page.getByTestId('identity-pick').click();
    await page.keyboard.type(me.nameZh!);
    await page
      .locator('.ant-select-item-option', { hasText: `${me.nameZh} (${me.login})` })
      .click();
    await page.getByTestId('identity-use').click();
    await page.getByTestId('screen-today').waitFor();
    const identity = await session.api<Identity>('app.identity', {});
    expect(identity).toMatchObject({ login: me.login, source: 'remembered', chosen: true });
  });

  it("shows that person's accounts on Today, under their name", async () => {
    const scope = page.getByTestId('today-scope');
    await scope.getByText(`${me.nameZh}的客户`).waitFor();
    await page.getByText(`${myAccounts.total} 个客户`).waitFor();
    expect(await page.getByTestId('today-none-assigned').count()).toBe(0);
    await page.getByText(`用户：${me.nameZh}`).waitFor();
    await shot('02-today-mine');
  });

  it("names an account's owner in zh-CN and in en-US", async () => {
    const accountId = myAccounts.items[0]._id;
    await page.goto(`${session.web.url}#/account/${encodeURIComponent(accountId)}/overview`);
    const owner = page.getByTestId('account-owner');
    await owner.waitFor();
    expect(await owner.textContent()).toBe(me.nameZh);
    await shot('03-owner-zh');
    await page.getByTestId('locale-switch').getByText('English').click();
    await page.getByTestId('account-owner').getByText(me.nameEn!).waitFor();
    await shot('04-owner-en');
    await page.getByTestId('nav-directory').click();
    await page.getByTestId('screen-directory').waitFor();
    await page.getByTestId(`member-${me.login}`).getByText('(you)').waitFor();
    await shot('05-directory-en');
  });

  it('adds a member in the Team directory, with the field errors shown', async () => {
    await page.getByTestId('directory-new').click();
    await page.getByTestId('member-login').fill('new.hire');
    await page.getByTestId('member-email').fill('not-an-address');
    await page.getByTestId('member-save').click();
    // The backend's errors, on their fields: a name is needed, the e-mail is malformed.
    await page
      .locator('.ant-form-item-explain-error', { hasText: 'Enter a Chinese or an English name' })
      .waitFor();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Wrong format' }).waitFor();
    await shot('05b-member-errors');
    await page.getByTestId('member-nameZh').fill('新同事');
    await page.getByTestId('member-nameEn').fill('New Hire');
    await page.getByTestId('member-email').fill('new.hire@example.com');
    await page.getByTestId('member-save').click();
    await page.getByTestId('member-new.hire').waitFor();
    const saved = await session.api<TeamMember>('directory.get', { login: 'new.hire' });
    expect(saved).toMatchObject({ nameZh: '新同事', nameEn: 'New Hire', createdBy: me.login });
  });

  it('remembers the choice after a restart, and says why "my accounts" is empty for someone else', async () => {
    await session.restart();
    await page.goto(session.web.url);
    await page.getByTestId('screen-today').waitFor();
    expect((await session.api<Identity>('app.identity', {})).login).toBe(me.login);
    // A sales owner is on no account as its CSM: Today says so, and why.
    const { members } = await session.api<{ members: TeamMember[] }>('directory.list', {});
    const sales = members.find((m) => m.role === 'sales')!;
    await page.getByTestId('identity-switch').click();
    await page.getByTestId('identity-pick').last().click();
    // A new port is a new origin: the page speaks Chinese again.
    await page.keyboard.type(sales.nameZh!);
    await page
      .locator('.ant-select-item-option', { hasText: `${sales.nameZh} (${sales.login})` })
      .click();
    await page.getByTestId('identity-use').last().click();
    const why = page.getByTestId('today-none-assigned');
    await why.waitFor();
    expect(await why.textContent()).toContain(`${sales.nameZh}（登录名 ${sales.login}）`);
    await page.getByTestId('today-scope').getByText(`${sales.nameZh}的客户`).waitFor();
    await shot('06-today-none-assigned');
    expect(session.pageErrors).toEqual([]);
  });
});
