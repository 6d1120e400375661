import fc from 'fast-check';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { BulletinContent, BulletinTask } from '../../src/documents/bulletin-content.js';
import { renderBulletinDocx } from '../../src/documents/bulletin-docx.js';
import { sectionAxisLabel } from '../../src/documents/bulletin-chart-option.js';
import { CHART_COLORS } from '../../src/documents/bulletin-chart.js';
import { bulletinBody, printable } from '../../src/documents/bulletin-text.js';
import { libreOfficeFontReplacements } from '../../src/documents/gbt9704.js';
import { checkZip, readEntries, readEntry } from '../../src/importer/zip-guard.js';
import { pdfImages, pdfText, pdfWords, toPdf } from '../helpers/office.js';
import { countColor, countDifferent, decodePng } from '../helpers/png.js';
import { sampleBulletin } from './bulletin-sample.js';

const decoder = new TextDecoder();

async function part(docx: Uint8Array, name: string): Promise<string> {
  const bytes = await readEntry(docx, name);
  if (bytes === null) throw new Error(`${name} is missing`);
  return decoder.decode(bytes);
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function attr(xml: string, element: string, name: string): number {
  const tag = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0] ?? '';
  return Number(new RegExp(`\\b${name}="(-?\\d+)"`).exec(tag)?.[1] ?? 'NaN');
}

interface Run {
  text: string;
  size: number | null;
  eastAsia: string | null;
  color: string | null;
}

/** The text runs of a part, each with its own size, East Asian font and colour (null: inherited). */
function runs(xml: string): Run[] {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map(([, inner = '']) => ({
    text: [...inner.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    size: /<w:sz w:val="(\d+)"/.test(inner) ? Number(/<w:sz w:val="(\d+)"/.exec(inner)?.[1]) : null,
    eastAsia: /w:eastAsia="([^"]*)"/.exec(/<w:rFonts [^>]*>/.exec(inner)?.[0] ?? '')?.[1] ?? null,
    color: /<w:color w:val="([^"]*)"/.exec(inner)?.[1] ?? null,
  }));
}

function runWith(xml: string, text: string): Run {
  const found = runs(xml).find((r) => r.text.includes(text));
  if (found === undefined) throw new Error(`no run holds ${text}`);
  return found;
}

