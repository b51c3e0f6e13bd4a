/**
 * @jest-environment jsdom
 */
// Issue 13's rules in the renderer, with the real antd components in jsdom: drafts (kept,
// restored with their dates, cleared on save), the discard question before a dirty form closes
// (Esc, route change, window unload), Enter saving a modal (not while an IME composes, not in a
// select), the screen's error boundary and its retry, the search palette's keyboard helpers and
// recent items, and error messages always in the UI language.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiCallError, unavailable } from '../../../renderer/src/api/client';
import { ErrorBoundary } from '../../../renderer/src/components/ScreenBoundary';
import { enterSubmits, useFormGuard } from '../../../renderer/src/components/FormGuard';
import {
  groupHits,
  loadRecent,
  moveActive,
  rememberRecent,
} from '../../../renderer/src/components/SearchPalette';
import {
  clearDraft,
  dirtyGuard,
  fromDraftValue,
  listDrafts,
  loadDraft,
  onBeforeUnload,
  saveDraft,
  toDraftValue,
} from '../../../renderer/src/drafts';
import { errorText } from '../../../renderer/src/errorText';
import { LocaleProvider } from '../../../renderer/src/i18n';
import { t as translate } from '../../../shared/i18n';
import type { SearchHit } from '../../../shared/api/types';

