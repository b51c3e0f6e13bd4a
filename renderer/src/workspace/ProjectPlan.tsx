// The project plan: phases on a timeline, planned bars against actual ones.
import { Button, Card, DatePicker, Empty, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { EntityDoc } from '../../../shared/domain/entities';
import { standardPhases } from '../../../shared/domain/entities/projectPlan';
import { useApi } from '../api/hooks';
import { editableOf, useEntityWriter } from '../entityWriter';
import { useLocale } from '../i18n';

type Plan = EntityDoc<'projectPlan'>;
const DAY = 86_400_000;
let keySeq = 0;
const newKey = () => `p${Date.now().toString(36)}${(keySeq++).toString(36)}`;

export function ProjectPlan({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const list = useApi('projectPlan.list', { accountId, limit: 1 });
  const plan: Plan | null = list.data?.items[0] ?? null;
  const [form] = Form.useForm();
  const writer = useEntityWriter('projectPlan', form);
  if (list.isLoading) return null;

  const addPhase = async (v: {
    phase: string;
    name?: string;
    planned?: [Dayjs, Dayjs];
    actual?: [Dayjs, Dayjs];
  }) => {
    const phase = {
      key: newKey(),
      phase: v.phase,
      name: v.name,
      plannedStart: v.planned?.[0]?.format('YYYY-MM-DD'),
      plannedEnd: v.planned?.[1]?.format('YYYY-MM-DD'),
      actualStart: v.actual?.[0]?.format('YYYY-MM-DD'),
      actualEnd: v.actual?.[1]?.format('YYYY-MM-DD'),
    };
    const outcome = await writer.save(
      plan
        ? { phases: [...(editableOf(plan) as unknown as Plan).phases, phase] }
        : { name: t('ui.plan.defaultName'), phases: [phase] },
      { accountId, existing: plan },
    );
    if (outcome.ok) form.resetFields();
  };

  const phases = plan?.phases ?? [];
  const dates = phases
    .flatMap((p) => [p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd])
    .filter(Boolean) as string[];
  const min = dates.length ? Math.min(...dates.map((d) => Date.parse(d))) : 0;
  const max = dates.length ? Math.max(...dates.map((d) => Date.parse(d))) + DAY : 1;
  const bar = (from: string | undefined, to: string | undefined, color: string, top: number) => {
    if (!from) return null;
    const end = to ? Date.parse(to) + DAY : Date.now();
    const left = ((Date.parse(from) - min) / (max - min)) * 100;
    const width = Math.max(0.5, ((end - Date.parse(from)) / (max - min)) * 100);
    return (
      <div
        style={{
          position: 'absolute',
          left: `${left}%`,
          width: `${width}%`,
          top,
          height: 9,
          background: color,
          borderRadius: 2,
        }}
      />
    );
  };
  return (
    <div data-testid="project-plan">
      {writer.feedback}
      <Card size="small" title={plan ? plan.name : t('ui.plan.title')} style={{ marginBottom: 12 }}>
        {phases.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.plan.empty')} />
        ) : (
          <>
            <Space style={{ marginBottom: 8 }}>
              <span
                style={{ display: 'inline-block', width: 12, height: 8, background: '#91caff' }}
              />{' '}
              {t('ui.plan.planned')}
              <span
                style={{ display: 'inline-block', width: 12, height: 8, background: '#389e0d' }}
              />{' '}
              {t('ui.plan.actual')}
              <Typography.Text type="secondary">
                {new Date(min).toISOString().slice(0, 10)} →{' '}
                {new Date(max - DAY).toISOString().slice(0, 10)}
              </Typography.Text>
            </Space>
            {phases.map((p) => (
              <div key={p.key} style={{ display: 'flex', alignItems: 'center', marginBottom: 6 }}>
                <div style={{ width: 160, flexShrink: 0 }}>
                  {p.name ?? label('phase', p.phase)}
                  <div style={{ fontSize: 11, color: '#888' }}>
                    {p.plannedStart} ~ {p.plannedEnd}
                  </div>
                </div>
                <div style={{ position: 'relative', flex: 1, height: 22, background: '#fafafa' }}>
                  {bar(p.plannedStart, p.plannedEnd, '#91caff', 1)}
                  {bar(p.actualStart, p.actualEnd, '#389e0d', 12)}
                </div>
              </div>
            ))}
          </>
        )}
      </Card>
      <Card size="small" title={t('ui.plan.addPhase')}>
        <Form
          form={form}
          layout="inline"
          onFinish={addPhase}
          initialValues={{ phase: 'requirements' }}
        >
          <Form.Item name="phase">
            <Select
              style={{ width: 140 }}
              options={[...standardPhases, 'custom'].map((p) => ({
                value: p,
                label: label('phase', p),
              }))}
            />
          </Form.Item>
          <Form.Item name="name">
            <Input placeholder={t('ui.plan.phaseName')} />
          </Form.Item>
          <Form.Item name="planned" label={t('ui.plan.planned')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="actual" label={t('ui.plan.actual')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Button htmlType="submit" loading={writer.saving}>
            {t('ui.common.add')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
