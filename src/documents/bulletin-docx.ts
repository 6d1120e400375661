/**
 * A bulletin (通报) as .docx in the layout of GB/T 9704-2012: 版头 (the
 * issuing organ's mark in red, the document number, the red separator),
 * the title, 主送, the body composed by bulletin-text.ts with its table and
 * chart (bulletin-chart.ts: SVG with a PNG fallback), the signature and date, and the 版记 (抄送 and the printing line
 * between rules) at the foot of the last page. Page numbers "— 1 —" in 宋体 四号 sit at the foot, right on
 * odd pages and left on even pages, one character in from the edge of the
 * text. Measures and fonts (and how missing fonts are substituted) are in
 * gbt9704.ts.
 *
 * Pure: content in, bytes out. Every string from the data goes into a text
 * run (the docx package escapes it) after `printable` drops what XML cannot
 * hold, so a task title is only ever text.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  Header,
  ImageRun,
  LineRuleType,
  OverlapType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableAnchorType,
  TableCell,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { BulletinContent } from './bulletin-content.js';
import { bulletinBody, chineseDate, printable, type BulletinBlock } from './bulletin-text.js';
import { renderBulletinChart, type ChartImage } from './bulletin-chart.js';
import { CHAR, FONT, fontTableXml, LINE, PAGE, RED, SIZE, TEXT_HEIGHT, TEXT_WIDTH } from './gbt9704.js';

export interface BulletinDocxOptions {
  /** Prints a 征求意见稿 mark under the number line and a 草稿 line at the top of every page. */
  draft?: boolean;
  /**
   * The copy LibreOffice converts to PDF, never given to a reader: the chart's picture is its SVG itself.
   * LibreOffice draws a picture's blip and ignores its SVG extension, and reads the blip's format from its
   * bytes: so the PDF holds the chart as vector and text, not as the PNG fallback (ADR 0026).
   */
  forPdf?: boolean;
}

/** The bulletin rendered as .docx bytes. */
export async function renderBulletinDocx(content: BulletinContent, options: BulletinDocxOptions = {}): Promise<Uint8Array> {
  const draft = options.draft === true;
  const blocks = bulletinBody(content);
  // The one chart is drawn before the document is laid out (resvg works off the event loop).
  const chartBlock = blocks.find((b) => b.kind === 'chart');
  const chart = chartBlock === undefined ? null : await renderBulletinChart(chartBlock.sections, { png: options.forPdf !== true });
  const document = new Document({
    creator: printable(content.issuer),
    // The package's own default is an English placeholder ("Un-named").
    lastModifiedBy: printable(content.issuer),
    title: printable(content.title),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: bodyFont(FONT.body), size: SIZE.三号, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...PAGE.margin, header: PAGE.header, footer: PAGE.footer, gutter: 0 },
          },
        },
        headers: draft ? { default: draftHeader(), even: draftHeader() } : undefined,
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [...head(content, draft), ...blocks.flatMap((block) => blockElements(block, chart)), ...signature(content), ...record(content)],
      },
    ],
  });
  const bytes = await Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A CJK font with Times New Roman for Latin letters and digits. */
function bodyFont(eastAsia: string): IRunOptions['font'] {
  return { ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, eastAsia };
}

/** One run of text from the data or from the wording, always as plain text. */
function run(text: string, style: Omit<IRunOptions, 'text' | 'children'> = {}): TextRun {
  return new TextRun({ ...style, text: printable(text) });
}

function para(options: IParagraphOptions): Paragraph {
  return new Paragraph(options);
}

