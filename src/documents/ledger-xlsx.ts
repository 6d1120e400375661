/**
 * The ledger (任务台账) as an Excel workbook: data in, bytes out.
 *
 * One row per task and target (a task without targets takes one row). The
 * task's own cells (number, section, text, owners, deadline, light, last
 * report, reasons) are merged down over its target rows, so that the task
 * prints once, wrapped, beside its targets; a program reading the cells
 * (the importer among them) gets the task's value on each of its rows. Rows
 * are as tall as their wrapped text (xlsx-fit.ts: spreadsheet programs do
 * not fit rows to merged cells). The last column says why each task has its
 * light (亮灯原因): one reason a line. A title row above one header row; the
 * header repeats on every printed page; frozen header, filters; A3 landscape
 * fitted to the width, the columns narrow enough that 11-point type prints at
 * 10 points or more.
 *
 * With `bySection`, the first sheet still holds the whole ledger (so the
 * workbook reads back into the importer as one plan), followed by one sheet
 * per section.
 *
 * Every text is written as a string value, never as a formula: exceljs
 * stores strings as shared strings, and nothing here builds a { formula }.
 */
import type ExcelJS from 'exceljs';
import type { PaperSize, Style as CellStyle } from 'exceljs';
import type { Light } from '../domain/status.js';
import type { LedgerEntry, LedgerExport, LedgerTarget } from './ledger-content.js';
import { linesHeight, MAX_ROW_HEIGHT, textLines } from './xlsx-fit.js';

type Workbook = InstanceType<typeof ExcelJS.Workbook>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;
type CellValue = string | number | Date | null;

export interface LedgerXlsxOptions {
  /** One sheet per section after the whole ledger. */
  bySection?: boolean;
}

interface Column {
  header: string;
  width: number;
  value(task: LedgerEntry, target: LedgerTarget | undefined, ledger: LedgerExport): CellValue;
  numFmt?: string;
  center?: boolean;
  /** The task's own cell: written once, merged over the task's target rows. */
  task?: boolean;
}

export const LIGHT_LABELS: Record<Light, string> = { green: '绿', yellow: '黄', red: '红', none: '未评' };
const LIGHT_FILLS: Record<Light, string | null> = { green: 'FF70C17A', yellow: 'FFFFD966', red: 'FFF4796B', none: null };

const COLUMNS: Column[] = [
  { header: '序号', width: 4, value: (t) => t.number, center: true, task: true },
  { header: '部分', width: 8, value: (t, _, l) => sectionLabel(l, t.section), task: true },
  { header: '工作任务', width: 41, value: (t) => t.text, task: true },
  { header: '牵头领导', width: 7, value: (t) => t.leaders.join('、'), task: true },
  { header: '牵头单位', width: 13, value: (t) => t.hostUnits.join('、'), task: true },
  { header: '责任单位', width: 13, value: (t) => t.coUnits.join('、'), task: true },
  { header: '完成时限', width: 7, value: (t) => deadlineCell(t), center: true, task: true },
  { header: '目标', width: 19, value: (_, g) => g?.text ?? '' },
  { header: '计划值', width: 8, value: (_, g) => (g === undefined ? '' : quantity(g.value, g.unit, g.qualifiers)), center: true },
  { header: '最新完成值', width: 8, value: (_, g) => (g === undefined ? '' : quantity(g.actual, g.unit, [])), center: true },
  { header: '完成率', width: 7, value: (_, g) => g?.completion ?? null, numFmt: '0.0%', center: true },
  { header: '状态', width: 6, value: (t) => LIGHT_LABELS[t.light] + (t.completed ? '（已销号）' : ''), center: true, task: true },
  {
    header: '最近报送日期',
    width: 9,
    value: (t) => (t.lastReportedOn === null ? null : utcDate(t.lastReportedOn)),
    numFmt: 'yyyy-mm-dd',
    center: true,
    task: true,
  },
  { header: '亮灯原因', width: 19, value: (t) => t.reasons.join('\n'), task: true },
];

