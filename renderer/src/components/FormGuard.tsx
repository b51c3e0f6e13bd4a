// What every form modal does the same way (issue 13): keeps a draft of what is typed until it is
// saved or discarded (restored after a reload or a crash, with a notice and a way to drop it);
// asks "discard changes?" before a dirty form closes (Esc, the close button, Cancel, a route
// change; the window's unload asks through the browser); Enter in a one-line field saves
// (Ctrl/Cmd+Enter anywhere, a text area too; never while an IME is composing Chinese); focus
// starts in the first field, not on the close button.
import { Alert, App, Button, Form, type FormInstance, type ModalProps } from 'antd';
import dayjs from 'dayjs';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { clearDraft, loadDraft, registerGuard, saveDraft, type Draft } from '../drafts';
import { useLocale } from '../i18n';

const FIELD_SELECTOR = [
  'input:not([type=hidden]):not([disabled]):not([readonly])',
  'textarea:not([disabled])',
  '.ant-select:not(.ant-select-disabled) input',
].join(', ');

/** The first field of a modal's form, in document order. */
export function firstField(root: ParentNode | null): HTMLElement | null {
  return (root?.querySelector('.ant-modal-body')?.querySelector(FIELD_SELECTOR) ??
    null) as HTMLElement | null;
}

/** Whether Enter in this element saves the dialog (see the file comment). */
export function enterSubmits(
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'target'> & {
    nativeEvent?: { isComposing?: boolean; keyCode?: number };
  },
): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey) return false;
  if (e.nativeEvent?.isComposing || e.nativeEvent?.keyCode === 229) return false;
  const target = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey) return true;
  if (target.tagName !== 'INPUT') return false;
  // Selects, tag inputs and date pickers use Enter themselves.
  if (target.closest('.ant-select, .ant-picker')) return false;
  return !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type);
}

export interface FormGuard<V = unknown> {
  /** Spread on the antd Modal (onCancel, modalRender, afterOpenChange). */
  modalProps: Pick<ModalProps, 'onCancel' | 'modalRender' | 'afterOpenChange'>;
  /** "Draft restored" notice to show above the form. */
  notice: ReactNode;
  /** Call after a successful save: the draft is gone, closing no longer asks. */
  saved(): void;
  /** Closes the form the way Cancel does (asks when it holds changes). */
  cancel(): void;
  /**
   * Validates the form and runs `save` with its values; after a save the draft is gone and the
   * form closes. A refusal goes to `onError` and the form stays open with what was typed.
   */
  submit(save: (values: V) => Promise<unknown>, onError: (error: unknown) => void): void;
}

export function useFormGuard<V>(options: {
  form: FormInstance<V>;
  /** Where the draft is kept (one per form and document); null keeps none. */
  draftKey: string | null;
  title: string;
  open?: boolean;
  onSubmit: () => unknown;
  onClose: () => void;
}): FormGuard<V> {
  const { form, draftKey, open = true } = options;
  const { t } = useLocale();
  const { modal } = App.useApp();
  const dirty = useRef(false);
  const [restored, setRestored] = useState<Draft | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const asking = useRef<Promise<boolean> | null>(null);
  // Once saved or discarded, nothing more is kept for this opening of the form (a field that
  // unmounts while the modal closes must not write the draft back).
  const closed = useRef(false);

  // A kept draft goes back into the form when it opens.
  useEffect(() => {
    if (!open || !draftKey) return;
    closed.current = false;
    const draft = loadDraft(draftKey);
    dirty.current = !!draft;
    setRestored(draft);
    if (draft) form.setFieldsValue(draft.values as Partial<V>);
  }, [open, draftKey, form]);

  const forget = useCallback(() => {
    closed.current = true;
    if (latest.current.draftKey) clearDraft(latest.current.draftKey);
    dirty.current = false;
    setRestored(null);
  }, []);

  const confirmDiscard = useCallback(
    () =>
      (asking.current ??= new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('uxUi.draft.confirmTitle'),
          content: t('uxUi.draft.confirmBody'),
          okText: t('uxUi.draft.confirmOk'),
          cancelText: t('uxUi.draft.confirmCancel'),
          okButtonProps: { danger: true, ...{ 'data-testid': 'discard-confirm' } },
          cancelButtonProps: { ...{ 'data-testid': 'discard-cancel' } },
          autoFocusButton: 'cancel',
          onOk: () => {
            asking.current = null;
            forget();
            latest.current.onClose();
            resolve(true);
          },
          onCancel: () => {
            asking.current = null;
            resolve(false);
          },
          afterClose: () => (asking.current = null),
        });
      })),
    [modal, t, forget],
  );

  useEffect(() => {
    if (!open) return;
    return registerGuard({ dirty: () => dirty.current, confirmDiscard });
  }, [open, confirmDiscard]);

  const cancel = useCallback(() => {
    if (!dirty.current) {
      forget();
      latest.current.onClose();
    } else void confirmDiscard();
  }, [confirmDiscard, forget]);

  const onFormChange = useCallback(() => {
    if (closed.current) return;
    dirty.current = true;
    const { draftKey: key, title: formTitle } = latest.current;
    if (key) {
      saveDraft(key, {
        values: form.getFieldsValue(true) as Record<string, unknown>,
        title: formTitle,
        href: window.location.hash,
      });
    }
  }, [form]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // A field that handles Enter itself (and says so with preventDefault) is not saved twice.
    if (e.defaultPrevented || !enterSubmits(e)) return;
    e.preventDefault();
    void latest.current.onSubmit();
  };

  const bodyRef = useRef<HTMLDivElement>(null);
  const focusFirst = () => {
    const root = bodyRef.current;
    if (
      !root ||
      (root.contains(document.activeElement) && document.activeElement?.matches(FIELD_SELECTOR))
    )
      return;
    firstField(root)?.focus();
  };

  const notice = restored ? (
    <Alert
      type="info"
      showIcon
      data-testid="draft-restored"
      style={{ marginBottom: 12 }}
      title={t('uxUi.draft.restored', { at: dayjs(restored.savedAt).format('YYYY-MM-DD HH:mm') })}
      action={
        <Button
          size="small"
          data-testid="draft-discard"
          onClick={() => {
            forget();
            form.resetFields();
            // The form stays open: what is typed next is a new draft.
            closed.current = false;
          }}
        >
          {t('uxUi.draft.discard')}
        </Button>
      }
    />
  ) : null;

  const submit = (save: (values: V) => Promise<unknown>, onError: (error: unknown) => void) =>
    void form.validateFields().then(async (values) => {
      try {
        await save(values);
      } catch (error) {
        onError(error);
        return;
      }
      forget();
      latest.current.onClose();
    });

  return {
    modalProps: {
      onCancel: cancel,
      afterOpenChange: (visible) => visible && focusFirst(),
      modalRender: (node) => (
        <Form.Provider onFormChange={onFormChange}>
          <div ref={bodyRef} onKeyDown={onKeyDown}>
            {node}
          </div>
        </Form.Provider>
      ),
    },
    notice,
    saved: forget,
    cancel,
    submit,
  };
}
