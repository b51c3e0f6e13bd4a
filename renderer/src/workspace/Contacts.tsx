// Contacts of an account: decision-chain roles, influence and stance feed the stakeholder map.
import { Button, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { EntityDoc } from '../../../shared/domain/entities';
import { decisionChainRoles } from '../../../shared/domain/entities/contact';
import { useApi } from '../api/hooks';
import { EntityFormModal } from '../components/EntityFormModal';
import { useLocale } from '../i18n';

type Contact = EntityDoc<'contact'>;

export function Contacts({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const list = useApi('contact.list', { accountId, limit: 500 });
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  return (
    <div data-testid="contacts">
      <Button
        type="primary"
        data-testid="new-contact"
        onClick={() => setEditing('new')}
        style={{ marginBottom: 12 }}
      >
        {t('ui.contact.new')}
      </Button>
      <Table<Contact>
        rowKey="_id"
        size="small"
        dataSource={list.data?.items}
        pagination={false}
        onRow={(c) => ({ onDoubleClick: () => setEditing(c) })}
        columns={[
          {
            title: t('ui.contact.name'),
            dataIndex: 'name',
            render: (n: string, c) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                data-testid="contact-open"
                onClick={() => setEditing(c)}
              >
                {n}
              </Button>
            ),
          },
          { title: t('ui.contact.position'), dataIndex: 'position' },
          {
            title: t('ui.contact.roles'),
            dataIndex: 'roles',
            render: (roles: string[]) =>
              roles.map((r) => <Tag key={r}>{label('contactRole', r)}</Tag>),
          },
          {
            title: t('ui.contact.influence'),
            dataIndex: 'influence',
            render: (v: string) => label('influence', v),
          },
          {
            title: t('ui.contact.stance'),
            dataIndex: 'stance',
            render: (v: string) => label('stance', v),
          },
          { title: t('ui.contact.phone'), dataIndex: 'phone' },
          { title: t('ui.contact.email'), dataIndex: 'email' },
          {
            title: t('ui.contact.active'),
            dataIndex: 'active',
            render: (a: boolean, c) => (a ? '✓' : `${t('ui.contact.left')} ${c.leftOn ?? ''}`),
          },
        ]}
      />
      {editing && (
        <ContactForm
          accountId={accountId}
          existing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function ContactForm({
  accountId,
  existing,
  onClose,
}: {
  accountId: string;
  existing: Contact | null;
  onClose: () => void;
}) {
  const { t, label } = useLocale();
  return (
    <EntityFormModal
      type="contact"
      accountId={accountId}
      existing={existing}
      title={existing ? existing.name : t('ui.contact.new')}
      defaults={{ influence: 'medium', stance: 'neutral', active: true, roles: [] }}
      saveTestId="contact-save"
      onClose={onClose}
    >
      <Form.Item name="name" label={t('ui.contact.name')} required>
        <Input data-testid="contact-name" />
      </Form.Item>
      <Form.Item name="position" label={t('ui.contact.position')}>
        <Input />
      </Form.Item>
      <Form.Item name="roles" label={t('ui.contact.roles')}>
        <Select
          mode="multiple"
          data-testid="contact-roles"
          options={decisionChainRoles.map((r) => ({ value: r, label: label('contactRole', r) }))}
        />
      </Form.Item>
      <Form.Item name="influence" label={t('ui.contact.influence')}>
        <Select
          options={['high', 'medium', 'low'].map((v) => ({
            value: v,
            label: label('influence', v),
          }))}
        />
      </Form.Item>
      <Form.Item name="stance" label={t('ui.contact.stance')}>
        <Select
          options={['supportive', 'neutral', 'opposed'].map((v) => ({
            value: v,
            label: label('stance', v),
          }))}
        />
      </Form.Item>
      <Form.Item name="phone" label={t('ui.contact.phone')}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('ui.contact.email')}>
        <Input data-testid="contact-email" />
      </Form.Item>
      <Form.Item name="wechat" label="WeChat">
        <Input />
      </Form.Item>
      <Form.Item name="active" label={t('ui.contact.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="leftOn" label={t('ui.contact.leftOn')}>
        <Input placeholder="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="personalityNotes" label={t('ui.contact.notes')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </EntityFormModal>
  );
}
