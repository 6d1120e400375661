/**
 * Many notices carry their decomposition as a table inside the document (the
 * 附件 分解表 of a Word file, a Markdown table from a PDF converter). Both
 * front ends give each table row as one line with tab-separated cells; this
 * reads those lines as a grid, so that the table path (header roles found by
 * name) applies to them too.
 */
import { lineText, type NoticeDocument, type SourceLine } from './document.js';
import { buildTable, type GridCell, type GridRow, type NoticeTable } from './table.js';

const isTableLine = (l: SourceLine): boolean => l.runs.some((r) => r.text.includes('\t'));

/** The first table of the document that has a task header, with the prose around it as preamble and trailer. */
export function tableFromDocument(doc: NoticeDocument): NoticeTable | null {
  const lines = doc.lines;
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
    if (table && table.rows.length > 0) {
      const text = (ls: SourceLine[]): { row: number; text: string }[] =>
        ls.map((l) => ({ row: l.line, text: lineText(l).trim() })).filter((x) => x.text !== '');
      return { ...table, preamble: [...text(lines.slice(0, start)), ...table.preamble], trailer: [...table.trailer, ...text(lines.slice(i))] };
    }
  }
  return null;
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