/** Header columns, in order (1-based column = index + 1). */
export const LEDGER_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);
const LIGHT_COLUMN = COLUMNS.findIndex((c) => c.header === '状态') + 1;
/** Excel's paper size code for A3, which exceljs's PaperSize enum leaves out. */
const A3 = 8 as unknown as PaperSize;
const TITLE_ROW = 1;
const HEADER_ROW = 2;
/** The body's type size in points; fitted to an A3 page's width it prints at 10 points or more. */
const BODY_SIZE = 11;

export async function renderLedgerXlsx(ledger: LedgerExport, options: LedgerXlsxOptions = {}): Promise<Uint8Array> {
  // exceljs is loaded with the first ledger written: the server and the commands that write none start without it.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  // The author a spreadsheet shows: the plan's issuing government, never a program's name in English.
  workbook.creator = xmlSafe(ledger.plan.issuer ?? '') || '督查室';
  workbook.title = xmlSafe(`${ledger.plan.title}任务台账`);
  workbook.created = utcDate(ledger.asOf);
  const names = new Set<string>();
  addLedgerSheet(workbook, uniqueSheetName(options.bySection ? '全部任务' : '任务台账', names), ledger, ledger.tasks);
  if (options.bySection) {
    for (const section of sectionsInUse(ledger)) {
      const tasks = ledger.tasks.filter((t) => t.section === section);
      addLedgerSheet(workbook, uniqueSheetName(sectionLabel(ledger, section) || '未分部分', names), ledger, tasks);
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function addLedgerSheet(workbook: Workbook, name: string, ledger: LedgerExport, tasks: readonly LedgerEntry[]): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: A3,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));

  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = xmlSafe(titleText(ledger));
  title.getCell(1).font = { name: '宋体', size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 48;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, COLUMNS.length);

  const header = sheet.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: '黑体', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = THIN;
  });
  header.height = Math.max(24, linesHeight(Math.max(...COLUMNS.map((c) => textLines(c.header, c.width, 11))), 11));

  let rowNumber = HEADER_ROW;
  for (const task of tasks) {
    const targets: (LedgerTarget | undefined)[] = task.targets.length === 0 ? [undefined] : task.targets;
    const first = rowNumber + 1;
    const heights: number[] = [];
    for (const target of targets) {
      rowNumber += 1;
      const row = sheet.getRow(rowNumber);
      COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        // Shared style objects: exceljs writes each distinct object once (15,000 rows in about a second).
        cell.style = i + 1 === LIGHT_COLUMN ? LIGHT_STYLES[task.light] : (BODY_STYLES[i] ?? {});
        if (c.task && rowNumber !== first) return;
        const value = c.value(task, target, ledger);
        cell.value = typeof value === 'string' ? xmlSafe(value) : value;
      });
      heights.push(linesOf(COLUMNS.filter((c) => !c.task).map((c) => c.value(task, target, ledger))));
    }
    const taskLines = linesOf(
      COLUMNS.filter((c) => c.task === true).map((c) => c.value(task, undefined, ledger)),
      COLUMNS.filter((c) => c.task === true),
    );
    setHeights(sheet, first, heights, taskLines);
    if (rowNumber > first) COLUMNS.forEach((c, i) => c.task && sheet.mergeCells(first, i + 1, rowNumber, i + 1));
  }
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(rowNumber, HEADER_ROW), column: COLUMNS.length } };
  return sheet;
}

/** The lines the tallest of these cells takes (their columns, in order; the target columns unless told). */
function linesOf(values: readonly CellValue[], columns: readonly Column[] = COLUMNS.filter((c) => !c.task)): number {
  return Math.max(1, ...values.map((v, i) => (typeof v === 'string' && v !== '' ? textLines(v, columns[i]?.width ?? 10, BODY_SIZE) : 1)));
}

/**
 * Each target row as tall as its own cells; when the task's merged cells need
 * more, the rows share what is missing.
 */
