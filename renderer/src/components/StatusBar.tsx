// Always visible at the bottom: connection/sync state, the host, the user and the data size.
import { Badge, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApi, useApiClient, useSyncStatus, type SyncView } from '../api/hooks';
import { useT } from '../i18n';
import { SyncDrawer } from '../screens/Sync';
import { usePersonName } from '../api/people';

const BADGE: Record<SyncView['state'], 'default' | 'processing' | 'success' | 'error' | 'warning'> =
  {
    local: 'default',
    offline: 'warning',
    syncing: 'processing',
    upToDate: 'success',
    error: 'error',
    unreachable: 'error',
  };

/** The words of a state: the backend unreachable and the team server offline are told apart. */
const STATE_KEY = {
  local: 'ui.sync.local',
  offline: 'uxUi.status.teamOffline',
  syncing: 'ui.sync.syncing',
  upToDate: 'ui.sync.upToDate',
  error: 'ui.sync.error',
  unreachable: 'uxUi.status.unreachable',
} as const satisfies Record<SyncView['state'], string>;

export function StatusBar() {
  const t = useT();
  const person = usePersonName();
  const client = useApiClient();
  const sync = useSyncStatus();
  const info = useApi('system.info', {}, { refetchInterval: 15_000 });
  const view = sync.data ?? { state: 'local' as const };
  const [syncOpen, setSyncOpen] = useState(false);
  return (
    <div
      data-testid="status-bar"
      data-state={view.state}
      // A row of the page's layout (App.tsx), not an overlay: it never covers the content.
      style={{
        flex: 'none',
        height: 28,
        padding: '0 16px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        background: '#f0f2f5',
        borderTop: '1px solid #d9d9d9',
        fontSize: 12,
      }}
    >
      <Space>
        <Badge status={BADGE[view.state]} />
        <Typography.Link
          data-testid="sync-state"
          title={t('syncUi.open')}
          style={{ fontSize: 12 }}
          onClick={() => setSyncOpen(true)}
        >
          {t(STATE_KEY[view.state])}
          {view.messageKey
            ? `: ${t(view.messageKey, view.params)}`
            : view.detail
              ? ` (${view.detail})`
              : ''}
        </Typography.Link>
        {view.conflicts ? (
          <a href="#/conflicts" data-testid="conflicts-link" style={{ fontSize: 12 }}>
            {t('ui.sync.conflicts', { count: view.conflicts })}
          </a>
        ) : null}
      </Space>
      <Space size="large">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(client.host === 'ipc' ? 'ui.status.desktop' : 'ui.status.browser')}
        </Typography.Text>
        {info.data && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ui.status.user', { user: person(info.data.user) })} ·{' '}
            {t('ui.status.docs', { count: info.data.docCount })}
          </Typography.Text>
        )}
      </Space>
      <SyncDrawer open={syncOpen} onClose={() => setSyncOpen(false)} />
    </div>
  );
}
