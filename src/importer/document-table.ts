/**
 * Many notices carry their decomposition as a table inside the document (the
 * 附件 分解表 of a Word file, a Markdown table from a PDF converter). Both
 * front ends give each table row as one line with tab-separated cells; this
 * reads those lines as a grid, so that the table path (header roles found by
 * name) applies to them too.
 */
import { lineText, type NoticeDocument, type SourceLine } from './document.js';
import { attachmentSection, buildTable, joinTables, type GridCell, type GridRow, type NoticeTable, type TableRow } from './table.js';

const isTableLine = (l: SourceLine): boolean => l.runs.some((r) => r.text.includes('\t'));

interface Found {
  table: NoticeTable;
  /** Indexes of the table's first line and of the line after it. */
  start: number;
  end: number;
}

/**
 * The tables of the document that have a task header, as one table with the
 * prose around them as preamble and trailer. A later table that numbers on
 * from the one before continues it (a table split at a page break, its
 * header repeated); one that numbers from 1 again is another attachment:
 * its rows take the 附件 label and title above it as section, and all tasks
 * are numbered in one sequence.
 */
export function tableFromDocument(doc: NoticeDocument): NoticeTable | null {
  const lines = doc.lines;
  const found: Found[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line || !isTableLine(line)) {
      i++;
      continue;
    }
    const start = i;
    while (i < lines.length && isTableLine(lines[i] as SourceLine)) i++;
    const rows = lines.slice(start, i).map((l, k) => gridRow(l, k + 1));
    const table = buildTable('Word 表格', rows);
    if (table && table.rows.length > 0) found.push({ table, start, end: i });
  }
  const first = found[0];
  const last = found.at(-1);
  if (first === undefined || last === undefined) return null;
  const text = (ls: SourceLine[]): { row: number; text: string }[] => ls.map((l) => ({ row: l.line, text: lineText(l).trim() })).filter((x) => x.text !== '');
  return {
    ...first.table,
    rows: found.length === 1 ? first.table.rows : joinDocumentTables(found, lines),
    preamble: [...text(lines.slice(0, first.start)), ...first.table.preamble],
    trailer: [...last.table.trailer, ...text(lines.slice(last.end))],
  };
}

function joinDocumentTables(found: Found[], lines: SourceLine[]): TableRow[] {
  let offset = 0;
  const parts = found.map((f, k) => {
    const previousEnd = found[k - 1]?.end ?? 0;
    const above = lines.slice(Math.max(previousEnd, f.start - 4), f.start).map((l) => lineText(l).trim());
    const part = { rows: f.table.rows, label: attachmentSection(above), offset };
    offset += f.end - f.start;
    return part;
  });
  return joinTables(parts);
}

/** Splits a table line into cells at its tabs, keeping which pieces of each cell were bold. */
function gridRow(line: SourceLine, row: number): GridRow {
  const cells = new Map<number, GridCell>();
  let col = 1;
  let text = '';
  let bold: string[] = [];
  const flush = (): void => {
    if (text.trim() !== '') cells.set(col, { text: text.trim(), bold });
    col++;
    text = '';
    bold = [];
  };
  for (const run of line.runs) {
    const parts = run.text.split('\t');
    parts.forEach((part, k) => {
      if (k > 0) flush();
      text += part;
      if (run.bold && part.trim() !== '') bold.push(part.trim());
    });
  }
  flush();
  return { row, cells };
}
