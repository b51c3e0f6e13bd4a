// Accounts: server-side paged, filtered and sorted table; filters can be saved as named views.
import { Button, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useMemo, useState } from 'react';
import type { ListFilters, SortField } from '../../../shared/api/contract';
import { lifecycleStages, tiers } from '../../../shared/domain/entities/account';
import type { EntityDoc } from '../../../shared/domain/entities';
import { prefetchApi, useApi, useApiClient } from '../api/hooks';
import { RISK_COLORS } from '../components/riskColors';
import { useLocale } from '../i18n';
import { lazyScreen } from '../lazyScreen';
import { hrefOf } from '../route';
import {
  ACCOUNTS_PAGE_SIZE,
  ACCOUNTS_PAGE_SIZES,
  accountListInput,
  FIRST_PAGE,
  type AccountsPage,
  type AccountsView as View,
} from './accountsQuery';
import { usePersonName } from '../api/people';

// Only needed on first run or when creating: loaded then, not with the table.
const FirstRun = lazyScreen(() => import('./FirstRun').then((m) => m.FirstRun));
const AccountFormModal = lazyScreen(() => import('./AccountForm').then((m) => m.AccountFormModal));
const ImportWizard = lazyScreen(() => import('./ImportWizard').then((m) => m.ImportWizard));

type Account = EntityDoc<'account'>;
const VIEWS_KEY = 'csm.accountViews';

function loadViews(): Record<string, View> {
  try {
    return JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '{}') as Record<string, View>;
  } catch {
    return {};
  }
}

