/**
 * Tables flattened to text: a web page or a PDF of a Word table gives one
 * cell per paragraph. A run of short lines made of column words (序号 /
 * 工作任务 / 牵头单位 / 配合单位) is a header; it tells how many cells a row
 * holds and in which order. Each row starts with its number cell; the cells
 * up to the next number belong to it. Empty cells leave no paragraph, so the
 * cells are placed by what they look like, not only by their position.
 *
 * Several tables (附件1, 附件2) may follow each other, each numbering from 1;
 * their tasks are numbered in one sequence and take the table's attachment
 * label and title as their section. The result is the table model of
 * table.ts, read into a plan by tabular.ts like a spreadsheet.
 */
import { lineText, type NoticeDocument } from './document.js';
import { attachmentSection, headerRole, normalizeHeader, type ColumnRole, type NoticeTable, type TableRow } from './table.js';
import { isUnitGroup, splitUnitGroups } from './units.js';

interface Line {
  line: number;
  text: string;
  bold: string[];
}

/** Header cells are short; anything longer is text, which keeps the scan cheap. */
const MAX_HEADER_CELL = 16;
/** Columns a flattened table may have whose cells are read past, not used. */
const IGNORED_COLUMN = /^(?:备注|说明|工作措施|具体措施|推进措施|工作举措|进度安排|完成标志|成果形式|计划进度)$/;
const ROW_NUMBER = /^([0-9０-９]{1,3})[.．、]?$/;
/** Lines that close a table: the next attachment, notes, the copy list. */
const TABLE_END = /^(?:附件\s*[0-9０-９一二三四五六七八九十]{1,3}|注\s*\d*\s*[:：]|备注\s*[:：]|说明\s*[:：]|抄送|抄报)/;
const SECTION_HEADING = /^(?:第[一二三四五六七八九十]+(?:部分|篇|章)|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])/;
const MAX_HEADING = 40;
/** A 序号 cell that numbers a section, not a task: 一 / 一、 / （一）. */
const SECTION_NUMBER = /^(?:[一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十]+[)）])$/;
const OWNER_ROLES: ColumnRole[] = ['leaders', 'hosts', 'coUnits', 'units'];
const UNIT_SUFFIX =
  /(?:局|委|办|办公室|中心|部|院|所|公司|集团|园区|管委会|政府|镇|街道|街|乡|处|队|站|会|社|行|台|馆|校|厂|组|单位|部门|分局|银行|法院|检察院|厅|署|室|团|联|协|园|关|学|区|县|市)$/;
/** Verbs a task's text opens with; no unit's name does. */
const TASK_VERB =
  /^(?:建设|建成|推进|加快|完成|打造|实施|开展|新建|新增|提升|深化|强化|推动|落实|做好|抓好|确保|力争|实现|持续|全面|积极|大力|加强|创建|培育|引进|改造|扩大|启动|健全|完善|优化|促进|支持|组织|举办)/;
const LEADER_WORD = /(?:长|书记|主任|领导|主席|委员|常委|同志)$/;
const DEADLINE_LIKE = /(?:\d{4}年|\d{1,2}月|年底|年内|季度|长期|持续|全年|常态|前完成|底前|月底|年末)/;

/** One column slot of a flattened header; null: a column read past (备注). */
type Slot = ColumnRole | null;

interface Header {
  start: number;
  end: number;
  slots: Slot[];
}