/** Text without any white space (pdftotext lays lines out with spaces and breaks) and without page numbers. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '').replace(/—\d+—/g, '');
}

describe('bulletin .docx', () => {
  it('has the GB/T 9704 page: A4, margins 37/28/35/26 mm, title 二号 小标宋, body 三号 仿宋_GB2312', async () => {
    const docx = await renderBulletinDocx(sampleBulletin);
    const document = await part(docx, 'word/document.xml');
    expect(attr(document, 'w:pgSz', 'w:w')).toBe(11906);
    expect(attr(document, 'w:pgSz', 'w:h')).toBe(16838);
    const margins = ['w:top', 'w:left', 'w:bottom', 'w:right'].map((m) => attr(document, 'w:pgMar', m));
    [2098, 1587, 1984, 1474].forEach((want, i) => expect(Math.abs((margins[i] ?? NaN) - want)).toBeLessThanOrEqual(1));

    const title = runWith(document, sampleBulletin.title);
    expect(title.size).toBe(44);
    expect(title.eastAsia).toBe('方正小标宋简体');

    // Body runs take the document default (三号, 仿宋_GB2312) and exact 28.95 pt lines (22 to the page).
    const styles = await part(docx, 'word/styles.xml');
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(styles)?.[0] ?? '';
    expect(defaults).toMatch(/<w:sz w:val="32"\/>/);
    expect(defaults).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(defaults).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    const body = runWith(document, '推进情况通报如下');
    expect(body.size ?? 32).toBe(32);
    expect(body.eastAsia ?? '仿宋_GB2312').toBe('仿宋_GB2312');
    const lagging = runWith(document, sampleBulletin.lagging[0]?.title ?? '?');
    expect(lagging.size ?? 32).toBe(32);

    expect(runWith(document, '一、总体情况').eastAsia).toBe('黑体');
    expect(runWith(document, '（一）红灯任务').eastAsia).toBe('楷体_GB2312');

    // 版头: the organ's mark in red, the number line, and the red rule under it.
    const mark = runWith(document, '临河区人民政府办公室督查通报');
    expect(mark.color).toBe('FF0000');
    expect(document).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(runWith(document, '临河督查通报〔2026〕3号').size ?? 32).toBe(32);

    // Every font used is declared, with what to use where it is missing.
    const fonts = await part(docx, 'word/fontTable.xml');
    for (const [name, alt] of [
      ['仿宋_GB2312', '仿宋'],
      ['楷体_GB2312', '楷体'],
      ['方正小标宋简体', '宋体'],
      ['黑体', 'SimHei'],
    ]) {
      expect(fonts).toContain(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>`);
      // …and LibreOffice, which ignores altName, is given a replacement for it.
      expect(libreOfficeFontReplacements()).toMatch(
        new RegExp(`<value>${name}</value></prop><prop oor:name="SubstituteFont" oor:type="xs:string"><value>Noto (Serif|Sans) CJK SC</value>`),
      );
    }
  });

  it('numbers pages "— n —" with a PAGE field in 宋体 四号, right on odd pages and left on even ones', async () => {
    const docx = await renderBulletinDocx(sampleBulletin);
    const document = await part(docx, 'word/document.xml');
    const rels = await part(docx, 'word/_rels/document.xml.rels');
    const footerOf = async (type: string): Promise<string> => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(rId\\d+)"`).exec(document)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      return part(docx, `word/${target}`);
    };
    for (const [type, side] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const footer = await footerOf(type);
      expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(footer).toContain(`<w:jc w:val="${side}"/>`);
      expect(
        runs(footer)
          .map((r) => r.text)
          .join(''),
      ).toMatch(/^— .*—$/);
      expect(runWith(footer, '—')).toMatchObject({ size: 28, eastAsia: '宋体' });
    }
    expect(await part(docx, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('holds the chart as SVG naming every section and light, with a PNG fallback that decodes', async () => {
    const docx = await renderBulletinDocx(sampleBulletin);
    const media = new Map(await all(readEntries(docx, (n) => n.startsWith('word/media/'))));
    const names = [...media.keys()];
    expect(names).toHaveLength(2);
    const svgName = names.find((n) => n.endsWith('.svg')) ?? '';
    const pngName = names.find((n) => n.endsWith('.png')) ?? '';
    const svg = decoder.decode(media.get(svgName));
    for (const s of sampleBulletin.sections) {
      for (const line of sectionAxisLabel(s).split('\n')) expect(svg).toContain(`>${line}</text>`);
    }
    for (const word of ['绿灯', '黄灯', '红灯', '暂无数据']) expect(svg).toContain(`>${word}</text>`);
    const png = decodePng(media.get(pngName) ?? new Uint8Array());
    expect(countColor(png, CHART_COLORS.green)).toBeGreaterThan(1000);
    expect(countColor(png, '#ffffff')).toBeLessThan(png.width * png.height);

    // The picture's blip is the PNG, and its SVG extension (Office 2016 and later) the SVG.
    const rels = await part(docx, 'word/_rels/document.xml.rels');
    const idOf = (target: string): string =>
      new RegExp(`Id="(rId\\d+)"[^>]*Target="${target}"`).exec(rels)?.[1] ?? new RegExp(`Target="${target}"[^>]*Id="(rId\\d+)"`).exec(rels)?.[1] ?? '?';
    const document = await part(docx, 'word/document.xml');
    expect(document).toContain(`<a:blip r:embed="${idOf(pngName.replace('word/', ''))}"`);
    expect(document).toMatch(new RegExp(`<asvg:svgBlip [^>]*r:embed="${idOf(svgName.replace('word/', ''))}"`));
  });

  it('says every part of the bulletin, and a sentence (never an empty heading) for each empty list', async () => {
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await renderBulletinDocx(sampleBulletin)) });
    for (const heading of [
      '一、总体情况',
      '二、分领域推进情况',
      '三、进度滞后的任务',
      '四、进展较好的任务',
      '五、逾期未报送情况',
      '六、督办事项',
      '七、下步工作要求',
    ]) {
      expect(text).toContain(heading);
    }
    for (const t of [...sampleBulletin.lagging, ...sampleBulletin.goodExamples]) {
      expect(text).toContain(t.title);
      for (const unit of t.hostUnits) expect(text).toContain(unit);
    }
    expect(text).toContain('区商务局：第12项“社会消费品零售总额增长6%左右”，应于2026年3月25日前报送，已逾期6天。');
    expect(text).toContain('督〔2026〕2号（红色督办）');
    expect(text).toContain('抄送：区委办公室，区人大常委会办公室，区政协办公室。');
    expect(text).toContain('2026年4月3日印发');

    const empty: BulletinContent = { ...sampleBulletin, lagging: [], goodExamples: [], overdueReports: [], openOrders: [], sections: [], remarks: '' };
    const blocks = bulletinBody(empty);
    blocks.forEach((b, i) => {
      if (b.kind === 'heading1') expect(blocks[i + 1]?.kind, b.text).toBe('paragraph');
    });
    const { value: emptyText } = await mammoth.extractRawText({ buffer: Buffer.from(await renderBulletinDocx(empty)) });
    for (const sentence of [
      '本期无进度滞后的任务。',
      '本期无进度明显快于时间进度的任务。',
      '本期各承办单位均按时报送进展情况。',
      '本期无未办结的督办事项。',
      '本期无分领域统计数据。',
    ]) {
      expect(emptyText).toContain(sentence);
    }
    expect(emptyText).toContain('将持续跟踪督办'); // the standard requirements when the office wrote none
  });

  it('marks a draft under the number line and in a header line, and an issued bulletin not at all', async () => {
    const draft = await renderBulletinDocx(sampleBulletin, { draft: true });
    expect(await part(draft, 'word/document.xml')).toContain('（征求意见稿）');
    const headers = (await all(readEntries(draft, (n) => /^word\/header\d+\.xml$/.test(n)))).map(([, b]) => decoder.decode(b));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(h).toContain('草稿');
    expect(headers.join('')).not.toMatch(/<v:shape|<w:pict|wordart/i);

    const issued = await renderBulletinDocx(sampleBulletin);
    expect(await part(issued, 'word/document.xml')).not.toContain('征求意见稿');
    expect(await all(readEntries(issued, (n) => /^word\/header\d+\.xml$/.test(n)))).toHaveLength(0);
  });

  it('prints text from the data as text: markup, entities, emoji and control characters', async () => {
    const hostile = '<w:t>注入</w:t> & "引号" \'单引号\' ]]> 🚀 <script>alert(1)</script>';
    const content: BulletinContent = {
      ...sampleBulletin,
      title: `关于${hostile}的通报`,
      lagging: [{ ...lagging0(), title: `任务${hostile}\u0001\u000b尾`, hostUnits: ['区<商务>局&'] }],
      remarks: `第一行 ${hostile}\n第二行`,
    };
    const docx = await renderBulletinDocx(content);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
    expect(text).toContain(`关于${hostile}的通报`);
    expect(text).toContain(`任务${hostile}尾`);
    expect(text).toContain('区<商务>局&');
    expect(text).toContain('第二行');
    expect(await part(docx, 'word/document.xml')).not.toContain('<script>');
  });
});

function lagging0(): BulletinTask {
  const t = sampleBulletin.lagging[0];
  if (t === undefined) throw new Error('the sample has lagging tasks');
  return t;
}

const LIGHTS = ['green', 'yellow', 'red', 'none'] as const;
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('<', '&', '&amp;', ']]>', '</w:t>', '"\'', '\u0000', '\uD800', '🚀👨‍👩‍👧', '\n\r\t', ''),
  fc.string({ unit: 'grapheme', minLength: 300, maxLength: 2000 }),
);
const task = fc.record({
  number: fc.nat(200),
  title: nasty,
  hostUnits: fc.array(nasty, { maxLength: 3 }),
  leaders: fc.array(nasty, { maxLength: 2 }),
  light: fc.constantFrom(...LIGHTS),
  progress: fc.option(nasty),
  reason: nasty,
});
const lights = fc.record({ green: fc.nat(50), yellow: fc.nat(50), red: fc.nat(50), none: fc.nat(50) });
const content: fc.Arbitrary<BulletinContent> = fc.record({
  issuer: nasty,
  documentNumber: nasty,
  title: nasty,
  recipients: nasty,
  period: fc.constant('2026-03'),
  periodLabel: nasty,
  asOf: fc.oneof(fc.constant('2026-03-31'), nasty),
  date: fc.oneof(fc.constant('2026-04-03'), nasty),
  plan: fc.record({ id: fc.nat(), title: nasty, year: fc.integer({ min: 2000, max: 2100 }) }),
  timeProgress: fc.double({ min: 0, max: 1, noNaN: true }),
  summary: fc.record({
    tasks: fc.nat(500),
    lights,
    completed: fc.nat(500),
    targetsReported: fc.nat(500),
    targetsOnPace: fc.nat(500),
    reportsOwed: fc.nat(500),
    reportsOnTime: fc.nat(500),
    reportsLate: fc.nat(500),
  }),
  sections: fc.array(fc.record({ number: nasty, title: nasty, tasks: fc.nat(100), lights }), { maxLength: 12 }),
  lagging: fc.array(task, { maxLength: 6 }),
  goodExamples: fc.array(task, { maxLength: 4 }),
  overdueReports: fc.array(fc.record({ taskNumber: fc.nat(200), taskTitle: nasty, unit: nasty, dueDate: nasty, daysLate: fc.nat(100) }), { maxLength: 4 }),
  openOrders: fc.array(
    fc.record({
      number: nasty,
      grade: fc.constantFrom('blue' as const, 'yellow' as const, 'red' as const),
      taskNumber: fc.nat(200),
      unit: nasty,
      issuedAt: nasty,
      respondBy: nasty,
      status: nasty,
    }),
    { maxLength: 4 },
  ),
  remarks: nasty,
  copyTo: nasty,
  printedBy: nasty,
});

describe('bulletin .docx for any content', () => {
  it('renders without throwing into a valid zip whose document Word readers parse, holding the title as text', async () => {
    await fc.assert(
      fc.asyncProperty(content, fc.boolean(), async (c, draft) => {
        const docx = await renderBulletinDocx(c, { draft });
        await expect(checkZip(docx)).resolves.toBeDefined();
        const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
        expect(text.replace(/\s+/g, ' ')).toContain(printable(c.title).trim().replace(/\s+/g, ' '));
        for (const t of c.lagging) expect(text.replace(/\s+/g, ' ')).toContain(printable(t.title).replace(/\s+/g, ' '));
      }),
      { numRuns: 25 },
    );
    // Each document draws its chart, and resvg reads its font file for every glyph: seconds on a busy machine.
  }, 600_000);
});

describe('an order whose status is a name every object has', () => {
  it('is printed as not yet closed, never as the object behind the name', () => {
    const [order] = sampleBulletin.openOrders;
    if (!order) throw new Error('the sample has an open order');
    for (const status of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const blocks = bulletinBody({ ...sampleBulletin, openOrders: [{ ...order, status }] });
      const text = blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
      expect(text, status).toContain('尚未办结');
    }
  });
});

describe('bulletin .docx in LibreOffice', () => {
  it('opens and prints on A4 with the title, period, lagging tasks and their units, and the 抄送 line', async () => {
    const pdf = await toPdf(await renderBulletinDocx(sampleBulletin), 'docx');
    const { text, pages, pageSize } = await pdfText(pdf);
    expect(pageSize.width).toBeCloseTo(595.3, 0);
    expect(pageSize.height).toBeCloseTo(841.9, 0);
    expect(pages).toBeGreaterThanOrEqual(2);
    const all = squeeze(text);
    expect(all).toContain(squeeze(sampleBulletin.title));
    expect(sampleBulletin.title).toContain('通报');
    expect(all).toContain(sampleBulletin.periodLabel);
    for (const t of sampleBulletin.lagging) {
      expect(all).toContain(squeeze(t.title));
      for (const unit of t.hostUnits) expect(all).toContain(unit);
    }
    expect(all).toContain(squeeze(`抄送：${sampleBulletin.copyTo}。`));
    expect(text).toMatch(/—\s*1\s*—/);
  }, 120_000);

  it('shows the chart in the PDF as vector and text: section names, the value axis and the legend', async () => {
    // LibreOffice (7.4) draws a picture's blip, never its SVG extension: its copy's blip is the SVG itself.
    const forPdf = await renderBulletinDocx(sampleBulletin, { forPdf: true });
    const media = await all(readEntries(forPdf, (n) => n.startsWith('word/media/')));
    expect(media).toHaveLength(1);
    expect(decoder.decode(media[0]?.[1]).startsWith('<svg ')).toBe(true);
    const pdf = await toPdf(forPdf, 'docx');
    expect(await pdfImages(pdf)).toHaveLength(0);
    const { text } = await pdfText(pdf);
    const squeezed = squeeze(text);
    // Each name as the chart wraps it (the table above wraps it differently), then the axis and the legend.
    for (const s of sampleBulletin.sections) {
      for (const line of sectionAxisLabel(s).split('\n')) expect(squeezed).toContain(squeeze(line));
    }
    expect(squeezed).toContain('任务数（项）绿灯黄灯红灯暂无数据图1');
  }, 120_000);

  it('prints the PNG fallback as drawn where the SVG is not read (LibreOffice opening the .docx as kept)', async () => {
    const docx = await renderBulletinDocx(sampleBulletin);
    const fallback = decodePng((await all(readEntries(docx, (n) => n.endsWith('.png'))))[0]?.[1] ?? new Uint8Array());
    const pdf = await toPdf(docx, 'docx');
    const images = await pdfImages(pdf);
    expect(images).toHaveLength(1);
    const [image] = images;
    expect([image?.width, image?.height]).toEqual([fallback.width, fallback.height]);
    const printed = decodePng(image?.png ?? new Uint8Array());
    expect(countDifferent(printed, fallback)).toBeLessThan(fallback.width * fallback.height * 0.01);
    // …on the page of its caption, 图1.
    const words = await pdfWords(pdf);
    const caption = words.find((w) => w.text.endsWith('各领域任务进度状态分布'));
    expect(caption?.page).toBe(image?.page);
  }, 120_000);

  it('prints the 版记 at the foot of the last page, the printing line on the text area’s last line', async () => {
    // A4 is 841.9 pt high; the text area ends 35 mm (99.2 pt) above the page's foot.
    const bottom = 841.9 - 99.2;
    for (const content of [sampleBulletin, { ...sampleBulletin, copyTo: '' }]) {
      const pdf = await toPdf(await renderBulletinDocx(content), 'docx');
      const { pages } = await pdfText(pdf);
      const words = await pdfWords(pdf);
      const printed = words.find((w) => w.text.endsWith('印发'));
      expect(printed, 'the printing line').toBeDefined();
      expect(printed?.page).toBe(pages);
      expect(printed?.yMax).toBeGreaterThan(bottom - 12);
      expect(printed?.yMax).toBeLessThan(bottom + 8);
      const copy = words.find((w) => w.text.startsWith('抄送'));
      if (content.copyTo === '') {
        expect(copy).toBeUndefined();
      } else {
        expect(copy?.page).toBe(pages);
        expect(copy?.yMax).toBeLessThanOrEqual(printed?.yMin ?? 0);
        expect(copy?.yMin).toBeGreaterThan(bottom - 60);
      }
      // The signature stays where the body ends, above the 版记, on the same page.
      const signature = words.filter((w) => w.page === pages && w.text.includes(content.issuer.slice(0, 4)) && w.yMax < (copy ?? printed)!.yMin - 60);
      expect(signature.length, 'the signature above the 版记').toBeGreaterThan(0);
    }
  }, 120_000);

  it('opens a draft whose data is full of markup and prints that markup as text', async () => {
    const content: BulletinContent = {
      ...sampleBulletin,
      lagging: [{ ...lagging0(), title: '<b>加粗&amp;</b> “引号” 🚀', hostUnits: ['区<商务>局'] }],
    };
    const { text } = await pdfText(await toPdf(await renderBulletinDocx(content, { draft: true }), 'docx'));
    const all = squeeze(text);
    expect(all).toContain('（征求意见稿）');
    expect(all).toContain('<b>加粗&amp;</b>“引号”');
    expect(all).toContain('区<商务>局');
  }, 120_000);
});
