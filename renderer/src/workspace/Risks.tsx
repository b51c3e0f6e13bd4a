// Risk cases of an account (level, signs, cause, status and how far the action plan is), and
// below them its opportunities: the two ways an account's future is worked on.
import { Button, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { EntityDoc } from '../../../shared/domain/entities';
import { useApi } from '../api/hooks';
import { useEntityDeleter } from '../entityWriter';
import { RISK_COLORS } from '../components/riskColors';
import { TaskActions, TaskDone } from '../components/TaskActions';
import { usePersonName } from '../api/people';
import { useLocale } from '../i18n';
import { Opportunities } from './Opportunities';
import { RiskCaseForm } from './RiskCaseForm';

type RiskCase = EntityDoc<'riskCase'>;

/** A case's action plan, each task with its controls (done, reassign, reschedule, comment). */
function ActionPlan({ risk }: { risk: RiskCase }) {
  const person = usePersonName();
  return (
    <List
      size="small"
      dataSource={risk.actionPlan}
      renderItem={(a) => {
        const task = {
          docId: risk._id,
          key: a.key,
          rev: risk._rev!,
          title: a.task,
          owner: a.owner,
          dueDate: a.dueDate,
          startsOn: risk.openedOn,
          done: a.done,
          comments: a.comments?.length ?? 0,
        };
        return (
          <List.Item data-testid="risk-task" actions={[<TaskActions key="a" task={task} />]}>
            <Space size={6}>
              <TaskDone task={task} />
              <Typography.Text delete={a.done}>{a.task}</Typography.Text>
              <Typography.Text type="secondary">{person(a.owner)}</Typography.Text>
              <Tag>{a.dueDate}</Tag>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

/** Open action items of a plan and the earliest due date among them. */
export function actionProgress(plan: RiskCase['actionPlan']) {
  const open = plan.filter((a) => !a.done);
  const nextDue = open.map((a) => a.dueDate).sort()[0];
  return { open: open.length, total: plan.length, nextDue };
}

export function Risks({ accountId }: { accountId: string }) {
  return (
    <div data-testid="risks">
      <RiskCases accountId={accountId} />
      <Opportunities accountId={accountId} />
    </div>
  );
}

function RiskCases({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const list = useApi('riskCase.list', { accountId, limit: 500 });
  const remove = useEntityDeleter('riskCase');
  const [editing, setEditing] = useState<RiskCase | 'new' | null>(null);
  return (
    <>
      <Space align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('ui.risk.title')}
        </Typography.Title>
        <Button type="primary" data-testid="new-risk" onClick={() => setEditing('new')}>
          {t('ui.risk.new')}
        </Button>
      </Space>
      <Table<RiskCase>
        rowKey="_id"
        size="small"
        data-testid="risk-table"
        dataSource={list.data?.items}
        pagination={false}
        style={{ marginBottom: 24 }}
        expandable={{
          rowExpandable: (r) => r.actionPlan.length > 0,
          expandedRowRender: (r) => <ActionPlan risk={r} />,
        }}
        columns={[
          {
            title: t('ui.risk.level'),
            dataIndex: 'level',
            render: (v: string) => <Tag color={RISK_COLORS[v]}>{label('riskLevel', v)}</Tag>,
          },
          {
            title: t('ui.risk.cause'),
            dataIndex: 'cause',
            render: (cause: string, r) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
                data-testid="risk-open"
                onClick={() => setEditing(r)}
              >
                {cause}
              </Button>
            ),
          },
          {
            title: t('ui.risk.signs'),
            dataIndex: 'signs',
            render: (signs: string[]) =>
              signs.map((s) => <Tag key={s}>{label('riskSign', s)}</Tag>),
          },
          {
            title: t('ui.risk.status'),
            dataIndex: 'status',
            render: (v: string) => label('riskCaseStatus', v),
          },
          {
            title: t('ui.risk.actions'),
            dataIndex: 'actionPlan',
            render: (plan: RiskCase['actionPlan']) => {
              const p = actionProgress(plan);
              return (
                <span data-testid="risk-progress">
                  {t('ui.risk.actionsOpen', { open: p.open, total: p.total })}
                  {p.nextDue && ` · ${t('ui.risk.nextDue', { date: p.nextDue })}`}
                </span>
              );
            },
          },
          { title: t('ui.risk.openedOn'), dataIndex: 'openedOn' },
          {
            key: 'delete',
            render: (_: unknown, r) => (
              <Popconfirm title={t('ui.risk.deleteConfirm')} onConfirm={() => remove(r)}>
                <Button size="small" danger data-testid="risk-delete">
                  {t('ui.common.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      {editing && (
        <RiskCaseForm
          accountId={accountId}
          existing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