beforeAll(() => {
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

beforeEach(() => localStorage.clear());

// antd in jsdom is slow on a shared machine; the behaviour, not the speed, is under test.
jest.setTimeout(90_000);

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

describe('drafts', () => {
  it('keeps dates through JSON and back', () => {
    const day = dayjs('2026-03-04T09:30:00');
    const values = { purpose: '回访', date: day, items: [{ due: day }], empty: undefined };
    const restored = fromDraftValue(JSON.parse(JSON.stringify(toDraftValue(values)))) as {
      purpose: string;
      date: dayjs.Dayjs;
      items: { due: dayjs.Dayjs }[];
    };
    expect(restored.purpose).toBe('回访');
    expect(dayjs.isDayjs(restored.date)).toBe(true);
    expect(restored.date.format('YYYY-MM-DD HH:mm')).toBe('2026-03-04 09:30');
    expect(restored.items[0].due.isSame(day)).toBe(true);
    expect('empty' in restored).toBe(false);
  });

  it('saves, lists newest first and clears', () => {
    saveDraft('a', { values: { x: 1 }, title: 'A', href: '#/a' }, new Date('2026-01-01T08:00:00Z'));
    saveDraft('b', { values: { x: 2 }, title: 'B', href: '#/b' }, new Date('2026-01-01T09:00:00Z'));
    expect(listDrafts().map((d) => d.key)).toEqual(['b', 'a']);
    expect(loadDraft('a')?.values).toEqual({ x: 1 });
    clearDraft('a');
    expect(loadDraft('a')).toBeNull();
    localStorage.setItem('csm.draft.bad', '{not json');
    expect(loadDraft('bad')).toBeNull();
  });
});

/** A form modal as the app builds them, with a save that can be told to fail. */
function GuardedForm({
  onSave,
  draftKey = 'test:form',
}: {
  onSave: () => boolean;
  draftKey?: string;
}) {
  const [open, setOpen] = useState(true);
  const [form] = Form.useForm();
  const submit = () => {
    if (onSave()) {
      guard.saved();
      setOpen(false);
    }
  };
  const guard = useFormGuard({
    form,
    draftKey,
    title: 'Test',
    onSubmit: submit,
    onClose: () => setOpen(false),
  });
  return (
    <>
      {open ? (
        <Modal open title="Test" {...guard.modalProps} onOk={submit}>
          {guard.notice}
          <Form form={form} initialValues={{ name: '' }}>
            <Form.Item name="name">
              <Input data-testid="name" />
            </Form.Item>
            <Form.Item name="notes">
              <Input.TextArea data-testid="notes" />
            </Form.Item>
          </Form>
        </Modal>
      ) : (
        <span data-testid="closed">closed</span>
      )}
    </>
  );
}

function wrap(node: React.ReactNode) {
  const queryClient = new QueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider initial="zh-CN">
        <AntApp>{node}</AntApp>
      </LocaleProvider>
    </QueryClientProvider>
  );
}

describe('form guard', () => {
  it('keeps a draft while typing and brings it back on the next open', async () => {
    const first = render(wrap(<GuardedForm onSave={() => false} />));
    fireEvent.change(await screen.findByTestId('name'), { target: { value: '季度回顾' } });
    expect(loadDraft('test:form')?.values).toEqual(expect.objectContaining({ name: '季度回顾' }));
    first.unmount(); // a reload or a crash
    render(wrap(<GuardedForm onSave={() => false} />));
    await screen.findByTestId('draft-restored');
    await waitFor(() =>
      expect((screen.getByTestId('name') as HTMLInputElement).value).toBe('季度回顾'),
    );
    // Dropping the draft empties the form and the store.
    fireEvent.click(screen.getByTestId('draft-discard'));
    expect(loadDraft('test:form')).toBeNull();
    await waitFor(() => expect((screen.getByTestId('name') as HTMLInputElement).value).toBe(''));
  });

  it('asks before Esc closes a dirty form; a clean one closes at once', async () => {
    render(wrap(<GuardedForm onSave={() => false} />));
    const name = await screen.findByTestId('name');
    fireEvent.change(name, { target: { value: '改动' } });
    expect(dirtyGuard()).toBeDefined();
    // The window's unload asks too.
    const unload = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
    onBeforeUnload(unload);
    expect(unload.defaultPrevented).toBe(true);
    fireEvent.keyDown(name, { key: 'Escape', code: 'Escape' });
    await waitFor(() =>
      expect(screen.getAllByText(zh('uxUi.draft.confirmTitle')).length).toBeGreaterThan(0),
    );
    fireEvent.click(screen.getByText(zh('uxUi.draft.confirmOk')));
    await screen.findByTestId('closed');
    expect(loadDraft('test:form')).toBeNull();
    expect(dirtyGuard()).toBeUndefined();
  });

  it('saves on Enter in a field, clears the draft, and ignores Enter while composing', async () => {
    const onSave = jest.fn(() => true);
    render(wrap(<GuardedForm onSave={onSave} />));
    const name = await screen.findByTestId('name');
    fireEvent.change(name, { target: { value: '新客户' } });
    // An IME choosing characters: Enter belongs to it.
    fireEvent.keyDown(name, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(name, { key: 'Enter', keyCode: 229 });
    expect(onSave).not.toHaveBeenCalled();
    // A multi-line text keeps Enter for new lines; Ctrl+Enter saves from it.
    fireEvent.keyDown(screen.getByTestId('notes'), { key: 'Enter' });
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(onSave).toHaveBeenCalledTimes(1);
    await screen.findByTestId('closed');
    expect(loadDraft('test:form')).toBeNull();
  });

  it('decides which Enter saves', () => {
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    const select = document.createElement('div');
    select.className = 'ant-select';
    const inSelect = document.createElement('input');
    select.appendChild(inSelect);
    const key = (target: HTMLElement, extra: object = {}) =>
      enterSubmits({
        key: 'Enter',
        shiftKey: false,
        altKey: false,
        ctrlKey: false,
        metaKey: false,
        target,
        ...extra,
      } as never);
    expect(key(input)).toBe(true);
    expect(key(area)).toBe(false);
    expect(key(area, { ctrlKey: true })).toBe(true);
    expect(key(inSelect)).toBe(false);
    expect(key(input, { shiftKey: true })).toBe(false);
    expect(key(input, { nativeEvent: { isComposing: true } })).toBe(false);
  });
});

describe('screen boundary', () => {
  it('shows what happened instead of a blank screen, and renders again on retry', async () => {
    let broken = true;
    const Screen = () => {
      if (broken) throw new Error('bad answer');
      return <span data-testid="screen">ok</span>;
    };
    const onRetry = jest.fn();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <LocaleProvider initial="zh-CN">
        <ErrorBoundary onRetry={onRetry}>
          <Screen />
        </ErrorBoundary>
      </LocaleProvider>,
    );
    await screen.findByTestId('screen-error');
    expect(screen.getByText(zh('uxUi.boundary.render'))).toBeTruthy();
    broken = false;
    fireEvent.click(screen.getByTestId('screen-error-reload'));
    await screen.findByTestId('screen');
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('retries a chunk that failed to load when the browser is back online', async () => {
    let offline = true;
    const Screen = () => {
      if (offline) {
        const error = new Error('Failed to fetch dynamically imported module: /assets/x.js');
        throw error;
      }
      return <span data-testid="screen">ok</span>;
    };
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <LocaleProvider initial="en-US">
        <ErrorBoundary>
          <Screen />
        </ErrorBoundary>
      </LocaleProvider>,
    );
    await screen.findByText(translate('en-US', 'uxUi.boundary.chunk'));
    offline = false;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await screen.findByTestId('screen');
  });
});

describe('search palette helpers', () => {
  const hit = (id: string, type: SearchHit['type']): SearchHit => ({
    id,
    type,
    accountId: 'account:A',
    accountName: 'A',
    title: id,
    snippet: '',
    score: 1,
  });

  it('moves through the hits and wraps around', () => {
    expect(moveActive(0, 3, 'ArrowDown')).toBe(1);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(1, 3, 'End')).toBe(2);
    expect(moveActive(0, 0, 'ArrowDown')).toBe(0);
  });

  it('groups hits by type in order of first appearance', () => {
    const groups = groupHits([hit('1', 'issue'), hit('2', 'account'), hit('3', 'issue')]);
    expect(groups.map(([type, list]) => [type, list.map((h) => h.id)])).toEqual([
      ['issue', ['1', '3']],
      ['account', ['2']],
    ]);
  });

  it('remembers opened items once, newest first, eight at most', () => {
    for (let i = 0; i < 10; i++) rememberRecent(hit(String(i), 'account'));
    rememberRecent(hit('5', 'account'));
    const recent = loadRecent().map((h) => h.id);
    expect(recent[0]).toBe('5');
    expect(recent).toHaveLength(8);
    expect(new Set(recent).size).toBe(8);
  });
});

describe('error text', () => {
  const tZh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate('zh-CN', key, params);

  it("never shows the browser's own words", () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(errorText(tZh, new TypeError('Failed to fetch'))).toBe(
      tZh('uxUi.error.backendUnreachable'),
    );
    expect(errorText(tZh, unavailable('Failed to fetch'))).toBe(
      tZh('uxUi.error.backendUnreachable'),
    );
    expect(errorText(tZh, new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(
      tZh('uxUi.error.unexpected'),
    );
  });

  it('translates the backend errors by their keys', () => {
    const error = new ApiCallError([
      {
        code: 'NOT_FOUND',
        path: [],
        message: 'no x',
        messageKey: 'error.notFound',
        params: { id: 'x' },
      },
    ]);
    expect(errorText(tZh, error)).toBe(tZh('error.notFound', { id: 'x' }));
  });
});