/** 版头: the organ's mark, the number line (and a draft's mark), the red separator; then the title and 主送. */
function head(content: BulletinContent, draft: boolean): Paragraph[] {
  const organ = printable(content.issuer).trim();
  const mark = printable(content.mark ?? '').trim() || (/通报$/.test(organ) ? organ : `${organ}督查通报`);
  // A draft has no number yet (and one made before drafts went unnumbered carries a blank serial): the line stays empty.
  const number = printable(content.documentNumber).trim();
  const printedNumber = number === '' || /〔\d{4}〕\s*号$/.test(number) ? '' : number;
  // As large as fits on one line of the 156 mm text width, between 二号 and 初号.
  const markSize = Math.max(SIZE.二号, Math.min(SIZE.初号, Math.floor((TEXT_WIDTH / 10 / Math.max(1, [...mark].length)) * 0.95)));
  const separator = { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } };
  const numberLine = para({
    alignment: AlignmentType.CENTER,
    spacing: { before: LINE * 2 },
    border: draft ? undefined : separator,
    children: [run(printedNumber, { font: bodyFont(FONT.body) })],
  });
  const out: Paragraph[] = [
    para({
      alignment: AlignmentType.CENTER,
      spacing: { before: LINE, line: Math.round(markSize * 10 * 1.2), lineRule: LineRuleType.AT_LEAST },
      children: [run(mark, { font: bodyFont(FONT.title), size: markSize, color: RED })],
    }),
    numberLine,
  ];
  // A draft's number line leaves the serial blank; its mark comes under it, above the red line.
  if (draft) {
    out.push(
      para({
        alignment: AlignmentType.CENTER,
        border: separator,
        children: [run('（征求意见稿）', { font: bodyFont(FONT.heading1), size: SIZE.三号, color: RED })],
      }),
    );
  }
  out.push(
    para({
      alignment: AlignmentType.CENTER,
      spacing: { before: LINE * 2, after: LINE, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(content.title, { font: bodyFont(FONT.title), size: SIZE.二号 })],
    }),
    para({ children: [run(`${printable(content.recipients).trim()}：`)] }),
  );
  return out;
}

function blockElements(block: BulletinBlock, chart: ChartImage | null): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading1':
      return [para({ indent: { firstLine: 2 * CHAR }, keepNext: true, children: [run(block.text, { font: bodyFont(FONT.heading1) })] })];
    case 'heading2':
      return [para({ indent: { firstLine: 2 * CHAR }, keepNext: true, children: [run(block.text, { font: bodyFont(FONT.heading2) })] })];
    case 'paragraph':
      return [para({ alignment: AlignmentType.BOTH, indent: { firstLine: 2 * CHAR }, children: [run(block.text)] })];
    case 'caption':
      return [para({ alignment: AlignmentType.CENTER, keepNext: true, children: [run(block.text, { font: bodyFont(FONT.heading1), size: SIZE.四号 })] })];
    case 'note':
      return [
        para({
          alignment: AlignmentType.BOTH,
          spacing: { line: 440, lineRule: LineRuleType.EXACT, after: 120 },
          children: [run(block.text, { size: SIZE.四号 })],
        }),
      ];
    case 'table':
      return [table(block.header, block.rows), para({ spacing: { line: 240, lineRule: LineRuleType.EXACT }, children: [] })];
    case 'chart': {
      if (chart === null) return [];
      const size = { width: chart.width, height: chart.height };
      const altText = { name: '各领域任务进度状态分布', description: '各领域绿灯、黄灯、红灯、暂无数据任务数的堆积条形图', title: '图1' };
      return [
        para({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120 },
          children: [
            chart.png === null
              ? new ImageRun({ type: 'png', data: new TextEncoder().encode(chart.svg), transformation: size, altText })
              : new ImageRun({
                  type: 'svg',
                  data: new TextEncoder().encode(chart.svg),
                  fallback: { type: 'png', data: chart.png },
                  transformation: size,
                  altText,
                }),
          ],
        }),
      ];
    }
  }
}

/** Column widths of the section table but the second (the section's name), which takes the room left. */
const COLUMN_WIDTHS = [660, 0, 900, 760, 760, 760, 1100];

