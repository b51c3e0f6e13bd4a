// Opportunities of an account (add-on, cross-sell, services) with value and stage, and the total
// value still open (neither won nor lost).
import {
  Button,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { DatePicker } from '../components/DayPicker';
import { useState } from 'react';
import type { EntityDoc } from '../../../shared/domain/entities';
import { useApi } from '../api/hooks';
import { useEntityDeleter } from '../entityWriter';
import { EntityFormModal } from '../components/EntityFormModal';
import { useLocale } from '../i18n';
import { isoDateItem } from './ItemEditor';

type Opportunity = EntityDoc<'opportunity'>;

const KINDS = ['addOn', 'crossSell', 'services'];
const SIGNALS = ['seatsSaturated', 'trialSize', 'newPainPoint', 'other'];
const STAGES = ['identified', 'qualified', 'proposal', 'won', 'lost'];

/** The value of opportunities still being worked on. */
export const openValue = (items: readonly Opportunity[]) =>
  items.filter((o) => o.stage !== 'won' && o.stage !== 'lost').reduce((s, o) => s + o.value, 0);

export function Opportunities({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const list = useApi('opportunity.list', { accountId, limit: 500 });
  const remove = useEntityDeleter('opportunity');
  const [editing, setEditing] = useState<Opportunity | 'new' | null>(null);
  const items = list.data?.items ?? [];
  return (
    <>
      <Space align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('ui.opp.title')}
        </Typography.Title>
        <Button type="primary" data-testid="new-opportunity" onClick={() => setEditing('new')}>
          {t('ui.opp.new')}
        </Button>
        <Typography.Text data-testid="opp-open-total">
          {t('ui.opp.openTotal', { value: Math.round(openValue(items)).toLocaleString() })}
        </Typography.Text>
      </Space>
      <Table<Opportunity>
        rowKey="_id"
        size="small"
        data-testid="opp-table"
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: t('ui.opp.kind'),
            dataIndex: 'kind',
            render: (v: string) => label('opportunityKind', v),
          },
          {
            title: t('ui.opp.name'),
            dataIndex: 'title',
            render: (title: string, o) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                data-testid="opp-open"
                onClick={() => setEditing(o)}
              >
                {title}
              </Button>
            ),
          },
          {
            title: t('ui.opp.value'),
            dataIndex: 'value',
            align: 'right',
            render: (v: number) => v.toLocaleString(),
          },
          {
            title: t('ui.opp.stage'),
            dataIndex: 'stage',
            render: (v: string) => label('opportunityStage', v),
          },
          { title: t('ui.opp.expectedClose'), dataIndex: 'expectedCloseOn' },
          {
            key: 'delete',
            render: (_: unknown, o) => (
              <Popconfirm title={t('ui.opp.deleteConfirm')} onConfirm={() => remove(o)}>
                <Button size="small" danger data-testid="opp-delete">
                  {t('ui.common.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      {editing && (
        <OpportunityForm
          accountId={accountId}
          existing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function OpportunityForm({
  accountId,
  existing,
  onClose,
}: {
  accountId: string;
  existing: Opportunity | null;
  onClose: () => void;
}) {
  const { t, options } = useLocale();
  return (
    <EntityFormModal
      type="opportunity"
      accountId={accountId}
      existing={existing}
      title={existing ? existing.title : t('ui.opp.new')}
      defaults={{ kind: 'addOn', stage: 'identified' }}
      saveTestId="opp-save"
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('ui.opp.kind')} required>
        <Select data-testid="opp-kind" options={options('opportunityKind', KINDS)} />
      </Form.Item>
      <Form.Item name="title" label={t('ui.opp.name')} required>
        <Input data-testid="opp-title" />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="value" label={t('ui.opp.value')} required>
          <InputNumber min={0} style={{ width: 160 }} data-testid="opp-value" />
        </Form.Item>
        <Form.Item name="personDays" label={t('ui.opp.personDays')}>
          <InputNumber min={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="expectedCloseOn" label={t('ui.opp.expectedClose')} {...isoDateItem}>
          <DatePicker data-testid="opp-close" />
        </Form.Item>
      </Space>
      <Form.Item name="signal" label={t('ui.opp.signal')}>
        <Select allowClear options={options('opportunitySignal', SIGNALS)} />
      </Form.Item>
      <Form.Item name="stage" label={t('ui.opp.stage')}>
        <Select data-testid="opp-stage" options={options('opportunityStage', STAGES)} />
      </Form.Item>
      <Form.Item name="notes" label={t('ui.opp.notes')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </EntityFormModal>
  );
}
