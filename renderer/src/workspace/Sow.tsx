// The SOW: scope on both sides, deliverables with their acceptance criteria, what is out of
// scope, and change requests with the book's suggested decision. Every item can be added,
// edited and removed (ItemEditor).
import {
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DatePicker } from '../components/DayPicker';
import type { EntityDoc } from '../../../shared/domain/entities';
import {
  changeRequestDecisions,
  suggestChangeRequestDecision,
} from '../../../shared/domain/entities/sow';
import { useState } from 'react';
import { useApi, useToday } from '../api/hooks';
import { EntityFormModal } from '../components/EntityFormModal';
import { AttachmentsButton } from '../components/Attachments';
import { useEntityWriter } from '../entityWriter';
import { useLocale } from '../i18n';
import { isoDateItem, ItemActions, ItemModal, useItemLists } from './ItemEditor';

type Sow = EntityDoc<'sow'>;
const DELIVERABLE_STATUSES = ['pending', 'delivered', 'accepted', 'rejected'] as const;

export function Sow({ accountId }: { accountId: string }) {
  const list = useApi('sow.list', { accountId, limit: 1 });
  const sow: Sow | null = list.data?.items[0] ?? null;
  if (list.isLoading) return null;
  if (!sow) return <NewSow accountId={accountId} />;
  return <SowLists accountId={accountId} sow={sow} />;
}

function NewSow({ accountId }: { accountId: string }) {
  const { t } = useLocale();
  const [form] = Form.useForm();
  const writer = useEntityWriter('sow', form);
  return (
    <Card size="small" data-testid="sow">
      {writer.feedback}
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.sow.empty')} />
      <Form
        form={form}
        layout="inline"
        onFinish={(v: { title: string }) =>
          void writer.save({ title: v.title }, { accountId, existing: null })
        }
      >
        <Form.Item name="title" label={t('ui.sow.titleField')}>
          <Input data-testid="sow-title" />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={writer.saving}>
          {t('ui.sow.create')}
        </Button>
      </Form>
    </Card>
  );
}

