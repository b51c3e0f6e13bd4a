// A new user's first screen. The two ways a real user starts come first: import their own
// account list from Excel, or connect to the team server; then create an account, restore a
// backup, or load demo data.
import { App, Button, Card, InputNumber, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useApi, useApiMutation } from '../api/hooks';
import { usePersonName } from '../api/people';
import { fieldErrorsOf } from '../forms';
import { useT } from '../i18n';
import { AccountFormModal } from './AccountForm';
import { ImportWizard } from './ImportWizard';
import { SyncDrawer } from './Sync';
import { WhoAreYou } from './WhoAreYou';

export function FirstRun() {
  const t = useT();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [demoCount, setDemoCount] = useState(20);
  const demo = useApiMutation('app.loadDemo');
  const restore = useApiMutation('backup.import');
  const identity = useApi('app.identity', {});
  const person = usePersonName();
  const [switching, setSwitching] = useState(false);
  const [importing, setImporting] = useState(false);
  const [connecting, setConnecting] = useState(false);

  const importFile = async (file: File) => {
    try {
      const backup = JSON.parse(await file.text()) as unknown;
      const report = await restore.mutateAsync({ backup });
      message.success(t('ui.firstRun.imported', { count: report.created + report.updated }));
    } catch (error) {
      message.error(fieldErrorsOf(error, t).general.join('; ') || t('ui.firstRun.importFailed'));
    }
    return false;
  };

  return (
    <div data-testid="first-run" style={{ maxWidth: 760, margin: '48px auto' }}>
      <Typography.Title level={2}>{t('ui.firstRun.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ui.firstRun.intro')}</Typography.Paragraph>
      {identity.data && (
        <Typography.Paragraph data-testid="first-run-identity">
          {identity.data.source === 'server'
            ? t('identity.serverWins', { name: person(identity.data.login) })
            : t('identity.current', { name: person(identity.data.login) })}{' '}
          {identity.data.source !== 'server' && (
            <Button size="small" type="link" onClick={() => setSwitching(true)}>
              {t('identity.switch')}
            </Button>
          )}
        </Typography.Paragraph>
      )}
      <Modal open={switching} footer={null} width={720} onCancel={() => setSwitching(false)}>
        <WhoAreYou suggestedLogin={identity.data?.login} onDone={() => setSwitching(false)} />
      </Modal>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space align="start" style={{ width: '100%' }} wrap>
          <Card
            title={t('importUi.firstRun.title')}
            size="small"
            style={{ width: 370, height: '100%' }}
            data-testid="first-run-excel"
          >
            <Typography.Paragraph>{t('importUi.firstRun.text')}</Typography.Paragraph>
            <Button
              type="primary"
              data-testid="first-run-import-excel"
              onClick={() => setImporting(true)}
            >
              {t('importUi.firstRun.button')}
            </Button>
          </Card>
          <Card
            title={t('importUi.firstRun.syncTitle')}
            size="small"
            style={{ width: 370, height: '100%' }}
          >
            <Typography.Paragraph>{t('importUi.firstRun.syncText')}</Typography.Paragraph>
            <Button data-testid="first-run-connect" onClick={() => setConnecting(true)}>
              {t('importUi.firstRun.syncButton')}
            </Button>
          </Card>
        </Space>
        <Card title={t('ui.firstRun.createTitle')} size="small">
          <Typography.Paragraph>{t('ui.firstRun.createText')}</Typography.Paragraph>
          <Button type="primary" data-testid="first-run-create" onClick={() => setCreating(true)}>
            {t('ui.accounts.new')}
          </Button>
        </Card>
        <Card title={t('ui.firstRun.importTitle')} size="small">
          <Typography.Paragraph>{t('ui.firstRun.importText')}</Typography.Paragraph>
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={importFile}>
            <Button loading={restore.isPending}>{t('ui.firstRun.importButton')}</Button>
          </Upload>
        </Card>
        <Card title={t('ui.firstRun.demoTitle')} size="small">
          <Typography.Paragraph>{t('ui.firstRun.demoText')}</Typography.Paragraph>
          <Space>
            <InputNumber
              min={1}
              max={5000}
              value={demoCount}
              onChange={(v) => setDemoCount(v ?? 20)}
            />
            <Button
              data-testid="first-run-demo"
              loading={demo.isPending}
              onClick={() =>
                demo.mutate(
                  { accounts: demoCount },
                  { onError: (e) => message.error(fieldErrorsOf(e, t).general.join('; ')) },
                )
              }
            >
              {t('ui.firstRun.demoButton')}
            </Button>
          </Space>
        </Card>
      </Space>
      <AccountFormModal open={creating} onClose={() => setCreating(false)} />
      <ImportWizard open={importing} onClose={() => setImporting(false)} />
      <SyncDrawer open={connecting} onClose={() => setConnecting(false)} />
    </div>
  );
}
