// Editing a requirement's own words (`requirements.update`: title, scenario, workaround, blocks,
// product area) and the product's proposed solution (`requirements.setSolution`, the manager's or
// product's). A refusal is said on the field it names, or above the form. What is typed is a
// draft (FormGuard): it survives a reload or a failed save until it is saved or discarded.
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { productAreas } from '../../../../shared/domain/entities/requirement';
import { useApiMutation } from '../../api/hooks';
import { fieldErrorsOf, showFieldErrors } from '../../forms';
import { testIdProps } from '../../entityWriter';
import { useFormGuard } from '../../components/FormGuard';
import { useLocale } from '../../i18n';
import type { RequirementView } from './types';

type Requirement = RequirementView['requirement'];
const FIELDS = ['title', 'scenario', 'workaround', 'blocks', 'productArea'] as const;

export function EditRequirementDialog({
  requirement,
  onClose,
}: {
  requirement: Requirement;
  onClose: () => void;
}) {
  const { t, options } = useLocale();
  const update = useApiMutation('requirements.update');
  const [form] = Form.useForm<Pick<Requirement, (typeof FIELDS)[number]>>();
  const [errors, setErrors] = useState<string[]>([]);
  const save = async () => {
    const v = form.getFieldsValue();
    // An emptied workaround or "blocks" is saved as empty text (optional fields take '').
    const changes = Object.fromEntries(
      FIELDS.map((f) => [f, typeof v[f] === 'string' ? v[f].trim() : v[f]]),
    ) as Partial<Pick<Requirement, (typeof FIELDS)[number]>>;
    try {
      await update.mutateAsync({ id: requirement._id, rev: requirement._rev!, changes });
      guard.saved();
      onClose();
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      const own = fields.map((f) =>
        f.name[0] === 'changes' ? { ...f, name: f.name.slice(1) } : f,
      );
      setErrors([...general, ...showFieldErrors(form, own)]);
    }
  };
  const guard = useFormGuard({
    form,
    draftKey: `requirement:${requirement._id}:edit`,
    title: t('requirementsUi.page.edit'),
    onSubmit: save,
    onClose,
  });
  return (
    <Modal
      open
      width={720}
      title={t('requirementsUi.page.edit')}
      okText={t('requirementsUi.page.save')}
      okButtonProps={{ ...testIdProps('requirement-edit-save'), loading: update.isPending }}
      onOk={() => void save()}
      {...guard.modalProps}
    >
      {guard.notice}
      {errors.length > 0 && <Alert type="error" showIcon title={errors.join('; ')} />}
      <Form form={form} layout="vertical" initialValues={requirement}>
        <Form.Item name="title" label={t('requirementsUi.raise.title')}>
          <Input data-testid="edit-title" />
        </Form.Item>
        <Form.Item name="scenario" label={t('requirementsUi.raise.scenario')}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="edit-scenario" />
        </Form.Item>
        <Form.Item name="workaround" label={t('requirementsUi.raise.workaround')}>
          <Input.TextArea autoSize={{ minRows: 1 }} />
        </Form.Item>
        <Form.Item name="blocks" label={t('requirementsUi.raise.blocks')}>
          <Input.TextArea autoSize={{ minRows: 1 }} />
        </Form.Item>
        <Form.Item name="productArea" label={t('requirementsUi.raise.area')}>
          <Select options={options('productArea', productAreas)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SolutionDialog({
  requirement,
  onClose,
}: {
  requirement: Requirement;
  onClose: () => void;
}) {
  const { t } = useLocale();
  const setSolution = useApiMutation('requirements.setSolution');
  const [form] = Form.useForm<{ solution: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const save = async () => {
    try {
      await setSolution.mutateAsync({
        id: requirement._id,
        rev: requirement._rev!,
        solution: (form.getFieldValue('solution') as string | undefined)?.trim() ?? '',
      });
      guard.saved();
      onClose();
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      setErrors([...general, ...showFieldErrors(form, fields)]);
    }
  };
  const guard = useFormGuard({
    form,
    draftKey: `requirement:${requirement._id}:solution`,
    title: t('requirementsUi.page.solution'),
    onSubmit: save,
    onClose,
  });
  return (
    <Modal
      open
      width={640}
      title={t('requirementsUi.page.solution')}
      okText={t('requirementsUi.page.save')}
      okButtonProps={{ ...testIdProps('solution-save'), loading: setSolution.isPending }}
      onOk={() => void save()}
      {...guard.modalProps}
    >
      {guard.notice}
      {errors.length > 0 && (
        <Alert type="error" showIcon title={errors.join('; ')} data-testid="solution-error" />
      )}
      <Form form={form} layout="vertical" initialValues={{ solution: requirement.solution }}>
        <Form.Item
          name="solution"
          label={t('requirementsUi.page.solution')}
          extra={t('requirementsUi.page.solutionHint')}
        >
          <Input.TextArea autoSize={{ minRows: 4 }} data-testid="solution-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
