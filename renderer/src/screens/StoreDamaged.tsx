// The local store's state before any screen: a damaged store gets this screen (the reason, and
// the repair, which copies the folder aside first), a store refusing writes a banner.
import { Alert, Button, Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useApi, useApiMutation } from '../api/hooks';
import { useT } from '../i18n';
import { errorText } from '../errorText';

export function StoreGate({ children }: { children: ReactNode }) {
  const t = useT();
  const status = useApi('store.status', {});
  const repair = useApiMutation('store.repair');
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
          <Button
            key="repair"
            type="primary"
            data-testid="store-repair"
            loading={repair.isPending}
            onClick={() => repair.mutate({})}
          >
            {t('storeUi.repair')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">
          {t('storeUi.repairExplained', { dataDir: state.dataDir })}
        </Typography.Paragraph>
        {report && (
          <Alert
            type="success"
            data-testid="store-repaired"
            message={t('storeUi.repaired', { ...report })}
          />
        )}
        {repair.error && <Alert type="error" message={errorText(t, repair.error)} />}
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
          message={t('storeUi.refusingWrites', { reason: state.reason ?? '' })}
        />
      )}
      {children}
    </>
  );
}