/** The header whose first cell is at `i`, or null. */
function headerAt(lines: readonly Line[], i: number): Header | null {
  const slots: Slot[] = [];
  let j = i;
  while (j < lines.length) {
    const text = (lines[j] as Line).text;
    if (text.length > MAX_HEADER_CELL) break;
    const named = headerRole(text);
    const role = named === 'text' && slots.includes('text') ? 'detail' : named;
    if (role === null && !IGNORED_COLUMN.test(normalizeHeader(text))) break;
    if (role !== null && slots.includes(role)) break;
    slots.push(role);
    j++;
  }
  // "责任单位" over "牵头单位 | 配合单位": the group's name takes no cell of its own.
  const group = slots.findIndex((r, k) => r === 'units' && (slots[k + 1] === 'hosts' || slots[k + 1] === 'coUnits'));
  if (group >= 0) slots.splice(group, 1);
  // An empty cell over the number column leaves no paragraph: the first row's number tells it was there.
  if (slots[0] !== 'number' && !slots.includes('number') && j < lines.length && rowNumber((lines[j] as Line).text) === 1) slots.unshift('number');
  const roles = new Set(slots);
  const usable = slots[0] === 'number' && roles.has('text') && OWNER_ROLES.some((r) => roles.has(r));
  return usable ? { start: i, end: j, slots } : null;
}

const rowNumber = (text: string): number | null => {
  const m = ROW_NUMBER.exec(text);
  return m ? Number((m[1] ?? '').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) : null;
};

function unitTokens(cell: string): string[] {
  return splitUnitGroups(cell)
    .flat()
    .map((t) => t.name.replace(/（[^）]*）$|\([^)]*\)$/, ''));
}

/** A cell that lists units: every name ends in a unit word or stands for a group. */
function isUnitList(cell: string): boolean {
  const names = unitTokens(cell);
  // A figure or a leading verb makes a task ("新建幼儿园3所", "建设智慧城市"), never a unit's name.
  return names.length > 0 && names.every((n) => n.length <= 24 && !/[0-9%]/.test(n) && !TASK_VERB.test(n) && (UNIT_SUFFIX.test(n) || isUnitGroup(n)));
}

/** A cell that fits an owner column: units, or for leaders short names and posts. */
function fitsOwner(cell: string, role: ColumnRole): boolean {
  if (isUnitList(cell)) return true;
  if (role !== 'leaders') return false;
  const names = unitTokens(cell);
  return names.length > 0 && names.every((n) => n.length <= 4 || (n.length <= 16 && LEADER_WORD.test(n)));
}

/** A short topic cell before the task text: no sentence, no unit. */
const isCategory = (cell: string): boolean => cell.length <= 16 && !/[，,。；;]/.test(cell) && !isUnitList(cell);

interface Placed {
  cells: Partial<Record<ColumnRole, string>>;
  /** Cells after the row's columns that fit none of them (a closing line after the last row). */
  leftover: Line[];
}

/**
 * Places a row's cells into the header's slots. The long cell is the task
 * text; a short cell without unit words just before it is a category and
 * goes in front of the text; a text cell broken into paragraphs is joined;
 * an owner column without a cell is skipped when the cell is a deadline;
 * unit cells past the last column continue the last owner column.
 */
