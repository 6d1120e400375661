/**
 * The .xlsx front end: spreadsheet bytes → NoticeTable.
 *
 * exceljs loads the workbook; this module only turns its cells into display
 * text (what a clerk sees in Excel, never a formula) and hands the grid to
 * table.ts, which finds the header and the task rows.
 */
import type ExcelJS from 'exceljs';
import { ImportError } from './errors.js';
import { attachmentSection, buildTable, joinTables, type GridCell, type GridRow, type NoticeTable } from './table.js';
import { checkInflatedSizes, checkZip, formatBytes, readEntries, type ZipEntry } from './zip-guard.js';

type Workbook = InstanceType<typeof ExcelJS.Workbook>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;
type Cell = ReturnType<Worksheet['getCell']>;

export async function readXlsx(bytes: Uint8Array): Promise<NoticeTable> {
  const { entries } = await checkZip(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    const hint = names.has('word/document.xml') ? '这是 Word 文档，请按 .docx 导入' : '压缩包中没有工作簿';
    throw new ImportError('unsupported', `文件不是 Excel 表格（${hint}）`);
  }
  checkPartSizes(entries);
  await checkInflatedSizes(bytes);
  await checkExpansions(bytes);
  const workbook = await load(bytes);
  let headed: NoticeTable | null = null;
  const tables: NoticeTable[] = [];
  for (const sheet of sheetsInOrder(workbook)) {
    const table = buildTable(sheet.name, sheetGrid(sheet));
    headed ??= table;
    if (table !== null && table.rows.length > 0) tables.push(table);
  }
  const distinct = withoutRepeats(tables);
  if (distinct.length > 1) return joinSheets(distinct);
  const table = distinct[0] ?? headed;
  if (table !== null) return table;
  throw new ImportError('unsupported', '表格中找不到任务表头（应含“序号”“工作任务”“牵头单位”等列）');
}

/**
 * exceljs holds a whole sheet in memory as objects: a 30 MB sheet XML takes
 * about 9 s and 1 GB. A decomposition table of even thousands of tasks is far
 * below this limit, so a larger sheet is not a notice.
 */
const MAX_SHEET_XML = 20 * 1024 * 1024;

function checkPartSizes(entries: ZipEntry[]): void {
  for (const e of entries) {
    if (!/^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/.test(e.name) || e.uncompressedSize <= MAX_SHEET_XML) continue;
    throw new ImportError('too_large', `表格内容过多（“${e.name}”解压后 ${formatBytes(e.uncompressedSize)}），请只保留任务分解表后再导入`);
  }
}

/**
 * Worksheet parts exceljs would parse but the notice does not need. Data
 * validations are expanded cell by cell (a dropdown on a whole column costs
 * a million objects); <cols> with a huge max loops column by column.
 */
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'extLst', 'cols', 'tableParts', 'drawing', 'picture'];

async function load(bytes: Uint8Array): Promise<Workbook> {
  // exceljs is loaded with the first workbook read: whoever reads none (a command, the server at start) never loads it.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    // exceljs's typings declare their own Buffer (an ArrayBuffer); JSZip
    // underneath accepts an ArrayBuffer, and a copy keeps the caller's bytes untouched.
    await workbook.xlsx.load(bytes.slice().buffer, { ignoreNodes: IGNORED_NODES });
  } catch {
    throw new ImportError('corrupt', '文件已损坏，无法读取 Excel 表格内容');
  }
  return workbook;
}

/**
 * exceljs expands every merged range and every range of a defined name into
 * one object per cell while loading: a tiny file merging A1:XFD1048576 would
 * run for minutes. Count the cells first, from the XML, and refuse early.
 */
const MAX_MERGED_CELLS = 200_000;
const MAX_NAMED_CELLS = 300_000;
const RANGE_RE = /\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})/g;

async function checkExpansions(bytes: Uint8Array): Promise<void> {
  let merged = 0;
  let named = 0;
  const decoder = new TextDecoder('utf-8');
  for await (const [name, data] of readEntries(bytes, (n) => n === 'xl/workbook.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = decoder.decode(data);
    if (name === 'xl/workbook.xml') {
      for (const m of xml.matchAll(/<(?:\w+:)?definedName\b[^>]*>([^<]*)</g)) named += rangeCells(m[1] ?? '');
    } else {
      for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]*)"/g)) merged += rangeCells(m[1] ?? '');
    }
    if (merged > MAX_MERGED_CELLS) {
      throw new ImportError('unsupported', `表格中合并单元格的范围过大（约 ${merged} 个单元格），请取消整行整列的合并后再导入`);
    }
    if (named > MAX_NAMED_CELLS) {
      throw new ImportError('unsupported', `表格中“名称”引用的范围过大（约 ${named} 个单元格），请在名称管理器中删除后再导入`);
    }
  }
}

