/**
 * The bulletin preview's chart (各领域任务进度状态分布) as an ECharts option:
 * one horizontal bar per section (部分), stacked by light, the section's
 * name beside it, a title and a legend. This is the twin of the server's
 * src/documents/bulletin-chart-option.ts, which draws the same option into
 * the bulletin's .docx (the web app may not import server code);
 * test/documents/bulletin-chart.test.ts holds the two to the same text and
 * output, so that the screen shows what the document shows.
 *
 * Self-contained on purpose: no imports, so that this file's body is the twin's.
 */

export type ChartLight = 'green' | 'yellow' | 'red' | 'none';

/** The stacking order (left to right) and the legend's order. */
export const CHART_LIGHTS: readonly ChartLight[] = ['green', 'yellow', 'red', 'none'];

export interface ChartSection {
  number: string;
  title: string;
  lights: Readonly<Record<ChartLight, number>>;
}

/** The chart's words in the reader's language. */
export interface ChartWords {
  title: string;
  /** The value axis's name: "任务数（项）". */
  axis: string;
  lights: Readonly<Record<ChartLight, string>>;
}

/** Room above the bars (the title), per section, and below (the value axis, its name, the legend). */
const TOP = 44;
const ROW = 36;
const BOTTOM = 72;

/** The chart's height for a number of sections: each bar keeps its row however many there are. */
export function bulletinChartHeight(sections: number): number {
  return TOP + Math.max(1, sections) * ROW + BOTTOM;
}

/** A section's name as the axis shows it: at most two lines of 12 full-width characters each. */
const LINE_WIDTH = 12;
const LINES = 2;
/** Punctuation a line may not start with (避头点): it stays at the end of the line before. */
const CLOSING = /^[，。、；：！？）》」』”’…,.;:!?)\]]$/u;

/**
 * "二、坚持产业强区，加快构建现代化产业体系" as "二、坚持产业强区，加快构\n建现代化产业体系": the
 * number and the title, in lines of LINE_WIDTH (a Latin letter or digit counts half), cut with "…"
 * after LINES lines; a line never starts with a comma or a closing mark. Control characters and unpaired surrogates are dropped, white space is one space.
 */
export function sectionAxisLabel(section: Pick<ChartSection, 'number' | 'title'>): string {
  const clean = (text: string): string =>
    text
      .replace(/[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, ' ')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const number = clean(section.number);
  const title = clean(section.title);
  const text = number === '' ? title : `${number}、${title}`;
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const ch of Array.from(text)) {
    const w = (ch.codePointAt(0) ?? 0) < 0x1100 ? 0.5 : 1;
    if (width + w > LINE_WIDTH && !CLOSING.test(ch)) {
      lines.push(line);
      if (lines.length === LINES) {
        const last = Array.from(lines[LINES - 1] ?? '');
        lines[LINES - 1] = `${last.slice(0, -1).join('')}…`;
        return lines.join('\n');
      }
      line = '';
      width = 0;
    }
    line += ch;
    width += w;
  }
  lines.push(line);
  return lines.join('\n');
}

/** The option: sections top to bottom in the notice's order, each bar's parts in CHART_LIGHTS' order. */
export function bulletinChartOption(sections: readonly ChartSection[], words: ChartWords, colors: Readonly<Record<ChartLight, string>>) {
  return {
    title: { text: words.title, left: 'center', top: 6, textStyle: { fontSize: 15, fontWeight: 'bold' as const } },
    legend: { bottom: 4, itemWidth: 18, itemHeight: 12, data: CHART_LIGHTS.map((light) => words.lights[light]) },
    grid: { left: 8, right: 28, top: TOP, bottom: BOTTOM - 18, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    xAxis: { type: 'value' as const, minInterval: 1, name: words.axis, nameLocation: 'middle' as const, nameGap: 24 },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: sections.map((s) => sectionAxisLabel(s)),
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, lineHeight: 15 },
    },
    series: CHART_LIGHTS.map((light) => ({
      name: words.lights[light],
      type: 'bar' as const,
      stack: 'lights',
      barMaxWidth: 22,
      itemStyle: { color: colors[light] },
      data: sections.map((s) => s.lights[light]),
    })),
  };
}
