// One issue with every column of the customer's issue list: description, category, module,
// raised on and by (a contact of the account), priority, status, owner (the team directory),
// due date, resolution, and comments. A new issue gets its readable number from the backend.
import {
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Button,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { EntityDoc } from '../../../shared/domain/entities';
import { issueFields, issuePriorities, issueStatuses } from '../../../shared/domain/entities/issue';
import { issueRef } from '../../../shared/rules/issues';
import { useApi } from '../api/hooks';
import { usePersonName } from '../api/people';
import { EntityFormModal } from '../components/EntityFormModal';
import { Attachments } from '../components/Attachments';
import { PersonPicker } from '../components/PersonPicker';
import { useLocale } from '../i18n';
import { isoDateItem, newItemKey } from './ItemEditor';

type Issue = EntityDoc<'issue'>;
type SavedComment = NonNullable<Issue['comments']>[number];
/** A comment typed here and not saved yet: the backend stamps its author and time on save. */
type Comment = Omit<SavedComment, 'by' | 'at'> & Partial<Pick<SavedComment, 'by' | 'at'>>;
const CATEGORIES = issueFields.shape.category.unwrap().options;

export function IssueEditor({
  accountId,
  issue,
  today,
  onClose,
}: {
  accountId: string;
  /** Null: a new issue. */
  issue: Issue | null;
  today: string;
  onClose: () => void;
}) {
  const { t, label } = useLocale();
  const contacts = useApi('contact.list', { accountId, limit: 500 });
  const ref = issue ? issueRef(issue) : '';
  // Closing needs the customer's confirmation, asked for from the list's status cell.
  const statuses = issueStatuses.filter((s) => s !== 'closed' || issue?.status === 'closed');
  return (
    <EntityFormModal
      type="issue"
      accountId={accountId}
      existing={issue}
      title={issue ? t('contractsUi.issue.edit', { ref }) : t('ui.issue.newRow')}
      saveTestId="issue-save"
      width={820}
      onClose={onClose}
      defaults={{ raisedOn: today, priority: 'ordinaryFault', status: 'new', category: 'bug' }}
    >
      <Form.Item name="title" label={t('contractsUi.issue.title')}>
        <Input data-testid="issue-edit-title" />
      </Form.Item>
      <Form.Item name="description" label={t('contractsUi.issue.description')}>
        <Input.TextArea autoSize={{ minRows: 2 }} data-testid="issue-edit-description" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="category" label={t('contractsUi.issue.col.category')}>
            <Select
              data-testid="issue-edit-category"
              options={CATEGORIES.map((c) => ({ value: c, label: label('issueCategory', c) }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="module" label={t('contractsUi.issue.col.module')}>
            <Input data-testid="issue-edit-module" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="priority" label={t('contractsUi.issue.priority')}>
            <Select
              data-testid="issue-edit-priority"
              options={issuePriorities.map((p) => ({ value: p, label: label('issuePriority', p) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="raisedOn" label={t('contractsUi.issue.raisedOn')} {...isoDateItem}>
            <DatePicker style={{ width: '100%' }} data-testid="issue-edit-raised-on" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="raisedByContactId" label={t('contractsUi.issue.col.raisedBy')}>
            <RaisedByPicker
              contacts={(contacts.data?.items ?? []).map((c) => ({ id: c._id, name: c.name }))}
            />
          </Form.Item>
          <Form.Item name="raisedBy" hidden>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="dueDate" label={t('contractsUi.issue.dueDate')} {...isoDateItem}>
            <DatePicker style={{ width: '100%' }} data-testid="issue-edit-due" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="owner" label={t('contractsUi.issue.owner')}>
            <PersonPicker testId="issue-edit-owner" ariaLabel={t('contractsUi.issue.owner')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="status"
            label={t('contractsUi.issue.status')}
            extra={
              issue?.status !== 'closed' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('contractsUi.issue.closeInEditor')}
                </Typography.Text>
              ) : undefined
            }
          >
            <Select
              data-testid="issue-edit-status"
              options={statuses.map((s) => ({ value: s, label: label('issueStatus', s) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="resolution" label={t('contractsUi.issue.resolution')}>
        <Input.TextArea autoSize={{ minRows: 1 }} data-testid="issue-edit-resolution" />
      </Form.Item>
      <Form.Item name="comments" label={t('contractsUi.issue.comments')}>
        <CommentsField saved={issue?.comments ?? []} />
      </Form.Item>
      {issue && (
        <Form.Item label={t('attachmentsUi.title')}>
          <Attachments target={issue._id} />
        </Form.Item>
      )}
    </EntityFormModal>
  );
}

/** The contact who raised the issue: its id in this field, its name in `raisedBy`. */
function RaisedByPicker({
  value,
  onChange,
  contacts,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  contacts: { id: string; name: string }[];
}) {
  const { t } = useLocale();
  const form = Form.useFormInstance();
  const typed = Form.useWatch('raisedBy', form) as string | undefined;
  // A name typed before contacts were picked (an import, an older issue) stays visible.
  const options = contacts.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      data-testid="issue-edit-raised-by"
      placeholder={typed ?? t('contractsUi.issue.pickContact')}
      value={value}
      options={options}
      onChange={(id: string | undefined) => {
        onChange?.(id);
        form.setFieldValue('raisedBy', contacts.find((c) => c.id === id)?.name);
      }}
    />
  );
}

/** The issue's comments, oldest first, and a box to add one (saved with the issue). */
function CommentsField({
  value,
  onChange,
  saved,
}: {
  value?: Comment[];
  onChange?: (comments: Comment[]) => void;
  saved: SavedComment[];
}) {
  const { t } = useLocale();
  const person = usePersonName();
  const info = useApi('system.info', {});
  const [text, setText] = useState('');
  const comments = value ?? [];
  const savedKeys = new Set(saved.map((c) => c.key));
  const add = () => {
    const body = text.trim();
    if (!body) return;
    onChange?.([...comments, { key: newItemKey(), text: body }]);
    setText('');
  };
  return (
    <div data-testid="issue-comments">
      {comments.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('contractsUi.issue.noComments')}
        />
      ) : (
        <List
          size="small"
          dataSource={comments}
          renderItem={(c) => (
            <List.Item data-testid="issue-comment">
              <Space direction="vertical" size={0}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {savedKeys.has(c.key) && c.by && c.at
                    ? `${person(c.by)} · ${dayjs(c.at).format('YYYY-MM-DD HH:mm')}`
                    : `${info.data ? person(info.data.user) : ''} ${t('contractsUi.issue.commentUnsaved')}`}
                </Typography.Text>
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.text}</span>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input.TextArea
          autoSize={{ minRows: 1 }}
          value={text}
          placeholder={t('contractsUi.issue.commentPlaceholder')}
          data-testid="issue-comment-text"
          onChange={(e) => setText(e.target.value)}
        />
        <Button onClick={add} data-testid="issue-comment-add" disabled={!text.trim()}>
          {t('contractsUi.issue.addComment')}
        </Button>
      </Space.Compact>
    </div>
  );
}