export function Accounts() {
  const { t, label, options } = useLocale();
  const person = usePersonName();
  const [view, setViewState] = useState<View>({ filters: {} });
  const [page, setPageState] = useState<AccountsPage>(FIRST_PAGE);
  const [views, setViews] = useState(loadViews);
  const [viewName, setViewName] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const facets = useApi('app.accountFacets', {});
  const list = useApi('account.list', accountListInput(view, page), {
    placeholderData: (previous) => previous,
  });
  const queryClient = useQueryClient();
  const client = useApiClient();
  /** Shows another view or page: its request starts here, not after the re-render. */
  const show = (nextView: View, nextPage: AccountsPage) => {
    prefetchApi(queryClient, client, 'account.list', accountListInput(nextView, nextPage));
    setViewState(nextView);
    setPageState(nextPage);
  };

  const setFilter = (name: keyof ListFilters, value: string[] | string | undefined) => {
    const filters = { ...view.filters };
    if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') {
      delete filters[name];
    } else (filters as Record<string, unknown>)[name] = value;
    show({ ...view, filters }, { ...page, current: 1 });
  };
  const saveView = () => {
    if (!viewName.trim()) return;
    const next = { ...views, [viewName.trim()]: view };
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
    setViewName('');
  };

  const columns: TableProps<Account>['columns'] = useMemo(
    () => [
      {
        title: t('ui.field.accountName'),
        dataIndex: 'name',
        key: 'title',
        sorter: true,
        render: (name: string, a) => (
          <a href={hrefOf({ screen: 'account', id: a._id, tab: 'overview' })}>
            {name}
            {a.nameEn ? <Typography.Text type="secondary"> {a.nameEn}</Typography.Text> : null}
          </a>
        ),
      },
      {
        title: t('ui.field.tier'),
        dataIndex: 'tier',
        key: 'tier',
        sorter: true,
        render: (v: string) => label('tier', v),
      },
      {
        title: t('ui.field.stage'),
        dataIndex: 'lifecycleStage',
        render: (v: string) => label('lifecycleStage', v),
      },
      {
        title: t('ui.field.risk'),
        dataIndex: 'riskLevel',
        render: (v: string) => <Tag color={RISK_COLORS[v]}>{label('riskLevel', v)}</Tag>,
      },
      { title: t('ui.field.ownerCsm'), dataIndex: 'ownerCsm', render: (v: string) => person(v) },
      { title: t('ui.field.industry'), dataIndex: 'industry' },
      { title: t('ui.field.region'), dataIndex: 'region' },
      {
        title: t('ui.field.updatedAt'),
        dataIndex: 'updatedAt',
        key: 'updatedAt',
        sorter: true,
        render: (v: string) => v?.slice(0, 10),
      },
    ],
    [t, label, person],
  );

  if (facets.data && facets.data.total === 0) {
    return (
      <Suspense fallback={null}>
        <FirstRun />
      </Suspense>
    );
  }
  const multi = (
    name: keyof ListFilters,
    placeholder: string,
    options: { value: string; label: string }[],
  ) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount={1}
      style={{ minWidth: 150 }}
      placeholder={placeholder}
      data-testid={`filter-${name}`}
      value={(view.filters[name] as string[] | undefined) ?? []}
      onChange={(v: string[]) => setFilter(name, v)}
      options={options}
    />
  );
  const plain = (values: string[] = []) => values.map((v) => ({ value: v, label: v }));

  return (
    <div data-testid="screen-accounts">
      <Space style={{ marginBottom: 12, display: 'flex' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ui.accounts.title')}
        </Typography.Title>
        <Button type="primary" data-testid="new-account" onClick={() => setCreating(true)}>
          {t('ui.accounts.new')}
        </Button>
        <Button data-testid="open-import" onClick={() => setImporting(true)}>
          {t('importUi.open')}
        </Button>
      </Space>
      <Space style={{ marginBottom: 12, display: 'flex' }} wrap>
        <Input.Search
          allowClear
          data-testid="filter-q"
          placeholder={t('ui.accounts.searchName')}
          style={{ width: 200 }}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
        />
        {multi('tier', t('ui.field.tier'), options('tier', tiers))}
        {multi('lifecycleStage', t('ui.field.stage'), options('lifecycleStage', lifecycleStages))}
        {multi(
          'riskLevel',
          t('ui.field.risk'),
          options('riskLevel', ['none', 'high', 'medium', 'low']),
        )}
        {multi(
          'ownerCsm',
          t('ui.field.ownerCsm'),
          (facets.data?.owners ?? []).map((v) => ({ value: v, label: person(v) })),
        )}
        {multi('industry', t('ui.field.industry'), plain(facets.data?.industries))}
        {multi('region', t('ui.field.region'), plain(facets.data?.regions))}
      </Space>
      <Space style={{ marginBottom: 12, display: 'flex' }} wrap>
        <Select
          style={{ minWidth: 180 }}
          placeholder={t('ui.accounts.views')}
          data-testid="saved-views"
          value={null}
          onChange={(name: string) => show(views[name], { ...page, current: 1 })}
          options={Object.keys(views).map((v) => ({ value: v, label: v }))}
        />
        <Input
          style={{ width: 160 }}
          placeholder={t('ui.accounts.viewName')}
          value={viewName}
          onChange={(e) => setViewName(e.target.value)}
          onPressEnter={saveView}
        />
        <Button onClick={saveView} disabled={!viewName.trim()}>
          {t('ui.accounts.saveView')}
        </Button>
        <Button onClick={() => show({ filters: {} }, { ...page, current: 1 })}>
          {t('ui.accounts.clear')}
        </Button>
      </Space>
      <Table<Account>
        data-testid="accounts-table"
        rowKey="_id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: ACCOUNTS_PAGE_SIZES,
          showTotal: (total) => t('ui.accounts.total', { count: total }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          show(
            {
              ...view,
              sort: s?.order
                ? {
                    field: String(s.columnKey) as SortField,
                    dir: s.order === 'descend' ? 'desc' : 'asc',
                  }
                : undefined,
            },
            {
              current: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? ACCOUNTS_PAGE_SIZE,
            },
          );
        }}
      />
      {creating && (
        <Suspense fallback={null}>
          <AccountFormModal open onClose={() => setCreating(false)} />
        </Suspense>
      )}
      {importing && (
        <Suspense fallback={null}>
          <ImportWizard open onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </div>
  );
}
