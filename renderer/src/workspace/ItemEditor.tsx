// Adding, editing and removing one element of a list inside a working document (SOW, project
// plan, success plan): a modal form validated with the document's zod schema, the backend's field
// errors on the form's own fields, and a stale revision shown as the newer version of that item
// while the form keeps what was typed.
import { Button, Form, Modal, Popconfirm, Space, type FormItemProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { EditableType, EntityDoc } from '../../../shared/domain/entities';
import { testIdProps, useEntityWriter } from '../entityWriter';
import { useLocale } from '../i18n';
import type { ItemRef } from '../itemEdits';
import { useFormGuard } from '../components/FormGuard';

let keySeq = 0;
/** A key for a new list element, unique enough across users and sessions. */
export const newItemKey = () =>
  `i${Date.now().toString(36)}${(keySeq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Form.Item props that keep an ISO date string in the form while a DatePicker edits it. */
export const isoDateItem: Pick<FormItemProps, 'getValueProps' | 'normalize'> = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value ? dayjs(value) : undefined,
  }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined),
};

/** What is open in an item modal: which element, and the document version it was opened from. */
export interface OpenItem<T extends EditableType> {
  ref: ItemRef;
  doc: EntityDoc<T> | null;
  initial: Record<string, unknown>;
  isNew: boolean;
}

export function ItemModal<T extends EditableType>({
  type,
  open,
  accountId,
  seed,
  title,
  testId,
  prepare,
  onClose,
  children,
}: {
  type: T;
  open: OpenItem<T>;
  accountId: string;
  /** Fields a new document needs when this item is the first thing saved in it. */
  seed?: Record<string, unknown>;
  title: string;
  /** Prefix of the test ids: `${testId}-save`, `${testId}-remove`. */
  testId: string;
  /** Turns the form's values into the item's fields (e.g. a new reading from "current"). */
  prepare?: (values: Record<string, unknown>) => Record<string, unknown>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm();
  const writer = useEntityWriter(type, form);
  // The version the form was opened from stays fixed while the list refreshes underneath.
  const [opened] = useState(open);
  const target = { accountId, existing: opened.doc, seed };
  const submit = async (values: Record<string, unknown> | null) => {
    const outcome = await writer.saveItem(opened.ref, values, target);
    if (outcome.ok) {
      guard.saved();
      onClose();
    }
  };
  const save = () => {
    const values = form.getFieldsValue() as Record<string, unknown>;
    return submit(prepare ? prepare(values) : values);
  };
  // One draft per item (a new item of a list shares one: its key is made afresh each time).
  const itemId = opened.isNew ? 'new' : 'key' in opened.ref ? opened.ref.key : opened.ref.text;
  const guard = useFormGuard({
    form,
    draftKey: `${type}:${opened.doc?._id ?? accountId}:${opened.ref.path.join('.')}:${itemId}`,
    title,
    onSubmit: save,
    onClose,
  });
  return (
    <Modal
      open
      title={title}
      {...guard.modalProps}
      width={640}
      footer={
        <Space>
          {!opened.isNew && (
            <Popconfirm title={t('ui.item.removeConfirm')} onConfirm={() => void submit(null)}>
              <Button danger data-testid={`${testId}-remove`}>
                {t('ui.common.remove')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={guard.cancel}>{t('ui.item.cancel')}</Button>
          <Button
            type="primary"
            loading={writer.saving}
            onClick={() => void save()}
            {...testIdProps(`${testId}-save`)}
          >
            {t('ui.common.save')}
          </Button>
        </Space>
      }
    >
      {guard.notice}
      {writer.feedback}
      <Form form={form} layout="vertical" initialValues={opened.initial}>
        {children}
      </Form>
    </Modal>
  );
}

/** Edit and remove links for a row of a list; removal asks first. */
export function ItemActions({
  onEdit,
  onRemove,
  testId,
}: {
  onEdit: () => void;
  onRemove: () => void;
  testId: string;
}) {
  const { t } = useLocale();
  return (
    <Space size={4}>
      <Button size="small" type="link" data-testid={`${testId}-edit`} onClick={onEdit}>
        {t('ui.common.edit')}
      </Button>
      <Popconfirm title={t('ui.item.removeConfirm')} onConfirm={onRemove}>
        <Button size="small" type="link" danger data-testid={`${testId}-remove`}>
          {t('ui.common.remove')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/**
 * The lists of one document on a screen: which item modal is open, and removal from a row (its
 * errors and conflicts shown by `feedback` above the lists).
 */
export function useItemLists<T extends EditableType>(
  type: T,
  accountId: string,
  doc: EntityDoc<T> | null,
) {
  const [form] = Form.useForm();
  const writer = useEntityWriter(type, form);
  const [open, setOpen] = useState<OpenItem<T> | null>(null);
  return {
    open,
    close: () => setOpen(null),
    feedback: writer.feedback,
    addItem: (path: string[], initial: Record<string, unknown> = {}) =>
      setOpen({ ref: { path, key: newItemKey() }, doc, initial, isNew: true }),
    editItem: (path: string[], item: { key: string }) =>
      setOpen({ ref: { path, key: item.key }, doc, initial: item, isNew: false }),
    addLine: (path: string[]) =>
      setOpen({ ref: { path, text: '' }, doc, initial: {}, isNew: true }),
    editLine: (path: string[], text: string) =>
      setOpen({ ref: { path, text }, doc, initial: { text }, isNew: false }),
    remove: (ref: ItemRef) => void writer.saveItem(ref, null, { accountId, existing: doc }),
  };
}
