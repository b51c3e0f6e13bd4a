// The accounts that asked for a requirement: who asked (name and decision-chain role), the
// account's CSM, when, how much it matters, where it came from, ARR and renewal (within 90 days
// marked), the customer's confirmation of the solution, and telling them once it shipped.
import { App as AntApp, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { tellKinds, type ChatChannel, type TellKind } from '../../../../shared/api/requirements';
import { chatChannels } from '../../../../shared/domain/entities/activity';
import { confirmationStatuses } from '../../../../shared/domain/entities/requirement';
import { useApiMutation } from '../../api/hooks';
import { usePersonName } from '../../api/people';
import { errorText } from '../../errorText';
import { testIdProps } from '../../entityWriter';
import { useFormGuard } from '../../components/FormGuard';
import { useLocale } from '../../i18n';
import { hrefOf } from '../../route';
import type { AskView, RequirementView } from './types';

const money = (value: number) => Math.round(value).toLocaleString();

export function AsksTable({ requirement }: { requirement: RequirementView }) {
  const { t, label } = useLocale();
  const person = usePersonName();
  const [confirming, setConfirming] = useState<AskView | null>(null);
  const [telling, setTelling] = useState<AskView | null>(null);
  const shipped = ['released', 'customersTold'].includes(requirement.requirement.status);
  return (
    <>
      <Table<AskView>
        data-testid="requirement-asks"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={requirement.asks}
        columns={[
          {
            title: t('requirementsUi.ask.account'),
            key: 'account',
            render: (_: unknown, a) => (
              <Space size={4} wrap>
                <a
                  data-testid="ask-account"
                  href={hrefOf({ screen: 'account', id: a.accountId, tab: 'requirements' })}
                >
                  {a.accountName}
                </a>
                <Tag>{label('tier', a.tier)}</Tag>
              </Space>
            ),
          },
          {
            title: t('requirementsUi.ask.contact'),
            key: 'contact',
            render: (_: unknown, a) => (
              <Space size={4} wrap>
                <span>{a.contactName ?? t('requirementsUi.ask.noContact')}</span>
                {a.contactRoles.map((r) => (
                  <Tag key={r} color="purple">
                    {label('contactRole', r)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('requirementsUi.ask.csm'),
            dataIndex: 'csm',
            render: (login: string | null) => (login ? person(login) : '—'),
          },
          {
            title: t('requirementsUi.ask.askedOn'),
            dataIndex: 'askedOn',
            render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span>,
          },
          {
            title: t('requirementsUi.ask.importance'),
            dataIndex: 'importance',
            render: (v: AskView['importance']) => (
              <Tag color={v === 'blocking' ? 'red' : undefined}>{label('askImportance', v)}</Tag>
            ),
          },
          {
            title: t('requirementsUi.ask.source'),
            key: 'source',
            render: (_: unknown, a) =>
              a.sourceType === 'other' || !a.sourceId ? (
                label('askSource', a.sourceType)
              ) : (
                <a
                  href={hrefOf({
                    screen: 'account',
                    id: a.accountId,
                    tab: a.sourceType === 'issue' ? 'issues' : 'visits',
                  })}
                >
                  {a.sourceTitle ?? label('askSource', a.sourceType)}
                </a>
              ),
          },
          {
            title: t('requirementsUi.ask.arr'),
            dataIndex: 'arr',
            align: 'right' as const,
            render: (v: number) => money(v),
          },
          {
            title: t('requirementsUi.ask.renewal'),
            key: 'renewal',
            render: (_: unknown, a) =>
              a.renewalSoon ? (
                <Tag color="orange" data-testid="ask-renewal-soon">
                  {a.renewalDate} · {t('requirementsUi.ask.renewalSoon')}
                </Tag>
              ) : (
                <span style={{ whiteSpace: 'nowrap' }}>{a.renewalDate ?? '—'}</span>
              ),
          },
          {
            title: t('requirementsUi.ask.confirmation'),
            key: 'confirmation',
            render: (_: unknown, a) => (
              <Space size={4} wrap>
                {a.confirmation && (
                  <Tag
                    data-testid="ask-confirmation"
                    color={
                      a.confirmation.status === 'confirmed'
                        ? 'green'
                        : a.confirmation.status === 'rejected'
                          ? 'red'
                          : undefined
                    }
                    title={a.confirmation.note}
                  >
                    {label('confirmationStatus', a.confirmation.status)}
                  </Tag>
                )}
                {requirement.requirement.solution && (
                  <Button size="small" data-testid="ask-confirm" onClick={() => setConfirming(a)}>
                    {t('requirementsUi.ask.confirm')}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('requirementsUi.ask.told'),
            key: 'told',
            render: (_: unknown, a) =>
              a.toldOn ? (
                <Tag color="green" data-testid="ask-told">
                  {t('requirementsUi.ask.toldOn', { date: a.toldOn })}
                </Tag>
              ) : shipped ? (
                <Button
                  size="small"
                  type="primary"
                  data-testid="ask-tell"
                  onClick={() => setTelling(a)}
                >
                  {t('requirementsUi.ask.tell')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {confirming && <ConfirmDialog ask={confirming} onClose={() => setConfirming(null)} />}
      {telling && (
        <TellDialog
          ask={telling}
          title={requirement.requirement.title}
          release={requirement.requirement.release ?? ''}
          onClose={() => setTelling(null)}
        />
      )}
    </>
  );
}

function ConfirmDialog({ ask, onClose }: { ask: AskView; onClose: () => void }) {
  const { t, label } = useLocale();
  const { message } = AntApp.useApp();
  const confirm = useApiMutation('requirements.confirm');
  const [form] = Form.useForm<{ status: (typeof confirmationStatuses)[number]; note?: string }>();
  const title = t('requirementsUi.ask.confirmTitle', { account: ask.accountName });
  const submit = (): void =>
    guard.submit(
      (v) =>
        confirm.mutateAsync({
          askId: ask.id,
          rev: ask.rev,
          status: v.status,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        }),
      (error) => message.error(errorText(t, error)),
    );
  // The note typed is a draft until it is saved (a reload or a refusal loses nothing).
  const guard = useFormGuard({
    form,
    draftKey: `requirementAsk:${ask.id}:confirm`,
    title,
    onSubmit: submit,
    onClose,
  });
  return (
    <Modal
      open
      title={title}
      okButtonProps={{ ...testIdProps('confirm-ok'), loading: confirm.isPending }}
      onOk={submit}
      {...guard.modalProps}
    >
      {guard.notice}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          status: ask.confirmation?.status ?? 'confirmed',
          note: ask.confirmation?.note,
        }}
      >
        <Form.Item name="status">
          <Radio.Group
            data-testid="confirm-status"
            options={confirmationStatuses.map((s) => ({
              value: s,
              label: label('confirmationStatus', s),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('requirementsUi.ask.confirmNote')}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="confirm-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TellDialog({
  ask,
  title,
  release,
  onClose,
}: {
  ask: AskView;
  title: string;
  release: string;
  onClose: () => void;
}) {
  const { t, locale, options } = useLocale();
  const { message } = AntApp.useApp();
  const tell = useApiMutation('requirements.tell');
  const [form] = Form.useForm<{ summary: string; kind: TellKind; channel?: ChatChannel }>();
  const kind = Form.useWatch('kind', form) ?? 'call';
  const dialogTitle = t('requirementsUi.ask.tellTitle', { account: ask.accountName, title });
  const submit = (): void =>
    guard.submit(
      async (v) => {
        await tell.mutateAsync({
          askId: ask.id,
          kind: v.kind,
          ...(v.kind === 'chat' && v.channel ? { channel: v.channel } : {}),
          notes: v.summary.trim(),
          locale,
        });
        message.success(t('requirementsUi.ask.tellDone'));
      },
      (error) => message.error(errorText(t, error)),
    );
  // The summary typed is a draft until it is sent (a reload or a refusal loses nothing).
  const guard = useFormGuard({
    form,
    draftKey: `requirementAsk:${ask.id}:tell`,
    title: dialogTitle,
    onSubmit: submit,
    onClose,
  });
  return (
    <Modal
      open
      title={dialogTitle}
      okButtonProps={{ ...testIdProps('tell-ok'), loading: tell.isPending }}
      onOk={submit}
      {...guard.modalProps}
    >
      {guard.notice}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'call',
          channel: 'wecom',
          summary: t('requirementsUi.ask.tellDefault', { title, release }),
        }}
      >
        <Form.Item name="kind" label={t('requirementsFix.tell.kind')}>
          <Radio.Group
            data-testid="tell-kind"
            optionType="button"
            options={options('touchpointKind', tellKinds)}
          />
        </Form.Item>
        {kind === 'chat' && (
          <Form.Item name="channel" label={t('requirementsFix.tell.channel')}>
            <Select
              style={{ width: 160 }}
              data-testid="tell-channel"
              options={options('chatChannel', chatChannels)}
            />
          </Form.Item>
        )}
        <Form.Item
          name="summary"
          label={t('requirementsUi.ask.tellSummary')}
          rules={[{ required: true, whitespace: true, message: t('ui.common.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="tell-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
