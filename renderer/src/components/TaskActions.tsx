// A task's controls, wherever it shows (Today, a visit, a risk plan): done, reassign to a team
// member, reschedule, comment. Each change is one `tasks.update`; a refusal (a due date before
// the visit, an owner outside the team, a stale revision) shows under the field it concerns.
import { App, Button, Checkbox, DatePicker, Form, Input, Popover, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useApiMutation } from '../api/hooks';
import { fieldErrorsOf } from '../forms';
import { useLocale } from '../i18n';
import { PersonPicker } from './PersonPicker';

export interface TaskRef {
  docId: string;
  key: string;
  rev: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  startsOn?: string | null;
  done?: boolean;
  comments?: number;
}

type Field = 'owner' | 'dueDate' | 'comment';

/** The done box (placed at the start of a task's row; the other controls at its end). */
export function TaskDone({ task }: { task: TaskRef }) {
  const { t } = useLocale();
  const update = useApiMutation('tasks.update');
  const { message } = App.useApp();
  // The done box has no field of its own: a refusal (a stale revision ...) is said aloud.
  const toggle = async (done: boolean) => {
    try {
      await update.mutateAsync({ id: task.docId, key: task.key, rev: task.rev, done });
      if (done) void message.success(t('tasks.markedDone', { title: task.title }));
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      void message.error([...fields.flatMap((f) => f.errors), ...general].join(', '));
    }
  };
  return (
    <Tooltip title={task.done ? t('tasks.undo') : t('tasks.done')}>
      <Checkbox
        data-testid="task-done"
        aria-label={t('tasks.done')}
        checked={Boolean(task.done)}
        disabled={update.isPending}
        onChange={(e) => void toggle(e.target.checked)}
      />
    </Tooltip>
  );
}

export function TaskActions({ task }: { task: TaskRef }) {
  const { t } = useLocale();
  const update = useApiMutation('tasks.update');
  const [open, setOpen] = useState<Field | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field | 'general', string>>>({});
  const [owner, setOwner] = useState<string | undefined>(task.owner ?? undefined);
  const [comment, setComment] = useState('');

  const send = async (field: Field, change: Record<string, unknown>) => {
    setErrors({});
    try {
      await update.mutateAsync({ id: task.docId, key: task.key, rev: task.rev, ...change });
      setOpen(null);
      setComment('');
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      const at = fields.find((f) => f.name[0] === field);
      setErrors({
        [field]:
          at?.errors.join(', ') ?? [...fields.flatMap((f) => f.errors), ...general].join(', '),
      });
    }
  };
  const status = (field: Field) =>
    errors[field] ? { validateStatus: 'error' as const, help: errors[field] } : {};
  const popover = (field: Field, content: React.ReactNode, button: React.ReactNode) => (
    <Popover
      trigger="click"
      open={open === field}
      onOpenChange={(o) => {
        setOpen(o ? field : null);
        setErrors({});
      }}
      content={
        <Form layout="vertical" style={{ width: 260 }}>
          {content}
        </Form>
      }
    >
      {button}
    </Popover>
  );

  return (
    <Space size={0} style={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
      {popover(
        'owner',
        <>
          <Form.Item label={t('tasks.owner')} {...status('owner')} style={{ marginBottom: 8 }}>
            <PersonPicker value={owner} onChange={setOwner} testId="task-owner-input" />
          </Form.Item>
          <Button
            type="primary"
            size="small"
            data-testid="task-owner-save"
            loading={update.isPending}
            disabled={!owner}
            onClick={() => owner && send('owner', { owner })}
          >
            {t('ui.common.save')}
          </Button>
        </>,
        <Button size="small" type="link" style={{ padding: '0 4px' }} data-testid="task-reassign">
          {t('tasks.reassign')}
        </Button>,
      )}
      {popover(
        'dueDate',
        <Form.Item
          label={t('tasks.dueDate')}
          {...status('dueDate')}
          extra={task.startsOn ? t('tasks.notBefore', { date: task.startsOn }) : undefined}
          style={{ marginBottom: 0 }}
        >
          <DatePicker
            data-testid="task-due-input"
            defaultValue={task.dueDate ? dayjs(task.dueDate) : undefined}
            onChange={(d) => d && send('dueDate', { dueDate: d.format('YYYY-MM-DD') })}
          />
        </Form.Item>,
        <Button size="small" type="link" style={{ padding: '0 4px' }} data-testid="task-reschedule">
          {t('tasks.reschedule')}
        </Button>,
      )}
      {popover(
        'comment',
        <>
          <Form.Item
            label={t('tasks.commentAdd')}
            {...status('comment')}
            style={{ marginBottom: 8 }}
          >
            <Input.TextArea
              rows={3}
              data-testid="task-comment-input"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </Form.Item>
          <Button
            type="primary"
            size="small"
            data-testid="task-comment-save"
            loading={update.isPending}
            disabled={!comment.trim()}
            onClick={() => send('comment', { comment })}
          >
            {t('ui.common.save')}
          </Button>
        </>,
        <Button size="small" type="link" style={{ padding: '0 4px' }} data-testid="task-comment">
          {task.comments ? t('tasks.comments', { count: task.comments }) : t('tasks.comment')}
        </Button>,
      )}
    </Space>
  );
}
