// The manager's portfolio: filters, tier x band, renewals 30/60/90, at-risk, overdue and
// coverage per CSM, team figures. Every number drills down to its accounts; Export saves .xlsx.
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
import { useState, type ReactNode } from 'react';
import type {
  AccountRow,
  PortfolioFigure,
  PortfolioFiltersInput,
} from '../../../shared/api/health';
import { tiers } from '../../../shared/domain/entities/account';
import { healthBands } from '../../../shared/domain/health/model';
import { PERIOD_PATTERN } from '../../../shared/rules/period';
import { useApi, useApiClient } from '../api/hooks';
import { useLocale } from '../i18n';
import { hrefOf } from '../route';
import { BAND_TAG_COLORS } from '../workspace/healthWords';
import { usePersonName } from '../api/people';
import { enumLabel } from '../../../shared/i18n/enumLabel';
import { errorText } from '../errorText';
import { RequirementsPanel } from './requirements/PortfolioPanel';

interface Drill {
  figure: PortfolioFigure;
  key?: string;
  title: string;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const money = (value: number) => Math.round(value).toLocaleString();

/** Only non-empty filters are sent: the schema wants at least one value per list. */
function toFilters(f: {
  csm: string[];
  tier: string[];
  region: string[];
  industry: string[];
  period: string;
}): PortfolioFiltersInput {
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

export function Portfolio() {
  const { t, label, locale, options: enumOptions } = useLocale();
  const person = usePersonName();
  const { message } = AntApp.useApp();
  const client = useApiClient();
  const facets = useApi('app.accountFacets', {});
  const [csm, setCsm] = useState<string[]>([]);
  const [tier, setTier] = useState<string[]>([]);
  const [region, setRegion] = useState<string[]>([]);
  const [industry, setIndustry] = useState<string[]>([]);
  const [period, setPeriod] = useState('');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [exporting, setExporting] = useState(false);
  const filters = toFilters({ csm, tier, region, industry, period });
  const portfolio = useApi('portfolio.get', { filters });
  const rows = useApi(
    'portfolio.drill',
    { filters, figure: drill?.figure ?? 'accounts', key: drill?.key, limit: 1000 },
    { enabled: drill !== null },
  );
  const p = portfolio.data;

  /** A number that opens the accounts behind it. */
  const figure = (
    testId: string,
    value: ReactNode,
    target: Omit<Drill, 'title'>,
    title: string,
  ) => (
    <a data-testid={testId} onClick={() => setDrill({ ...target, title })}>
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

  const options = (values: string[] | undefined) => (values ?? []).map((v) => ({ value: v }));
  const periodInvalid = period !== '' && !PERIOD_PATTERN.test(period);
  const tierBandCell = (tierName: string, band: string) =>
    p?.tierBand.find((c) => c.tier === tierName && c.band === band)?.accounts ?? 0;
  const bandsShown = [...healthBands, 'unscored'].filter(
    (b) => b !== 'unscored' || p?.tierBand.some((c) => c.band === b),
  );

  return (
    <div data-testid="screen-portfolio">
      <Space style={{ marginBottom: 16 }} align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
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
      <Space wrap style={{ marginBottom: 16 }} data-testid="portfolio-filters">
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('portfolioUi.filter.csm')}
          value={csm}
          onChange={setCsm}
          options={(facets.data?.owners ?? []).map((v) => ({ value: v, label: person(v) }))}
          data-testid="filter-csm"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('portfolioUi.filter.tier')}
          value={tier}
          onChange={setTier}
          options={enumOptions('tier', tiers)}
          data-testid="filter-tier"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('portfolioUi.filter.region')}
          value={region}
          onChange={setRegion}
          options={options(facets.data?.regions)}
          data-testid="filter-region"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('portfolioUi.filter.industry')}
          value={industry}
          onChange={setIndustry}
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
          value={period}
          onChange={(e) => setPeriod(e.target.value.trim())}
          data-testid="filter-period"
        />
        {periodInvalid && (
          <Typography.Text type="danger">{t('health.period.invalid')}</Typography.Text>
        )}
      </Space>
      {portfolio.error && (
        <Typography.Paragraph type="danger">{errorText(t, portfolio.error)}</Typography.Paragraph>
      )}
      {drill && (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          data-testid="portfolio-drill"
          title={t('portfolioUi.drillTitle', {
            figure: drill.title,
            total: rows.data?.total ?? '…',
          })}
          extra={<Button onClick={() => setDrill(null)}>{t('portfolioUi.close')}</Button>}
        >
          <Table<AccountRow>
            size="small"
            rowKey={(r, i) => `${r.accountId}:${i}`}
            loading={rows.isLoading}
            dataSource={rows.data?.rows ?? []}
            pagination={{ pageSize: 20 }}
            columns={[
              {
                title: t('health.column.account'),
                dataIndex: 'name',
                render: (name: string, r) => (
                  <a
                    data-testid="drill-account"
                    href={hrefOf({ screen: 'account', id: r.accountId, tab: 'overview' })}
                  >
                    {name}
                  </a>
                ),
              },
              {
                title: t('health.column.tier'),
                dataIndex: 'tier',
                render: (v: string) => label('tier', v),
              },
              {
                title: t('health.column.csm'),
                dataIndex: 'ownerCsm',
                render: (v: string | null) => person(v),
              },
              { title: t('health.column.region'), dataIndex: 'region' },
              {
                title: t('health.column.industry'),
                dataIndex: 'industry',
                render: (v: string | null) => label('industry', v),
              },
              {
                title: t('health.column.band'),
                dataIndex: 'band',
                render: (v: string) => (
                  <Tag color={BAND_TAG_COLORS[v]}>{enumLabel(t, 'healthBand', v)}</Tag>
                ),
              },
              { title: t('health.column.score'), dataIndex: 'score' },
              { title: t('health.column.arr'), dataIndex: 'arr', render: money },
              { title: t('health.column.renewalDate'), dataIndex: 'renewalDate' },
              {
                title: t('health.column.value'),
                key: 'value',
                render: (_: unknown, r) =>
                  'value' in r && typeof r.value === 'number' ? money(r.value) : '',
              },
            ]}
          />
        </Card>
      )}
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
          <RequirementsPanel tier={tier} csm={csm} />
        </Col>
      </Row>
    </div>
  );
}
