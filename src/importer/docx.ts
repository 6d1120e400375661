/**
 * The .docx front end: Word document bytes → NoticeDocument.
 *
 * mammoth turns the document into simple, well-formed HTML in which direct
 * bold formatting survives as <strong>. A small tokenizer here turns that HTML
 * into lines of runs, so no HTML parser dependency is needed.
 */
import type Mammoth from 'mammoth';
import type { NoticeDocument, Run, SourceLine } from './document.js';
import { ImportError } from './errors.js';
import { checkInflatedSizes, checkZip, formatBytes } from './zip-guard.js';

/**
 * Word stores built-in style names in English whatever the UI language, but
 * some editors (WPS, older Chinese templates) write the localised names.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='副标题'] => h2:fresh",
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='标题 ${n}'] => h${n}:fresh`),
];

/**
 * mammoth builds the whole document in memory, several times the XML's size.
 * A notice's body is well under 1 MB of XML; 20 MB is thousands of pages.
 */
const MAX_BODY_XML = 20 * 1024 * 1024;

export async function readDocx(bytes: Uint8Array): Promise<NoticeDocument> {
  const { entries } = await checkZip(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('word/document.xml')) {
    const hint = names.has('xl/workbook.xml') ? '这是 Excel 表格，请按 .xlsx 导入' : '压缩包中没有 Word 正文';
    throw new ImportError('unsupported', `文件不是 Word 文档（${hint}）`);
  }
  const body = entries.find((e) => e.name === 'word/document.xml');
  if (body !== undefined && body.uncompressedSize > MAX_BODY_XML) {
    throw new ImportError('too_large', `Word 正文过大（解压后 ${formatBytes(body.uncompressedSize)}），请只保留任务分解通知后再导入`);
  }
  await checkInflatedSizes(bytes);
  const html = await toHtml(bytes);
  const lines = htmlToLines(html);
  const hasBold = lines.some((l) => l.runs.some((r) => r.bold && r.text.trim() !== ''));
  return { lines, hasBold };
}

/** mammoth, loaded with the first Word document: whoever reads no Word document (a command, the server at start) never loads it. */
const loadMammoth = async (): Promise<typeof Mammoth> => (await import('mammoth')).default;

async function toHtml(bytes: Uint8Array): Promise<string> {
  const mammoth = await loadMammoth();
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Images are dropped anyway; an empty src spares reading them into base64.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    return result.value;
  } catch {
    throw new ImportError('corrupt', '文件已损坏，无法读取 Word 文档内容');
  }
}

// ---------------------------------------------------------------------------
// HTML → tree. mammoth escapes text and writes balanced tags, so a forgiving
// tokenizer is enough: unknown or stray closing tags are ignored, unclosed
// elements are closed at the end.

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID_TAGS = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'wbr']);

export function parseHtml(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let m = tagRe.exec(html); m !== null; m = tagRe.exec(html)) {
    const top = stack[stack.length - 1] ?? root;
    if (m.index > last) top.children.push(decodeEntities(html.slice(last, m.index)));
    last = tagRe.lastIndex;
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue; // a comment
    if (m[1] === '/') {
      closeTag(stack, name);
      continue;
    }
    const el: Element = { tag: name, attrs: parseAttrs(m[3] ?? ''), children: [] };
    top.children.push(el);
    const selfClosing = (m[3] ?? '').trimEnd().endsWith('/');
    if (!VOID_TAGS.has(name) && !selfClosing) stack.push(el);
  }
  const top = stack[stack.length - 1] ?? root;
  if (last < html.length) top.children.push(decodeEntities(html.slice(last)));
  return root;
}

