/**
 * `npm run samples`: writes the sample notice in its three formats and the unit
 * directory, all from scripts/sample-data.ts.
 *
 *   samples/notice.txt   as converted from a PDF: Markdown-ish headings with
 *                        stray markers, page breaks as blank lines inside
 *                        paragraphs, one heading split over two lines
 *   samples/notice.docx  a Word document: Title style, Heading 1 sections,
 *                        host units in bold runs where the txt has **…**
 *   samples/notice.xlsx  the decomposition table (分解表)
 *   samples/units.json   the unit directory
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import {
  CLOSING,
  DIRECTORY_GROUPS,
  DIRECTORY_UNITS,
  DOC_NUMBER,
  GENERAL,
  HEADLINE_PARAGRAPH,
  HEADLINE_TARGETS,
  INTRO,
  ISSUER,
  SALUTATION,
  SAMPLE_YEAR,
  SECTIONS,
  TASKS,
  TITLE,
  TITLE_LINES,
  TXT_HEADINGS,
  TXT_PAGE_BREAKS,
  TXT_SPACED_NUMBERS,
  XLSX_TITLE,
  annotationSegments,
  deadlineColumn,
  plainBody,
} from './sample-data.js';
import type { SampleSection, SampleTask } from './sample-data.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'samples');

const tasksOf = (section: SampleSection): SampleTask[] => TASKS.filter((t) => t.section === section.number);

/* ------------------------------------------------------------------ */
/* txt                                                                 */
/* ------------------------------------------------------------------ */

/** Inserts the page breaks listed for one paragraph. */
function withPageBreaks(key: number | 'intro' | 'general' | 'headline', text: string): string {
  let out = text;
  for (const brk of TXT_PAGE_BREAKS.filter((b) => b.in === key)) {
    const cut = brk.at.indexOf('|');
    const needle = brk.at.replace('|', '');
    const at = out.indexOf(needle);
    if (cut < 0 || at < 0 || out.indexOf(needle, at + 1) >= 0) {
      throw new Error(`page break ${brk.at} not found once in ${String(key)}`);
    }
    out = `${out.slice(0, at + cut)}\n\n${out.slice(at + cut)}`;
  }
  return out;
}

function txtHeading(section: SampleSection): string {
  const style = TXT_HEADINGS[section.number];
  if (!style) throw new Error(`no heading style for section ${section.number}`);
  const full = `${section.number}、${section.title}`;
  let head = full;
  let tail = '';
  if (style.splitTail) {
    if (!full.endsWith(style.splitTail)) throw new Error(`split tail of ${section.number}`);
    head = full.slice(0, full.length - style.splitTail.length);
    tail = style.splitTail;
  }
  let printed: string;
  switch (style.bold) {
    case 'all':
      printed = `**${head}**`;
      break;
    case 'first-clause': {
      const comma = head.indexOf('，');
      printed = comma > 0 ? `**${head.slice(0, comma)}**${head.slice(comma)}` : `**${head}**`;
      break;
    }
    case 'none':
      printed = head;
      break;
  }
  return style.marker + printed + (tail ? `\n\n## ${tail}` : '');
}

function txtTask(task: SampleTask): string {
  const annotation = annotationSegments(task)
    .map((s) => (s.bold ? `**${s.text}**` : s.text))
    .join('');
  const space = TXT_SPACED_NUMBERS.includes(task.number) ? ' ' : '';
  return withPageBreaks(task.number, `${task.number}.${space}${plainBody(task)}${annotation}`);
}

function renderTxt(): string {
  const paras: string[] = ['', DOC_NUMBER, `## ${TITLE_LINES.join(' ')}`, SALUTATION, withPageBreaks('intro', INTRO)];
  for (const section of SECTIONS) {
    paras.push(txtHeading(section));
    if (section.number === '一') {
      paras.push(withPageBreaks('general', GENERAL), withPageBreaks('headline', HEADLINE_PARAGRAPH));
    }
    for (const task of tasksOf(section)) paras.push(txtTask(task));
  }
  paras.push(CLOSING.issuer, CLOSING.date, CLOSING.publicity, '---', CLOSING.copyTo, '---', CLOSING.printedBy, CLOSING.printedDate, '---');
  return `${paras.join('\n\n')}\n`;
}

/* ------------------------------------------------------------------ */
/* docx                                                                */
/* ------------------------------------------------------------------ */

const BODY_FONT = '仿宋_GB2312';
const TITLE_FONT = '方正小标宋简体';
const HEADING_FONT = '黑体';
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

/** A body paragraph with the first-line indent of an official document. */
const bodyParagraph = (runs: TextRun[]): Paragraph => new Paragraph({ children: runs, indent: { firstLine: 640 }, spacing: { line: 560 } });

const plain = (text: string): Paragraph => bodyParagraph([new TextRun(text)]);

