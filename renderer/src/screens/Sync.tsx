// The Sync drawer, opened from the status bar: connect to the team server (with the scope to
// keep), see the current state, where the password is kept, the writes the server refused (and
// send them again), a failed rescore of health after a pull, sign out. The backend's errors are
// shown in the user's words.
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Progress,
  Radio,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { CredentialStorage, SyncScope, SyncStatus } from '../../../shared/api/sync';
import type { CSSProperties } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { ApiCallError } from '../api/client';
import { useApi, useApiMutation } from '../api/hooks';
import { useT, type Translate } from '../i18n';
import { usePersonName } from '../api/people';

interface ConnectFields {
  url: string;
  db: string;
  user: string;
  password: string;
  scope: SyncScope;
}

/** Where the password is (or will be) kept; a fallback from the keychain is a warning. */
export function credentialNote(storage: CredentialStorage): {
  key: MessageKey;
  warning: boolean;
} {
  if (storage.kind === 'keychain') return { key: 'syncUi.vault.keychain', warning: false };
  if (storage.fallback === 'basicText') return { key: 'syncUi.vault.basicText', warning: true };
  if (storage.fallback === 'unavailable') {
    return { key: 'syncUi.vault.unavailable', warning: true };
  }
  return { key: 'syncUi.vault.file', warning: false };
}

function CredentialNote({ storage }: { storage: CredentialStorage }) {
  const t = useT();
  const note = credentialNote(storage);
  return note.warning ? (
    <Alert type="warning" showIcon data-testid="sync-vault" title={t(note.key)} />
  ) : (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="sync-vault">
      {t(note.key)}
    </Typography.Text>
  );
}

/** One line per backend error, translated (message key + params), never a raw code. */
export function errorLines(t: Translate, error: ApiCallError | null): string[] {
  if (!error) return [];
  return (error.errors ?? []).map((e) => {
    const text = e.messageKey ? t(e.messageKey as MessageKey, e.params ?? {}) : '';
    const where = e.path?.length ? `${e.path.join('.')}: ` : '';
    return text && text !== e.messageKey ? `${where}${text}` : `${where}${e.message}`;
  });
}

