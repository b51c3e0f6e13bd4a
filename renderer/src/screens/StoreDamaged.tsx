// The local store's state before any screen: a damaged store gets this screen (the reason, and
// the repair, which copies the folder aside first), a store refusing writes a banner.
import { Alert, Button, Result, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useApi, useApiMutation } from '../api/hooks';
import { useT } from '../i18n';
import { errorText } from '../errorText';

export function StoreGate({ children }: { children: ReactNode }) {
  const t = useT();
  const status = useApi('store.status', {});
  const repair = useApiMutation('store.repair');
  // A backup file is the repair's last source: what LevelDB and the local index no longer hold.
  const [backup, setBackup] = useState<{ name: string; data: unknown } | null>(null);
  const [backupError, setBackupError] = useState<string | null>(null);
  const chooseBackup = async (file: File) => {
    try {
      setBackup({ name: file.name, data: JSON.parse(await file.text()) as unknown });
      setBackupError(null);
    } catch {
      setBackup(null);
      setBackupError(t('storeUi.notABackup'));
    }
    return false;
  };
  // The screens render meanwhile: the check costs the first page no round trip.
  const state = status.data;
  if (state?.state === 'damaged') {
    const report = repair.data;
    return (
      <Result
        data-testid="store-damaged"
        status="error"
        title={t('storeUi.damagedTitle')}
        subTitle={t('store.damaged', { reason: state.reason ?? '' })}
        extra={[
          <Upload
            key="backup"
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={chooseBackup}
          >
            <Button data-testid="store-repair-backup">{t('storeUi.addBackup')}</Button>
          </Upload>,
          <Button
            key="repair"
            type="primary"
            data-testid="store-repair"
            loading={repair.isPending}
            onClick={() => repair.mutate(backup ? { backup: backup.data } : {})}
          >
            {t('storeUi.repair')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">
          {t('storeUi.repairExplained', { dataDir: state.dataDir })}
        </Typography.Paragraph>
        {backup && (
          <Typography.Paragraph data-testid="store-repair-backup-name">
            {t('storeUi.backupChosen', { name: backup.name })}
          </Typography.Paragraph>
        )}
        {backupError && <Alert type="error" title={backupError} />}
        {report && (
          <Alert
            type="success"
            data-testid="store-repaired"
            title={t('storeUi.repaired', { ...report })}
          />
        )}
        {repair.error && <Alert type="error" title={errorText(t, repair.error)} />}
      </Result>
    );
  }
  return (
    <>
      {state?.state === 'refusingWrites' && (
        <Alert
          type="error"
          showIcon
          data-testid="store-refusing-writes"
          style={{ marginBottom: 16 }}
          title={t('storeUi.refusingWrites', { reason: state.reason ?? '' })}
        />
      )}
      {children}
    </>
  );
}
