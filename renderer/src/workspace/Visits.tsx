// Visits: plan one (agenda, attendees picked from the stakeholders) and record it (minutes,
// action items that Today then tracks and that are done, reassigned, rescheduled and commented
// here too; a next-visit date plans that visit).
import {
  Button,
  Card,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { DatePicker } from '../components/DayPicker';
import { useFormGuard } from '../components/FormGuard';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { EntityDoc } from '../../../shared/domain/entities';
import { useApi, useToday } from '../api/hooks';
import { useEntityWriter, testIdProps } from '../entityWriter';
import { useLocale } from '../i18n';
import { useDirectory, usePersonName } from '../api/people';
import { PersonPicker } from '../components/PersonPicker';
import { TaskActions, TaskDone } from '../components/TaskActions';
import { CalendarDownload } from '../components/CalendarDownload';
import { RaiseRequirementButton, type RaiseSource } from '../screens/requirements/RaiseRequirement';
import { AttachmentsButton } from '../components/Attachments';

type Visit = EntityDoc<'visit'>;
const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);
let keySeq = 0;
const newKey = () => `k${Date.now().toString(36)}${(keySeq++).toString(36)}`;

/** A visit as the source of a requirement: its first new pain point, the minutes, who attended. */
const visitSource = (v: Visit): RaiseSource => ({
  type: 'visit',
  id: v._id,
  title: v.painPointsNew[0] ?? v.purpose,
  scenario: [...v.painPointsNew, v.minutes].filter(Boolean).join('\n') || undefined,
  contactId: v.attendees.customer.find((a) => a.contactId)?.contactId,
});

export function Visits({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const person = usePersonName();
  const visits = useApi('visit.list', {
    accountId,
    limit: 200,
    sort: { field: 'date', dir: 'desc' },
  });
  const [planning, setPlanning] = useState(false);
  const [recording, setRecording] = useState<Visit | null>(null);
  const today = useToday();
  return (
    <div data-testid="visits">
      <Button
        type="primary"
        data-testid="plan-visit"
        onClick={() => setPlanning(true)}
        style={{ marginBottom: 12 }}
      >
        {t('ui.visit.plan')}
      </Button>
      <span style={{ marginLeft: 12 }}>
        <CalendarDownload accountId={accountId} />
      </span>
      <List
        dataSource={visits.data?.items ?? []}
        locale={{ emptyText: t('ui.visit.none') }}
        renderItem={(v) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid="visit-card">
            <Space wrap>
              <Typography.Text strong>
                {v.date} {v.time ?? ''}
              </Typography.Text>
              <span>{v.purpose}</span>
              <Tag
                color={v.status === 'done' ? 'green' : v.status === 'planned' ? 'blue' : 'default'}
              >
                {label('visitStatus', v.status)}
              </Tag>
              {v.place && <Typography.Text type="secondary">{v.place}</Typography.Text>}
              {v.followsVisit && (
                <Tag data-testid="visit-follows">
                  {t('tasks.followsVisit', {
                    date: visits.data?.items.find((x) => x._id === v.followsVisit)?.date ?? '—',
                  })}
                </Tag>
              )}
              {v.status === 'planned' && (
                <Button size="small" data-testid="record-visit" onClick={() => setRecording(v)}>
                  {t('ui.visit.record')}
                </Button>
              )}
              <RaiseRequirementButton accountId={accountId} source={visitSource(v)} />
              <AttachmentsButton target={v._id} title={`${v.date} ${v.purpose}`} />
            </Space>
            {v.agenda.length > 0 && (
              <div>
                {t('ui.visit.agenda')}: {v.agenda.join(' / ')}
              </div>
            )}
            {(v.attendees.customer.length > 0 || v.attendees.vendor.length > 0) && (
              <div>
                {t('ui.visit.attendees')}:{' '}
                {[
                  ...v.attendees.customer.map((a) => a.name),
                  ...v.attendees.vendor.map(person),
                ].join(', ')}
              </div>
            )}
            {v.minutes && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>
                {v.minutes}
              </Typography.Paragraph>
            )}
            {v.actionItems.length > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>{t('tasks.actionItems')}</Typography.Text>}
                dataSource={v.actionItems}
                renderItem={(a) => (
                  <List.Item
                    data-testid="visit-action"
                    actions={[
                      <TaskActions
                        key="actions"
                        task={{
                          docId: v._id,
                          key: a.key,
                          rev: v._rev!,
                          title: a.title,
                          owner: a.owner,
                          dueDate: a.dueDate,
                          startsOn: v.date,
                          done: a.done,
                          comments: a.comments?.length ?? 0,
                        }}
                      />,
                    ]}
                  >
                    <Space wrap size={6}>
                      <TaskDone
                        task={{
                          docId: v._id,
                          key: a.key,
                          rev: v._rev!,
                          title: a.title,
                          owner: a.owner,
                          dueDate: a.dueDate,
                          done: a.done,
                        }}
                      />
                      <Typography.Text delete={a.done}>{a.title}</Typography.Text>
                      <Typography.Text type="secondary">{person(a.owner)}</Typography.Text>
                      <Tag color={a.done ? 'green' : a.dueDate < (today ?? '') ? 'red' : 'orange'}>
                        {a.done
                          ? `${t('tasks.done')} ${a.doneOn ?? ''}`
                          : t('tasks.dueOn', { date: a.dueDate })}
                      </Tag>
                    </Space>
                  </List.Item>
                )}
              />
            )}
            {v.nextVisitOn && (
              <div data-testid="visit-next">
                <Tag color="blue">{t('tasks.nextVisit.planned', { date: v.nextVisitOn })}</Tag>
              </div>
            )}
          </Card>
        )}
      />
      {planning && <PlanVisit accountId={accountId} onClose={() => setPlanning(false)} />}
      {recording && <RecordVisit visit={recording} onClose={() => setRecording(null)} />}
    </div>
  );
}

