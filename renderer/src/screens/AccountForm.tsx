// Create or edit an account; validated with the account schema, errors on their fields.
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { lifecycleStages, tiers } from '../../../shared/domain/entities/account';
import type { EntityDoc } from '../../../shared/domain/entities';
import { useApi } from '../api/hooks';
import { editableOf, useEntityWriter, testIdProps } from '../entityWriter';
import { useLocale } from '../i18n';
import { navigate } from '../route';
import { PersonPicker } from '../components/PersonPicker';
import { useFormGuard } from '../components/FormGuard';
import { loadDraft } from '../drafts';

export function AccountFormModal({
  open,
  onClose,
  existing,
}: {
  open: boolean;
  onClose: () => void;
  existing?: EntityDoc<'account'>;
}) {
  const { t, label, options } = useLocale();
  const [form] = Form.useForm();
  const info = useApi('system.info', {});
  const writer = useEntityWriter('account', form);

  const draftKey = `account:${existing?._id ?? 'new'}`;
  useEffect(() => {
    // A kept draft is what the form shows (useFormGuard puts it back).
    if (!open || loadDraft(draftKey)) return;
    form.resetFields();
    if (existing) form.setFieldsValue(editableOf(existing));
    else
      form.setFieldsValue({
        tier: 'ordinary',
        lifecycleStage: 'handover',
        ownerCsm: info.data?.user,
      });
  }, [open, existing, form, info.data?.user, draftKey]);

  const submit = async () => {
    const values = form.getFieldsValue() as Record<string, unknown>;
    const outcome = await writer.save(values, { existing: existing ?? null });
    if (outcome.ok && outcome.doc) {
      guard.saved();
      onClose();
      if (!existing) navigate({ screen: 'account', id: outcome.doc._id, tab: 'overview' });
    }
  };

  const title = existing ? t('ui.accounts.edit') : t('ui.accounts.new');
  const guard = useFormGuard({ form, draftKey, title, open, onSubmit: submit, onClose });

  return (
    <Modal
      open={open}
      {...guard.modalProps}
      onOk={submit}
      confirmLoading={writer.saving}
      title={title}
      okText={t('ui.common.save')}
      okButtonProps={testIdProps('account-save')}
      destroyOnHidden
      forceRender
    >
      {guard.notice}
      {writer.feedback}
      <Form form={form} layout="vertical" data-testid="account-form">
        <Form.Item name="name" label={t('ui.field.accountName')} required>
          <Input data-testid="account-name" autoFocus />
        </Form.Item>
        <Form.Item name="nameEn" label={t('ui.field.nameEn')}>
          <Input />
        </Form.Item>
        <Form.Item name="tier" label={t('ui.field.tier')} required>
          <Select options={options('tier', tiers)} />
        </Form.Item>
        <Form.Item name="lifecycleStage" label={t('ui.field.stage')}>
          <Select options={options('lifecycleStage', lifecycleStages)} />
        </Form.Item>
        <Form.Item name="ownerCsm" label={t('ui.field.ownerCsm')} required>
          <PersonPicker testId="account-owner-picker" />
        </Form.Item>
        <Form.Item name="consultant" label={t('directory.role.consultant')}>
          <PersonPicker testId="account-consultant-picker" />
        </Form.Item>
        <Form.Item name="salesOwner" label={t('directory.role.sales')}>
          <PersonPicker testId="account-sales-picker" />
        </Form.Item>
        <Form.Item name="industry" label={t('ui.field.industry')}>
          <Input />
        </Form.Item>
        <Form.Item name="region" label={t('ui.field.region')}>
          <Input />
        </Form.Item>
        <Form.Item name="riskLevel" label={t('ui.field.risk')}>
          <Select
            allowClear
            options={['none', 'high', 'medium', 'low'].map((v) => ({
              value: v,
              label: label('riskLevel', v),
            }))}
          />
        </Form.Item>
        <Form.Item name="specialTerms" label={t('ui.field.specialTerms')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="churnReason" label={t('ui.field.churnReason')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
