// The manager's portfolio: key figures at the top (with this quarter against the previous one),
// charts that open their drill-downs, and the tables of every figure. A drill-down is paged and
// sorted on the backend, exported to Excel by the backend, and kept in the address (filters,
// figure, key, sort, page), so Back restores it and a filter change refreshes it.
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType, SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  FIGURE_SORTS,
  type AccountRow,
  type CohortRow,
  type CoverageRow,
  type DrillSort,
  type NpsResponseRow,
  type OpportunityRow,
  type OverdueRow,
  type PortfolioFiltersInput,
  type QuarterFigures,
  type RenewalRow,
  type RiskRow,
  type TrendRow,
} from '../../../shared/api/health';
import { tiers } from '../../../shared/domain/entities/account';
import { healthBands } from '../../../shared/domain/health/model';
import { drillText } from '../../../shared/i18n/portfolioText';
import { PERIOD_PATTERN } from '../../../shared/rules/period';
import { useApi, useApiClient } from '../api/hooks';
import { useLocale } from '../i18n';
import { hrefOf } from '../route';
import { BAND_TAG_COLORS } from '../workspace/healthWords';
import { usePersonName } from '../api/people';
import { enumLabel } from '../../../shared/i18n/enumLabel';
import { errorText } from '../errorText';
import type { DrillTarget } from '../components/PortfolioCharts';
import { parseView, viewQuery, type PortfolioView } from './portfolioView';
import { RequirementsPanel } from './requirements/PortfolioPanel';

// ECharts comes with the charts' own chunk, after the key figures are on screen.
const PortfolioCharts = lazy(() => import('../components/PortfolioCharts'));

/** Rows per drill-down page. */
export const DRILL_PAGE = 50;

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const money = (value: number) => Math.round(value).toLocaleString();

/** Only non-empty filters are sent: the schema wants at least one value per list. */
function toFilters(f: PortfolioView): PortfolioFiltersInput {
  const out: PortfolioFiltersInput = {};
  if (f.csm.length) out.ownerCsm = f.csm;
  if (f.tier.length) out.tier = f.tier as (typeof tiers)[number][];
  if (f.region.length) out.region = f.region;
  if (f.industry.length) out.industry = f.industry;
  if (PERIOD_PATTERN.test(f.period)) out.period = f.period;
  return out;
}

