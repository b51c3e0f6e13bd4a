// The account's "Requirements" tab: every requirement this account asked for, with its status
// and release, score, who asked and how much it matters, the account's confirmation of the
// solution and whether it was told; and raising a new one (Alt+R in the tab).
import { Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../api/hooks';
import { useLocale } from '../i18n';
import { RaiseRequirementButton } from '../screens/requirements/RaiseRequirement';
import type { AccountAsk } from '../screens/requirements/types';

export function Requirements({ accountId }: { accountId: string }) {
  const { t, label, locale } = useLocale();
  const list = useApi('requirements.forAccount', { accountId, locale });
  const items = list.data?.items ?? [];
  return (
    <div data-testid="account-requirements" data-raise-scope tabIndex={-1}>
      <Space style={{ marginBottom: 8 }} align="center">
        <RaiseRequirementButton accountId={accountId} size="middle" />
        <Typography.Text type="secondary" data-testid="account-requirements-count">
          {t('requirementsUi.tab.count', { n: (list.data?.total ?? 0).toLocaleString(locale) })}
        </Typography.Text>
      </Space>
      <Table<AccountAsk>
        size="small"
        rowKey={(r) => r.ask.id}
        loading={list.isLoading}
        dataSource={items}
        locale={{ emptyText: t('requirementsUi.tab.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('requirementsUi.col.title'),
            key: 'title',
            render: (_: unknown, { requirement: r }) => (
              <a
                href={`#/requirement/${encodeURIComponent(r.id)}`}
                data-testid="account-requirement-open"
              >
                {r.title}
              </a>
            ),
          },
          {
            title: t('requirementsUi.col.status'),
            key: 'status',
            render: (_: unknown, { requirement: r }) => (
              <Space size={4}>
                <Tag data-testid="account-requirement-status">
                  {label('requirementStatus', r.status)}
                </Tag>
                {r.release && <Typography.Text type="secondary">{r.release}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('requirementsUi.col.score'),
            key: 'score',
            align: 'right' as const,
            render: (_: unknown, { requirement: r }) => Math.round(r.score),
          },
          {
            title: t('requirementsUi.col.accounts'),
            key: 'accounts',
            align: 'right' as const,
            render: (_: unknown, { requirement: r }) => r.accounts,
          },
          {
            title: t('requirementsUi.ask.contact'),
            key: 'contact',
            render: (_: unknown, { ask }) => ask.contactName ?? t('requirementsUi.ask.noContact'),
          },
          {
            title: t('requirementsUi.ask.askedOn'),
            key: 'askedOn',
            render: (_: unknown, r) => r.ask.askedOn,
          },
          {
            title: t('requirementsUi.ask.importance'),
            key: 'importance',
            render: (_: unknown, { ask }) => label('askImportance', ask.importance),
          },
          {
            title: t('requirementsUi.ask.confirmation'),
            key: 'confirmation',
            render: (_: unknown, { ask }) =>
              ask.confirmation ? label('confirmationStatus', ask.confirmation.status) : '—',
          },
          {
            title: t('requirementsUi.ask.told'),
            key: 'told',
            render: (_: unknown, { ask }) =>
              ask.toldOn ? (
                <Tag color="green">{t('requirementsUi.ask.toldOn', { date: ask.toldOn })}</Tag>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
