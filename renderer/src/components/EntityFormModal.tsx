// A document's create/edit form in a modal: the entity writer's validation, field errors,
// stale-revision feedback and save, around whatever fields the caller puts inside.
import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import type { EditableType, EntityDoc } from '../../../shared/domain/entities';
import { editableOf, testIdProps, useEntityWriter } from '../entityWriter';
import { useLocale } from '../i18n';
import { useFormGuard } from './FormGuard';

export function EntityFormModal<T extends EditableType>(props: {
  type: T;
  accountId: string;
  existing: EntityDoc<T> | null;
  title: string;
  /** Field values of a new document. */
  defaults: Record<string, unknown>;
  /** Test id of the save button. */
  saveTestId: string;
  onClose: () => void;
  width?: number;
  /**
   * Send every stored value, not only the mounted fields': list rows keep their `key`, which
   * has no field of its own.
   */
  wholeStore?: boolean;
  children: ReactNode;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm();
  const writer = useEntityWriter(props.type, form);
  const submit = async () => {
    const values = (props.wholeStore ? form.getFieldsValue(true) : form.getFieldsValue()) as Record<
      string,
      unknown
    >;
    const outcome = await writer.save(values, {
      accountId: props.accountId,
      existing: props.existing,
    });
    if (outcome.ok) {
      guard.saved();
      props.onClose();
    }
  };
  const guard = useFormGuard({
    form,
    draftKey: `${props.type}:${props.existing?._id ?? `new:${props.accountId}`}`,
    title: props.title,
    onSubmit: submit,
    onClose: props.onClose,
  });
  return (
    <Modal
      open
      width={props.width}
      title={props.title}
      {...guard.modalProps}
      onOk={submit}
      confirmLoading={writer.saving}
      okText={t('ui.common.save')}
      okButtonProps={testIdProps(props.saveTestId)}
    >
      {guard.notice}
      {writer.feedback}
      <Form
        form={form}
        layout="vertical"
        initialValues={props.existing ? editableOf(props.existing) : props.defaults}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
