/**
 * The importer's model of a notice given as a table (a 分解表 in .xlsx), and
 * the reading of a sheet's grid into it: finding the header row, mapping
 * columns to roles, telling section headings, task rows and notes apart.
 *
 * The grid is library-neutral (xlsx.ts builds it from exceljs), so any other
 * tabular source can reuse this logic.
 */

/** `detail`: a second task column (工作目标 beside 重点任务), read as part of the task text. */
export type ColumnRole = 'number' | 'text' | 'detail' | 'leaders' | 'hosts' | 'coUnits' | 'units' | 'deadline' | 'section';

export interface TableRow {
  /** 1-based sheet row. */
  row: number;
  /** Raw text of the section header in force (e.g. "二、聚力…"), or the row's 类别 column value. */
  section: string | null;
  /** Trimmed cell text per role; roles whose cell is empty are absent. */
  cells: Partial<Record<ColumnRole, string>>;
  /** Bold fragments inside rich-text cells, if any. */
  bold: Partial<Record<ColumnRole, string[]>>;
}

export interface NoticeTable {
  sheet: string;
  /** Rows above the header: title, document number, notes. */
  preamble: { row: number; text: string }[];
  /** 1-based sheet row of the header (the lower row when the header spans two rows). */
  headerRow: number;
  /** 1-based sheet column of each role found in the header. */
  columns: Partial<Record<ColumnRole, number>>;
  rows: TableRow[];
  /** Notes after the last task row (注：…), and note rows met between tasks. */
  trailer: { row: number; text: string }[];
}

/** One cell of the grid: display text, plus bold fragments when the cell is rich text. */
export interface GridCell {
  text: string;
  bold: string[];
}

export interface GridRow {
  /** 1-based sheet row. */
  row: number;
  /** Keyed by 1-based column; empty cells are absent. */
  cells: Map<number, GridCell>;
}

/** Rows searched for the header: titles and notes above it rarely take more. */
export const HEADER_SCAN_ROWS = 30;

const ALIASES: [ColumnRole, string[]][] = [
  ['number', ['序号', '编号']],
  [
    'text',
    [
      '工作任务',
      '重点任务',
      '任务内容',
      '主要任务',
      '目标任务',
      '工作内容',
      '具体任务',
      '重点工作',
      '主要内容',
      '预期目标',
      '工作目标',
      '年度目标',
      '主要目标',
      '发展目标',
      '具体工作',
      '主要工作',
      '工作事项',
      '项目名称',
      '指标名称',
      '主要指标',
      '目标要求',
      '任务',
    ],
  ],
  [
    'leaders',
    ['责任领导', '牵头领导', '分管领导', '牵头区领导', '联系领导', '包抓领导', '责任区领导', '区领导', '县领导', '市领导', '负责领导', '督办领导', '包保领导'],
  ],
  ['hosts', ['牵头单位', '主办单位', '牵头部门', '主责单位', '牵头责任单位']],
  ['coUnits', ['配合单位', '协办单位', '配合部门', '协同单位', '参与单位', '协同责任单位', '配合责任单位', '协办部门', '协同部门']],
  ['units', ['责任单位', '承办单位', '责任部门', '实施单位', '责任科室', '责任处室']],
  ['deadline', ['完成时限', '完成时间', '时间节点', '完成期限', '时间要求', '时限']],
  ['section', ['类别', '领域', '板块', '分类', '部分']],
];

/** How much longer than the alias a header cell may be and still match ("任务内容及目标"). */
const HEADER_SLACK = 6;

/** Compares header cells without spaces, line breaks, notes in brackets or trailing colons. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（[^）]*）|\([^)]*\)/g, '')
    .replace(/[:：*＊]+$/, '');
}

/**
 * The role a header cell names, or null. An exact match wins; otherwise the
 * cell must contain an alias and be short. Among candidates the longer alias
 * wins, then the one ending later: in Chinese the head noun comes last
 * ("任务序号" is a number).
 */
export function headerRole(text: string): ColumnRole | null {
  const norm = normalizeHeader(text);
  if (norm === '') return null;
  let best: { role: ColumnRole; exact: boolean; len: number; end: number } | null = null;
  for (const [role, aliases] of ALIASES) {
    for (const alias of aliases) {
      const at = norm.lastIndexOf(alias);
      if (at < 0 || norm.length > alias.length + HEADER_SLACK) continue;
      const cand = { role, exact: norm === alias, len: alias.length, end: at + alias.length };
      if (best === null || better(cand, best)) best = cand;
    }
  }
  return best?.role ?? null;
}

