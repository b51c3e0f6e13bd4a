// The score history as a line, drawn with the shared option builder (the same chart as the
// review report) on ECharts core with only the parts it uses, as SVG. Loaded lazily, so other
// screens never pay for ECharts.
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { HistoryPoint } from '../../../shared/api/health';
import { healthTrendOption } from '../../../shared/charts/options';
import type { Locale } from '../../../shared/i18n';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkAreaComponent, SVGRenderer]);

export interface ScoreTrendChartProps {
  locale: Locale;
  history: HistoryPoint[];
  /** Band thresholds of the account's tier, shaded behind the line. */
  thresholds: { yellow: number; green: number };
}

export default function ScoreTrendChart({ locale, history, thresholds }: ScoreTrendChartProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    // The card says what it is: no title inside, tighter margins.
    const { title: _title, ...option } = healthTrendOption(locale, history, {
      thresholds,
      byDay: true,
    });
    chart.setOption({ ...option, grid: { left: 40, right: 16, top: 16, bottom: 28 } });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [locale, history, thresholds]);
  return (
    <div ref={element} data-testid="health-trend-chart" style={{ height: 220, width: '100%' }} />
  );
}
