// The team directory 团队成员: every member with their names, title and role; add or edit one,
// with the backend's errors on the fields they name.
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { TeamMember } from '../../../shared/api/directory';
import { teamRoles } from '../../../shared/domain/entities/teamMember';
import type { MessageKey } from '../../../shared/i18n';
import { useApi, useApiMutation } from '../api/hooks';
import { useDirectory } from '../api/people';
import { compact, fieldErrorsOf, showFieldErrors } from '../forms';
import { useT } from '../i18n';

const EDITABLE = ['nameZh', 'nameEn', 'title', 'email', 'phone', 'role', 'active'] as const;

export function Directory() {
  const t = useT();
  const { members, name, loading } = useDirectory();
  const identity = useApi('app.identity', {});
  const [editing, setEditing] = useState<TeamMember | 'new' | null>(null);
  const roleLabel = (role: string) => t(`directory.role.${role}` as MessageKey);
  return (
    <div data-testid="screen-directory">
      <Space style={{ marginBottom: 16 }} align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('directory.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('directory.intro')}</Typography.Text>
        <Button type="primary" data-testid="directory-new" onClick={() => setEditing('new')}>
          {t('directory.new')}
        </Button>
      </Space>
      <Table<TeamMember>
        rowKey="login"
        size="small"
        loading={loading}
        dataSource={members}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('directory.empty') }}
        columns={[
          {
            title: t('directory.col.nameZh'),
            dataIndex: 'nameZh',
            render: (_: unknown, m) => (
              <span data-testid={`member-${m.login}`}>
                {m.nameZh ?? ''}
                {identity.data?.login === m.login && t('directory.you')}
              </span>
            ),
          },
          { title: t('directory.col.nameEn'), dataIndex: 'nameEn' },
          { title: t('directory.col.login'), dataIndex: 'login' },
          { title: t('directory.col.title'), dataIndex: 'title' },
          { title: t('directory.col.role'), dataIndex: 'role', render: roleLabel },
          { title: t('directory.col.email'), dataIndex: 'email' },
          { title: t('directory.col.phone'), dataIndex: 'phone' },
          {
            title: t('directory.col.active'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? (
                <Tag color="green">{t('directory.active.yes')}</Tag>
              ) : (
                <Tag>{t('directory.active.no')}</Tag>
              ),
          },
          {
            title: '',
            key: 'edit',
            render: (_: unknown, m) => (
              <Button size="small" data-testid={`edit-${m.login}`} onClick={() => setEditing(m)}>
                {t('directory.edit')}
              </Button>
            ),
          },
        ]}
      />
      <MemberForm
        member={editing}
        title={
          editing === 'new'
            ? t('directory.newTitle')
            : t('directory.editTitle', { name: editing ? name(editing.login) : '' })
        }
        onClose={() => setEditing(null)}
      />
    </div>
  );
}

function MemberForm(props: {
  member: TeamMember | 'new' | null;
  title: string;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [general, setGeneral] = useState<string[]>([]);
  const create = useApiMutation('directory.create');
  const update = useApiMutation('directory.update');
  const existing = props.member && props.member !== 'new' ? props.member : null;

  useEffect(() => {
    if (!props.member) return;
    form.resetFields();
    setGeneral([]);
    form.setFieldsValue(existing ?? { role: 'csm', active: true });
  }, [props.member, existing, form]);

  const save = async () => {
    const values = form.getFieldsValue() as Record<string, unknown>;
    try {
      let saved: TeamMember;
      if (existing) {
        const changes: Record<string, unknown> = {};
        for (const field of EDITABLE) {
          const value = compact(values[field]);
          if (value === undefined) {
            if (existing[field] !== undefined) changes[field] = null;
          } else changes[field] = value;
        }
        saved = await update.mutateAsync({ login: existing.login, rev: existing._rev!, changes });
      } else {
        saved = await create.mutateAsync({ data: compact(values) as TeamMember });
      }
      message.success(t('directory.saved', { name: saved.nameZh ?? saved.nameEn ?? saved.login }));
      props.onClose();
    } catch (error) {
      const { fields, general: other } = fieldErrorsOf(error, t);
      setGeneral([...other, ...showFieldErrors(form, fields)]);
    }
  };

  return (
    <Modal
      open={props.member !== null}
      title={props.title}
      onCancel={props.onClose}
      onOk={save}
      okText={t('directory.save')}
      cancelText={t('directory.cancel')}
      okButtonProps={{ 'data-testid': 'member-save' } as Record<string, string>}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      forceRender
    >
      {general.length > 0 && (
        <Typography.Paragraph type="danger" data-testid="member-errors">
          {general.join('; ')}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" data-testid="member-form">
        <Form.Item name="login" label={t('directory.col.login')} required>
          <Input data-testid="member-login" disabled={existing !== null} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('directory.col.nameZh')}>
          <Input data-testid="member-nameZh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('directory.col.nameEn')}>
          <Input data-testid="member-nameEn" />
        </Form.Item>
        <Form.Item name="title" label={t('directory.col.title')}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('directory.col.email')}>
          <Input data-testid="member-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('directory.col.phone')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('directory.col.role')}>
          <Select
            options={teamRoles.map((r) => ({
              value: r,
              label: t(`directory.role.${r}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('directory.col.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
