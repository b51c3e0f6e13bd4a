// The rows of Today's groups: small, one line each where the width allows.
import { List, Space, Tag, Typography } from 'antd';
import type { TodayChange, TodayIssue, TodayRenewal, TodayVisit } from '../../../../shared/api/app';
import type { ListedAlert } from '../../../../shared/api/health';
import type { TodayTask } from '../../../../shared/api/tasks';
import type { MessageKey } from '../../../../shared/i18n';
import { usePersonName } from '../../api/people';
import { alertButtons, alertMessage, SEVERITY_COLORS } from '../../components/AlertsCard';
import { TaskActions, TaskDone } from '../../components/TaskActions';
import { useLocale } from '../../i18n';
import { hrefOf } from '../../route';

const accountLink = (accountId: string, name: string, tab = 'overview') => (
  <a href={hrefOf({ screen: 'account', id: accountId, tab })}>{name}</a>
);

const TASK_TAB: Record<TodayTask['source'], string> = {
  visit: 'visits',
  riskCase: 'risks',
  milestone: 'success',
  task: 'overview',
};

export function VisitRow({ visit: v }: { visit: TodayVisit }) {
  const { label } = useLocale();
  return (
    <List.Item data-testid="today-visit">
      <Space wrap size={6}>
        <Typography.Text>
          {v.date} {v.time ?? ''}
        </Typography.Text>
        {accountLink(v.accountId, v.accountName, 'visits')}
        <span>{v.purpose}</span>
        <Tag>{label('visitStatus', v.status)}</Tag>
      </Space>
    </List.Item>
  );
}

export function TaskRow({ task }: { task: TodayTask }) {
  const { t } = useLocale();
  const person = usePersonName();
  // One line where it fits; on a narrow card the account, owner and controls move to a second
  // line instead of squeezing the title to a character or two.
  return (
    <List.Item data-testid="today-task">
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 6,
          width: '100%',
          minWidth: 0,
        }}
      >
        <TaskDone task={task} />
        {task.overdue ? (
          <Tag color="red" title={task.dueDate ?? ''} style={{ marginInlineEnd: 0 }}>
            {t('ui.today.overdue')} {task.dueDate?.slice(5)}
          </Tag>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>{task.dueDate?.slice(5)}</Tag>
        )}
        {task.source !== 'visit' && (
          <Tag style={{ marginInlineEnd: 0 }}>{t(`tasks.source.${task.source}` as MessageKey)}</Tag>
        )}
        <Typography.Text
          data-testid="today-task-title"
          ellipsis={{ tooltip: task.title }}
          style={{ flex: '1 1 160px', minWidth: 120 }}
        >
          {task.title}
        </Typography.Text>
        <span
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 6,
            marginInlineStart: 'auto',
            minWidth: 0,
            maxWidth: '100%',
          }}
        >
          <Typography.Text ellipsis style={{ flex: '0 1 auto', maxWidth: 200, minWidth: 40 }}>
            {accountLink(task.accountId, task.accountName, TASK_TAB[task.source])}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {person(task.owner)}
          </Typography.Text>
          <TaskActions task={task} />
        </span>
      </div>
    </List.Item>
  );
}

export function RenewalRow({ renewal: r }: { renewal: TodayRenewal }) {
  const { t } = useLocale();
  return (
    <List.Item>
      <Space wrap size={6}>
        {accountLink(r.accountId, r.accountName)}
        <span>{r.renewalDate}</span>
        <Tag color={r.daysLeft <= 30 ? 'orange' : 'blue'}>
          {t('ui.today.daysLeft', { days: r.daysLeft })}
        </Tag>
        <Typography.Text type="secondary">{r.arr.toLocaleString()}</Typography.Text>
      </Space>
    </List.Item>
  );
}

export function AlertRow({ alert: a, today }: { alert: ListedAlert; today: string }) {
  const { t } = useLocale();
  return (
    <List.Item data-testid="alert-item" actions={alertButtons(a, today)}>
      <Space wrap size={6}>
        <Tag color={SEVERITY_COLORS[a.severity]}>
          {t(`health.severity.${a.severity}` as MessageKey)}
        </Tag>
        {accountLink(a.accountId, a.accountName)}
        <span>{alertMessage(t, a)}</span>
      </Space>
    </List.Item>
  );
}

export function IssueRow({ issue: i }: { issue: TodayIssue }) {
  const { label } = useLocale();
  return (
    <List.Item>
      <Space wrap size={6}>
        <Tag color="volcano">{label('issuePriority', i.priority)}</Tag>
        <span>{i.title}</span>
        {accountLink(i.accountId, i.accountName, 'issues')}
        <Typography.Text type="danger">{i.dueDate}</Typography.Text>
      </Space>
    </List.Item>
  );
}

export function ChangeRow({ change: c }: { change: TodayChange }) {
  const { label } = useLocale();
  const person = usePersonName();
  return (
    <List.Item>
      <Space wrap size={6}>
        <Typography.Text type="secondary">{c.at?.slice(0, 16).replace('T', ' ')}</Typography.Text>
        {accountLink(c.accountId, c.accountName)}
        <span>
          {person(c.by)} · {label('timelineAction', c.action)} · {label('docType', c.targetType)}
        </span>
        {c.targetTitle && <Typography.Text>{c.targetTitle}</Typography.Text>}
      </Space>
    </List.Item>
  );
}