function place(row: readonly Line[], slots: readonly Slot[], last: boolean): Placed {
  const cells: Partial<Record<ColumnRole, string>> = {};
  const textSlot = slots.indexOf('text');
  let c = 0;
  let s = 1;
  const cell = (k: number): string | undefined => row[k]?.text;
  // Columns before the task (类别): a cell merged down several rows is printed in the first one only.
  for (; s < textSlot; s++) {
    const here = cell(c);
    const next = cell(c + 1);
    if (here === undefined || next === undefined || !isCategory(here) || isUnitList(next)) break;
    const role = slots[s];
    if (role) cells[role] = here;
    c++;
  }
  let category: string | null = null;
  const first = cell(c);
  const second = cell(c + 1);
  const isTextAfter = (t: string): boolean => t.length > (first ?? '').length && !fitsOwner(t, 'leaders') && !(DEADLINE_LIKE.test(t) && t.length <= 20);
  if (first !== undefined && second !== undefined && isCategory(first) && isTextAfter(second)) {
    category = first;
    c++;
  }
  const text = cell(c);
  if (text === undefined) return { cells, leftover: [] };
  const parts = [text];
  c++;
  s = textSlot + 1;
  const nextOwner = slots.slice(s).find((r): r is ColumnRole => r !== null && OWNER_ROLES.includes(r));
  const ownsNext = (more: string): boolean => nextOwner === undefined || fitsOwner(more, nextOwner) || (DEADLINE_LIKE.test(more) && more.length <= 20);
  // A second task column (工作目标) comes next, unless its cell is empty and an owner follows.
  const detail = slots[s] === 'detail' && c < row.length && !ownsNext(cell(c) as string) ? [cell(c++) as string] : null;
  if (slots[s] === 'detail') s++;
  // A long cell broken into paragraphs: lines that fit no owner column still belong to it.
  while (c < row.length && !ownsNext(cell(c) as string)) (detail ?? parts).push(cell(c++) as string);
  cells.text = category === null ? parts.join('') : `${category}：${parts.join('')}`;
  if (detail !== null) cells.detail = detail.join('');
  const deadlineSlot = slots.indexOf('deadline');
  let lastOwner: ColumnRole | null = null;
  while (c < row.length && s < slots.length) {
    const more = cell(c) as string;
    const role = slots[s];
    if (role && OWNER_ROLES.includes(role) && !fitsOwner(more, role) && deadlineSlot > s && DEADLINE_LIKE.test(more)) {
      s = deadlineSlot;
      continue;
    }
    // The table's last row: what fits no owner column is the page going on after the table.
    if (last && role && OWNER_ROLES.includes(role) && !fitsOwner(more, role) && !DEADLINE_LIKE.test(more)) break;
    // No leader named: the units stand where the leader would.
    const leaderNamed = unitTokens(more).some((n) => LEADER_WORD.test(n));
    if (role === 'leaders' && isUnitList(more) && !leaderNamed && slots.slice(s + 1).some((r) => r !== null && r !== 'leaders' && OWNER_ROLES.includes(r))) {
      s++;
      continue;
    }
    if (role) cells[role] = more;
    if (role && OWNER_ROLES.includes(role)) lastOwner = role;
    c++;
    s++;
  }
  while (lastOwner !== null && c < row.length && isUnitList(cell(c) as string)) {
    cells[lastOwner] = `${cells[lastOwner] ?? ''}、${cell(c) as string}`;
    c++;
  }
  return { cells, leftover: row.slice(c) };
}

interface FoundTable {
  header: Header;
  section: string | null;
  rows: { number: number; line: Line; section: string | null; cells: Partial<Record<ColumnRole, string>>; bold: string[] }[];
  /** Index of the first line after the table. */
  end: number;
  leftover: Line[];
}

/** The attachment label and title written above a header, after the previous table. */
function sectionAbove(lines: readonly Line[], from: number, headerStart: number): string | null {
  return attachmentSection(lines.slice(Math.max(from, headerStart - 4), headerStart).map((l) => l.text));
}

/**
 * A heading row inside a table just before a row number: "一、产业发展" merged
 * across the table (one paragraph), or "一" in the number column and its title
 * in the next cell (two paragraphs). Its text and how many lines it takes.
 */
