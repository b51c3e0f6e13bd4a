// The issue list at spreadsheet speed: type a row and press Enter to add it (focus returns to
// the title for the next one), edit cells in place, change the status of many rows at once,
// filter. Closing asks who at the customer confirmed the fix.
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { DatePicker } from '../components/DayPicker';
import type { EntityDoc } from '../../../shared/domain/entities';
import { entities } from '../../../shared/domain/entities';
import { issuePriorities, issueStatuses } from '../../../shared/domain/entities/issue';
import { isOpenIssue, isOverdueIssue, isSolvedIssue, issueRef } from '../../../shared/rules/issues';
import { validate } from '../forms';
import { testIdProps } from '../entityWriter';
import { useLocale } from '../i18n';

export type Issue = EntityDoc<'issue'>;
export interface NewIssue {
  title: string;
  priority: (typeof issuePriorities)[number];
  raisedOn: string;
  owner?: string;
  dueDate?: string;
}
export interface Confirmation {
  confirmedBy: string;
  confirmedAt: string;
  note?: string;
}
export interface IssueTableProps {
  issues: Issue[];
  /** Today's date (YYYY-MM-DD), the default "raised on". */
  today: string;
  now?: () => Date;
  onCreate: (data: NewIssue) => Promise<string[] | null>;
  onUpdate: (issue: Issue, changes: Record<string, unknown>) => Promise<string[] | null>;
  onSetStatus: (
    issues: Issue[],
    status: Issue['status'],
    confirmation?: Confirmation,
  ) => Promise<string[] | null>;
  /** Shows an owner's login by name (the team directory); the login itself without one. */
  personName?: (login: string | undefined | null) => string;
  /** The owner field of the new-issue row (the team directory's picker); a text box without. */
  renderOwnerPicker?: (field: OwnerField) => ReactNode;
  /** Opens the full editor of one issue (description, module, raised by, comments ...). */
  onOpen?: (issue: Issue) => void;
  /** More to show beside the issue's number (raising a requirement from it). */
  rowExtra?: (issue: Issue) => ReactNode;
}

export interface OwnerField {
  value: string;
  onChange: (login: string) => void;
  testId: string;
  ariaLabel: string;
  placeholder: string;
}

const EMPTY_DRAFT = {
  title: '',
  priority: 'ordinaryFault' as NewIssue['priority'],
  owner: '',
  dueDate: '',
};

type StatusFilter = 'open' | 'all' | Issue['status'];

const selectStyle = { height: 32, border: '1px solid #d9d9d9', borderRadius: 4, padding: '0 6px' };