/** The section table: 小四 text; a header row repeated on each page; rows never split. */
function table(header: string[], rows: string[][]): Table {
  const narrow = 900;
  const fixed = header.reduce((sum, _, i) => sum + (i === 1 ? 0 : (COLUMN_WIDTHS[i] ?? narrow)), 0);
  const widths = header.map((_, i) => (i === 1 ? TEXT_WIDTH - fixed : (COLUMN_WIDTHS[i] ?? narrow)));
  const cell = (text: string, i: number, bold: boolean): TableCell =>
    new TableCell({
      width: { size: widths[i] ?? narrow, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60 },
      children: [
        para({
          alignment: i === 1 && !bold ? AlignmentType.LEFT : AlignmentType.CENTER,
          spacing: { line: 360, lineRule: LineRuleType.EXACT },
          children: [run(text, { size: SIZE.小四, font: bodyFont(bold ? FONT.heading1 : FONT.body) })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** 落款: the organ and, under it, the date, to the right (右空二字 / 右空四字). */
function signature(content: BulletinContent): Paragraph[] {
  return [
    para({ children: [] }),
    para({ alignment: AlignmentType.RIGHT, indent: { right: 2 * CHAR }, keepNext: true, children: [run(content.issuer)] }),
    para({ alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, children: [run(chineseDate(content.date))] }),
  ];
}

/** A line of the 版记: rows of an exact height. */
const RECORD_ROW = 440;

/**
 * 版记: 抄送 and the printing line, 四号, one character in from each end,
 * between a thick rule (first and last) and a thin one (between them). A
 * table floating at the foot of the text area, so that it sits at the bottom
 * of the last page (版记置于最后一页底部) whatever the body's length; the
 * paragraph after it holds its anchor.
 */
function record(content: BulletinContent): (Paragraph | Table)[] {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const copyTo = printable(content.copyTo).trim();
  const [organ, date] = splitPrintedBy(content.printedBy);
  const indent = '\u3000';
  // Each line set on an exact line inside its exact row, not on the body's 28.95 pt line.
  const line = { spacing: { line: RECORD_ROW - 40, lineRule: LineRuleType.EXACT } };
  const lines: Paragraph[] = [];
  if (copyTo !== '') lines.push(para({ ...line, children: [run(`${indent}抄送：${copyTo.replace(/[。.]$/, '')}。`, { size: SIZE.四号 })] }));
  lines.push(
    para({
      ...line,
      // The words stand one character in from each end (左右各空一字).
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - Math.round((CHAR * SIZE.四号) / SIZE.三号) }],
      children: [
        run(`${indent}${organ}`, { size: SIZE.四号 }),
        ...(date === '' ? [] : [new TextRun({ size: SIZE.四号, children: [new Tab()] }), run(date, { size: SIZE.四号 })]),
      ],
    }),
  );
  const height = lines.length * RECORD_ROW;
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: thin, insideVertical: none },
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    // From the page's left edge, not centred in the margins: LibreOffice keeps a floating table as
    // wide as the text area in the flow unless its position is given from the page.
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: PAGE.margin.left,
      verticalAnchor: TableAnchorType.MARGIN,
      absoluteVerticalPosition: TEXT_HEIGHT - height,
      overlap: OverlapType.NEVER,
    },
    rows: lines.map(
      (words) =>
        new TableRow({
          cantSplit: true,
          height: { value: RECORD_ROW, rule: HeightRule.EXACT },
          children: [new TableCell({ verticalAlign: VerticalAlignTable.CENTER, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children: [words] })],
        }),
    ),
  });
  return [table, para({ spacing: { line: 240, lineRule: LineRuleType.AUTO }, children: [] })];
}

/** "临河区人民政府办公室 2026年4月3日印发" → the organ and the date part, printed at the two ends of the line. */
function splitPrintedBy(printedBy: string): [string, string] {
  const text = printable(printedBy).trim();
  const m = /^(.*\S)\s+(\S+印发)$/.exec(text);
  return m === null ? [text, ''] : [m[1] ?? text, m[2] ?? ''];
}

/** "— 1 —" in 宋体 四号, one character in from the right (odd pages) or the left (even pages). */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const style = { font: bodyFont(FONT.pageNumber), size: SIZE.四号 };
  return new Footer({
    children: [
      para({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: CHAR } : { left: CHAR },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ ...style, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** A plain line at the top of a draft's pages: no watermark, nothing that could survive into the issued copy. */
function draftHeader(): Header {
  return new Header({
    children: [
      para({
        alignment: AlignmentType.RIGHT,
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [run('草稿　仅供审阅，不得印发', { font: bodyFont(FONT.heading1), size: SIZE.五号, color: '808080' })],
      }),
    ],
  });
}