function headingAt(lines: readonly Line[], k: number, next: number): { text: string; lines: number } | null {
  const text = lines[k]?.text ?? '';
  const startsRow = (at: number): boolean => {
    const n = rowNumber(lines[at]?.text ?? '');
    return n === next || n === 1;
  };
  if (text.length <= MAX_HEADING && SECTION_HEADING.test(text) && startsRow(k + 1)) return { text, lines: 1 };
  const title = lines[k + 1]?.text ?? '';
  if (SECTION_NUMBER.test(text) && title !== '' && title.length <= MAX_HEADING && !isUnitList(title) && startsRow(k + 2)) {
    return { text: /^[（(]/.test(text) ? `${text}${title}` : `${text.replace(/[、.．]$/, '')}、${title}`, lines: 2 };
  }
  return null;
}

function readTable(lines: readonly Line[], header: Header, section: string | null): FoundTable {
  const rows: FoundTable['rows'] = [];
  let k = header.end;
  let leftover: Line[] = [];
  let expected: number | null = null;
  let heading: string | null = null;
  const cellsPerRow = header.slots.length - 1;
  while (k < lines.length) {
    const found = headingAt(lines, k, expected ?? 1);
    if (found !== null) {
      heading = found.text;
      expected = null;
      k += found.lines;
      continue;
    }
    const numberLine = lines[k] as Line;
    const number = rowNumber(numberLine.text);
    if (number === null || (expected !== null && number !== expected)) break;
    k++;
    const cells: Line[] = [];
    while (k < lines.length) {
      const line = lines[k] as Line;
      if (rowNumber(line.text) === number + 1 || TABLE_END.test(line.text) || headingAt(lines, k, number + 1) !== null || headerAt(lines, k) !== null) break;
      // A runaway row: the table has ended and prose follows.
      if (cells.length >= cellsPerRow + 3) break;
      cells.push(line);
      k++;
    }
    const placed = place(cells, header.slots, rowNumber(lines[k]?.text ?? '') !== number + 1);
    if (placed.cells.text === undefined) {
      k -= cells.length + 1;
      break;
    }
    const bold = cells.flatMap((l) => l.bold);
    const above = rows.at(-1)?.cells.section;
    if (placed.cells.section === undefined && above !== undefined && header.slots.includes('section')) placed.cells.section = above;
    rows.push({ number, line: numberLine, section: heading ?? section, cells: placed.cells, bold });
    expected = number + 1;
    if (placed.leftover.length > 0) {
      leftover = placed.leftover;
      break;
    }
  }
  return { header, section, rows, end: k, leftover };
}

/** Flattened tables in a document, as one table; null when there are none. */
export function flatTableFromDocument(doc: NoticeDocument): NoticeTable | null {
  const lines: Line[] = [];
  for (const l of doc.lines) {
    const text = lineText(l).trim();
    if (text === '' || text.includes('\t')) continue;
    lines.push({ line: l.line, text, bold: l.runs.filter((r) => r.bold && r.text.trim() !== '').map((r) => r.text.trim()) });
  }
  const found: FoundTable[] = [];
  let i = 0;
  let after = 0;
  while (i < lines.length) {
    const header = (lines[i] as Line).text.length <= MAX_HEADER_CELL ? headerAt(lines, i) : null;
    if (header === null) {
      i++;
      continue;
    }
    const previous = found.at(-1);
    const firstNumber = rowNumber(lines[header.end]?.text ?? '');
    // The header repeated after a page break: the same table goes on.
    const continued =
      previous !== undefined &&
      firstNumber !== null &&
      firstNumber > 1 &&
      firstNumber === (previous.rows.at(-1)?.number ?? 0) + 1 &&
      previous.header.slots.join() === header.slots.join();
    const table = readTable(lines, header, continued ? previous.section : sectionAbove(lines, after, header.start));
    if (table.rows.length === 0) {
      i = header.end;
      continue;
    }
    found.push(table);
    after = table.end;
    i = table.end;
  }
  const first = found[0];
  const last = found.at(-1);
  if (first === undefined || last === undefined) return null;
  const columns: Partial<Record<ColumnRole, number>> = {};
  first.header.slots.forEach((role, k) => {
    if (role && columns[role] === undefined) columns[role] = k + 1;
  });
  const rows: TableRow[] = [];
  for (const table of found) {
    for (const r of table.rows) {
      const cells = { ...r.cells, number: String(rows.length + 1) };
      const bold = r.bold.length > 0 && cells.units !== undefined ? { units: r.bold } : {};
      rows.push({ row: r.line.line, section: cells.section ?? r.section, cells, bold });
    }
  }
  const headerLine = lines[first.header.start] as Line;
  const trailerLines = [...last.leftover, ...lines.slice(last.end)];
  return {
    sheet: '表格',
    preamble: lines.slice(0, first.header.start).map((l) => ({ row: l.line, text: l.text })),
    headerRow: headerLine.line,
    columns,
    rows,
    trailer: trailerLines.map((l) => ({ row: l.line, text: l.text })),
  };
}