function renderDocx(): Document {
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(DOC_NUMBER)] }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: TITLE_LINES.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
    }),
    new Paragraph({ children: [new TextRun(SALUTATION)], spacing: { line: 560 } }),
    plain(INTRO),
  ];
  for (const section of SECTIONS) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        indent: { firstLine: 640 },
        children: [new TextRun(`${section.number}、${section.title}`)],
      }),
    );
    if (section.number === '一') children.push(plain(GENERAL), plain(HEADLINE_PARAGRAPH));
    for (const task of tasksOf(section)) {
      children.push(
        bodyParagraph([new TextRun(`${task.number}.${plainBody(task)}`), ...annotationSegments(task).map((s) => new TextRun({ text: s.text, bold: s.bold }))]),
      );
    }
  }
  const right = (text: string): Paragraph => new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(text)], spacing: { line: 560 } });
  children.push(
    right(CLOSING.issuer),
    right(CLOSING.date),
    plain(CLOSING.publicity),
    new Paragraph({ children: [new TextRun(CLOSING.copyTo)] }),
    new Paragraph({
      children: [new TextRun(CLOSING.printedBy), new TextRun({ text: `\t${CLOSING.printedDate}` })],
    }),
  );

  return new Document({
    creator: ISSUER,
    title: TITLE,
    styles: {
      default: {
        document: { run: { font: font(BODY_FONT), size: 32 } },
        title: { run: { font: font(TITLE_FONT), size: 44, color: '000000' } },
        heading1: { run: { font: font(HEADING_FONT), size: 32, bold: false, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  });
}

/* ------------------------------------------------------------------ */
/* xlsx                                                                */
/* ------------------------------------------------------------------ */

/**
 * The table: row 1 the title (merged), row 2 a note with the headline targets
 * (section 一 of the notice; merged), row 3 the header, then for each section a
 * merged row "二、…" followed by one row per task. The task text is the body
 * without the responsibility annotation; units and leaders are joined by 、.
 */
async function renderXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = ISSUER;
  wb.created = new Date(`${SAMPLE_YEAR}-02-20T00:00:00Z`);
  wb.modified = wb.created;
  const ws = wb.addWorksheet('分解表', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = [{ width: 7 }, { width: 80 }, { width: 14 }, { width: 22 }, { width: 34 }, { width: 14 }];
  const cols = 6;
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  const bodyFont: Partial<ExcelJS.Font> = { name: BODY_FONT, size: 11 };

  const merged = (text: string, f: Partial<ExcelJS.Font>, align: ExcelJS.Alignment['horizontal']) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, cols);
    const cell = row.getCell(1);
    cell.font = f;
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    return row;
  };

  merged(XLSX_TITLE, { name: TITLE_FONT, size: 18 }, 'center').height = 36;
  const note = `注：${SAMPLE_YEAR}年主要预期目标为：${HEADLINE_TARGETS.map((t) => t.text).join('，')}。`;
  merged(note, bodyFont, 'left').height = 36;

  const header = ws.addRow(['序号', '重点任务', '牵头领导', '牵头单位', '配合单位', '完成时限']);
  header.eachCell((cell) => {
    cell.font = { name: HEADING_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  });

  for (const section of SECTIONS) {
    const tasks = tasksOf(section);
    if (tasks.length === 0) continue;
    const row = merged(`${section.number}、${section.title}`, { name: HEADING_FONT, size: 11 }, 'left');
    row.getCell(1).border = border;
    for (const task of tasks) {
      const r = ws.addRow([
        task.number,
        plainBody(task),
        task.leaders.join('、'),
        task.hosts.join('、'),
        task.coGroups.flat().join('、'),
        deadlineColumn(task),
      ]);
      r.eachCell((cell, col) => {
        cell.font = bodyFont;
        cell.border = border;
        cell.alignment = { vertical: 'middle', horizontal: col === 2 ? 'left' : 'center', wrapText: true };
      });
    }
  }
  await wb.xlsx.writeFile(path);
}

/* ------------------------------------------------------------------ */
/* units.json                                                          */
/* ------------------------------------------------------------------ */

function renderUnits(): string {
  const directory = {
    units: DIRECTORY_UNITS.map((u) => ({ name: u.name, aliases: u.aliases })),
    groups: DIRECTORY_GROUPS,
  };
  return `${JSON.stringify(directory, null, 2)}\n`;
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, 'notice.txt'), renderTxt(), 'utf8');
  await writeFile(join(OUT, 'notice.docx'), await Packer.toBuffer(renderDocx()));
  await renderXlsx(join(OUT, 'notice.xlsx'));
  await writeFile(join(OUT, 'units.json'), renderUnits(), 'utf8');
  console.log(`samples written to ${OUT}: notice.txt, notice.docx, notice.xlsx, units.json`);
}

await main();
