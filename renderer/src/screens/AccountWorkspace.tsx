// One account: the brief first, then a tab per working document.
import { Button, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/hooks';
import { useLocale } from '../i18n';
import { Contacts } from '../workspace/Contacts';
import { Contracts } from '../workspace/Contracts';
import { Documents } from '../workspace/Documents';
import { Handover } from '../workspace/Handover';
import { Health } from '../workspace/Health';
import { Issues } from '../workspace/Issues';
import { Overview } from '../workspace/Overview';
import { LogTouchpointButton } from '../components/LogTouchpoint';
import { ProjectPlan } from '../workspace/ProjectPlan';
import { Risks } from '../workspace/Risks';
import { Sow } from '../workspace/Sow';
import { SuccessPlan } from '../workspace/SuccessPlan';
import { Visits } from '../workspace/Visits';
import { Requirements } from '../workspace/Requirements';
import { AccountFormModal } from './AccountForm';
import { usePersonName } from '../api/people';
import { errorText } from '../errorText';

export const WORKSPACE_TABS = [
  'overview',
  'health',
  'risks',
  'contracts',
  'handover',
  'sow',
  'plan',
  'success',
  'issues',
  'visits',
  'requirements',
  'contacts',
  'documents',
] as const;

export function AccountWorkspace({
  id,
  tab,
  onTab,
}: {
  id: string;
  tab: string;
  onTab: (tab: string) => void;
}) {
  const { t, label } = useLocale();
  const person = usePersonName();
  const brief = useApi('account.brief', { id });
  const [editing, setEditing] = useState(false);
  if (brief.isLoading) return <Skeleton active />;
  if (brief.error || !brief.data) {
    return (
      <Result
        status="404"
        title={t('ui.workspace.notFound')}
        subTitle={brief.error ? errorText(t, brief.error) : undefined}
      />
    );
  }
  const { account } = brief.data;
  const panes: Record<(typeof WORKSPACE_TABS)[number], React.ReactNode> = {
    overview: <Overview brief={brief.data} />,
    health: <Health accountId={id} tier={account.tier} />,
    risks: <Risks accountId={id} />,
    contracts: <Contracts accountId={id} brief={brief.data} />,
    handover: <Handover accountId={id} />,
    sow: <Sow accountId={id} />,
    plan: <ProjectPlan accountId={id} />,
    success: <SuccessPlan accountId={id} />,
    issues: <Issues accountId={id} />,
    visits: <Visits accountId={id} />,
    requirements: <Requirements accountId={id} />,
    contacts: <Contacts accountId={id} />,
    documents: <Documents accountId={id} onTab={onTab} />,
  };
  return (
    <div data-testid="screen-account">
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="account-title">
          {account.name}
        </Typography.Title>
        {account.nameEn && <Typography.Text type="secondary">{account.nameEn}</Typography.Text>}
        <Tag color="blue">{label('tier', account.tier)}</Tag>
        <Tag data-testid="account-stage">{label('lifecycleStage', account.lifecycleStage)}</Tag>
        {account.riskLevel !== 'none' && (
          <Tag color="red">{label('riskLevel', account.riskLevel)}</Tag>
        )}
        <Typography.Text type="secondary">
          {t('ui.field.ownerCsm')}:{' '}
          <span data-testid="account-owner">{person(account.ownerCsm)}</span>
        </Typography.Text>
        <Button size="small" onClick={() => setEditing(true)}>
          {t('ui.common.edit')}
        </Button>
        <LogTouchpointButton accountId={account._id} accountName={account.name} />
      </Space>
      <Tabs
        activeKey={WORKSPACE_TABS.includes(tab as never) ? tab : 'overview'}
        onChange={onTab}
        // The ink bar jumps: its 0.3 s slide left it under the previous tab while a heavy pane
        // rendered (and in screenshots taken right after a click).
        animated={false}
        destroyOnHidden
        items={WORKSPACE_TABS.map((key) => ({
          key,
          label: (
            <span data-testid={`tab-${key}`}>
              {key === 'contracts'
                ? t('contractsUi.tab')
                : key === 'requirements'
                  ? t('requirementsUi.tab')
                  : t(`ui.tab.${key}`)}
            </span>
          ),
          children: panes[key],
        }))}
      />
      <AccountFormModal open={editing} onClose={() => setEditing(false)} existing={account} />
    </div>
  );
}
