// The portfolio's charts: health by tier and band, ARR by band, renewals due by month, renewal
// rate and net revenue retention by quarter, visit coverage per CSM. Drawn with the shared
// option builders (shared/charts/options.ts) on ECharts core with only the parts they use, as
// SVG; each bar or point opens its drill-down. Loaded lazily (the screen's first paint and
// every other screen never pay for ECharts), and every chart is disposed on unmount.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsOption } from 'echarts';
import { SVGRenderer } from 'echarts/renderers';
import { Card, Col, Row } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import type { Portfolio, PortfolioFigure } from '../../../shared/api/health';
import {
  arrByBandOption,
  coverageOption,
  quarterTrendOption,
  renewalsByMonthOption,
  tierBandOption,
} from '../../../shared/charts/options';
import type { Locale, MessageKey } from '../../../shared/i18n';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface DrillTarget {
  figure: PortfolioFigure;
  key?: string;
}

interface ClickParams {
  seriesId?: string;
  dataIndex: number;
}

interface ChartProps {
  testId: string;
  option: EChartsOption;
  onClick: (p: ClickParams) => void;
  height?: number;
}

function Chart({ testId, option, onClick, height = 240 }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    chartRef.current = chart;
    chart.on('click', (p) => clickRef.current(p as unknown as ClickParams));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);
  return (
    <div ref={element} data-testid={testId} style={{ height, width: '100%', cursor: 'pointer' }} />
  );
}

/** One chart in its titled card, `span` of the 24 grid columns wide on a large screen. */
function ChartCard({ span, title, ...chart }: ChartProps & { span: number; title: string }) {
  return (
    <Col xs={24} lg={span}>
      <Card size="small" title={title}>
        <Chart {...chart} />
      </Card>
    </Col>
  );
}

const TIERS = ['strategic', 'ordinary', 'micro'];

export interface PortfolioChartsProps {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  portfolio: Portfolio;
  person: (login: string | null | undefined) => string;
  onDrill: (target: DrillTarget) => void;
}

export default function PortfolioCharts({
  locale,
  t,
  portfolio: p,
  person,
  onDrill,
}: PortfolioChartsProps) {
  const bandsOf = (option: EChartsOption) =>
    ((option.series as { id: string }[] | undefined) ?? []).map((s) => s.id);
  const tierBand = useMemo(() => tierBandOption(locale, p.tierBand), [locale, p.tierBand]);
  const arrByBand = useMemo(() => arrByBandOption(locale, p.tierBand), [locale, p.tierBand]);
  const quarters = useMemo(() => quarterTrendOption(locale, p.quarters), [locale, p.quarters]);
  const renewals = useMemo(
    () => renewalsByMonthOption(locale, p.renewalsByMonth),
    [locale, p.renewalsByMonth],
  );
  const arrBands = ['red', 'yellow', 'green', 'unscored'].slice(
    0,
    ((arrByBand.xAxis as { data: string[] }).data ?? []).length,
  );
  const coverageRows = useMemo(
    () => p.coverage.map((c) => ({ ...c, name: person(c.csm) })),
    [p.coverage, person],
  );
  const coverage = useMemo(() => coverageOption(locale, coverageRows), [locale, coverageRows]);
  return (
    <Row gutter={[12, 12]} data-testid="portfolio-charts">
      <ChartCard
        span={8}
        title={t('portfolioCharts.chart.tierBand')}
        testId="chart-tierBand"
        option={tierBand}
        onClick={({ seriesId, dataIndex }) => {
          const band = seriesId ?? bandsOf(tierBand)[0];
          onDrill({ figure: 'tierBand', key: `${TIERS[dataIndex]}:${band}` });
        }}
      />
      <ChartCard
        span={8}
        title={t('portfolioCharts.chart.arrByBand')}
        testId="chart-arrByBand"
        option={arrByBand}
        onClick={({ dataIndex }) => onDrill({ figure: 'tierBand', key: `:${arrBands[dataIndex]}` })}
      />
      <ChartCard
        span={8}
        title={t('portfolioCharts.chart.quarterTrend')}
        testId="chart-quarters"
        option={quarters}
        onClick={({ dataIndex }) => onDrill({ figure: 'cohort', key: p.quarters[dataIndex].label })}
      />
      <ChartCard
        span={14}
        title={t('portfolioCharts.chart.renewalsByMonth')}
        testId="chart-renewalsByMonth"
        option={renewals}
        onClick={({ dataIndex }) =>
          onDrill({ figure: 'renewals', key: p.renewalsByMonth[dataIndex].month })
        }
      />
      <ChartCard
        span={10}
        title={t('portfolioCharts.chart.coverage')}
        testId="chart-coverage"
        height={Math.max(160, 48 + coverageRows.length * 28)}
        option={coverage}
        onClick={({ seriesId, dataIndex }) =>
          onDrill({
            figure: 'coverage',
            key: `${p.coverage[dataIndex].csm}:${seriesId === 'uncovered' ? 'uncovered' : 'covered'}`,
          })
        }
      />
    </Row>
  );
}