function better(a: { exact: boolean; len: number; end: number }, b: { exact: boolean; len: number; end: number }): boolean {
  if (a.exact !== b.exact) return a.exact;
  if (a.len !== b.len) return a.len > b.len;
  return a.end > b.end;
}

/** Column → role for one row; the first column naming a role keeps it. */
function rowRoles(row: GridRow): Map<number, ColumnRole> {
  const roles = new Map<number, ColumnRole>();
  const seen = new Set<ColumnRole>();
  for (const [col, cell] of [...row.cells].sort((a, b) => a[0] - b[0])) {
    const named = headerRole(cell.text);
    // A second task column (重点任务 | 工作目标) holds more of the task's words.
    const role = named === 'text' && seen.has('text') ? 'detail' : named;
    if (role === null || seen.has(role)) continue;
    roles.set(col, role);
    seen.add(role);
  }
  return roles;
}

function isUsableHeader(roles: Map<number, ColumnRole>): boolean {
  const set = new Set(roles.values());
  return set.has('text') && (set.has('leaders') || set.has('hosts') || set.has('units'));
}

interface Header {
  /** First and last sheet rows of the header. */
  first: number;
  last: number;
  columns: Partial<Record<ColumnRole, number>>;
}

export function findHeader(rows: GridRow[]): Header | null {
  let bestIndex = -1;
  let bestRoles = new Map<number, ColumnRole>();
  for (const [index, row] of rows.entries()) {
    if (row.row > HEADER_SCAN_ROWS) break;
    const roles = rowRoles(row);
    if (isUsableHeader(roles) && roles.size > bestRoles.size) {
      bestIndex = index;
      bestRoles = roles;
    }
  }
  const top = rows[bestIndex];
  if (top === undefined) return null;
  const below = rows[bestIndex + 1];
  const sub = below !== undefined && below.row === top.row + 1 ? subHeaderRoles(top, below) : null;
  const merged = sub === null ? bestRoles : new Map([...bestRoles, ...sub]);
  return { first: top.row, last: sub === null ? top.row : top.row + 1, columns: assignColumns(merged) };
}

/**
 * A two-row header: "责任单位" over "牵头单位 | 配合单位". The row below counts
 * as header when every cell it holds is a header name (or repeats the cell
 * above, as a vertically merged 序号 does) and it names at least one role.
 */
function subHeaderRoles(top: GridRow, below: GridRow): Map<number, ColumnRole> | null {
  const roles = new Map<number, ColumnRole>();
  for (const [col, cell] of below.cells) {
    if (top.cells.get(col)?.text === cell.text) continue;
    const role = headerRole(cell.text);
    // "一、重点任务" names a role but is the first section heading, not a header.
    if (role === null || SECTION_RE.test(cell.text.trim())) return null;
    roles.set(col, role);
  }
  // A group header splits into at least two sub-columns.
  return roles.size >= 2 ? roles : null;
}

function assignColumns(byColumn: Map<number, ColumnRole>): Partial<Record<ColumnRole, number>> {
  const columns: Partial<Record<ColumnRole, number>> = {};
  for (const [col, role] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    if (columns[role] === undefined) columns[role] = col;
  }
  // "牵头单位 | 责任单位" without 配合单位: the second column lists the others.
  if (columns.units !== undefined && columns.hosts !== undefined && columns.coUnits === undefined) {
    columns.coUnits = columns.units;
    delete columns.units;
  }
  return columns;
}

// ---------------------------------------------------------------------------
// Rows below the header.

const CN_NUM = '[一二三四五六七八九十百零〇两]+';
const SECTION_RE = new RegExp(`^(第${CN_NUM}(部分|章|篇|节|类|项)|${CN_NUM}[、.．]|[（(]${CN_NUM}[)）])`);
/** A 序号 cell that numbers a section rather than a task: 一 / 一、 / （一） / 第一部分. */
const SECTION_NUMBER_RE = new RegExp(`^(第${CN_NUM}(部分|章|篇|节|类|项)|${CN_NUM}[、.．]?|[（(]${CN_NUM}[)）])$`);
const NOTE_RE = /^(注|备注|说明|附注)\s*\d*\s*[:：．.、]/;
/** Section headings are short; a long lone sentence is more likely a task without owners. */
const MAX_SECTION_CHARS = 40;

type Kind = { kind: 'skip' } | { kind: 'note'; text: string } | { kind: 'section'; text: string } | { kind: 'task' };

