// Server-side chart rendering: the UI's ECharts option -> SVG (ECharts SSR) -> PNG (resvg),
// with the system CJK font so Chinese labels are drawn, not boxes.
import fs from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/**
 * The chart fonts, chosen once per process. resvg draws every glyph of a CID-keyed CFF font
 * (Noto Sans CJK) slowly: about 17 ms a character here, so a chart's labels took most of a
 * second. TrueType outlines draw in microseconds, so charts use DejaVu Sans for Latin text and
 * Droid Sans Fallback for Chinese (Debian's fonts-dejavu-core and fonts-droid-fallback, from
 * scripts/install.sh); without them, Noto Sans CJK as before.
 */
const TRUETYPE_FONTS = {
  files: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  ],
  family: 'DejaVu Sans',
};
// Regular only: charts need no bold.
const CJK_FONTS = {
  files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'],
  family: 'Noto Sans CJK SC',
};

let chartFonts: { files: string[]; family: string } | undefined;
function availableFonts(): { files: string[]; family: string } {
  chartFonts ??= TRUETYPE_FONTS.files.every((f) => fs.existsSync(f))
    ? TRUETYPE_FONTS
    : { ...CJK_FONTS, files: CJK_FONTS.files.filter((f) => fs.existsSync(f)) };
  return chartFonts;
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
      fontFiles: fonts.files,
      // Without any of the font files (a machine lacking the packages) fall back to system fonts.
      loadSystemFonts: fonts.files.length === 0,
      defaultFontFamily: fonts.family,
    },
  };
}

/**
 * PNGs at twice the layout size (sharp in print). resvg rasterises on libuv's thread pool
 * (renderAsync), so the charts of one document render in parallel off the event loop; loading
 * each chart's text with the fonts above takes a few milliseconds.
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
