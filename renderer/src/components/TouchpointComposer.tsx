// The composer for every touchpoint: a call, an e-mail, a WeCom/DingTalk chat, a note, a training
// (with attendance), an NPS survey or a task of its own, in a few keystrokes, from the account
// or from Today. It saves through the entity forms (EntityFormModal), so validation, field errors
// and unsaved-changes handling are the forms'. What it saves lands on the account's timeline.
import { DatePicker, Form, Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { chatChannels } from '../../../shared/domain/entities/activity';
import { useApi, useToday } from '../api/hooks';
import { useLocale } from '../i18n';
import { isoDateItem } from '../workspace/ItemEditor';
import { EntityFormModal } from './EntityFormModal';
import { PersonPicker } from './PersonPicker';

export const COMPOSER_KINDS = [
  'call',
  'email',
  'chat',
  'note',
  'training',
  'survey',
  'task',
] as const;
export type ComposerKind = (typeof COMPOSER_KINDS)[number];

/** Keeps the touchpoint form's `kind` in step with the composer's switch. */
function KindField({ kind }: { kind: string }) {
  const form = Form.useFormInstance();
  useEffect(() => form.setFieldValue('kind', kind), [form, kind]);
  return (
    <Form.Item name="kind" hidden>
      <Input />
    </Form.Item>
  );
}

export function TouchpointComposer(props: {
  accountId: string;
  accountName: string;
  initialKind?: ComposerKind;
  onClose: () => void;
}) {
  const { t, label } = useLocale();
  const today = useToday();
  const me = useApi('system.info', {}).data?.user;
  const [kind, setKind] = useState<ComposerKind>(props.initialKind ?? 'call');
  const type = kind === 'survey' ? 'survey' : kind === 'task' ? 'task' : 'touchpoint';
  const kindLabel = (k: ComposerKind) =>
    k === 'survey'
      ? t('tasks.log.survey')
      : k === 'task'
        ? t('tasks.log.task')
        : label('touchpointKind', k);
  const switcher = (
    <Form.Item label={t('tasks.log.kind')}>
      <Segmented
        data-testid="composer-kind"
        value={kind}
        onChange={(v) => setKind(v as ComposerKind)}
        options={COMPOSER_KINDS.map((k) => ({
          value: k,
          label: <span data-testid={`composer-kind-${k}`}>{kindLabel(k)}</span>,
        }))}
      />
    </Form.Item>
  );
  const dateField = (name: string, labelKey: 'tasks.log.date' | 'tasks.dueDate') => (
    <Form.Item name={name} label={t(labelKey)} required {...isoDateItem}>
      <DatePicker data-testid={`composer-${name}`} />
    </Form.Item>
  );
  const common = {
    accountId: props.accountId,
    existing: null,
    title: t('tasks.log.title', { account: props.accountName }),
    saveTestId: 'composer-save',
    onClose: props.onClose,
    width: 640,
  };
  const hint = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('tasks.log.hint')}
    </Typography.Text>
  );
  return (
    // Ctrl/Cmd+Enter saves through the form modal's own guard (FormGuard), once.
    <div>
      {type === 'touchpoint' && (
        <EntityFormModal
          key="touchpoint"
          type="touchpoint"
          defaults={{ kind, date: today, contacts: [] }}
          {...common}
        >
          {switcher}
          <KindField kind={kind} />
          <Form.Item name="subject" label={t('tasks.log.subject')} required>
            <Input autoFocus data-testid="composer-subject" />
          </Form.Item>
          <Space wrap align="start">
            {dateField('date', 'tasks.log.date')}
            {kind === 'chat' && (
              <Form.Item name="channel" label={t('tasks.log.channel')}>
                <Select
                  style={{ width: 160 }}
                  data-testid="composer-channel"
                  options={chatChannels.map((c) => ({ value: c, label: label('chatChannel', c) }))}
                />
              </Form.Item>
            )}
            {kind === 'training' && (
              <>
                <Form.Item
                  name={['training', 'attendance']}
                  label={t('tasks.log.attendance')}
                  required
                >
                  <InputNumber min={0} data-testid="composer-attendance" />
                </Form.Item>
                <Form.Item name={['training', 'assessment']} label={t('tasks.log.assessment')}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
              </>
            )}
          </Space>
          <Form.Item name="notes" label={t('tasks.log.notes')}>
            <Input.TextArea rows={4} data-testid="composer-notes" />
          </Form.Item>
          {hint}
        </EntityFormModal>
      )}
      {type === 'survey' && (
        <EntityFormModal
          key="survey"
          type="survey"
          defaults={{ kind: 'nps', date: today }}
          {...common}
        >
          {switcher}
          <Form.Item name="kind" hidden>
            <Input />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="respondent" label={t('tasks.log.respondent')} required>
              <Input autoFocus data-testid="composer-respondent" />
            </Form.Item>
            <Form.Item name="score" label={t('tasks.log.score')} required>
              <InputNumber min={0} max={10} data-testid="composer-score" />
            </Form.Item>
            {dateField('date', 'tasks.log.date')}
          </Space>
          <Form.Item name="comment" label={t('tasks.log.comment')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {hint}
        </EntityFormModal>
      )}
      {type === 'task' && (
        <EntityFormModal
          key="task"
          type="task"
          defaults={{ owner: me, dueDate: today, done: false, comments: [] }}
          {...common}
        >
          {switcher}
          <Form.Item name="title" label={t('tasks.log.subject')} required>
            <Input autoFocus data-testid="composer-title" />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="owner" label={t('tasks.owner')} required>
              <PersonPicker testId="composer-owner" style={{ width: 200 }} />
            </Form.Item>
            {dateField('dueDate', 'tasks.dueDate')}
          </Space>
          <Form.Item name="notes" label={t('tasks.log.notes')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {hint}
        </EntityFormModal>
      )}
    </div>
  );
}
