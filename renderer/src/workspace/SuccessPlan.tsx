// The success plan: goals, success criteria with progress from baseline to target (the current
// value recorded as a dated reading), milestones; every criterion and milestone editable.
import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { DatePicker } from '../components/DayPicker';
import type { EntityDoc } from '../../../shared/domain/entities';
import { criterionProgress, criterionSchema } from '../../../shared/domain/entities/successPlan';
import { useApi, useToday } from '../api/hooks';
import { useLocale } from '../i18n';
import { isoDateItem, ItemActions, ItemModal, useItemLists } from './ItemEditor';

type Plan = EntityDoc<'successPlan'>;
type Criterion = Plan['criteria'][number];
const CRITERIA = ['criteria'];
const MILESTONES = ['milestones'];
const KINDS = criterionSchema.shape.kind.options;

const latestReading = (c: Pick<Criterion, 'readings'>) =>
  [...c.readings].sort((a, b) => a.date.localeCompare(b.date)).at(-1);

/**
 * The criterion form's "current value" becomes a reading dated today (replacing today's one),
 * unless it is the latest reading's value already.
 */
export function withCurrentReading(
  values: Record<string, unknown>,
  readings: Criterion['readings'],
  today: string,
): Record<string, unknown> {
  const { current, ...rest } = values;
  if (typeof current !== 'number' || current === latestReading({ readings })?.value) return rest;
  return {
    ...rest,
    readings: [...readings.filter((r) => r.date !== today), { date: today, value: current }],
  };
}

export function SuccessPlan({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const today = useToday();
  const list = useApi('successPlan.list', {
    accountId,
    limit: 1,
    sort: { field: 'updatedAt', dir: 'desc' },
  });
  const plan: Plan | null = list.data?.items[0] ?? null;
  const items = useItemLists('successPlan', accountId, plan);
  if (list.isLoading) return null;
  const open = items.open;
  const editingCriterion = open?.ref.path[0] === 'criteria';
  const openedReadings = (open?.initial.readings ?? []) as Criterion['readings'];

  return (
    <div data-testid="success-plan">
      {items.feedback}
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
          const latest = latestReading(c);
          return (
            <div key={c.key} style={{ marginBottom: 8 }} data-testid="criterion">
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
                <ItemActions
                  testId="criterion"
                  onEdit={() =>
                    items.editItem(CRITERIA, { ...c, current: latest?.value } as Criterion)
                  }
                  onRemove={() => items.remove({ path: CRITERIA, key: c.key })}
                />
              </Space>
              <Progress
                percent={p === null ? 0 : Math.round(p * 100)}
                format={(v) => (p === null ? t('ui.brief.noReading') : `${v}%`)}
              />
            </div>
          );
        })}
      </Card>
      <Button
        data-testid="criterion-add"
        style={{ marginBottom: 12 }}
        onClick={() => items.addItem(CRITERIA, { kind: 'other' })}
      >
        {t('ui.success.addCriterion')}
      </Button>
      <Card size="small" title={t('ui.success.milestones')} style={{ marginBottom: 12 }}>
        <List
          size="small"
          dataSource={plan?.milestones ?? []}
          locale={{ emptyText: '—' }}
          renderItem={(m) => (
            <List.Item
              actions={[
                <ItemActions
                  key="a"
                  testId="milestone"
                  onEdit={() => items.editItem(MILESTONES, m)}
                  onRemove={() => items.remove({ path: MILESTONES, key: m.key })}
                />,
              ]}
            >
              <Space>
                {m.done ? <Tag color="green">✓ {m.doneOn ?? ''}</Tag> : <Tag>{m.dueDate}</Tag>}
                {m.title}
              </Space>
            </List.Item>
          )}
        />
        <Button
          size="small"
          style={{ marginTop: 8 }}
          data-testid="milestone-add"
          onClick={() => items.addItem(MILESTONES, { done: false })}
        >
          {t('ui.success.addMilestone')}
        </Button>
      </Card>
      {/* A new reading is dated the backend's day, so the editor waits for it. */}
      {open && today && (
        <ItemModal
          type="successPlan"
          open={open}
          accountId={accountId}
          seed={{ year: Number(today.slice(0, 4)) }}
          onClose={items.close}
          title={t(open.isNew ? 'ui.common.add' : 'ui.common.edit')}
          testId={editingCriterion ? 'criterion' : 'milestone'}
          prepare={
            editingCriterion ? (v) => withCurrentReading(v, openedReadings, today) : undefined
          }
        >
          {editingCriterion ? <CriterionFields /> : <MilestoneFields />}
        </ItemModal>
      )}
    </div>
  );
}

function CriterionFields() {
  const { t, label } = useLocale();
  const number = (name: string, key: Parameters<typeof t>[0]) => (
    <Form.Item name={name} label={t(key)}>
      <InputNumber data-testid={`criterion-${name}`} />
    </Form.Item>
  );
  return (
    <>
      <Space wrap>
        <Form.Item name="metric" label={t('ui.success.metric')}>
          <Input data-testid="criterion-metric" style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('ui.success.kind')}>
          <Select
            style={{ width: 180 }}
            options={KINDS.map((k) => ({ value: k, label: label('criterionKind', k) }))}
          />
        </Form.Item>
        <Form.Item name="unit" label={t('ui.success.unit')}>
          <Input style={{ width: 80 }} />
        </Form.Item>
      </Space>
      <Space wrap>
        {number('baseline', 'ui.success.baseline')}
        {number('target', 'ui.success.target')}
        {number('benchmark', 'ui.success.benchmark')}
      </Space>
      <Form.Item name="current" label={t('ui.success.current')} extra={t('ui.success.currentHint')}>
        <InputNumber data-testid="criterion-current" />
      </Form.Item>
    </>
  );
}

function MilestoneFields() {
  const { t } = useLocale();
  return (
    <>
      <Form.Item name="title" label={t('ui.success.milestone')}>
        <Input data-testid="milestone-title" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="dueDate" label={t('ui.success.dueDate')} {...isoDateItem}>
          <DatePicker data-testid="milestone-due" />
        </Form.Item>
        <Form.Item name="done" label={t('ui.success.done')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="doneOn" label={t('ui.success.doneOn')} {...isoDateItem}>
          <DatePicker />
        </Form.Item>
      </Space>
    </>
  );
}