/** Cells covered by the A1:B2 ranges in a reference list; whole rows or columns ($A:$A) are not expanded by exceljs. */
function rangeCells(refs: string): number {
  let total = 0;
  for (const m of refs.matchAll(RANGE_RE)) {
    const cols = Math.abs(columnNumber(m[3] ?? 'A') - columnNumber(m[1] ?? 'A')) + 1;
    const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
    total += cols * rows;
  }
  return total;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Visible sheets first, in tab order: a hidden sheet is scratch space more often than the notice. */
function sheetsInOrder(workbook: Workbook): Worksheet[] {
  const sheets = workbook.worksheets;
  const visible = sheets.filter((s) => s.state === 'visible' || s.state === undefined);
  return [...visible, ...sheets.filter((s) => !visible.includes(s))];
}

/** The sheet's non-empty cells as display text, rows in order. */
export function sheetGrid(sheet: Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, GridCell>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (isMergeCopyToDrop(cell)) return;
      const value = cellValue(cell);
      if (value.text.trim() !== '') cells.set(col, value);
    });
    if (cells.size > 0) rows.push({ row: rowNumber, cells });
  });
  return rows.sort((a, b) => a.row - b.row);
}

/**
 * exceljs repeats a merged cell's value in every cell of the range. Across a
 * row that repetition is noise (a heading merged over all columns); down the
 * master's column it is meaning (one leader merged over several tasks), so
 * only that copy stays.
 */
function isMergeCopyToDrop(cell: Cell): boolean {
  const master = cell.master;
  return master !== cell && Number(master.col) !== Number(cell.col);
}

function cellValue(cell: Cell): GridCell {
  const cellBold = cell.font?.bold === true;
  return valueText(cell.value, cell.numFmt, cellBold);
}

/** Display text and bold fragments of any exceljs cell value. */
export function valueText(value: unknown, numFmt: string | undefined, cellBold: boolean): GridCell {
  if (value === null || value === undefined) return { text: '', bold: [] };
  if (typeof value === 'string') return { text: normalize(value), bold: [] };
  if (typeof value === 'number') return { text: formatNumber(value, numFmt), bold: [] };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', bold: [] };
  if (value instanceof Date) return { text: formatDate(value), bold: [] };
  if (typeof value !== 'object') return { text: '', bold: [] };
  if ('richText' in value) return richText(value.richText, cellBold);
  // A formula shows its cached result, never the formula itself.
  if ('formula' in value || 'sharedFormula' in value) {
    return 'result' in value ? valueText(value.result, numFmt, cellBold) : { text: '', bold: [] };
  }
  if ('hyperlink' in value || 'text' in value) {
    return 'text' in value ? valueText(value.text, numFmt, cellBold) : { text: '', bold: [] };
  }
  if ('error' in value && typeof value.error === 'string') return { text: value.error, bold: [] };
  return { text: '', bold: [] };
}

/** Runs without their own font take the cell's, as in Excel. */
function richText(runs: unknown, cellBold: boolean): GridCell {
  if (!Array.isArray(runs)) return { text: '', bold: [] };
  let text = '';
  const bold: string[] = [];
  for (const run of runs as unknown[]) {
    if (typeof run !== 'object' || run === null || !('text' in run) || typeof run.text !== 'string') continue;
    const font = 'font' in run && typeof run.font === 'object' && run.font !== null ? (run.font as { bold?: unknown }) : {};
    const isBold = font.bold === undefined ? cellBold : font.bold === true;
    const piece = normalize(run.text);
    text += piece;
    if (isBold && piece.trim() !== '') bold.push(piece.trim());
  }
  return { text, bold };
}

function normalize(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

function formatNumber(n: number, numFmt: string | undefined): string {
  if (numFmt !== undefined && numFmt.includes('%')) {
    const decimals = /\.(0+)%/.exec(numFmt)?.[1]?.length ?? 0;
    return `${(n * 100).toFixed(decimals)}%`;
  }
  if (Number.isInteger(n)) return String(n);
  // Binary floats: 0.1 + 0.2 shows as 0.3 in Excel, not 0.30000000000000004.
  return String(Number(n.toPrecision(15)));
}

/** exceljs reads Excel dates as UTC midnights. */
function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Sheets that only repeat tasks of the sheets before them (a sheet per section after the whole list) add nothing. */
function withoutRepeats(tables: NoticeTable[]): NoticeTable[] {
  const seen = new Set<string>();
  return tables.filter((t) => {
    const texts = t.rows.map((r) => r.cells.text ?? '');
    if (texts.every((x) => seen.has(x))) return false;
    for (const x of texts) seen.add(x);
    return true;
  });
}

/** Sheets that each hold a table (附件1, 附件2 as sheets): one table, each sheet's rows under its title or name. */
function joinSheets(tables: NoticeTable[]): NoticeTable {
  const first = tables[0] as NoticeTable;
  const last = tables.at(-1) as NoticeTable;
  const label = (t: NoticeTable): string | null => attachmentSection(t.preamble.map((p) => p.text)) ?? (/^sheet\s*\d*$/i.test(t.sheet) ? null : t.sheet);
  const rows = joinTables(tables.map((t) => ({ rows: t.rows, label: label(t), offset: 0 })));
  return { ...first, rows, trailer: last.trailer };
}