function PlanVisit({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const { t, label } = useLocale();
  const { members, name: person } = useDirectory();
  const [form] = Form.useForm();
  const writer = useEntityWriter('visit', form);
  const contacts = useApi('contact.list', { accountId, limit: 500 });
  const today = useToday();
  const byId = new Map((contacts.data?.items ?? []).map((c) => [c._id, c]));
  const submit = async () => {
    const v = form.getFieldsValue() as Record<string, unknown> & {
      date?: Dayjs;
      time?: Dayjs;
      customer?: string[];
      vendor?: string[];
    };
    const { customer = [], vendor = [], date, time, ...rest } = v;
    const outcome = await writer.save(
      {
        ...rest,
        date: day(date),
        time: time ? time.format('HH:mm') : undefined,
        status: 'planned',
        attendees: {
          customer: customer.map((id) => ({ contactId: id, name: byId.get(id)?.name ?? id })),
          vendor,
        },
      },
      { accountId },
    );
    if (outcome.ok) {
      guard.saved();
      onClose();
    }
  };
  const guard = useFormGuard({
    form,
    draftKey: `visit:plan:${accountId}`,
    title: t('ui.visit.plan'),
    onSubmit: submit,
    onClose,
  });
  return (
    <Modal
      open
      title={t('ui.visit.plan')}
      {...guard.modalProps}
      onOk={submit}
      confirmLoading={writer.saving}
      okText={t('ui.common.save')}
      okButtonProps={testIdProps('visit-save')}
    >
      {guard.notice}
      {writer.feedback}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'onSite', date: today ? dayjs(today) : undefined }}
      >
        <Form.Item name="purpose" label={t('ui.visit.purpose')} required>
          <Input data-testid="visit-purpose" />
        </Form.Item>
        <Space>
          <Form.Item name="date" label={t('ui.visit.date')} required>
            <DatePicker data-testid="visit-date" />
          </Form.Item>
          <Form.Item name="time" label={t('ui.visit.time')}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="mode" label={t('ui.visit.mode')}>
            <Select
              style={{ width: 120 }}
              options={['onSite', 'remote'].map((m) => ({
                value: m,
                label: label('visitMode', m),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t('ui.visit.place')}>
          <Input />
        </Form.Item>
        <Form.Item name="agenda" label={t('ui.visit.agenda')}>
          <Select
            mode="tags"
            open={false}
            data-testid="visit-agenda"
            placeholder={t('ui.common.tagsHint')}
          />
        </Form.Item>
        <Form.Item name="customer" label={t('ui.visit.customerAttendees')}>
          <Select
            mode="multiple"
            data-testid="visit-attendees"
            optionFilterProp="label"
            options={(contacts.data?.items ?? []).map((c) => ({
              value: c._id,
              label: `${c.name}${c.position ? ` (${c.position})` : ''}${c.roles.length ? ` · ${c.roles.map((r) => label('contactRole', r)).join('/')}` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="vendor" label={t('ui.visit.vendorAttendees')}>
          {/* Our side: the team directory by name; a name typed that is not in it is kept. */}
          <Select
            mode="tags"
            data-testid="visit-vendor"
            optionFilterProp="label"
            placeholder={t('ui.common.tagsHint')}
            options={members
              .filter((m) => m.active)
              .map((m) => ({ value: m.login, label: person(m.login) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordVisit({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const { t } = useLocale();
  const [form] = Form.useForm();
  const writer = useEntityWriter('visit', form);
  const submit = async () => {
    const v = form.getFieldsValue() as {
      minutes?: string;
      commitments?: string[];
      painPointsNew?: string[];
      nextVisitOn?: Dayjs;
      actionItems?: { title?: string; owner?: string; dueDate?: Dayjs }[];
    };
    const outcome = await writer.save(
      {
        status: 'done',
        minutes: v.minutes,
        commitments: v.commitments ?? [],
        painPointsNew: v.painPointsNew ?? [],
        nextVisitOn: day(v.nextVisitOn),
        actionItems: (v.actionItems ?? []).map((a) => ({
          key: newKey(),
          title: a.title,
          owner: a.owner,
          dueDate: day(a.dueDate),
          done: false,
        })),
      },
      { existing: visit },
    );
    if (outcome.ok) {
      guard.saved();
      onClose();
    }
  };
  const guard = useFormGuard({
    form,
    draftKey: `visit:record:${visit._id}`,
    title: t('ui.visit.recordTitle', { purpose: visit.purpose }),
    onSubmit: submit,
    onClose,
  });
  return (
    <Modal
      open
      width={720}
      title={t('ui.visit.recordTitle', { purpose: visit.purpose })}
      {...guard.modalProps}
      onOk={submit}
      confirmLoading={writer.saving}
      okText={t('ui.common.save')}
      okButtonProps={testIdProps('record-save')}
    >
      {guard.notice}
      {writer.feedback}
      <Form form={form} layout="vertical" initialValues={{ actionItems: [{}] }}>
        <Form.Item name="minutes" label={t('ui.visit.minutes')} required>
          <Input.TextArea rows={5} data-testid="visit-minutes" />
        </Form.Item>
        <Form.Item name="commitments" label={t('ui.visit.commitments')}>
          <Select mode="tags" open={false} placeholder={t('ui.common.tagsHint')} />
        </Form.Item>
        <Form.Item name="painPointsNew" label={t('ui.visit.painPointsNew')}>
          <Select mode="tags" open={false} placeholder={t('ui.common.tagsHint')} />
        </Form.Item>
        <Typography.Text strong>{t('ui.visit.actionItems')}</Typography.Text>
        <Form.List name="actionItems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'title']}
                    rules={[{ required: true, message: t('ui.common.required') }]}
                  >
                    <Input placeholder={t('ui.visit.actionTitle')} data-testid="action-title" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'owner']}
                    rules={[{ required: true, message: t('ui.common.required') }]}
                  >
                    <PersonPicker
                      placeholder={t('ui.visit.actionOwner')}
                      testId="action-owner"
                      style={{ width: 160 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'dueDate']}
                    rules={[{ required: true, message: t('ui.common.required') }]}
                  >
                    <DatePicker data-testid="action-due" />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>{t('ui.common.remove')}</Button>
                </Space>
              ))}
              <Button onClick={() => add({})} style={{ display: 'block', marginBottom: 12 }}>
                {t('ui.visit.addAction')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="nextVisitOn" label={t('ui.visit.nextVisitOn')}>
          <DatePicker data-testid="visit-next-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
