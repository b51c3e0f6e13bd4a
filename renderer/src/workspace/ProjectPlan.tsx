// The project plan: phases on a timeline, planned bars against actual ones, each phase
// editable (dates, owner) and removable; its status follows from the dates.
import { Button, Card, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { DatePicker } from '../components/DayPicker';
import type { EntityDoc } from '../../../shared/domain/entities';
import { standardPhases } from '../../../shared/domain/entities/projectPlan';
import type { MessageKey } from '../../../shared/i18n';
import { dayNumber } from '../../../shared/time/days';
import { useApi, useToday } from '../api/hooks';
import { useLocale } from '../i18n';
import { isoDateItem, ItemActions, ItemModal, useItemLists } from './ItemEditor';
import { PersonPicker } from '../components/PersonPicker';

type Plan = EntityDoc<'projectPlan'>;
type Phase = Plan['phases'][number];
const PHASES = ['phases'];
const STATUS_COLORS = {
  notStarted: 'default',
  inProgress: 'processing',
  done: 'green',
  late: 'red',
};

/** A phase's status from its dates: done once it has an actual end; late past its planned end. */
export function phaseStatus(p: Phase, today: string): keyof typeof STATUS_COLORS {
  if (p.actualEnd) return 'done';
  if (p.plannedEnd < today) return 'late';
  return p.actualStart ? 'inProgress' : 'notStarted';
}

export function ProjectPlan({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const list = useApi('projectPlan.list', { accountId, limit: 1 });
  const plan: Plan | null = list.data?.items[0] ?? null;
  const items = useItemLists('projectPlan', accountId, plan);
  const today = useToday();
  // Statuses and the open bars are measured from the backend's day, so the plan waits for it.
  if (list.isLoading || !today) return null;

  const phases = plan?.phases ?? [];
  const dates = phases
    .flatMap((p) => [p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd])
    .filter(Boolean) as string[];
  const sorted = [...dates].sort();
  // The timeline in whole days: from the first date to the end of the last one.
  const min = sorted.length ? dayNumber(sorted[0]) : 0;
  const max = sorted.length ? dayNumber(sorted[sorted.length - 1]) + 1 : 1;
  const bar = (from: string | undefined, to: string | undefined, color: string, top: number) => {
    if (!from) return null;
    const end = dayNumber(to ?? today) + 1;
    const left = ((dayNumber(from) - min) / (max - min)) * 100;
    const width = Math.max(0.5, ((end - dayNumber(from)) / (max - min)) * 100);
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
      {items.feedback}
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
                {sorted[0]} → {sorted[sorted.length - 1]}
              </Typography.Text>
            </Space>
            {phases.map((p) => (
              <div key={p.key} style={{ display: 'flex', alignItems: 'center', marginBottom: 6 }}>
                <div style={{ width: 200, flexShrink: 0 }} data-testid="phase-row">
                  {p.name ?? label('phase', p.phase)}{' '}
                  <Tag color={STATUS_COLORS[phaseStatus(p, today)]}>
                    {t(`ui.plan.status.${phaseStatus(p, today)}` as MessageKey)}
                  </Tag>
                  <div style={{ fontSize: 11, color: '#888' }}>
                    {p.plannedStart} ~ {p.plannedEnd}
                    {p.actualStart ? ` · ${p.actualStart} ~ ${p.actualEnd ?? ''}` : ''}
                  </div>
                </div>
                <div style={{ position: 'relative', flex: 1, height: 22, background: '#fafafa' }}>
                  {bar(p.plannedStart, p.plannedEnd, '#91caff', 1)}
                  {bar(p.actualStart, p.actualEnd, '#389e0d', 12)}
                </div>
                <ItemActions
                  testId="phase"
                  onEdit={() => items.editItem(PHASES, p)}
                  onRemove={() => items.remove({ path: PHASES, key: p.key })}
                />
              </div>
            ))}
          </>
        )}
      </Card>
      <Button
        data-testid="phase-add"
        onClick={() => items.addItem(PHASES, { phase: 'requirements' })}
      >
        {t('ui.plan.addPhase')}
      </Button>
      {items.open && (
        <ItemModal
          type="projectPlan"
          open={items.open}
          accountId={accountId}
          seed={{ name: t('ui.plan.defaultName') }}
          onClose={items.close}
          title={t(items.open.isNew ? 'ui.plan.addPhase' : 'ui.common.edit')}
          testId="phase"
        >
          <PhaseFields />
        </ItemModal>
      )}
    </div>
  );
}

function PhaseFields() {
  const { t, label } = useLocale();
  const date = (name: keyof Phase, key: MessageKey) => (
    <Form.Item name={name} label={t(key)} {...isoDateItem}>
      <DatePicker data-testid={`phase-${name}`} />
    </Form.Item>
  );
  return (
    <>
      <Space wrap>
        <Form.Item name="phase" label={t('ui.plan.phase')}>
          <Select
            style={{ width: 160 }}
            options={[...standardPhases, 'custom'].map((p) => ({
              value: p,
              label: label('phase', p),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('ui.plan.phaseName')}>
          <Input data-testid="phase-name" />
        </Form.Item>
        <Form.Item name="owner" label={t('ui.plan.owner')}>
          <PersonPicker />
        </Form.Item>
      </Space>
      <Space wrap>
        {date('plannedStart', 'ui.plan.plannedStart')}
        {date('plannedEnd', 'ui.plan.plannedEnd')}
      </Space>
      <Space wrap>
        {date('actualStart', 'ui.plan.actualStart')}
        {date('actualEnd', 'ui.plan.actualEnd')}
      </Space>
    </>
  );
}
