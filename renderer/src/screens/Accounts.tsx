// Accounts: server-side paged, filtered and sorted table. Columns to choose (health, ARR, renewal
// date, last touch, open issues), sorted on the backend; the current view exported to Excel by
// the backend (every row, with its filter); selected rows assigned to a CSM from the directory
// or tagged in one go; views saved in the store (the user's directory record, so they replicate).
// The filter path renders as little as it can: the filter bar and the table are memoised apart,
// so a filter click re-renders the bar and the table only once its new rows are in.
import {
  App,
  Button,
  Checkbox,
  Input,
  Popover,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useQueryClient } from '@tanstack/react-query';
import { memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ACCOUNT_COLUMNS,
  type AccountColumn,
  type AccountRow,
  type AccountSort,
  type SavedView,
} from '../../../shared/api/accounts';
import type { AccountFacets } from '../../../shared/api/app';
import type { ListFilters } from '../../../shared/api/contract';
import { lifecycleStages, tiers } from '../../../shared/domain/entities/account';
import { prefetchApi, useApi, useApiClient, useApiMutation } from '../api/hooks';
import { useDirectory } from '../api/people';
import { RISK_COLORS } from '../components/riskColors';
import { errorText } from '../errorText';
import { useLocale } from '../i18n';
import { lazyScreen } from '../lazyScreen';
import { hrefOf } from '../route';
import { BAND_TAG_COLORS } from '../workspace/healthWords';
import {
  ACCOUNTS_PAGE_SIZE,
  ACCOUNTS_PAGE_SIZES,
  accountListInput,
  DEFAULT_COLUMNS,
  FIRST_PAGE,
  type AccountsPage,
  type AccountsView as View,
} from './accountsQuery';

// Only needed on first run or when creating: loaded then, not with the table.
const FirstRun = lazyScreen(() => import('./FirstRun').then((m) => m.FirstRun));
const AccountFormModal = lazyScreen(() => import('./AccountForm').then((m) => m.AccountFormModal));
const ImportWizard = lazyScreen(() => import('./ImportWizard').then((m) => m.ImportWizard));

const COLUMNS_KEY = 'csm.accountColumns';
const NO_COLUMNS: AccountColumn[] = [];
const COLUMN_TITLES = {
  health: 'uxUi.accounts.col.health',
  arr: 'uxUi.accounts.col.arr',
  renewalDate: 'uxUi.accounts.col.renewalDate',
  lastTouch: 'uxUi.accounts.col.lastTouch',
  openIssues: 'uxUi.accounts.col.openIssues',
} as const satisfies Record<AccountColumn, string>;

/** The columns chosen last time on this machine (a saved view brings its own). */
function loadColumns(): AccountColumn[] {
  try {
    const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved))
      return saved.filter((c): c is AccountColumn => ACCOUNT_COLUMNS.includes(c));
  } catch {
    // a damaged entry: the default columns
  }
  return DEFAULT_COLUMNS;
}