function setHeights(sheet: Worksheet, first: number, targetLines: readonly number[], taskLines: number): void {
  const own = targetLines.map((lines) => linesHeight(lines, BODY_SIZE));
  const missing = Math.max(0, linesHeight(taskLines, BODY_SIZE) - own.reduce((a, b) => a + b, 0));
  own.forEach((height, i) => {
    sheet.getRow(first + i).height = Math.min(MAX_ROW_HEIGHT, height + Math.ceil(missing / own.length));
  });
}

const LINE = { style: 'thin' as const, color: { argb: 'FF808080' } };
const THIN = { top: LINE, left: LINE, bottom: LINE, right: LINE };
type Style = Partial<CellStyle>;

const BODY_STYLES: Style[] = COLUMNS.map((c) => ({
  ...(c.numFmt === undefined ? {} : { numFmt: c.numFmt }),
  alignment: { vertical: 'top', wrapText: true, ...(c.center ? { horizontal: 'center' } : {}) },
  font: { name: '宋体', size: BODY_SIZE },
  border: THIN,
}));

const LIGHT_STYLES = Object.fromEntries(
  (Object.keys(LIGHT_FILLS) as Light[]).map((light) => {
    const argb = LIGHT_FILLS[light];
    const base = BODY_STYLES[LIGHT_COLUMN - 1] ?? {};
    return [light, argb === null ? base : { ...base, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } }];
  }),
) as Record<Light, Style>;

/** The plan's title on its own line (the importer reads it back as the title), then what this is and when. */
function titleText(ledger: LedgerExport): string {
  const [y, m, d] = ledger.asOf.split('-').map(Number);
  const notes = [ledger.plan.docNumber ?? '', `截至${y}年${m}月${d}日`].filter((p) => p !== '');
  return `${ledger.plan.title}\n任务台账（${notes.join('，')}）`;
}

function sectionLabel(ledger: LedgerExport, number: string | null): string {
  if (number === null) return '';
  const section = ledger.sections.find((s) => s.number === number);
  return section === undefined ? number : `${number}、${section.title}`;
}

function sectionsInUse(ledger: LedgerExport): (string | null)[] {
  const order = new Map(ledger.sections.map((s, i) => [s.number, i]));
  const used = [...new Set(ledger.tasks.map((t) => t.section))];
  return used.sort((a, b) => (a === null ? -1 : (order.get(a) ?? Infinity)) - (b === null ? -1 : (order.get(b) ?? Infinity)));
}

/** The words of the deadline as the notice gave them, else its date in words the importer reads back. */
function deadlineCell(t: LedgerEntry): string {
  if (t.deadlineText !== null) return t.deadlineText;
  if (t.deadline === null) return '';
  const [y, m, d] = t.deadline.split('-').map(Number);
  return `${y}年${m}月${d}日前`;
}

const QUALIFIERS_BEFORE = new Set(['力争', '确保', '争取', '达到', '突破', '超过']);

function quantity(value: number | null, unit: string | null, qualifiers: readonly string[]): string {
  if (value === null) return '';
  const before = qualifiers.filter((q) => QUALIFIERS_BEFORE.has(q)).join('');
  const after = qualifiers.filter((q) => !QUALIFIERS_BEFORE.has(q)).join('');
  return `${before}${formatNumber(value)}${unit ?? ''}${after}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

const utcDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Excel's limits on sheet names: at most 31 characters, none of []:*?/\, not starting or ending with an apostrophe. */
export function sheetName(raw: string): string {
  const cleaned = raw
    .replace(/[[\]:*?/\\]/g, '・')
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/^'+|'+$/g, '')
    .trim();
  const chars = [...cleaned];
  return (chars.length > 31 ? chars.slice(0, 31).join('') : cleaned) || '工作表';
}

function uniqueSheetName(raw: string, taken: Set<string>): string {
  const base = sheetName(raw);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = `(${i})`;
    name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Characters XML 1.0 cannot hold are dropped (a stray control character would
 * make the file unreadable); a carriage return becomes the line feed Excel
 * breaks lines with (XML readers would turn it into one anyway).
 */
function xmlSafe(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
