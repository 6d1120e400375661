/**
 * The bulletin's chart: the same option on screen and in the document (the
 * server's builder and the web app's twin), its section names wrapped, the
 * SVG ECharts draws (names, legend, title as text; markup as text), and the
 * PNG fallback resvg draws from it (decodes, twice the size, bars in the
 * lights' colours, and Chinese text actually drawn with a font).
 */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulletinChartSvg, CHART_COLORS, CHART_FONT, CHART_WORDS, renderBulletinChart } from '../../src/documents/bulletin-chart.js';
import * as server from '../../src/documents/bulletin-chart-option.js';
import { LIGHT_NAMES } from '../../src/documents/bulletin-text.js';
import * as web from '../../web/src/charts/bulletin-chart-option.js';
import { repoRoot } from '../helpers/paths.js';
import { countColor, countDifferent, decodePng } from '../helpers/png.js';
import { sampleBulletin } from './bulletin-sample.js';

const LIGHTS = ['green', 'yellow', 'red', 'none'] as const;
const record = <T>(value: fc.Arbitrary<T>) => fc.record({ green: value, yellow: value, red: value, none: value });
const section = fc.record({ number: fc.string({ maxLength: 4 }), title: fc.string({ unit: 'grapheme', maxLength: 60 }), lights: record(fc.nat(60)) });

/** A file's code without its leading doc comment (the twins say who they are in it). */
const body = (path: string): string => readFileSync(`${repoRoot}${path}`, 'utf8').replace(/^\/\*\*[\s\S]*?\*\/\n/, '');

describe('the chart on screen and in the document', () => {
  it('is built by twins: the same code, and the same option for any sections, words and colours', () => {
    expect(body('web/src/charts/bulletin-chart-option.ts')).toBe(body('src/documents/bulletin-chart-option.ts'));
    fc.assert(
      fc.property(
        fc.array(section, { maxLength: 14 }),
        record(fc.string()),
        fc.string(),
        fc.string(),
        record(fc.string()),
        (sections, names, title, axis, colors) => {
          const words = { title, axis, lights: names };
          expect(web.bulletinChartOption(sections, words, colors)).toEqual(server.bulletinChartOption(sections, words, colors));
          expect(web.bulletinChartHeight(sections.length)).toBe(server.bulletinChartHeight(sections.length));
        },
      ),
    );
  });

  it('draws the lights in the screen’s colours, named as the bulletin’s table names them', async () => {
    const source = readFileSync(`${repoRoot}web/src/components/light-colors.ts`, 'utf8');
    for (const light of LIGHTS) expect(source).toMatch(new RegExp(`${light}: '${CHART_COLORS[light]}'`));
    expect(CHART_WORDS.lights).toEqual(LIGHT_NAMES);
    expect(new Set(LIGHTS.map((l) => CHART_COLORS[l])).size).toBe(4);
  });
});

describe('sectionAxisLabel', () => {
  const label = server.sectionAxisLabel;

  it('writes the number and the title, in lines of twelve full-width characters, two at most', () => {
    expect(label({ number: '一', title: '2026年主要预期目标' })).toBe('一、2026年主要预期目标');
    expect(label({ number: '二', title: '坚持产业强区加快构建现代化产业体系' })).toBe('二、坚持产业强区加快构建\n现代化产业体系');
    expect(label({ number: '六', title: '坚持城乡融合全面推进乡村振兴和农业农村现代化建设' })).toBe('六、坚持城乡融合全面推进\n乡村振兴和农业农村现代…');
    expect(label({ number: '', title: '其他' })).toBe('其他');
  });

  it('never starts a line with a comma or a closing mark', () => {
    expect(label({ number: '四', title: '坚持投资消费双轮驱动，持续扩大有效需求' })).toBe('四、坚持投资消费双轮驱动，\n持续扩大有效需求');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (title) => {
        for (const line of label({ number: '三', title }).split('\n').slice(1)) expect(line).not.toMatch(/^[，。、；：！？）》」』”’,.;:!?)\]]/u);
      }),
    );
  });

  it('drops control characters and unpaired surrogates, and never cuts a character in two', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 4 }), (title, number) => {
        const text = label({ number, title });
        expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
        expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(text.split('\n').length).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('the chart as SVG', () => {
  it('names every section, the legend and the title as text, in a CJK font', async () => {
    const { svg, width, height } = await bulletinChartSvg(sampleBulletin.sections);
    expect(width).toBe(560);
    expect(height).toBe(server.bulletinChartHeight(sampleBulletin.sections.length));
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${width}" height="${height}"`));
    const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const s of sampleBulletin.sections) {
      for (const line of server.sectionAxisLabel(s).split('\n')) expect(texts).toContain(line);
    }
    for (const word of ['绿灯', '黄灯', '红灯', '暂无数据', '各领域任务进度状态分布', '任务数（项）']) expect(texts).toContain(word);
    expect(svg).toContain(`font-family:${CHART_FONT}`);
    // resvg parses it (a quote in the style attribute would end it).
    expect(new Resvg(svg, { font: { loadSystemFonts: false } }).width).toBe(width);
  });

  it('prints markup in a section’s name as text', async () => {
    const { svg } = await bulletinChartSvg([{ number: '一', title: '<script>&amp;"', lights: { green: 1, yellow: 0, red: 0, none: 0 } }]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&amp;amp;');
    expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  });

  it('draws a chart without sections', async () => {
    const { svg, height } = await bulletinChartSvg([]);
    expect(height).toBe(server.bulletinChartHeight(0));
    expect(svg).toContain('绿灯');
  });
});

describe('the chart’s PNG fallback', () => {
  it('decodes at twice the size, with the bars’ colours and the words drawn in a font', async () => {
    const chart = await renderBulletinChart(sampleBulletin.sections);
    const png = decodePng(chart.png ?? new Uint8Array());
    expect(png.width).toBe(chart.width * 2);
    expect(png.height).toBe(chart.height * 2);
    // Each light has a bar part or its legend swatch; green fills the most.
    for (const light of LIGHTS) expect(countColor(png, CHART_COLORS[light]), light).toBeGreaterThan(200);
    expect(countColor(png, CHART_COLORS.green)).toBeGreaterThan(countColor(png, CHART_COLORS.red));
    // The same SVG drawn without any font shows no text: what differs is the words, so they were drawn.
    const fontless = new Resvg(chart.svg, { fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff', font: { loadSystemFonts: false } }).render();
    const words = countDifferent(png, { width: fontless.width, height: fontless.height, rgba: new Uint8Array(fontless.pixels) });
    expect(words).toBeGreaterThan(5000);
  }, 60_000);
});
