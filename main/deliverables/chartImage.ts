// Server-side chart rendering: the UI's ECharts option -> SVG (ECharts SSR) -> PNG (resvg),
// with the system CJK font so Chinese labels are drawn, not boxes.
import fs from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
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

function pngOptions() {
  const fonts = availableFonts();
  return {
    background: 'white',
    fitTo: { mode: 'zoom' as const, value: 2 },
    font: {
      fontFiles: fonts,
      // Without the Noto files (a machine lacking fonts-noto-cjk) fall back to system fonts.
      loadSystemFonts: fonts.length === 0,
      defaultFontFamily: 'Noto Sans CJK SC',
    },
  };
}

/**
 * PNGs at twice the layout size (sharp in print). resvg rasterises on libuv's thread pool
 * (renderAsync), so the charts of one document render in parallel off the event loop; loading
 * the 20 MB CJK font collection is most of each render's cost.
 */
export async function renderChartPngs(
  options: EChartsOption[],
  width: number,
  height: number,
): Promise<Buffer[]> {
  const svgs = options.map((option) => renderChartSvg(option, width, height));
  const images = await Promise.all(svgs.map((svg) => renderAsync(svg, pngOptions())));
  return images.map((image) => Buffer.from(image.asPng()));
}

export async function renderChartPng(
  option: EChartsOption,
  width: number,
  height: number,
): Promise<Buffer> {
  return (await renderChartPngs([option], width, height))[0];
}