function download(fileName: string, contentType: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Accounts() {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [view, setViewState] = useState<View>(() => ({ filters: {}, columns: loadColumns() }));
  const [page, setPageState] = useState<AccountsPage>(FIRST_PAGE);
  const [selected, setSelected] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const facets = useApi('app.accountFacets', {});
  const list = useApi('accounts.table', accountListInput(view, page), {
    placeholderData: (previous) => previous,
  });
  const queryClient = useQueryClient();
  const client = useApiClient();
  // Only a slow answer changes the table before its rows arrive (a spinner after 400 ms).
  const slow = useDelayed(list.isFetching, 400);
  const latest = useRef({ view, page });
  latest.current = { view, page };

  /** Shows another view or page: its request starts here, not after the re-render. */
  const show = useCallback(
    (nextView: View, nextPage: AccountsPage) => {
      prefetchApi(queryClient, client, 'accounts.table', accountListInput(nextView, nextPage));
      setViewState(nextView);
      setPageState(nextPage);
    },
    [queryClient, client],
  );

  const setFilter = useCallback(
    (name: keyof ListFilters, value: string[] | string | undefined) => {
      const { view: current, page: currentPage } = latest.current;
      const filters = { ...current.filters };
      if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') {
        delete filters[name];
      } else (filters as Record<string, unknown>)[name] = value;
      show({ ...current, filters }, { ...currentPage, current: 1 });
    },
    [show],
  );

  // Stable handlers, so the memoised toolbar parts stay put when the table's rows arrive.
  const setColumns = useCallback((columns: AccountColumn[]) => {
    const ordered = ACCOUNT_COLUMNS.filter((c) => columns.includes(c));
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(ordered));
    setViewState({ ...latest.current.view, columns: ordered });
  }, []);
  const applyView = useCallback(
    (next: View) => show(next, { ...latest.current.page, current: 1 }),
    [show],
  );
  const clearFilters = useCallback(() => {
    const { view: current, page: currentPage } = latest.current;
    show({ filters: {}, columns: current.columns }, { ...currentPage, current: 1 });
  }, [show]);
  const openCreate = useCallback(() => setCreating(true), []);
  const openImport = useCallback(() => setImporting(true), []);

  const onTableChange = useCallback<NonNullable<TableProps<AccountRow>['onChange']>>(
    (pagination, _filters, sorter) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const { view: current } = latest.current;
      show(
        {
          ...current,
          sort: s?.order
            ? {
                field: String(s.columnKey) as AccountSort,
                dir: s.order === 'descend' ? 'desc' : 'asc',
              }
            : undefined,
        },
        { current: pagination.current ?? 1, pageSize: pagination.pageSize ?? ACCOUNTS_PAGE_SIZE },
      );
    },
    [show],
  );

  const exportView = async () => {
    setExporting(true);
    try {
      const file = await client.call('accounts.export', {
        filters: view.filters,
        sort: view.sort,
        columns: view.columns ?? [],
        locale,
      });
      download(file.fileName, file.contentType, file.base64);
      message.success(t('uxUi.accounts.exported', { file: file.fileName, count: file.rows }));
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setExporting(false);
    }
  };

  if (facets.data && facets.data.total === 0) {
    return (
      <Suspense fallback={null}>
        <FirstRun />
      </Suspense>
    );
  }

  return (
    <div data-testid="screen-accounts">
      <AccountsHeader onCreate={openCreate} onImport={openImport} />
      <FilterBar filters={view.filters} facets={facets.data} onFilter={setFilter} />
      <Space style={{ marginBottom: 12, display: 'flex' }} wrap>
        <SavedViews view={view} onApply={applyView} />
        <Button onClick={clearFilters}>{t('ui.accounts.clear')}</Button>
        <ColumnChooser value={view.columns ?? NO_COLUMNS} onChange={setColumns} />
        <Button data-testid="accounts-export" loading={exporting} onClick={() => void exportView()}>
          {t('uxUi.accounts.export')}
        </Button>
      </Space>
      {selected.length > 0 && <BulkBar ids={selected} onDone={() => setSelected([])} />}
      <AccountsTable
        rows={list.data?.items}
        total={list.data?.total ?? 0}
        slow={slow}
        current={page.current}
        pageSize={page.pageSize}
        sort={view.sort}
        columns={view.columns ?? NO_COLUMNS}
        selected={selected}
        onSelect={setSelected}
        onChange={onTableChange}
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

/** The title and the buttons that open the account form and the import: rendered once. */
const AccountsHeader = memo(function AccountsHeader({
  onCreate,
  onImport,
}: {
  onCreate: () => void;
  onImport: () => void;
}) {
  const { t } = useLocale();
  return (
    <Space style={{ marginBottom: 12, display: 'flex' }} wrap>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ui.accounts.title')}
      </Typography.Title>
      <Button type="primary" data-testid="new-account" onClick={onCreate}>
        {t('ui.accounts.new')}
      </Button>
      <Button data-testid="open-import" onClick={onImport}>
        {t('importUi.open')}
      </Button>
    </Space>
  );
});

/** The filters: re-rendered when they change, never by the table's data arriving. */
const FilterBar = memo(function FilterBar({
  filters,
  facets,
  onFilter,
}: {
  filters: ListFilters;
  facets: AccountFacets | undefined;
  onFilter: (name: keyof ListFilters, value: string[] | string | undefined) => void;
}) {
  const { t, label, options } = useLocale();
  const { name: person } = useDirectory();
  // Each select's options keep their identity, so a click re-renders only the select it is in.
  const choices = useMemo(
    () => ({
      tier: options('tier', tiers),
      lifecycleStage: options('lifecycleStage', lifecycleStages),
      riskLevel: options('riskLevel', ['none', 'high', 'medium', 'low']),
      ownerCsm: (facets?.owners ?? []).map((v) => ({ value: v, label: person(v) })),
      // One entry per industry, named in the UI language (金融 and Finance are one).
      industry: (facets?.industries ?? []).map((v) => ({ value: v, label: label('industry', v) })),
      region: (facets?.regions ?? []).map((v) => ({ value: v, label: v })),
    }),
    [options, label, person, facets],
  );
  const select = (name: keyof typeof choices, placeholder: string) => (
    <FilterSelect
      name={name}
      placeholder={placeholder}
      value={filters[name] as string[] | undefined}
      options={choices[name]}
      onFilter={onFilter}
    />
  );
  return (
    <Space style={{ marginBottom: 12, display: 'flex' }} wrap>
      <Input.Search
        allowClear
        data-testid="filter-q"
        placeholder={t('ui.accounts.searchName')}
        style={{ width: 200 }}
        onSearch={(v) => onFilter('q', v.trim() || undefined)}
      />
      {select('tier', t('ui.field.tier'))}
      {select('lifecycleStage', t('ui.field.stage'))}
      {select('riskLevel', t('ui.field.risk'))}
      {select('ownerCsm', t('ui.field.ownerCsm'))}
      {select('industry', t('ui.field.industry'))}
      {select('region', t('ui.field.region'))}
    </Space>
  );
});

const NO_VALUES: string[] = [];

const FilterSelect = memo(function FilterSelect(props: {
  name: keyof ListFilters;
  placeholder: string;
  value: string[] | undefined;
  options: { value: string; label: string }[];
  onFilter: (name: keyof ListFilters, value: string[]) => void;
}) {
  const { name, onFilter } = props;
  const onChange = useCallback((v: string[]) => onFilter(name, v), [name, onFilter]);
  return (
    <Select
      mode="multiple"
      allowClear
      maxTagCount={1}
      style={{ minWidth: 150 }}
      placeholder={props.placeholder}
      data-testid={`filter-${name}`}
      value={props.value ?? NO_VALUES}
      onChange={onChange}
      options={props.options}
      // The list opens in place, without antd's 0.2 s slide: a click on an option that is still
      // moving misses it, and playwright waited 220 ms of retries for it (docs/ui.md).
      transitionName=""
    />
  );
});

/** True once `on` has stayed true for `ms`: a spinner only for a slow answer. */
function useDelayed(on: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!on) {
      setLate(false);
      return;
    }
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [on, ms]);
  return on && late;
}

