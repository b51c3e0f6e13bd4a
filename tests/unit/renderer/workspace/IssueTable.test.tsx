/**
 * @jest-environment jsdom
 */
// The issue table's keyboard entry, in jsdom with the real antd components and zod schemas.
import { dayFrom, instantFrom, TODAY } from '../../../helpers/clock';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EntityDoc } from '../../../../shared/domain/entities';
import { LocaleProvider } from '../../../../renderer/src/i18n';
import {
  IssueTable,
  type IssueTableProps,
  type NewIssue,
} from '../../../../renderer/src/workspace/IssueTable';

beforeAll(() => {
  // Browser APIs antd uses that jsdom lacks: small stand-ins with the same timing semantics.
  class TaskChannel {
    port1: { onmessage: ((event: unknown) => void) | null } = { onmessage: null };
    port2 = { postMessage: (data: unknown) => setTimeout(() => this.port1.onmessage?.({ data })) };
  }
  class NoResize {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(globalThis, { MessageChannel: TaskChannel, ResizeObserver: NoResize });
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
});

// antd in jsdom is slow on a shared CI machine; the behaviour, not the speed, is under test.
jest.setTimeout(90_000);

/** The instant the table stamps a customer confirmation with. */
const NOW = instantFrom(0, '09:00');

function issue(
  n: number,
  title: string,
  status: EntityDoc<'issue'>['status'] = 'new',
): EntityDoc<'issue'> {
  return {
    _id: `issue:01ACCOUNT:0${n}`,
    _rev: `1-${n}a`,
    type: 'issue',
    accountId: 'account:01ACCOUNT',
    schemaVersion: 1,
    createdAt: instantFrom(-3).toISOString(),
    createdBy: 'zhang.wei',
    updatedAt: instantFrom(-3).toISOString(),
    updatedBy: 'zhang.wei',
    title,
    category: 'bug',
    raisedOn: dayFrom(-3),
    priority: 'ordinaryFault',
    status,
  };
}

function setup(props: Partial<IssueTableProps> = {}) {
  const created: NewIssue[] = [];
  const onCreate = jest.fn(async (data: NewIssue) => {
    created.push(data);
    return null;
  });
  const onUpdate = jest.fn(async () => null);
  const onSetStatus = jest.fn(async () => null);
  const user = userEvent.setup({ delay: null });
  render(
    <LocaleProvider initial="en-US">
      <IssueTable
        issues={[issue(1, 'Export garbles Chinese'), issue(2, 'Approval stuck')]}
        today={TODAY}
        now={() => NOW}
        onCreate={onCreate}
        onUpdate={onUpdate}
        onSetStatus={onSetStatus}
        {...props}
      />
    </LocaleProvider>,
  );
  const title = screen.getByTestId('new-issue-title') as HTMLInputElement;
  return { user, title, created, onCreate, onUpdate, onSetStatus };
}

describe('IssueTable keyboard entry', () => {
  it('adds a row on Enter and keeps the focus in the title for the next one', async () => {
    const { user, title, created } = setup();
    await user.click(title);
    await user.keyboard('Report export garbled{Enter}');
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toEqual({
      title: 'Report export garbled',
      priority: 'ordinaryFault',
      raisedOn: TODAY,
    });
    expect(title.value).toBe('');
    expect(document.activeElement).toBe(title);

    await user.keyboard('Login slow{Enter}');
    await waitFor(() => expect(created).toHaveLength(2));
    expect(created[1].title).toBe('Login slow');
    expect(document.activeElement).toBe(title);
  });

  it('tabs through priority, owner and due date and sends them with the row', async () => {
    const { user, title, created } = setup();
    await user.click(title);
    await user.keyboard('Printer driver crash');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('new-issue-priority'));
    await user.selectOptions(screen.getByTestId('new-issue-priority'), 'urgentFault');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('new-issue-owner'));
    await user.keyboard('li.na');
    await user.tab();
    const due = screen.getByTestId('new-issue-due') as HTMLInputElement;
    expect(document.activeElement).toBe(due);
    fireEvent.change(due, { target: { value: dayFrom(7) } });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toEqual({
      title: 'Printer driver crash',
      priority: 'urgentFault',
      owner: 'li.na',
      dueDate: dayFrom(7),
      raisedOn: TODAY,
    });
    // The next row starts from the default priority again, not the last row's.
    expect((screen.getByTestId('new-issue-priority') as HTMLSelectElement).value).toBe(
      'ordinaryFault',
    );
    expect((screen.getByTestId('new-issue-owner') as HTMLInputElement).value).toBe('');
  });

  it('refuses an empty title with the schema message and sends nothing', async () => {
    const { user, title, onCreate } = setup();
    await user.click(title);
    await user.keyboard('   {Enter}');
    const alert = await screen.findByTestId('issue-errors');
    expect(alert.textContent).toMatch(/Issue/);
    expect(onCreate).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(title);
  });

  it('rejects a due date before the day raised, as the backend would', async () => {
    const { user, title, onCreate } = setup();
    await user.click(title);
    await user.keyboard('Backdated');
    const due = screen.getByTestId('new-issue-due') as HTMLInputElement;
    // The antd date picker (not a native date field): typed, then Enter takes it and adds the row.
    await user.click(due);
    fireEvent.change(due, { target: { value: dayFrom(-22) } });
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('issue-errors')).textContent).toBeTruthy();
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('keeps what was typed when the backend refuses the row', async () => {
    const { user, title } = setup({ onCreate: jest.fn(async () => ['Offline']) });
    await user.click(title);
    await user.keyboard('Keep me{Enter}');
    expect((await screen.findByTestId('issue-errors')).textContent).toContain('Offline');
    expect(title.value).toBe('Keep me');
  });

  it('clears the entry row on Escape', async () => {
    const { user, title, onCreate } = setup();
    await user.click(title);
    await user.keyboard('Never mind{Escape}');
    expect(title.value).toBe('');
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('edits a title in place with Enter', async () => {
    const { user, onUpdate } = setup();
    const cell = screen
      .getAllByTestId('issue-title')
      .find((c) => c.textContent === 'Approval stuck')!;
    cell.focus();
    await user.keyboard('{Enter}');
    const input = screen.getByLabelText('Edit issue title') as HTMLInputElement;
    await user.clear(input);
    await user.keyboard('Approval flow stuck at step 2{Enter}');
    await waitFor(() => expect(onUpdate).toHaveBeenCalled());
    expect(onUpdate.mock.calls[0]).toEqual([
      expect.objectContaining({ _id: 'issue:01ACCOUNT:02' }),
      { title: 'Approval flow stuck at step 2' },
    ]);
  });

  it("closes an issue only with the customer's confirmation", async () => {
    const { user, onSetStatus } = setup();
    const row = screen
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('Export garbles Chinese'))!;
    await user.selectOptions(within(row).getByTestId('issue-status'), 'closed');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByTestId('close-confirm'));
    expect(await within(dialog).findByText('Enter who confirmed')).toBeTruthy();
    expect(onSetStatus).not.toHaveBeenCalled();
    await user.type(within(dialog).getByTestId('confirmed-by'), 'Li Na');
    await user.click(within(dialog).getByTestId('close-confirm'));
    await waitFor(() => expect(onSetStatus).toHaveBeenCalled());
    expect(onSetStatus.mock.calls[0]).toEqual([
      [expect.objectContaining({ title: 'Export garbles Chinese' })],
      'closed',
      { confirmedBy: 'Li Na', confirmedAt: NOW.toISOString() },
    ]);
  });

  it('shows a past due day in red only while the issue is open', () => {
    const late = (n: number, status: EntityDoc<'issue'>['status']) => ({
      ...issue(n, `Late ${status}`, status),
      dueDate: dayFrom(-1),
      ...(status === 'closed'
        ? { customerConfirmation: { confirmedBy: 'Li Na', confirmedAt: NOW.toISOString() } }
        : {}),
    });
    setup({ issues: [late(1, 'inProgress'), late(2, 'closed'), late(3, 'fixed')] });
    fireEvent.change(screen.getByTestId('issue-status-filter'), { target: { value: 'all' } });
    const dueOf = (title: string) =>
      within(screen.getAllByRole('row').find((r) => r.textContent?.includes(title))!)
        .getByTestId('issue-due')
        .getAttribute('data-overdue');
    expect(dueOf('Late inProgress')).toBe('true');
    expect(dueOf('Late closed')).toBe('false');
    expect(dueOf('Late fixed')).toBe('false');
  });

  it('shows the readable number and marks one used twice', () => {
    const numbered = (n: number, title: string, number: number, numberTag: string) => ({
      ...issue(n, title),
      number,
      numberTag,
    });
    setup({
      issues: [
        numbered(1, 'First', 1, 'ZW'),
        numbered(2, 'Second', 2, 'ZW'),
        numbered(3, 'Twin', 2, 'ZW'),
      ],
      onOpen: () => undefined,
    });
    const row = (title: string) =>
      screen.getAllByRole('row').find((r) => r.textContent?.includes(title))!;
    expect(within(row('First')).getByTestId('issue-number').textContent).toBe('#1-ZW');
    expect(within(row('First')).queryByText('!')).toBeNull();
    expect(within(row('Twin')).getByText('!')).toBeTruthy();
  });
});
