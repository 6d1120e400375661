/**
 * The bulletin's chart drawn for the document: the option of
 * bulletin-chart-option.ts (the web preview's twin) rendered by ECharts'
 * server-side SVG renderer, and a PNG of that SVG at twice its size rendered
 * by resvg, for the word processors that show no SVG (ADR 0026). The words
 * are the bulletin's: 绿灯/黄灯/红灯/暂无数据 as in its table.
 *
 * Data in, bytes out: no database, no server. resvg is given the machine's
 * CJK face that the SVG names first (fontconfig finds it once per process;
 * Debian's fonts-noto-cjk) rather than every system font, and runs on libuv's
 * thread pool, off the event loop: resvg reads a font file for every glyph it
 * lays out, and a CJK font file is 20 MB.
 */
import { execFile } from 'node:child_process';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type * as EChartsCore from 'echarts/core';
import type { Light } from '../domain/status.js';
import { bulletinChartHeight, bulletinChartOption, type ChartSection, type ChartWords } from './bulletin-chart-option.js';
import { LIGHT_NAMES } from './bulletin-text.js';

let echarts: Promise<typeof EChartsCore> | undefined;

/**
 * ECharts with the parts this chart draws with, loaded at the first chart: every door (the server, each
 * `luoshi` command) imports this module, and only a bulletin's rendering needs the library.
 */
function loadECharts(): Promise<typeof EChartsCore> {
  echarts ??= Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]).then(
    ([core, charts, components, renderers]) => {
      core.use([charts.BarChart, components.GridComponent, components.LegendComponent, components.TitleComponent, renderers.SVGRenderer]);
      return core;
    },
  );
  return echarts;
}

/** The lights' colours, the web app's (web/src/components/light-colors.ts), so that print and screen agree. */
export const CHART_COLORS: Readonly<Record<Light, string>> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', none: '#bfbfbf' };

export const CHART_WORDS: ChartWords = { title: '各领域任务进度状态分布', axis: '任务数（项）', lights: LIGHT_NAMES };

/**
 * The faces the SVG asks for, first found first: the free CJK sans that LibreOffice and resvg find on
 * Linux, then what Word finds on Windows and macOS. Single quotes: ECharts writes it into a style attribute.
 */
const CHART_FAMILIES = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'SimHei'];
export const CHART_FONT = `${CHART_FAMILIES.map((f) => `'${f}'`).join(', ')}, sans-serif`;

/** The drawing's width in CSS pixels: about 148 mm at 96 to the inch, shown at this size in the text's 156 mm. */
export const CHART_WIDTH = 560;

/** The PNG's pixels per SVG pixel: sharp when printed. */
const PNG_SCALE = 2;

export interface ChartImage {
  svg: string;
  /** Null when not asked for. */
  png: Uint8Array | null;
  /** The drawing's size in CSS pixels (the PNG is PNG_SCALE times as large). */
  width: number;
  height: number;
}

/** The chart as SVG text, from ECharts' server-side renderer. */
export async function bulletinChartSvg(sections: readonly ChartSection[]): Promise<{ svg: string; width: number; height: number }> {
  const width = CHART_WIDTH;
  const height = bulletinChartHeight(sections.length);
  const chart = (await loadECharts()).init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      ...bulletinChartOption(sections, CHART_WORDS, CHART_COLORS),
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT },
    });
    return { svg: chart.renderToSVGString(), width, height };
  } finally {
    // A chart left undisposed keeps its timers, and the process, alive.
    chart.dispose();
  }
}

/** The chart as SVG and (unless `png` is false) its PNG fallback. */
export async function renderBulletinChart(sections: readonly ChartSection[], options: { png?: boolean } = {}): Promise<ChartImage> {
  const { svg, width, height } = await bulletinChartSvg(sections);
  if (options.png === false) return { svg, png: null, width, height };
  const face = await chineseFace();
  const font: ResvgRenderOptions['font'] =
    face === null
      ? { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' }
      : { loadSystemFonts: false, fontFiles: face.files, defaultFontFamily: face.family };
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, { fitTo: { mode: 'zoom', value: PNG_SCALE }, background: '#ffffff', font, logLevel: 'off' });
  const png = image.asPng();
  return { svg, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width, height };
}

let face: Promise<{ family: string; files: string[] } | null> | undefined;

/**
 * The Chinese face the PNG is drawn in: the first of CHART_FAMILIES installed, else any Chinese sans
 * (not monospaced), else any Chinese face; its regular and bold files. Null when fontconfig finds none
 * (or is missing): then resvg loads every system font and takes what it finds.
 */
export function chineseFace(): Promise<{ family: string; files: string[] } | null> {
  face ??= new Promise((resolve) => {
    execFile('fc-list', [':lang=zh-cn', 'file', 'family', 'style'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve(null);
      // "/usr/share/fonts/…/NotoSansCJK-Regular.ttc: Noto Sans CJK SC,Noto Sans CJK SC Regular:style=Regular"
      const faces = stdout.split('\n').flatMap((line) => {
        const m = /^(.+?): (.+?):style=(.*)$/.exec(line.trim());
        return m === null ? [] : [{ file: m[1] ?? '', families: (m[2] ?? '').split(','), style: m[3] ?? '' }];
      });
      const family =
        CHART_FAMILIES.find((f) => faces.some((x) => x.families.includes(f))) ??
        faces.find((x) => /Sans/.test(x.families[0] ?? '') && !/Mono/.test(x.families[0] ?? ''))?.families[0] ??
        faces[0]?.families[0];
      if (family === undefined) return resolve(null);
      const files = faces.filter((x) => x.families.includes(family) && /^(Regular|Bold)\b/.test(x.style)).map((x) => x.file);
      return resolve({ family, files: [...new Set(files.length > 0 ? files : faces.filter((x) => x.families.includes(family)).map((x) => x.file))] });
    });
  });
  return face;
}