/** The table: re-rendered when its rows, columns or selection change, not on a filter click. */
const AccountsTable = memo(function AccountsTable(props: {
  rows: AccountRow[] | undefined;
  total: number;
  slow: boolean;
  current: number;
  pageSize: number;
  sort: View['sort'];
  columns: AccountColumn[];
  selected: string[];
  onSelect: (ids: string[]) => void;
  onChange: NonNullable<TableProps<AccountRow>['onChange']>;
}) {
  const { t, label, locale } = useLocale();
  const { name: person } = useDirectory();
  const { sort, columns: chosen } = props;
  const columns: TableProps<AccountRow>['columns'] = useMemo(() => {
    const order = (key: AccountSort): SortOrder =>
      sort?.field === key ? (sort.dir === 'desc' ? 'descend' : 'ascend') : null;
    const sortable = (key: AccountSort) => ({ key, sorter: true, sortOrder: order(key) });
    const money = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const optional: Record<AccountColumn, NonNullable<TableProps<AccountRow>['columns']>[number]> =
      {
        health: {
          title: t(COLUMN_TITLES.health),
          ...sortable('health'),
          render: (_: unknown, a) =>
            a.list.health ? (
              <Tag color={BAND_TAG_COLORS[a.list.health.band ?? '']}>
                {a.list.health.score ?? '–'} {label('healthBand', a.list.health.band)}
              </Tag>
            ) : (
              <Typography.Text type="secondary">{label('healthBand', 'unscored')}</Typography.Text>
            ),
        },
        arr: {
          title: t(COLUMN_TITLES.arr),
          align: 'right',
          ...sortable('arr'),
          render: (_: unknown, a) => money.format(a.list.arr),
        },
        renewalDate: {
          title: t(COLUMN_TITLES.renewalDate),
          ...sortable('renewalDate'),
          render: (_: unknown, a) => a.list.renewalDate ?? '',
        },
        lastTouch: {
          title: t(COLUMN_TITLES.lastTouch),
          ...sortable('lastTouch'),
          render: (_: unknown, a) => a.list.lastTouch ?? '',
        },
        openIssues: {
          title: t(COLUMN_TITLES.openIssues),
          align: 'right',
          ...sortable('openIssues'),
          render: (_: unknown, a) => a.list.openIssues,
        },
      };
    return [
      {
        title: t('ui.field.accountName'),
        dataIndex: 'name',
        ...sortable('title'),
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
        ...sortable('tier'),
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
      {
        title: t('ui.field.industry'),
        dataIndex: 'industry',
        render: (v: string) => label('industry', v),
      },
      { title: t('ui.field.region'), dataIndex: 'region' },
      ...ACCOUNT_COLUMNS.filter((c) => chosen.includes(c)).map((c) => optional[c]),
      {
        title: t('uxUi.accounts.tags'),
        dataIndex: 'tags',
        render: (tags: string[]) => tags?.map((tag) => <Tag key={tag}>{tag}</Tag>),
      },
    ];
  }, [t, label, locale, person, sort, chosen]);

  return (
    <Table<AccountRow>
      data-testid="accounts-table"
      rowKey="_id"
      size="small"
      columns={columns}
      dataSource={props.rows}
      // The spinner only for a slow answer: a fast one repaints the table once, with its rows.
      loading={props.slow}
      rowSelection={{
        selectedRowKeys: props.selected,
        onChange: (keys) => props.onSelect(keys.map(String)),
        preserveSelectedRowKeys: true,
      }}
      pagination={{
        current: props.current,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        pageSizeOptions: ACCOUNTS_PAGE_SIZES,
        showTotal: (total) => t('ui.accounts.total', { count: total }),
      }}
      onChange={props.onChange}
    />
  );
});

const ColumnChooser = memo(function ColumnChooser({
  value,
  onChange,
}: {
  value: AccountColumn[];
  onChange: (columns: AccountColumn[]) => void;
}) {
  const { t } = useLocale();
  return (
    <Popover
      trigger="click"
      placement="bottomLeft"
      content={
        <Checkbox.Group
          data-testid="column-choices"
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          value={value}
          onChange={(v) => onChange(v as AccountColumn[])}
          options={ACCOUNT_COLUMNS.map((c) => ({
            value: c,
            label: <span data-testid={`column-${c}`}>{t(COLUMN_TITLES[c])}</span>,
          }))}
        />
      }
    >
      <Button data-testid="columns-button">{t('uxUi.accounts.columns')}</Button>
    </Popover>
  );
});

/** Saved views: kept in the store on the user's directory record (they replicate). */
const SavedViews = memo(function SavedViews({
  view,
  onApply,
}: {
  view: View;
  onApply: (view: View) => void;
}) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const views = useApi('accounts.views', {});
  const save = useApiMutation('accounts.saveView');
  const remove = useApiMutation('accounts.deleteView');
  const [name, setName] = useState('');
  const [current, setCurrent] = useState<string | null>(null);
  const byName = new Map((views.data?.views ?? []).map((v) => [v.name, v]));
  const doSave = () => {
    const viewName = name.trim();
    if (!viewName) return;
    save.mutate(
      { name: viewName, view: { filters: view.filters, sort: view.sort, columns: view.columns } },
      {
        onSuccess: () => {
          setName('');
          setCurrent(viewName);
          message.success(t('uxUi.accounts.viewSaved', { name: viewName }));
        },
        onError: (error) => message.error(errorText(t, error)),
      },
    );
  };
  const apply = (saved: SavedView) =>
    onApply({ filters: saved.filters, sort: saved.sort, columns: saved.columns ?? view.columns });
  return (
    <>
      <Select
        style={{ minWidth: 180 }}
        placeholder={t('ui.accounts.views')}
        data-testid="saved-views"
        value={current}
        allowClear
        onClear={() => setCurrent(null)}
        onChange={(viewName: string | undefined) => {
          const saved = viewName ? byName.get(viewName) : undefined;
          setCurrent(viewName ?? null);
          if (saved) apply(saved);
        }}
        options={[...byName.keys()].map((v) => ({ value: v, label: v }))}
      />
      {current && byName.has(current) && (
        <Button
          data-testid="delete-view"
          onClick={() =>
            remove.mutate(
              { name: current },
              {
                onSuccess: () => setCurrent(null),
                onError: (error) => message.error(errorText(t, error)),
              },
            )
          }
        >
          {t('uxUi.accounts.deleteView')}
        </Button>
      )}
      <Input
        style={{ width: 160 }}
        data-testid="view-name"
        placeholder={t('ui.accounts.viewName')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={doSave}
      />
      <Button
        data-testid="save-view"
        onClick={doSave}
        disabled={!name.trim()}
        loading={save.isPending}
      >
        {t('ui.accounts.saveView')}
      </Button>
    </>
  );
});

/** Selected rows: assign a CSM from the directory, or add a tag, to all of them at once. */
function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const { members, name: person } = useDirectory();
  const bulk = useApiMutation('accounts.bulkUpdate');
  const [csm, setCsm] = useState<string | undefined>();
  const [tag, setTag] = useState('');
  const run = (input: { ownerCsm?: string; addTags?: string[] }) =>
    bulk.mutate(
      { ids, ...input },
      {
        onSuccess: (result) => {
          if (result.failed.length) {
            message.error(
              t('uxUi.accounts.bulkFailed', {
                failed: result.failed.length,
                reason: result.failed[0].reason,
              }),
            );
          } else message.success(t('uxUi.accounts.bulkDone', { count: result.updated }));
          setTag('');
          setCsm(undefined);
          onDone();
        },
        onError: (error) => message.error(errorText(t, error)),
      },
    );
  const csms = members.filter((m) => m.active && (m.role === 'csm' || m.role === 'manager'));
  return (
    <Space
      data-testid="bulk-bar"
      wrap
      style={{
        marginBottom: 12,
        padding: 8,
        background: '#e6f4ff',
        borderRadius: 4,
        display: 'flex',
      }}
    >
      <Typography.Text strong>{t('uxUi.accounts.selected', { count: ids.length })}</Typography.Text>
      <Select
        data-testid="bulk-csm"
        style={{ minWidth: 180 }}
        placeholder={t('uxUi.accounts.assignTo')}
        value={csm}
        onChange={setCsm}
        showSearch={{ optionFilterProp: 'label' }}
        options={csms.map((m) => ({ value: m.login, label: person(m.login) }))}
      />
      <Button
        data-testid="bulk-assign"
        disabled={!csm}
        loading={bulk.isPending}
        onClick={() => csm && run({ ownerCsm: csm })}
      >
        {t('uxUi.accounts.assign')}
      </Button>
      <Input
        data-testid="bulk-tag"
        style={{ width: 140 }}
        placeholder={t('uxUi.accounts.tagPlaceholder')}
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        onPressEnter={() => tag.trim() && run({ addTags: [tag.trim()] })}
      />
      <Button
        data-testid="bulk-tag-add"
        disabled={!tag.trim()}
        loading={bulk.isPending}
        onClick={() => run({ addTags: [tag.trim()] })}
      >
        {t('uxUi.accounts.tag')}
      </Button>
    </Space>
  );
}
