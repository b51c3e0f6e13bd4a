// The success plan: goals, success criteria with progress from baseline to target, milestones.
import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { EntityDoc } from '../../../shared/domain/entities';
import { criterionProgress } from '../../../shared/domain/entities/successPlan';
import { useApi } from '../api/hooks';
import { editableOf, useEntityWriter } from '../entityWriter';
import { useLocale } from '../i18n';

type Plan = EntityDoc<'successPlan'>;
let keySeq = 0;
const newKey = () => `c${Date.now().toString(36)}${(keySeq++).toString(36)}`;

export function SuccessPlan({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const list = useApi('successPlan.list', {
    accountId,
    limit: 1,
    sort: { field: 'updatedAt', dir: 'desc' },
  });
  const plan: Plan | null = list.data?.items[0] ?? null;
  const [form] = Form.useForm();
  const writer = useEntityWriter('successPlan', form);
  if (list.isLoading) return null;

  const addCriterion = async (v: {
    metric: string;
    baseline: number;
    target: number;
    unit?: string;
  }) => {
    const criterion = {
      key: newKey(),
      kind: 'other',
      metric: v.metric,
      baseline: v.baseline,
      target: v.target,
      unit: v.unit,
    };
    const outcome = await writer.save(
      plan
        ? { criteria: [...(editableOf(plan) as unknown as Plan).criteria, criterion] }
        : { year: new Date().getFullYear(), criteria: [criterion] },
      { accountId, existing: plan },
    );
    if (outcome.ok) form.resetFields();
  };

  return (
    <div data-testid="success-plan">
      {writer.feedback}
      <Card
        size="small"
        title={plan ? t('ui.success.titleYear', { year: plan.year }) : t('ui.success.title')}
        style={{ marginBottom: 12 }}
      >
        {plan?.goals && <Typography.Paragraph>{plan.goals}</Typography.Paragraph>}
        {!plan?.criteria.length && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.success.empty')} />
        )}
        {plan?.criteria.map((c) => {
          const p = criterionProgress(c);
          const latest = [...c.readings].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
          return (
            <div key={c.key} style={{ marginBottom: 8 }}>
              <Space wrap>
                <Typography.Text strong>{c.metric}</Typography.Text>
                <Tag>{label('criterionKind', c.kind)}</Tag>
                <Typography.Text type="secondary">
                  {t('ui.success.range', {
                    baseline: c.baseline,
                    target: c.target,
                    unit: c.unit ?? '',
                  })}
                  {latest
                    ? ` · ${t('ui.success.latest', { value: latest.value, date: latest.date })}`
                    : ''}
                </Typography.Text>
              </Space>
              <Progress
                percent={p === null ? 0 : Math.round(p * 100)}
                format={(v) => (p === null ? t('ui.brief.noReading') : `${v}%`)}
              />
            </div>
          );
        })}
      </Card>
      {plan && plan.milestones.length > 0 && (
        <Card size="small" title={t('ui.success.milestones')} style={{ marginBottom: 12 }}>
          <List
            size="small"
            dataSource={plan.milestones}
            renderItem={(m) => (
              <List.Item>
                <Space>
                  {m.done ? <Tag color="green">✓</Tag> : <Tag>{m.dueDate}</Tag>}
                  {m.title}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={t('ui.success.addCriterion')}>
        <Form form={form} layout="inline" onFinish={addCriterion}>
          <Form.Item name="metric" rules={[{ required: true, message: t('ui.common.required') }]}>
            <Input placeholder={t('ui.success.metric')} />
          </Form.Item>
          <Form.Item
            name="baseline"
            label={t('ui.success.baseline')}
            rules={[{ required: true, message: t('ui.common.required') }]}
          >
            <InputNumber />
          </Form.Item>
          <Form.Item
            name="target"
            label={t('ui.success.target')}
            rules={[{ required: true, message: t('ui.common.required') }]}
          >
            <InputNumber />
          </Form.Item>
          <Form.Item name="unit">
            <Input placeholder={t('ui.success.unit')} style={{ width: 80 }} />
          </Form.Item>
          <Button htmlType="submit" loading={writer.saving}>
            {t('ui.common.add')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