/** A failed call's errors as one translated error box; nothing without an error. */
export function ApiErrorAlert({
  error,
  testId,
  style,
}: {
  error: ApiCallError | null;
  testId?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  const lines = errorLines(t, error);
  if (lines.length === 0) return null;
  return (
    <Alert type="error" showIcon data-testid={testId} style={style} title={lines.join('; ')} />
  );
}

/** The state line of `sync.status` in the user's language. */
export function describeStatus(t: Translate, s: SyncStatus): string {
  switch (s.state) {
    case 'offline':
      return t('sync.status.offline');
    case 'connecting':
      return t('sync.status.connecting');
    case 'pulling':
      return t(s.first ? 'sync.status.firstPull' : 'sync.status.pulling', {
        done: s.done,
        total: s.total,
      });
    case 'pushing':
      return t('sync.status.pushing', { pending: s.pending });
    case 'upToDate':
      return t('sync.status.upToDate', { at: new Date(s.at).toLocaleString() });
    case 'error':
      return t(s.messageKey, s.params);
  }
}

export function SyncDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const person = usePersonName();
  const [form] = Form.useForm<ConnectFields>();
  const status = useApi('sync.status', {}, { refetchInterval: 2_000, enabled: open });
  const connect = useApiMutation('sync.connect');
  const disconnect = useApiMutation('sync.disconnect');
  const retry = useApiMutation('sync.retryRejected');
  const s = status.data;

  const submit = (fields: ConnectFields) => {
    disconnect.reset();
    retry.reset();
    connect.mutate({ ...fields, url: fields.url.trim(), user: fields.user.trim() });
  };

  return (
    <Drawer
      title={t('syncUi.title')}
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden={false}
      data-testid="sync-drawer"
    >
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        {s && (
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'state',
                label: t('syncUi.status'),
                children: (
                  <div data-testid="sync-drawer-state">
                    {describeStatus(t, s)}
                    {s.state === 'pulling' && s.total > 0 && (
                      <Progress percent={Math.round((100 * s.done) / s.total)} size="small" />
                    )}
                  </div>
                ),
              },
              {
                key: 'who',
                label: t('syncUi.connection'),
                children: s.connected
                  ? t('syncUi.connectedAs', {
                      url: s.url ?? '',
                      db: s.db ?? '',
                      user: person(s.user),
                    })
                  : t('syncUi.notConnected'),
              },
              ...(s.connected
                ? [
                    {
                      key: 'scope',
                      label: t('syncUi.scope'),
                      children: (
                        <span data-testid="sync-drawer-scope">
                          {t(s.scope === 'mine' ? 'syncUi.scope.mine' : 'syncUi.scope.all')}
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {s && <CredentialNote storage={s.credentialStorage} />}
        {s?.healthRescore?.error && (
          <Alert
            type="warning"
            showIcon
            data-testid="sync-health-rescore-error"
            style={{ marginTop: 12 }}
            title={t('trust.healthRescore.failed', {
              at: dayjs(s.healthRescore.at).format('YYYY-MM-DD HH:mm'),
              reason: s.healthRescore.error,
            })}
          />
        )}
        {s && (s.rejected?.length ?? 0) > 0 && (
          <List
            size="small"
            header={t('syncUi.rejected')}
            bordered
            data-testid="sync-rejected"
            dataSource={s.rejected}
            renderItem={(r) => (
              <List.Item data-testid="sync-rejected-item" style={{ wordBreak: 'break-all' }}>
                {t('sync.error.rejected', { id: r.id, reason: r.reason })}
              </List.Item>
            )}
            footer={
              <Space direction="vertical">
                <Button
                  data-testid="sync-retry"
                  loading={retry.isPending}
                  onClick={() => retry.mutate({})}
                >
                  {t('syncUi.retry')}
                </Button>
                <span style={{ fontSize: 12, color: '#888' }}>{t('syncUi.retryHint')}</span>
              </Space>
            }
          />
        )}
        {retry.data && (
          <Typography.Text type="success" data-testid="sync-retried">
            {t('syncUi.retried', { count: retry.data.retried.length })}
          </Typography.Text>
        )}
        <ApiErrorAlert error={retry.error} testId="sync-retry-error" />
        {s?.connected ? (
          <Space direction="vertical">
            <Button
              danger
              data-testid="sync-disconnect"
              loading={disconnect.isPending}
              onClick={() => disconnect.mutate({})}
            >
              {t('syncUi.disconnect')}
            </Button>
            <span style={{ fontSize: 12, color: '#888' }}>{t('syncUi.disconnectHint')}</span>
          </Space>
        ) : (
          <Form<ConnectFields>
            form={form}
            layout="vertical"
            onFinish={submit}
            data-testid="sync-form"
            initialValues={{ db: 'team', scope: 'all' }}
          >
            <Form.Item
              name="url"
              label={t('syncUi.url')}
              rules={[{ required: true, message: t('syncUi.required') }]}
            >
              <Input data-testid="sync-url" placeholder="https://couch.example.com" />
            </Form.Item>
            <Form.Item
              name="db"
              label={t('syncUi.db')}
              rules={[{ required: true, message: t('syncUi.required') }]}
            >
              <Input data-testid="sync-db" />
            </Form.Item>
            <Form.Item
              name="user"
              label={t('syncUi.user')}
              rules={[{ required: true, message: t('syncUi.required') }]}
            >
              <Input data-testid="sync-user" autoComplete="username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('syncUi.password')}
              rules={[{ required: true, message: t('syncUi.required') }]}
            >
              <Input.Password data-testid="sync-password" autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="scope" label={t('syncUi.scope')} extra={t('syncUi.scope.hint')}>
              <Radio.Group
                data-testid="sync-scope"
                options={[
                  { value: 'all', label: t('syncUi.scope.all') },
                  { value: 'mine', label: t('syncUi.scope.mine') },
                ]}
              />
            </Form.Item>
            <ApiErrorAlert error={connect.error} testId="sync-error" style={{ marginBottom: 16 }} />
            <Button
              type="primary"
              htmlType="submit"
              loading={connect.isPending}
              data-testid="sync-connect"
            >
              {t('syncUi.connect')}
            </Button>
          </Form>
        )}
      </Space>
    </Drawer>
  );
}