function SowLists({ accountId, sow }: { accountId: string; sow: Sow }) {
  const { t, label } = useLocale();
  const items = useItemLists('sow', accountId, sow);
  const [editingHeader, setEditingHeader] = useState(false);
  const today = useToday();
  const open = items.open;
  const path = open?.ref.path.join('.');
  const actions = (p: string[], item: { key: string }, testId: string) => (
    <ItemActions
      testId={testId}
      onEdit={() => items.editItem(p, item)}
      onRemove={() => items.remove({ path: p, key: item.key })}
    />
  );
  const addButton = (testId: string, onClick: () => void) => (
    <Button size="small" style={{ marginTop: 8 }} data-testid={testId} onClick={onClick}>
      {t('ui.common.add')}
    </Button>
  );
  return (
    <div data-testid="sow">
      {items.feedback}
      <Space align="baseline">
        <Typography.Title level={4}>{sow.title}</Typography.Title>
        {sow.startDate && (
          <Typography.Text type="secondary">
            {t('contractsUi.sow.startDate')}: {sow.startDate}
          </Typography.Text>
        )}
        <Button size="small" data-testid="sow-edit" onClick={() => setEditingHeader(true)}>
          {t('ui.common.edit')}
        </Button>
        <AttachmentsButton
          target={sow._id}
          title={sow.title}
          deliverables={sow.deliverables.map((d) => ({ key: d.key, item: d.name }))}
        />
      </Space>
      {editingHeader && (
        <SowHeaderModal accountId={accountId} sow={sow} onClose={() => setEditingHeader(false)} />
      )}
      <Row gutter={16}>
        {(['partyA', 'partyB'] as const).map((side) => (
          <Col xs={24} lg={12} key={side}>
            <Card
              size="small"
              title={t(side === 'partyA' ? 'ui.sow.scopeA' : 'ui.sow.scopeB')}
              style={{ marginBottom: 12 }}
            >
              <List
                size="small"
                dataSource={sow.scope[side]}
                renderItem={(line) => (
                  <List.Item
                    data-testid="scope-line"
                    actions={[
                      <ItemActions
                        key="a"
                        testId="scope"
                        onEdit={() => items.editLine(['scope', side], line)}
                        onRemove={() => items.remove({ path: ['scope', side], text: line })}
                      />,
                    ]}
                  >
                    {line}
                  </List.Item>
                )}
                locale={{ emptyText: '—' }}
              />
              {addButton(`scope-${side}-add`, () => items.addLine(['scope', side]))}
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('ui.sow.deliverables')} style={{ marginBottom: 12 }}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={sow.deliverables}
          columns={[
            { title: t('ui.sow.deliverable'), dataIndex: 'name' },
            { title: t('ui.sow.acceptance'), dataIndex: 'acceptanceCriteria' },
            { title: t('ui.issue.col.dueDate'), dataIndex: 'dueDate' },
            {
              title: t('ui.issue.col.status'),
              dataIndex: 'status',
              render: (s: string) => label('deliverableStatus', s),
            },
            {
              key: 'actions',
              width: 130,
              render: (_: unknown, d: Sow['deliverables'][number]) =>
                actions(['deliverables'], d, 'deliverable'),
            },
          ]}
        />
        {addButton('deliverable-add', () => items.addItem(['deliverables'], { status: 'pending' }))}
      </Card>
      <Card size="small" title={t('ui.sow.outOfScope')} style={{ marginBottom: 12 }}>
        <List
          size="small"
          dataSource={sow.outOfScope}
          locale={{ emptyText: '—' }}
          renderItem={(o) => (
            <List.Item actions={[actions(['outOfScope'], o, 'out-of-scope')]}>
              {o.item}
              {o.phase2 ? <Tag style={{ marginLeft: 8 }}>{t('ui.sow.phase2')}</Tag> : null}
            </List.Item>
          )}
        />
        {addButton('out-of-scope-add', () => items.addItem(['outOfScope'], { phase2: true }))}
      </Card>
      <Card size="small" title={t('ui.sow.changeRequests')}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={sow.changeRequests}
          columns={[
            { title: t('ui.sow.crTitle'), dataIndex: 'title' },
            { title: t('ui.sow.requestedOn'), dataIndex: 'requestedOn' },
            {
              title: t('ui.sow.judgement'),
              key: 'j',
              render: (_: unknown, r: Sow['changeRequests'][number]) =>
                [
                  r.core && t('ui.sow.core'),
                  r.urgent && t('ui.sow.urgent'),
                  r.extraWorkload && t('ui.sow.extra'),
                ]
                  .filter(Boolean)
                  .join(' · '),
            },
            {
              title: t('ui.sow.decision'),
              dataIndex: 'decision',
              render: (d: string) => <Tag>{label('changeDecision', d)}</Tag>,
            },
            {
              key: 'actions',
              width: 130,
              render: (_: unknown, r: Sow['changeRequests'][number]) =>
                actions(['changeRequests'], r, 'change-request'),
            },
          ]}
        />
        {addButton('change-request-add', () =>
          items.addItem(['changeRequests'], {
            requestedOn: today,
            core: false,
            urgent: false,
            extraWorkload: false,
          }),
        )}
      </Card>
      {open && (
        <ItemModal
          type="sow"
          open={open}
          accountId={accountId}
          onClose={items.close}
          title={t(open.isNew ? 'ui.common.add' : 'ui.common.edit')}
          testId={path === 'deliverables' ? 'deliverable' : 'item'}
          prepare={
            path === 'changeRequests'
              ? (v) => ({
                  ...v,
                  // A new request without a decision takes the book's suggestion.
                  decision:
                    v.decision ??
                    suggestChangeRequestDecision(
                      v as Parameters<typeof suggestChangeRequestDecision>[0],
                    ),
                })
              : undefined
          }
        >
          {path?.startsWith('scope.') && (
            <Form.Item
              name="text"
              label={t(path === 'scope.partyA' ? 'ui.sow.scopeA' : 'ui.sow.scopeB')}
            >
              <Input data-testid="scope-text" />
            </Form.Item>
          )}
          {path === 'deliverables' && <DeliverableFields />}
          {path === 'outOfScope' && (
            <>
              <Form.Item name="item" label={t('ui.sow.outOfScope')}>
                <Input data-testid="out-of-scope-item" />
              </Form.Item>
              <Form.Item name="phase2" label={t('ui.sow.phase2')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          )}
          {path === 'changeRequests' && <ChangeRequestFields />}
        </ItemModal>
      )}
    </div>
  );
}

function DeliverableFields() {
  const { t, label } = useLocale();
  return (
    <>
      <Form.Item name="name" label={t('ui.sow.deliverable')}>
        <Input data-testid="deliverable-name" />
      </Form.Item>
      <Form.Item name="acceptanceCriteria" label={t('ui.sow.acceptance')}>
        <Input.TextArea rows={2} data-testid="deliverable-acceptance" />
      </Form.Item>
      <Form.Item name="description" label={t('ui.item.description')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="dueDate" label={t('ui.issue.col.dueDate')} {...isoDateItem}>
          <DatePicker data-testid="deliverable-due" />
        </Form.Item>
        <Form.Item name="reviewOn" label={t('ui.sow.reviewOn')} {...isoDateItem}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="status" label={t('ui.issue.col.status')}>
          <Select
            style={{ width: 140 }}
            data-testid="deliverable-status"
            options={DELIVERABLE_STATUSES.map((s) => ({
              value: s,
              label: label('deliverableStatus', s),
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="result" label={t('ui.sow.result')}>
        <Input />
      </Form.Item>
      <Form.Item name="remarks" label={t('ui.sow.remarks')}>
        <Input />
      </Form.Item>
    </>
  );
}

function ChangeRequestFields() {
  const { t, label } = useLocale();
  const form = Form.useFormInstance();
  const judged = {
    core: Boolean(Form.useWatch('core', form)),
    urgent: Boolean(Form.useWatch('urgent', form)),
    extraWorkload: Boolean(Form.useWatch('extraWorkload', form)),
  };
  return (
    <>
      <Form.Item name="title" label={t('ui.sow.crTitle')}>
        <Input data-testid="change-request-title" />
      </Form.Item>
      <Form.Item name="description" label={t('ui.item.description')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="requestedBy" label={t('ui.sow.requestedBy')}>
          <Input />
        </Form.Item>
        <Form.Item name="requestedOn" label={t('ui.sow.requestedOn')} {...isoDateItem}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="core" valuePropName="checked">
          <Checkbox>{t('ui.sow.core')}</Checkbox>
        </Form.Item>
        <Form.Item name="urgent" valuePropName="checked">
          <Checkbox>{t('ui.sow.urgent')}</Checkbox>
        </Form.Item>
        <Form.Item name="extraWorkload" valuePropName="checked">
          <Checkbox>{t('ui.sow.extra')}</Checkbox>
        </Form.Item>
      </Space>
      <Space wrap align="end">
        <Form.Item
          name="decision"
          label={t('ui.sow.decision')}
          extra={t('ui.sow.suggested', {
            decision: label('changeDecision', suggestChangeRequestDecision(judged)),
          })}
        >
          <Select
            allowClear
            style={{ width: 200 }}
            options={changeRequestDecisions.map((d) => ({
              value: d,
              label: label('changeDecision', d),
            }))}
          />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('ui.sow.decidedOn')} {...isoDateItem}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="decidedBy" label={t('ui.sow.decidedBy')}>
          <Input />
        </Form.Item>
      </Space>
    </>
  );
}

/** The SOW's title, the day its work starts and the contract it delivers. */
function SowHeaderModal({
  accountId,
  sow,
  onClose,
}: {
  accountId: string;
  sow: Sow;
  onClose: () => void;
}) {
  const { t } = useLocale();
  const contracts = useApi('contract.list', { accountId, limit: 200 });
  return (
    <EntityFormModal
      type="sow"
      accountId={accountId}
      existing={sow}
      title={t('ui.sow.titleField')}
      saveTestId="sow-header-save"
      onClose={onClose}
      defaults={{}}
    >
      <Form.Item name="title" label={t('ui.sow.titleField')}>
        <Input data-testid="sow-header-title" />
      </Form.Item>
      <Form.Item name="startDate" label={t('contractsUi.sow.startDate')} {...isoDateItem}>
        <DatePicker style={{ width: '100%' }} data-testid="sow-start" />
      </Form.Item>
      <Form.Item name="contractId" label={t('contractsUi.sow.contract')}>
        <Select
          allowClear
          data-testid="sow-contract"
          options={(contracts.data?.items ?? []).map((c) => ({
            value: c._id,
            label: `${c.contractNo} (${c.startDate} – ${c.endDate})`,
          }))}
        />
      </Form.Item>
    </EntityFormModal>
  );
}