export function buildTable(sheet: string, rows: GridRow[]): NoticeTable | null {
  const header = findHeader(rows);
  if (header === null) return null;
  const table: NoticeTable = { sheet, preamble: [], headerRow: header.last, columns: header.columns, rows: [], trailer: [] };
  const pending: { row: number; text: string }[] = [];
  let section: string | null = null;
  for (const row of rows) {
    if (row.row < header.first) {
      const text = distinctTexts(row).join(' ');
      if (text !== '') table.preamble.push({ row: row.row, text });
      continue;
    }
    if (row.row <= header.last || repeatsHeader(row, header.columns)) continue;
    const kind = classify(row, header.columns);
    switch (kind.kind) {
      case 'skip':
        break;
      case 'note':
        table.trailer.push({ row: row.row, text: kind.text });
        break;
      case 'section':
        section = kind.text;
        pending.push({ row: row.row, text: kind.text });
        break;
      case 'task': {
        pending.length = 0;
        const task = taskRow(row, header.columns, section);
        const last = table.rows.at(-1);
        if (last !== undefined && continues(last, task)) mergeContinuation(last, task);
        else table.rows.push(task);
        break;
      }
    }
  }
  // Heading-like rows after the last task head nothing: they are closing notes or signatures.
  table.trailer.push(...pending);
  table.trailer.sort((a, b) => a.row - b.row);
  return table;
}

/** The header again at the top of the next page: its task column names the task column. */
function repeatsHeader(row: GridRow, columns: Partial<Record<ColumnRole, number>>): boolean {
  const text = cellText(row, columns.text);
  return text !== '' && text.length <= MAX_HEADER_CHARS && headerRole(text) === 'text';
}

/** Header cells are short; a longer cell is never a repeated header. */
const MAX_HEADER_CHARS = 16;

/**
 * A row that repeats the task's number and text right below it (one row per
 * target or per unit, or a task cell merged down several rows) continues the
 * same task: it is not a second task with a duplicate number.
 */
function continues(previous: TableRow, row: TableRow): boolean {
  return (
    row.cells.text !== undefined && row.cells.text === previous.cells.text && row.cells.number === previous.cells.number && row.section === previous.section
  );
}

const LIST_ROLES: ColumnRole[] = ['leaders', 'hosts', 'coUnits', 'units'];

/** Owners the continuation names that the task's first row does not are added to its lists; other cells keep the first row's. */
function mergeContinuation(task: TableRow, more: TableRow): void {
  for (const [role, text] of Object.entries(more.cells) as [ColumnRole, string][]) {
    const have = task.cells[role];
    if (have === undefined) {
      task.cells[role] = text;
      const bold = more.bold[role];
      if (bold !== undefined) task.bold[role] = bold;
    } else if (LIST_ROLES.includes(role) && have !== text && !have.split(/[、，,；;\s]+/).includes(text)) {
      task.cells[role] = `${have}、${text}`;
      task.bold[role] = [...(task.bold[role] ?? []), ...(more.bold[role] ?? [])];
    }
  }
}

function classify(row: GridRow, columns: Partial<Record<ColumnRole, number>>): Kind {
  const texts = distinctTexts(row);
  const first = texts[0];
  if (first === undefined) return { kind: 'skip' };
  if (NOTE_RE.test(first)) return { kind: 'note', text: texts.join(' ') };
  const at = (role: ColumnRole): string => cellText(row, columns[role]);
  if (texts.length === 1 && looksLikeLoneHeading(first, inOwnerColumn(row, columns))) {
    return { kind: 'section', text: first };
  }
  const paired = numberedHeading(row, columns);
  if (paired !== null) return { kind: 'section', text: paired };
  return at('text') === '' ? { kind: 'skip' } : { kind: 'task' };
}

/**
 * A row holding a single text (often merged across the sheet, so it may sit
 * in the 序号 column) is a heading, unless it is a bare number, is long, or
 * sits in an owner or deadline column (the continuation of a vertically
 * merged cell under an empty task).
 */
function looksLikeLoneHeading(text: string, ownerColumn: boolean): boolean {
  if (SECTION_RE.test(text)) return true;
  if (ownerColumn || /^[\d.．、\s]+$/.test(text)) return false;
  return text.length <= MAX_SECTION_CHARS;
}

const OWNER_ROLES: ColumnRole[] = ['leaders', 'hosts', 'coUnits', 'units', 'deadline'];

