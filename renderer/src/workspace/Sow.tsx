// The SOW: scope on both sides, deliverables with their acceptance criteria, what is out of
// scope, and change requests with the book's suggested decision.
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
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { EntityDoc } from '../../../shared/domain/entities';
import { suggestChangeRequestDecision } from '../../../shared/domain/entities/sow';
import { useApi } from '../api/hooks';
import { editableOf, useEntityWriter } from '../entityWriter';
import { useLocale } from '../i18n';

type Sow = EntityDoc<'sow'>;
let keySeq = 0;
const newKey = () => `s${Date.now().toString(36)}${(keySeq++).toString(36)}`;
const todayIso = () => new Date().toISOString().slice(0, 10);

export function Sow({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const list = useApi('sow.list', { accountId, limit: 1 });
  const sow: Sow | null = list.data?.items[0] ?? null;
  const [form] = Form.useForm();
  const writer = useEntityWriter('sow', form);
  const [cr, setCr] = useState({ title: '', core: false, urgent: false, extraWorkload: false });
  const [deliverable, setDeliverable] = useState({ name: '', acceptanceCriteria: '' });
  const [outItem, setOutItem] = useState('');

  const patch = async (changes: Record<string, unknown>) => {
    const outcome = await writer.save(changes, { accountId, existing: sow });
    return outcome.ok;
  };

  if (list.isLoading) return null;
  if (!sow) {
    return (
      <Card size="small" data-testid="sow">
        {writer.feedback}
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.sow.empty')} />
        <Form
          form={form}
          layout="inline"
          onFinish={(v: { title: string }) => void patch({ title: v.title })}
        >
          <Form.Item name="title" label={t('ui.sow.titleField')}>
            <Input data-testid="sow-title" />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            {t('ui.sow.create')}
          </Button>
        </Form>
      </Card>
    );
  }
  const base = editableOf(sow) as Omit<Sow, '_id'>;
  return (
    <div data-testid="sow">
      {writer.feedback}
      <Typography.Title level={4}>{sow.title}</Typography.Title>
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
                renderItem={(s) => <List.Item>{s}</List.Item>}
                locale={{ emptyText: '—' }}
              />
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
          ]}
        />
        <Space style={{ marginTop: 8 }} wrap>
          <Input
            placeholder={t('ui.sow.deliverable')}
            value={deliverable.name}
            onChange={(e) => setDeliverable({ ...deliverable, name: e.target.value })}
          />
          <Input
            placeholder={t('ui.sow.acceptance')}
            style={{ width: 300 }}
            value={deliverable.acceptanceCriteria}
            onChange={(e) => setDeliverable({ ...deliverable, acceptanceCriteria: e.target.value })}
          />
          <Button
            onClick={async () => {
              const ok = await patch({
                deliverables: [
                  ...base.deliverables,
                  { key: newKey(), ...deliverable, status: 'pending' },
                ],
              });
              if (ok) setDeliverable({ name: '', acceptanceCriteria: '' });
            }}
          >
            {t('ui.common.add')}
          </Button>
        </Space>
      </Card>
      <Card size="small" title={t('ui.sow.outOfScope')} style={{ marginBottom: 12 }}>
        <Space wrap>
          {sow.outOfScope.map((o) => (
            <Tag key={o.key}>
              {o.item}
              {o.phase2 ? ` · ${t('ui.sow.phase2')}` : ''}
            </Tag>
          ))}
        </Space>
        <Space style={{ marginTop: 8, display: 'flex' }}>
          <Input
            value={outItem}
            onChange={(e) => setOutItem(e.target.value)}
            placeholder={t('ui.sow.outOfScope')}
          />
          <Button
            onClick={async () => {
              if (
                await patch({
                  outOfScope: [...base.outOfScope, { key: newKey(), item: outItem, phase2: true }],
                })
              )
                setOutItem('');
            }}
          >
            {t('ui.common.add')}
          </Button>
        </Space>
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
              render: (d: string) => <Tag>{label('decision', d)}</Tag>,
            },
          ]}
        />
        <Space style={{ marginTop: 8 }} wrap>
          <Input
            placeholder={t('ui.sow.crTitle')}
            value={cr.title}
            onChange={(e) => setCr({ ...cr, title: e.target.value })}
          />
          <Checkbox checked={cr.core} onChange={(e) => setCr({ ...cr, core: e.target.checked })}>
            {t('ui.sow.core')}
          </Checkbox>
          <Checkbox
            checked={cr.urgent}
            onChange={(e) => setCr({ ...cr, urgent: e.target.checked })}
          >
            {t('ui.sow.urgent')}
          </Checkbox>
          <Checkbox
            checked={cr.extraWorkload}
            onChange={(e) => setCr({ ...cr, extraWorkload: e.target.checked })}
          >
            {t('ui.sow.extra')}
          </Checkbox>
          <Typography.Text type="secondary">
            {t('ui.sow.suggested', {
              decision: label('decision', suggestChangeRequestDecision(cr)),
            })}
          </Typography.Text>
          <Button
            onClick={async () => {
              const ok = await patch({
                changeRequests: [
                  ...base.changeRequests,
                  {
                    key: newKey(),
                    ...cr,
                    requestedOn: todayIso(),
                    decision: suggestChangeRequestDecision(cr),
                  },
                ],
              });
              if (ok) setCr({ title: '', core: false, urgent: false, extraWorkload: false });
            }}
          >
            {t('ui.common.add')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