function closeTag(stack: Element[], name: string): void {
  for (let i = stack.length - 1; i > 0; i--) {
    if (stack[i]?.tag === name) {
      stack.length = i;
      return;
    }
  }
}

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    const key = m[1];
    if (key !== undefined) attrs[key.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

// ---------------------------------------------------------------------------
// Tree → lines. A "line" is a paragraph, heading, list item, or a table row
// (cells joined by a tab); a <br> inside a paragraph starts a new line, as it
// does on the page.

const PARAGRAPH_TAGS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BOLD_TAGS = new Set(['strong', 'b']);
/** Elements that start their own lines when met inside a paragraph-like element. */
const BLOCK_TAGS = new Set([...PARAGRAPH_TAGS, 'ul', 'ol', 'table', 'div', 'blockquote']);

class LineCollector {
  readonly lines: SourceLine[] = [];

  /** Table rows are not trimmed: a leading or trailing tab marks an empty column. */
  add(runs: Run[], heading: boolean, trim = true): void {
    const cleaned = trim ? trimRuns(mergeRuns(runs)) : mergeRuns(runs);
    if (cleaned.length > 0) this.lines.push({ line: this.lines.length + 1, runs: cleaned, heading });
  }
}

export function htmlToLines(html: string): SourceLine[] {
  const out = new LineCollector();
  walkBlock(parseHtml(html), out);
  return out.lines;
}

function walkBlock(el: Element, out: LineCollector): void {
  if (el.tag === 'table') {
    for (const runs of tableLines(el)) out.add(runs, false, false);
    return;
  }
  if (PARAGRAPH_TAGS.has(el.tag)) {
    emitParagraph(el, out);
    return;
  }
  for (const child of el.children) {
    if (typeof child === 'string') {
      // Text loose at block level (not produced by mammoth, but harmless).
      if (child.trim() !== '') out.add([{ text: child, bold: false }], false);
    } else {
      walkBlock(child, out);
    }
  }
}

/** Inline content becomes lines (split at <br>); nested blocks such as sub-lists follow. */
function emitParagraph(el: Element, out: LineCollector): void {
  const heading = HEADING_TAGS.has(el.tag);
  // One array for the whole paragraph: flush empties it in place, so nested
  // inline elements keep pushing into the line in force after a <br>.
  const current: Run[] = [];
  const flush = (): void => out.add(current.splice(0), heading);
  const nested: Element[] = [];
  for (const child of el.children) {
    if (typeof child !== 'string' && BLOCK_TAGS.has(child.tag)) {
      nested.push(child);
      continue;
    }
    collectInline(child, false, current, flush);
  }
  flush();
  for (const block of nested) walkBlock(block, out);
}

/** Collects runs; `onBreak` is called at each <br>, after which runs go to a fresh line. */
function collectInline(node: Node, bold: boolean, runs: Run[], onBreak: () => void): void {
  if (typeof node === 'string') {
    runs.push({ text: node, bold });
    return;
  }
  if (node.tag === 'br') {
    onBreak();
    return;
  }
  if (node.tag === 'img' || isNoteLink(node)) return;
  const b = bold || BOLD_TAGS.has(node.tag);
  for (const child of node.children) collectInline(child, b, runs, onBreak);
}

/** Footnote and endnote markers ([1], ↑) are navigation, not content. */
function isNoteLink(el: Element): boolean {
  const href = el.attrs.href ?? '';
  return el.tag === 'a' && /^#(footnote|endnote|comment)/.test(href);
}

/** Spans come from the document: cap them so a hostile gridSpan cannot make us loop for ever. */
const MAX_COLSPAN = 64;

interface Carry {
  runs: Run[];
  rowsLeft: number;
}

/**
 * One line per row, one tab per column boundary, so split('\t')[i] is column i
 * in every row: a cell spanning columns is followed by empty cells, and a
 * cell spanning rows repeats in each row (one leader merged over several
 * tasks belongs to each of them).
 */
function tableLines(table: Element): Run[][] {
  const carry = new Map<number, Carry>();
  const lines: Run[][] = [];
  for (const row of findAll(table, 'tr')) {
    const cells = row.children.filter((c): c is Element => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'));
    const columns: Run[][] = [];
    let next = 0;
    const takeCarry = (): boolean => {
      const c = carry.get(columns.length);
      if (c === undefined) return false;
      columns.push(c.runs);
      if (--c.rowsLeft <= 0) carry.delete(columns.length - 1);
      return true;
    };
    for (;;) {
      if (takeCarry()) continue;
      const cell = cells[next++];
      if (cell === undefined) {
        // Cells run out before a carried column: pad so the carried text keeps its column.
        if (![...carry.keys()].some((k) => k > columns.length)) break;
        columns.push([]);
        continue;
      }
      const runs = trimRuns(mergeRuns(cellRuns(cell)));
      const colspan = span(cell.attrs.colspan, MAX_COLSPAN);
      const rowspan = span(cell.attrs.rowspan, Number.MAX_SAFE_INTEGER);
      for (let i = 0; i < colspan; i++) {
        const content = i === 0 ? runs : [];
        if (rowspan > 1) carry.set(columns.length, { runs: content, rowsLeft: rowspan - 1 });
        columns.push(content);
      }
    }
    lines.push(joinColumns(columns));
  }
  return lines;
}

function span(attr: string | undefined, max: number): number {
  const n = Number.parseInt(attr ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

function joinColumns(columns: Run[][]): Run[] {
  const runs: Run[] = [];
  columns.forEach((cell, i) => {
    if (i > 0) runs.push({ text: '\t', bold: false });
    runs.push(...cell.map((r) => ({ ...r })));
  });
  // A row of empty cells is only tabs: report it as empty so it is skipped.
  return runs.every((r) => r.text.trim() === '') ? [] : mergeRuns(runs);
}

/** All text of a cell; its paragraphs and line breaks are joined by a space to stay on one line. */
function cellRuns(cell: Element): Run[] {
  const runs: Run[] = [];
  const separate = (): void => {
    if (runs.length > 0) runs.push({ text: ' ', bold: false });
  };
  const visit = (node: Node, bold: boolean): void => {
    if (typeof node === 'string') {
      runs.push({ text: node.replace(/[\t\r\n]+/g, ' '), bold });
      return;
    }
    if (node.tag === 'br' || node.tag === 'tr' || PARAGRAPH_TAGS.has(node.tag)) separate();
    if (node.tag === 'img' || isNoteLink(node)) return;
    const b = bold || BOLD_TAGS.has(node.tag);
    for (const child of node.children) visit(child, b);
  };
  for (const child of cell.children) visit(child, false);
  return collapseSpaces(runs);
}

/** Rows of this table only, not of tables nested in its cells (those stay inside their cell). */
function findAll(el: Element, tag: string): Element[] {
  const found: Element[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.tag === tag) found.push(child);
    else if (child.tag !== 'table') found.push(...findAll(child, tag));
  }
  return found;
}

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.bold === r.bold) prev.text += r.text;
    else out.push({ text: r.text, bold: r.bold });
  }
  return out;
}

/** Drops leading and trailing whitespace (including full-width indents) of the whole line. */
function trimRuns(runs: Run[]): Run[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length > 0 && (out[0]?.text.trimStart() ?? '') === '') out.shift();
  while (out.length > 0 && (out[out.length - 1]?.text.trimEnd() ?? '') === '') out.pop();
  const first = out[0];
  if (first !== undefined) first.text = first.text.trimStart();
  const last = out[out.length - 1];
  if (last !== undefined) last.text = last.text.trimEnd();
  return out;
}

function collapseSpaces(runs: Run[]): Run[] {
  const out: Run[] = [];
  let prevSpace = true;
  for (const r of runs) {
    let text = '';
    for (const ch of r.text) {
      const space = ch === ' ';
      if (space && prevSpace) continue;
      text += ch;
      prevSpace = space;
    }
    out.push({ text, bold: r.bold });
  }
  return out;
}