export function IssueTable({
  issues,
  today,
  now = () => new Date(),
  onCreate,
  onUpdate,
  onSetStatus,
  personName = (login) => login ?? '',
  renderOwnerPicker,
  onOpen,
  rowExtra,
}: IssueTableProps) {
  const { t, label } = useLocale();
  const titleRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<{
    title: string;
    priority: NewIssue['priority'];
    owner: string;
    dueDate: string;
  }>(EMPTY_DRAFT);
  const [rowErrors, setRowErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<{ status: StatusFilter; q: string }>({
    status: 'open',
    q: '',
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkStatus, setBulkStatus] = useState<Issue['status'] | undefined>();
  const [editing, setEditing] = useState<{ id: string; value: string } | null>(null);
  const [closing, setClosing] = useState<Issue[] | null>(null);
  const [confirmForm] = Form.useForm<{ confirmedBy: string; note?: string }>();

  const visible = useMemo(
    () =>
      issues.filter(
        (i) =>
          (filter.status === 'all' ||
            (filter.status === 'open' ? isOpenIssue(i) : i.status === filter.status)) &&
          (!filter.q || i.title.toLowerCase().includes(filter.q.toLowerCase())),
      ),
    [issues, filter],
  );

  // Two issues with one reference can only come from two laptops numbering offline with the
  // same initials (docs/ui.md): they are marked, not hidden.
  const duplicates = useMemo(() => {
    const seen = new Map<string, number>();
    for (const i of issues) {
      const ref = issueRef(i);
      if (ref) seen.set(ref, (seen.get(ref) ?? 0) + 1);
    }
    return new Set([...seen].filter(([, n]) => n > 1).map(([ref]) => ref));
  }, [issues]);

  const addRow = async () => {
    if (busy) return;
    const data: NewIssue = {
      title: draft.title.trim(),
      priority: draft.priority,
      raisedOn: today,
      ...(draft.owner.trim() ? { owner: draft.owner.trim() } : {}),
      ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
    };
    const checked = validate(entities.issue.input, data, t);
    if (!checked.ok) {
      setRowErrors(
        checked.fields.map(
          (f) => `${t(`ui.issue.col.${String(f.name[0])}` as never)}: ${f.errors.join(', ')}`,
        ),
      );
      titleRef.current?.focus();
      return;
    }
    setBusy(true);
    const errors = await onCreate(data);
    setBusy(false);
    setRowErrors(errors ?? []);
    // A new row starts from the defaults again: the last row's priority is not carried over.
    if (!errors) setDraft(EMPTY_DRAFT);
    titleRef.current?.focus();
  };

  // The date picker takes a typed date on the same Enter: add the row once that has rendered.
  const addRowRef = useRef(addRow);
  addRowRef.current = addRow;
  const onRowKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if ((e.target as HTMLElement).closest('.ant-picker')) {
        setTimeout(() => void addRowRef.current(), 0);
      } else void addRow();
    } else if (e.key === 'Escape') {
      setDraft(EMPTY_DRAFT);
      setRowErrors([]);
      titleRef.current?.focus();
    }
  };

  const changeStatus = async (targets: Issue[], status: Issue['status']) => {
    if (status === 'closed') {
      confirmForm.resetFields();
      setClosing(targets);
      return;
    }
    const errors = await onSetStatus(targets, status);
    if (!errors) setSelected([]);
    setRowErrors(errors ?? []);
  };

  const confirmClose = async () => {
    let values: { confirmedBy: string; note?: string };
    try {
      values = await confirmForm.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const errors = await onSetStatus(closing ?? [], 'closed', {
      confirmedBy: values.confirmedBy.trim(),
      confirmedAt: now().toISOString(),
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    });
    setRowErrors(errors ?? []);
    if (!errors) {
      setClosing(null);
      setSelected([]);
    }
  };

  const saveTitle = async (issue: Issue) => {
    if (!editing) return;
    const value = editing.value.trim();
    setEditing(null);
    if (value && value !== issue.title)
      setRowErrors((await onUpdate(issue, { title: value })) ?? []);
  };

  return (
    <div data-testid="issue-table">
      <div
        role="group"
        aria-label={t('ui.issue.newRow')}
        onKeyDown={onRowKey}
        style={{ display: 'flex', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}
      >
        <Input
          ref={(el) => {
            titleRef.current = el?.input ?? null;
          }}
          aria-label={t('ui.issue.col.title')}
          data-testid="new-issue-title"
          placeholder={t('ui.issue.newPlaceholder')}
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          style={{ flex: 3, minWidth: 220 }}
        />
        <select
          aria-label={t('ui.issue.col.priority')}
          data-testid="new-issue-priority"
          value={draft.priority}
          onChange={(e) => setDraft({ ...draft, priority: e.target.value as NewIssue['priority'] })}
          style={selectStyle}
        >
          {issuePriorities.map((p) => (
            <option key={p} value={p}>
              {label('issuePriority', p)}
            </option>
          ))}
        </select>
        <div style={{ flex: 1, minWidth: 150 }}>
          {renderOwnerPicker ? (
            renderOwnerPicker({
              value: draft.owner,
              onChange: (owner) => setDraft((d) => ({ ...d, owner })),
              testId: 'new-issue-owner',
              ariaLabel: t('ui.issue.col.owner'),
              placeholder: t('ui.issue.col.owner'),
            })
          ) : (
            <Input
              aria-label={t('ui.issue.col.owner')}
              data-testid="new-issue-owner"
              placeholder={t('ui.issue.col.owner')}
              value={draft.owner}
              onChange={(e) => setDraft({ ...draft, owner: e.target.value })}
            />
          )}
        </div>
        <DatePicker
          aria-label={t('ui.issue.col.dueDate')}
          data-testid="new-issue-due"
          placeholder={t('ui.issue.col.dueDate')}
          value={draft.dueDate ? dayjs(draft.dueDate) : null}
          onChange={(d) => setDraft({ ...draft, dueDate: d ? d.format('YYYY-MM-DD') : '' })}
        />
        <Button
          type="primary"
          onClick={() => void addRow()}
          loading={busy}
          data-testid="new-issue-add"
        >
          {t('ui.issue.add')}
        </Button>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('ui.issue.keyboardHint')}
      </Typography.Text>
      {rowErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="issue-errors"
          style={{ margin: '8px 0' }}
          message={rowErrors.join('; ')}
        />
      )}
      <Space style={{ margin: '8px 0' }} wrap>
        <Input.Search
          allowClear
          placeholder={t('ui.issue.filter')}
          aria-label={t('ui.issue.filter')}
          onChange={(e) => setFilter({ ...filter, q: e.target.value })}
          style={{ width: 200 }}
        />
        <select
          aria-label={t('ui.issue.statusFilter')}
          data-testid="issue-status-filter"
          value={filter.status}
          onChange={(e) => setFilter({ ...filter, status: e.target.value as StatusFilter })}
          style={selectStyle}
        >
          <option value="open">{t('ui.issue.open')}</option>
          <option value="all">{t('ui.issue.all')}</option>
          {issueStatuses.map((s) => (
            <option key={s} value={s}>
              {label('issueStatus', s)}
            </option>
          ))}
        </select>
        <Select
          style={{ width: 160 }}
          placeholder={t('ui.issue.bulkStatus')}
          data-testid="bulk-status"
          value={bulkStatus}
          onChange={setBulkStatus}
          options={issueStatuses.map((s) => ({ value: s, label: label('issueStatus', s) }))}
        />
        <Button
          data-testid="bulk-apply"
          disabled={!selected.length || !bulkStatus}
          onClick={() =>
            bulkStatus &&
            void changeStatus(
              issues.filter((i) => selected.includes(i._id)),
              bulkStatus,
            )
          }
        >
          {t('ui.issue.applyTo', { count: selected.length })}
        </Button>
      </Space>
      <Table<Issue>
        rowKey="_id"
        size="small"
        dataSource={visible}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
        }}
        columns={[
          {
            title: t('contractsUi.issue.col.number'),
            key: 'number',
            width: 96,
            render: (_: unknown, issue) => {
              const ref = issueRef(issue);
              return (
                <Space size={2}>
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    data-testid="issue-open"
                    aria-label={t('contractsUi.issue.details')}
                    onClick={() => onOpen?.(issue)}
                    disabled={!onOpen}
                  >
                    <span data-testid="issue-number">{ref || t('contractsUi.issue.details')}</span>
                  </Button>
                  {rowExtra?.(issue)}
                  {ref && duplicates.has(ref) && (
                    <Tag color="orange" title={t('contractsUi.issue.duplicateNumber')}>
                      !
                    </Tag>
                  )}
                </Space>
              );
            },
          },
          {
            title: t('ui.issue.col.title'),
            dataIndex: 'title',
            render: (title: string, issue) =>
              editing?.id === issue._id ? (
                <Input
                  autoFocus
                  size="small"
                  aria-label={t('ui.issue.editTitle')}
                  value={editing.value}
                  onChange={(e) => setEditing({ id: issue._id, value: e.target.value })}
                  onBlur={() => void saveTitle(issue)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void saveTitle(issue);
                    if (e.key === 'Escape') setEditing(null);
                  }}
                />
              ) : (
                <span
                  tabIndex={0}
                  role="button"
                  data-testid="issue-title"
                  title={t('ui.issue.editHint')}
                  style={{ cursor: 'text' }}
                  onDoubleClick={() => setEditing({ id: issue._id, value: title })}
                  onKeyDown={(e) =>
                    e.key === 'Enter' && setEditing({ id: issue._id, value: title })
                  }
                >
                  {title}
                </span>
              ),
          },
          {
            title: t('ui.issue.col.priority'),
            dataIndex: 'priority',
            width: 150,
            render: (p: Issue['priority'], issue) => (
              <select
                aria-label={t('ui.issue.col.priority')}
                value={p}
                style={selectStyle}
                onChange={(e) =>
                  void onUpdate(issue, { priority: e.target.value }).then((r) =>
                    setRowErrors(r ?? []),
                  )
                }
              >
                {issuePriorities.map((v) => (
                  <option key={v} value={v}>
                    {label('issuePriority', v)}
                  </option>
                ))}
              </select>
            ),
          },
          {
            title: t('ui.issue.col.status'),
            dataIndex: 'status',
            width: 150,
            render: (s: Issue['status'], issue) => (
              <select
                aria-label={t('ui.issue.col.status')}
                data-testid="issue-status"
                value={s}
                style={selectStyle}
                onChange={(e) => void changeStatus([issue], e.target.value as Issue['status'])}
              >
                {issueStatuses.map((v) => (
                  <option key={v} value={v}>
                    {label('issueStatus', v)}
                  </option>
                ))}
              </select>
            ),
          },
          {
            title: t('contractsUi.issue.col.module'),
            dataIndex: 'module',
            width: 100,
          },
          {
            title: t('contractsUi.issue.col.raisedBy'),
            dataIndex: 'raisedBy',
            width: 100,
          },
          {
            title: t('ui.issue.col.owner'),
            dataIndex: 'owner',
            width: 110,
            render: (v: string | undefined) => (
              <span data-testid="issue-owner">{personName(v)}</span>
            ),
          },
          {
            title: t('ui.issue.col.dueDate'),
            dataIndex: 'dueDate',
            width: 110,
            // Red only while open and past due; a fixed or closed issue's due day is history.
            render: (d: string | undefined, issue) =>
              isOverdueIssue(issue, today) ? (
                <Typography.Text type="danger" data-testid="issue-due" data-overdue="true">
                  {d}
                </Typography.Text>
              ) : (
                <Typography.Text
                  type={isSolvedIssue(issue) ? 'secondary' : undefined}
                  data-testid="issue-due"
                  data-overdue="false"
                >
                  {d}
                </Typography.Text>
              ),
          },
          {
            title: t('ui.issue.col.confirmedBy'),
            key: 'confirmation',
            width: 140,
            render: (_: unknown, issue) =>
              issue.customerConfirmation ? (
                <Tag color="green">{issue.customerConfirmation.confirmedBy}</Tag>
              ) : null,
          },
        ]}
      />
      <Modal
        open={closing !== null}
        title={t('ui.issue.closeTitle', { count: closing?.length ?? 0 })}
        onCancel={() => setClosing(null)}
        onOk={() => void confirmClose()}
        okText={t('ui.issue.closeOk')}
        okButtonProps={testIdProps('close-confirm')}
        forceRender
      >
        <Typography.Paragraph>{t('ui.issue.closeText')}</Typography.Paragraph>
        <Form form={confirmForm} layout="vertical">
          <Form.Item
            name="confirmedBy"
            label={t('ui.issue.confirmedBy')}
            rules={[
              { required: true, whitespace: true, message: t('ui.issue.confirmedByRequired') },
            ]}
          >
            <Input data-testid="confirmed-by" />
          </Form.Item>
          <Form.Item name="note" label={t('ui.issue.confirmNote')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