/** Saves base64 content as a file through a Blob and an object URL. */
function download(fileName: string, contentType: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Goes to a portfolio view: a new history entry (Back returns), or in place while typing. */
function go(view: PortfolioView, replace = false) {
  const query = viewQuery(view);
  const href = hrefOf(query ? { screen: 'portfolio', view: query } : { screen: 'portfolio' });
  if (replace) window.location.replace(href);
  else window.location.hash = href;
}

export function Portfolio({ view: query }: { view?: string }) {
  const { t, label, locale, options: enumOptions } = useLocale();
  const person = usePersonName();
  const { message } = AntApp.useApp();
  const client = useApiClient();
  const facets = useApi('app.accountFacets', {});
  const view = useMemo(() => parseView(query), [query]);
  const drill = view.drill;
  // The period field keeps what is typed; the address takes it once it is a period (or empty).
  const [periodText, setPeriodText] = useState(view.period);
  useEffect(() => setPeriodText(view.period), [view.period]);
  const [exporting, setExporting] = useState(false);
  const [exportingDrill, setExportingDrill] = useState(false);
  const filters = toFilters(view);
  const portfolio = useApi('portfolio.get', { filters });
  const drillInput = {
    filters,
    figure: drill?.figure ?? 'accounts',
    key: drill?.key,
    sort: drill?.sort,
    order: drill?.order ?? 'asc',
  } as const;
  const rows = useApi(
    'portfolio.drill',
    { ...drillInput, offset: ((drill?.page ?? 1) - 1) * DRILL_PAGE, limit: DRILL_PAGE },
    { enabled: drill !== null, placeholderData: (previous) => previous },
  );
  const p = portfolio.data;
  const drillCard = useRef<HTMLDivElement>(null);
  const drillId = drill ? `${drill.figure}:${drill.key ?? ''}` : '';
  useEffect(() => {
    if (drillId) drillCard.current?.scrollIntoView?.({ block: 'nearest' });
  }, [drillId]);
  // A new page or sort shows the table from its first row, not where the pager was.
  const pageId = drill ? `${drill.page}:${drill.sort ?? ''}:${drill.order}` : '';
  const firstPage = useRef(pageId);
  useEffect(() => {
    if (pageId && pageId !== firstPage.current)
      drillCard.current?.scrollIntoView?.({ block: 'start' });
    firstPage.current = pageId;
  }, [pageId]);

  const setFilter = (patch: Partial<PortfolioView>, replace = false) =>
    go({ ...view, ...patch, drill: drill ? { ...drill, page: 1 } : null }, replace);
  const openDrill = (target: DrillTarget) =>
    go({ ...view, drill: { figure: target.figure, key: target.key, order: 'asc', page: 1 } });

  /** A number that opens the rows behind it. */
  const figure = (testId: string, value: ReactNode, target: DrillTarget, _title?: string) => (
    <a data-testid={testId} onClick={() => openDrill(target)}>
      {value}
    </a>
  );

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await client.call('portfolio.export', { filters, locale });
      download(file.fileName, file.contentType, file.base64);
      message.success(t('portfolioUi.exported', { file: file.fileName }));
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setExporting(false);
    }
  };
  const exportDrill = async () => {
    setExportingDrill(true);
    try {
      const file = await client.call('portfolio.drillExport', { ...drillInput, locale });
      download(file.fileName, file.contentType, file.base64);
      message.success(
        t('portfolioCharts.drill.exported', { file: file.fileName, rows: file.rows }),
      );
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setExportingDrill(false);
    }
  };

  const options = (values: string[] | undefined) => (values ?? []).map((v) => ({ value: v }));
  const periodInvalid = periodText !== '' && !PERIOD_PATTERN.test(periodText);
  const tierBandCell = (tierName: string, band: string) =>
    p?.tierBand.find((c) => c.tier === tierName && c.band === band)?.accounts ?? 0;
  const bandsShown = [...healthBands, 'unscored'].filter(
    (b) => b !== 'unscored' || p?.tierBand.some((c) => c.band === b),
  );

  // ---- key figures: this quarter against the previous one ----
  const current: QuarterFigures | undefined = p?.quarters[p.quarters.length - 1];
  const previous: QuarterFigures | undefined = p?.quarters[p.quarters.length - 2];
  const delta = (
    testId: string,
    now: number | null | undefined,
    before: number | null | undefined,
    unit: 'pct' | 'nps',
  ) => {
    if (!previous || !current) return null;
    if (now === null || now === undefined || before === null || before === undefined)
      return (
        <Typography.Text type="secondary" data-testid={testId}>
          {t('portfolioCharts.noPrevious', { current: current.label, previous: previous.label })}
        </Typography.Text>
      );
    const diff = unit === 'pct' ? (now - before) * 100 : now - before;
    const text = `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${Math.abs(diff).toFixed(1)}`;
    return (
      <Typography.Text
        data-testid={testId}
        type={diff > 0 ? 'success' : diff < 0 ? 'danger' : 'secondary'}
      >
        {t('portfolioCharts.vsPrevious', {
          current: current.label,
          previous: previous.label,
          delta: t(unit === 'pct' ? 'portfolioCharts.points' : 'portfolioCharts.npsPoints', {
            value: text,
          }),
        })}
      </Typography.Text>
    );
  };
  const kpi = (testId: string, title: string, value: ReactNode, below: ReactNode) => (
    <Col flex="1 1 160px" key={testId}>
      <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
        <Statistic title={title} valueRender={() => value} valueStyle={{ fontSize: 22 }} />
        <div style={{ fontSize: 12, minHeight: 20 }}>{below}</div>
      </Card>
    </Col>
  );
  const in90 = p?.renewals.find((r) => r.days === 90);
  const kpis = p && current && (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="portfolio-kpis">
      {kpi(
        'kpi-accounts',
        t('health.portfolio.accounts'),
        figure('kpi-accounts-value', p.accounts.toLocaleString(), { figure: 'accounts' }),
        <Typography.Text type="secondary" data-testid="portfolio-churned-note">
          {p.churnedExcluded
            ? t('portfolioCharts.accountsNote', {
                counted: p.accounts.toLocaleString(),
                all: (p.accounts + p.churnedExcluded).toLocaleString(),
                churned: p.churnedExcluded.toLocaleString(),
              })
            : t('portfolioCharts.accountsNoteNone', { counted: p.accounts.toLocaleString() })}
        </Typography.Text>,
      )}
      {kpi(
        'kpi-arr',
        t('health.portfolio.arr'),
        figure('kpi-arr-value', money(p.team.arr), { figure: 'arr' }),
        null,
      )}
      {in90 &&
        kpi(
          'kpi-renewals',
          t('health.portfolio.renewalsIn', { days: 90 }),
          figure('kpi-renewals-value', in90.accounts, { figure: 'renewals', key: '90' }),
          <Typography.Text type="secondary">{money(in90.value)}</Typography.Text>,
        )}
      {kpi(
        'kpi-atrisk',
        t('health.portfolio.atRiskAccounts'),
        figure('kpi-atrisk-value', p.atRisk.accounts, { figure: 'atRisk' }),
        null,
      )}
      {kpi(
        'kpi-renewal-rate',
        t('health.portfolio.renewalRateByCount'),
        figure('kpi-renewal-rate-value', percent(current.renewalRateByCount), {
          figure: 'cohort',
          key: current.label,
        }),
        delta(
          'kpi-renewal-rate-delta',
          current.renewalRateByCount,
          previous?.renewalRateByCount,
          'pct',
        ),
      )}
      {kpi(
        'kpi-nrr',
        t('health.portfolio.renewalRateByAmount'),
        figure('kpi-nrr-value', percent(current.netRevenueRetention), {
          figure: 'cohort',
          key: current.label,
        }),
        delta('kpi-nrr-delta', current.netRevenueRetention, previous?.netRevenueRetention, 'pct'),
      )}
      {kpi(
        'kpi-nps',
        t('health.portfolio.nps'),
        figure('kpi-nps-value', current.npsScore === null ? '—' : current.npsScore.toFixed(1), {
          figure: 'nps',
          key: current.label,
        }),
        delta('kpi-nps-delta', current.npsScore, previous?.npsScore, 'nps'),
      )}
    </Row>
  );

  // ---- the drill-down's columns: the account's, then the figure's own ----
  const sortable = new Set<DrillSort>(drill ? FIGURE_SORTS[drill.figure] : []);
  const sortOf = (column: DrillSort): { sorter?: boolean; sortOrder?: AntSortOrder } =>
    sortable.has(column)
      ? {
          sorter: true,
          sortOrder:
            drill?.sort === column ? (drill.order === 'desc' ? 'descend' : 'ascend') : null,
        }
      : {};
  const col = (
    key: string,
    title: string,
    render: (r: AccountRow) => ReactNode,
    sort?: DrillSort,
  ) => ({
    key: sort ?? key,
    title,
    render: (_: unknown, r: AccountRow) => render(r),
    ...(sort ? sortOf(sort) : {}),
  });
  const day = (v: string | null | undefined) => v ?? '—';
  const accountColumns = [
    col(
      'name',
      t('health.column.account'),
      (r) => (
        <a
          data-testid="drill-account"
          href={hrefOf({ screen: 'account', id: r.accountId, tab: 'overview' })}
        >
          {r.name}
        </a>
      ),
      'name',
    ),
    col('tier', t('health.column.tier'), (r) => label('tier', r.tier), 'tier'),
    col('csm', t('health.column.csm'), (r) => person(r.ownerCsm), 'ownerCsm'),
  ];
  const healthColumns = [
    col('region', t('health.column.region'), (r) => r.region, 'region'),
    col('industry', t('health.column.industry'), (r) => label('industry', r.industry), 'industry'),
    col(
      'band',
      t('health.column.band'),
      (r) => <Tag color={BAND_TAG_COLORS[r.band]}>{enumLabel(t, 'healthBand', r.band)}</Tag>,
      'band',
    ),
    col('score', t('health.column.score'), (r) => r.score ?? '—', 'score'),
    col('arr', t('health.column.arr'), (r) => money(r.arr), 'arr'),
    col('renewalDate', t('health.column.renewalDate'), (r) => day(r.renewalDate), 'renewalDate'),
  ];
  const yesNo = (b: boolean) => t(b ? 'health.yes' : 'health.no');
  const extraColumns: Record<string, ReturnType<typeof col>[]> = {
    renewals: [
      col('endDate', t('health.column.endDate'), (r) => (r as RenewalRow).endDate, 'date'),
      col('value', t('health.column.value'), (r) => money((r as RenewalRow).value), 'value'),
    ],
    atRisk: [
      col('level', t('health.column.level'), (r) => (r as RiskRow).level),
      col('openActions', t('health.column.openActions'), (r) => (r as RiskRow).openActions),
      col(
        'overdueActions',
        t('health.column.overdueActions'),
        (r) => (r as RiskRow).overdueActions,
      ),
    ],
    overdue: [
      col('actionItems', t('health.column.actionItems'), (r) => (r as OverdueRow).actionItems),
      col('issues', t('health.column.issues'), (r) => (r as OverdueRow).issues),
    ],
    coverage: [
      col(
        'lastContact',
        t('health.column.lastContact'),
        (r) => day((r as CoverageRow).lastContactOn),
        'date',
      ),
      col('covered', t('health.column.covered'), (r) => yesNo((r as CoverageRow).covered)),
    ],
    opportunities: [
      col('opportunity', t('health.column.opportunity'), (r) => (r as OpportunityRow).title),
      col('stage', t('health.column.stage'), (r) =>
        enumLabel(t, 'opportunityStage', (r as OpportunityRow).stage),
      ),
      col('value', t('health.column.value'), (r) => money((r as OpportunityRow).value), 'value'),
      col(
        'expectedClose',
        t('health.column.expectedClose'),
        (r) => day((r as OpportunityRow).expectedCloseOn),
        'date',
      ),
    ],
    cohort: [
      col('arrBefore', t('health.column.arrBefore'), (r) => money((r as CohortRow).arrBefore)),
      col(
        'arrAfter',
        t('health.column.arrAfter'),
        (r) => money((r as CohortRow).arrAfter),
        'value',
      ),
      col('renewed', t('health.column.renewed'), (r) => yesNo((r as CohortRow).renewed)),
    ],
    trend: [
      col('bandOn', t('health.column.band'), (r) =>
        enumLabel(t, 'healthBand', (r as TrendRow).bandOn),
      ),
      col('scoreOn', t('health.column.score'), (r) => (r as TrendRow).scoreOn),
    ],
  };
  const npsColumns = [
    col(
      'respondent',
      t('portfolioCharts.drill.respondent'),
      (r) => (r as NpsResponseRow).respondent ?? '—',
      'respondent',
    ),
    col(
      'npsScore',
      t('portfolioCharts.drill.npsScore'),
      (r) => (r as NpsResponseRow).npsScore,
      'npsScore',
    ),
    col(
      'respondedOn',
      t('portfolioCharts.drill.respondedOn'),
      (r) => (r as NpsResponseRow).respondedOn,
      'date',
    ),
    col('group', t('portfolioCharts.drill.group'), (r) =>
      t(`portfolioCharts.group.${(r as NpsResponseRow).group}`),
    ),
  ];
  const drillColumns: ColumnsType<AccountRow> = !drill
    ? []
    : drill.figure === 'nps'
      ? [...accountColumns, ...npsColumns]
      : [...accountColumns, ...healthColumns, ...(extraColumns[drill.figure] ?? [])];

  const page = rows.data;
  const total = page?.total ?? 0;
  const shownFrom = page && page.rows.length ? page.offset + 1 : 0;
  const shownTo = page ? page.offset + page.rows.length : 0;
  const countText = !page
    ? '…'
    : total === 0
      ? t('portfolioCharts.drill.countNone')
      : t('portfolioCharts.drill.count', {
          from: shownFrom.toLocaleString(),
          to: shownTo.toLocaleString(),
          total: total.toLocaleString(),
        });

  return (
    <div data-testid="screen-portfolio">
      <Space style={{ marginBottom: 8 }} align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('portfolioUi.title')}
        </Typography.Title>
        {p && (
          <Typography.Text type="secondary">
            {t('portfolioUi.periodLabel', { from: p.period.from, to: p.period.to, today: p.today })}
          </Typography.Text>
        )}
        <Button
          type="primary"
          data-testid="portfolio-export"
          loading={exporting}
          onClick={exportXlsx}
        >
          {t('portfolioUi.export')}
        </Button>
        <Button href={hrefOf({ screen: 'health-model' })} data-testid="open-health-model">
          {t('healthUi.model.open')}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 8 }} data-testid="portfolio-filters">
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('portfolioUi.filter.csm')}
          value={view.csm}
          onChange={(csm: string[]) => setFilter({ csm })}
          options={(facets.data?.owners ?? []).map((v) => ({ value: v, label: person(v) }))}
          data-testid="filter-csm"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('portfolioUi.filter.tier')}
          value={view.tier}
          onChange={(tier: string[]) => setFilter({ tier })}
          options={enumOptions('tier', tiers)}
          data-testid="filter-tier"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('portfolioUi.filter.region')}
          value={view.region}
          onChange={(region: string[]) => setFilter({ region })}
          options={options(facets.data?.regions)}
          data-testid="filter-region"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('portfolioUi.filter.industry')}
          value={view.industry}
          onChange={(industry: string[]) => setFilter({ industry })}
          options={(facets.data?.industries ?? []).map((v) => ({
            value: v,
            label: label('industry', v),
          }))}
          data-testid="filter-industry"
        />
        <Input
          allowClear
          style={{ width: 260 }}
          placeholder={t('portfolioUi.filter.period')}
          status={periodInvalid ? 'error' : undefined}
          value={periodText}
          onChange={(e) => {
            const text = e.target.value.trim();
            setPeriodText(text);
            if (text === '' || PERIOD_PATTERN.test(text)) setFilter({ period: text }, true);
          }}
          data-testid="filter-period"
        />
        {periodInvalid && (
          <Typography.Text type="danger">{t('health.period.invalid')}</Typography.Text>
        )}
      </Space>
      {portfolio.error && (
        <Typography.Paragraph type="danger">{errorText(t, portfolio.error)}</Typography.Paragraph>
      )}
      {kpis}
      {drill && (
        <div ref={drillCard}>
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            data-testid="portfolio-drill"
            title={
              <Space wrap>
                <span data-testid="drill-title">
                  {drillText(t, drill.figure, drill.key, person)}
                </span>
                <Typography.Text type="secondary" data-testid="drill-count">
                  {countText}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space>
                <Button
                  data-testid="drill-export"
                  loading={exportingDrill}
                  disabled={!total}
                  onClick={exportDrill}
                >
                  {t('portfolioCharts.drill.export')}
                </Button>
                <Button data-testid="drill-close" onClick={() => go({ ...view, drill: null })}>
                  {t('portfolioUi.close')}
                </Button>
              </Space>
            }
          >
            {rows.error && (
              <Typography.Paragraph type="danger">{errorText(t, rows.error)}</Typography.Paragraph>
            )}
            <Table<AccountRow>
              size="small"
              data-testid="drill-table"
              rowKey={(r) =>
                'responseId' in r
                  ? String(r.responseId)
                  : 'opportunityId' in r
                    ? String(r.opportunityId)
                    : r.accountId
              }
              loading={rows.isFetching}
              dataSource={page?.rows ?? []}
              columns={drillColumns}
              scroll={{ x: 'max-content' }}
              pagination={{
                current: drill.page,
                pageSize: DRILL_PAGE,
                total,
                showSizeChanger: false,
                showTotal: () => countText,
              }}
              onChange={(pagination, _filters, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                const column = s?.order ? (s.columnKey as DrillSort) : undefined;
                const order = s?.order === 'descend' ? 'desc' : 'asc';
                const sortChanged = column !== drill.sort || (column && order !== drill.order);
                go({
                  ...view,
                  drill: {
                    ...drill,
                    sort: column,
                    order,
                    page: sortChanged ? 1 : (pagination.current ?? 1),
                  },
                });
              }}
            />
          </Card>
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('portfolioCharts.chartHint')}
      </Typography.Paragraph>
      {p && (
        <Suspense
          fallback={
            <Typography.Paragraph type="secondary" data-testid="charts-loading">
              {t('portfolioCharts.chartsLoading')}
            </Typography.Paragraph>
          }
        >
          <PortfolioCharts
            locale={locale}
            t={t}
            portfolio={p}
            person={person}
            onDrill={openDrill}
          />
        </Suspense>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('portfolioCharts.tables')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portfolioUi.drillHint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('portfolioUi.tierBand')} loading={portfolio.isLoading}>
            <Table
              size="small"
              pagination={false}
              rowKey="tier"
              data-testid="portfolio-tierband"
              dataSource={tiers.map((tierName) => ({ tier: tierName }))}
              columns={[
                {
                  title: t('health.column.tier'),
                  dataIndex: 'tier',
                  render: (v: string) => label('tier', v),
                },
                ...bandsShown.map((band) => ({
                  title: enumLabel(t, 'healthBand', band),
                  key: band,
                  render: (_: unknown, r: { tier: string }) =>
                    figure(
                      `fig-tierband-${r.tier}-${band}`,
                      tierBandCell(r.tier, band),
                      { figure: 'tierBand', key: `${r.tier}:${band}` },
                      `${label('tier', r.tier)} · ${enumLabel(t, 'healthBand', band)}`,
                    ),
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('portfolioUi.renewals')} loading={portfolio.isLoading}>
            <Row gutter={16}>
              {p?.renewals.map((r) => (
                <Col span={8} key={r.days}>
                  <Statistic
                    title={t('portfolioUi.renewalsIn', { days: r.days })}
                    valueRender={() =>
                      figure(
                        `fig-renewals-${r.days}`,
                        r.accounts,
                        { figure: 'renewals', key: String(r.days) },
                        t('health.portfolio.renewalsIn', { days: r.days }),
                      )
                    }
                  />
                  <Typography.Text type="secondary">{money(r.value)}</Typography.Text>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('portfolioUi.atRisk')} loading={portfolio.isLoading}>
            {p && (
              <Space direction="vertical">
                <Statistic
                  title={t('health.portfolio.atRiskAccounts')}
                  valueRender={() =>
                    figure(
                      'fig-atrisk',
                      p.atRisk.accounts,
                      { figure: 'atRisk' },
                      t('portfolioUi.atRisk'),
                    )
                  }
                />
                <Typography.Text type="secondary">
                  {t('portfolioUi.atRiskDetail', {
                    accounts: p.atRisk.accounts,
                    open: p.atRisk.openActions,
                    overdue: p.atRisk.overdueActions,
                  })}
                </Typography.Text>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('portfolioUi.overdue')} loading={portfolio.isLoading}>
            <Table
              size="small"
              pagination={false}
              rowKey="csm"
              dataSource={p?.overdue ?? []}
              columns={[
                {
                  title: t('health.column.csm'),
                  dataIndex: 'csm',
                  render: (v: string) => person(v),
                },
                {
                  title: t('health.portfolio.accounts'),
                  dataIndex: 'accounts',
                  render: (v: number, r: { csm: string }) =>
                    figure(
                      `fig-overdue-${r.csm}`,
                      v,
                      { figure: 'overdue', key: r.csm },
                      `${t('portfolioUi.overdue')} · ${person(r.csm)}`,
                    ),
                },
                { title: t('health.column.actionItems'), dataIndex: 'actionItems' },
                { title: t('health.column.issues'), dataIndex: 'issues' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('portfolioUi.coverage')} loading={portfolio.isLoading}>
            <Table
              size="small"
              pagination={false}
              rowKey="csm"
              dataSource={p?.coverage ?? []}
              columns={[
                {
                  title: t('health.column.csm'),
                  dataIndex: 'csm',
                  render: (v: string) => person(v),
                },
                {
                  title: t('health.column.covered'),
                  key: 'covered',
                  render: (_: unknown, r: { csm: string; accounts: number; covered: number }) =>
                    figure(
                      `fig-coverage-${r.csm}`,
                      `${r.covered} / ${r.accounts}`,
                      { figure: 'coverage', key: r.csm },
                      `${t('portfolioUi.coverage')} · ${person(r.csm)}`,
                    ),
                },
                {
                  title: t('health.column.coverageRate'),
                  dataIndex: 'rate',
                  render: (v: number | null) => percent(v),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('portfolioUi.team')} loading={portfolio.isLoading}>
            {p && (
              <Row gutter={16} data-testid="portfolio-team">
                <Col xs={12} md={4}>
                  <Statistic
                    title={t('health.portfolio.accounts')}
                    valueRender={() =>
                      figure(
                        'fig-accounts',
                        p.accounts,
                        { figure: 'accounts' },
                        t('health.figure.accounts'),
                      )
                    }
                  />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic
                    title={t('health.portfolio.arr')}
                    valueRender={() =>
                      figure(
                        'fig-arr',
                        money(p.team.arr),
                        { figure: 'arr' },
                        t('health.figure.arr'),
                      )
                    }
                  />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic
                    title={t('health.portfolio.renewalRateByCount')}
                    valueRender={() =>
                      figure(
                        'fig-renewal-count',
                        percent(p.team.cohort.renewalRateByCount),
                        { figure: 'cohort', key: 'renewed' },
                        t('health.portfolio.renewalRateByCount'),
                      )
                    }
                  />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic
                    title={t('health.portfolio.renewalRateByAmount')}
                    valueRender={() =>
                      figure(
                        'fig-renewal-amount',
                        percent(p.team.cohort.renewalRateByAmount),
                        { figure: 'cohort' },
                        t('health.portfolio.renewalRateByAmount'),
                      )
                    }
                  />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic
                    title={t('health.portfolio.churnRate')}
                    valueRender={() =>
                      figure(
                        'fig-churn',
                        percent(p.team.cohort.churnRate),
                        { figure: 'cohort', key: 'churned' },
                        t('health.portfolio.churnRate'),
                      )
                    }
                  />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic
                    title={t('health.portfolio.nps')}
                    valueRender={() =>
                      figure(
                        'fig-nps',
                        p.team.nps.score === null ? '—' : Math.round(p.team.nps.score),
                        { figure: 'nps' },
                        t('health.figure.nps'),
                      )
                    }
                  />
                </Col>
                <Col span={24}>
                  <Typography.Text type="secondary">
                    {t('portfolioUi.cohortDetail', {
                      atStart: p.team.cohort.atStart,
                      stillThere: p.team.cohort.stillThere,
                      churned: p.team.cohort.churned,
                    })}
                  </Typography.Text>
                </Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <RequirementsPanel tier={view.tier} csm={view.csm} />
        </Col>
      </Row>
    </div>
  );
}
