// Server-side chart rendering: the UI's ECharts option -> SVG (ECharts SSR) -> PNG (resvg),
// with the system CJK font so Chinese labels are drawn, not boxes.
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

// Regular only: loading a 20 MB collection is most of a render's time, and charts need no bold.
const CJK_FONT_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'];

let fontFiles: string[] | undefined;
function availableFonts(): string[] {
  fontFiles ??= CJK_FONT_FILES.filter((f) => fs.existsSync(f));
  return fontFiles;
}

export function renderChartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    // An undisposed SSR chart keeps timers alive and the process never exits.
    chart.dispose();
  }
}

/** PNG at twice the layout size, so it stays sharp in print. */
export function renderChartPng(option: EChartsOption, width: number, height: number): Buffer {
  const svg = renderChartSvg(option, width, height);
  const fonts = availableFonts();
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: width * 2 },
    font: {
      fontFiles: fonts,
      // Without the Noto files (a machine lacking fonts-noto-cjk) fall back to system fonts.
      loadSystemFonts: fonts.length === 0,
      defaultFontFamily: 'Noto Sans CJK SC',
    },
  });
  return Buffer.from(resvg.render().asPng());
}