/** Whether the row's first non-empty cell is in an owner or deadline column. */
function inOwnerColumn(row: GridRow, columns: Partial<Record<ColumnRole, number>>): boolean {
  const first = [...row.cells].sort((a, b) => a[0] - b[0]).find(([, cell]) => cell.text.trim() !== '');
  return first !== undefined && OWNER_ROLES.some((role) => columns[role] === first[0]);
}

/** "一 | 聚力产业发展 | (empty owners)": the 序号 column numbers a section, the text column names it. */
function numberedHeading(row: GridRow, columns: Partial<Record<ColumnRole, number>>): string | null {
  const num = cellText(row, columns.number);
  const text = cellText(row, columns.text);
  if (num === '' || text === '' || !SECTION_NUMBER_RE.test(num)) return null;
  const others = [...row.cells.keys()].filter((c) => c !== columns.number && c !== columns.text && c !== columns.section);
  if (others.some((c) => cellText(row, c) !== '')) return null;
  return /[、.．）)]$/.test(num) || /^第/.test(num) ? `${num}${text}` : `${num}、${text}`;
}

function taskRow(row: GridRow, columns: Partial<Record<ColumnRole, number>>, section: string | null): TableRow {
  const cells: Partial<Record<ColumnRole, string>> = {};
  const bold: Partial<Record<ColumnRole, string[]>> = {};
  for (const [role, col] of Object.entries(columns) as [ColumnRole, number][]) {
    const cell = row.cells.get(col);
    const text = cell?.text.trim() ?? '';
    if (text === '') continue;
    cells[role] = text;
    if (cell !== undefined && cell.bold.length > 0) bold[role] = [...cell.bold];
  }
  return { row: row.row, section: cells.section ?? section, cells, bold };
}

function cellText(row: GridRow, col: number | undefined): string {
  return col === undefined ? '' : (row.cells.get(col)?.text.trim() ?? '');
}

/** Non-empty texts of a row in column order, each once: merged cells repeat their value. */
function distinctTexts(row: GridRow): string[] {
  const out: string[] = [];
  for (const [, cell] of [...row.cells].sort((a, b) => a[0] - b[0])) {
    const t = cell.text.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Several tables of one notice (附件1, 附件2; a table split at a page break).

const ATTACHMENT = /^附件\s*([0-9０-９一二三四五六七八九十]{1,3})\s*[:：]?\s*(.*)$/;
const TABLE_TITLE = /(?:表|清单|台账|目录)$/;

/**
 * The section a table stands for, from the few lines just above it: "附件2"
 * and a title ending in 表/清单, as "附件2 …分解表"; the title alone, or null.
 */
export function attachmentSection(above: readonly string[]): string | null {
  let label: string | null = null;
  let title: string | null = null;
  for (const text of above.slice(-4)) {
    const m = ATTACHMENT.exec(text);
    if (m) {
      label = `附件${m[1] ?? ''}`;
      if ((m[2] ?? '') !== '') title = m[2] ?? null;
    } else if (TABLE_TITLE.test(text) && text.length <= 80) {
      title = text;
    }
  }
  if (label === null) return title;
  return title === null ? label : `${label} ${title}`;
}

const numberOf = (row: TableRow | undefined): number | null => {
  const m = /^\d+/.exec(row?.cells.number ?? '');
  return m ? Number(m[0]) : null;
};

/** One table among several: its rows, the section its place gives it (附件2 …), and how far its rows are shifted. */
export interface TablePart {
  rows: TableRow[];
  label: string | null;
  offset: number;
}

/**
 * The rows of several tables as one. A table numbering on from the one before
 * continues it; when one numbers from 1 again they are attachments: rows
 * without a section of their own take their table's label, and all tasks are
 * numbered in one sequence.
 */
export function joinTables(parts: readonly TablePart[]): TableRow[] {
  const restarts = parts.some((p, k) => {
    const previous = numberOf(parts[k - 1]?.rows.at(-1));
    const next = numberOf(p.rows[0]);
    return k > 0 && (previous === null || next === null || next <= previous);
  });
  const rows: TableRow[] = [];
  let section: string | null = null;
  for (const part of parts) {
    if (restarts) section = part.label ?? section;
    for (const row of part.rows) {
      const number = restarts ? { number: String(rows.length + 1) } : {};
      rows.push({ ...row, row: row.row + part.offset, section: row.section ?? section, cells: { ...row.cells, ...number } });
    }
  }
  return rows;
}
