/**
 * The PDF front end: a PDF's text layer → NoticeDocument. pdfjs gives text
 * items with their positions; lines are rebuilt from the items that share a
 * baseline, running headers, footers and page numbers are dropped, and the
 * lines go on as hard-wrapped text (blocks.ts joins what continues, across
 * pages too). pdfjs is loaded only when a PDF comes, so the text path stays fast.
 * A PDF without a text layer is a scan: `readPdf` says so and the caller OCRs it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { NoticeDocument } from './document.js';
import { ImportError } from './errors.js';
import { readText } from './text.js';

/** A rebuilt line: its text, and whether its type is clearly larger than the body's (a title or heading). */
export interface PageLine {
  text: string;
  heading: boolean;
}

/** A text item as pdfjs places it: left x, baseline y (up from the page's bottom), type size, advance width. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  size: number;
  width: number;
}

/** More pages than any notice has; a longer PDF is read up to here. */
export const MAX_PDF_PAGES = 500;

/** Fewer visible characters than this per page on average: the pages are images (a scan). */
const SCAN_CHARS_PER_PAGE = 20;

export type PdfReading = { kind: 'text'; document: NoticeDocument } | { kind: 'scan'; pages: number };

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Reads the text layer; a PDF whose pages carry (almost) no text is a scan. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const pages = await pdfTextItems(bytes);
  const visible = pages.reduce((n, items) => n + items.reduce((m, it) => m + it.text.replace(/\s/g, '').length, 0), 0);
  if (visible < SCAN_CHARS_PER_PAGE * pages.length) return { kind: 'scan', pages: pages.length };
  const lines = pages.map((items) => linesOfPage(items));
  return { kind: 'text', document: documentFromPages(markHeadings(lines)) };
}

/** Lines of a page with their type size, before headings are judged against the whole document. */
interface SizedLine {
  text: string;
  size: number;
}

/** Items on one baseline joined in x order; lines from the top of the page down. */
export function linesOfPage(items: readonly PlacedText[]): SizedLine[] {
  const sorted = items.filter((it) => it.text !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PlacedText[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    // Same baseline within half a character's height (a superscript or a mixed font shifts it slightly).
    if (row && first && Math.abs(first.y - item.y) <= Math.max(1, Math.min(first.size, item.size) * 0.5)) row.push(item);
    else rows.push([item]);
  }
  const lines: SizedLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    const text = joinRow(row).trim();
    if (text === '') continue;
    const sizes = row.filter((it) => it.text.trim() !== '').map((it) => it.size);
    lines.push({ text, size: Math.max(...sizes) });
  }
  return lines;
}

/** A space where the items stand apart (not between Chinese characters); a tab where they stand in columns. */
function joinRow(row: readonly PlacedText[]): string {
  let text = '';
  let end = -Infinity;
  let spaced = false;
  for (const item of row) {
    if (item.text.trim() === '') {
      spaced = true;
      end = Math.max(end, item.x + item.width);
      continue;
    }
    if (text !== '') {
      const gap = item.x - end;
      const em = item.size > 0 ? item.size : 10;
      const last = text[text.length - 1] ?? '';
      const next = item.text[0] ?? '';
      if (gap > 1.5 * em) text += '\t';
      else if ((spaced || gap > 0.25 * em) && !(CJK.test(last) && CJK.test(next))) text += ' ';
    }
    text += item.text;
    end = item.x + item.width;
    spaced = false;
  }
  return text;
}

/** Lines in type clearly larger than the body's (the size most characters are set in) are headings. */
function markHeadings(pages: SizedLine[][]): PageLine[][] {
  const weight = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  const body = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  return pages.map((lines) => lines.map((l) => ({ text: l.text, heading: body > 0 && l.size >= body * 1.2 })));
}

// ---------------------------------------------------------------------------
// Running headers, footers and page numbers.

const PAGE_NUMBER = [
  // - 3 -, — 3 —, －3－, ~3~
  /^[-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+$/,
  // 第3页, 第 3 页 共 7 页, 第3页/共7页, 共7页 第3页
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页$/,
  /^第\s*[一二三四五六七八九十百零〇]+\s*页$/,
  // 3/7, 3 / 7, Page 3 of 7, 3 of 7
  /^(?:page\s*)?\d{1,4}\s*(?:\/|of)\s*\d{1,4}$/i,
  /^page\s*\d{1,4}$/i,
];
const BARE_NUMBER = /^\d{1,4}$/;

/** How many lines at each end of a page may be a running header or footer. */
const EDGE = 2;

const isPageNumber = (text: string, atBottom: boolean): boolean => {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t)) || (atBottom && BARE_NUMBER.test(t));
};

/** A line's shape: its text without spaces, every number alike (a page's number or date changes, its words do not). */
const shapeOf = (text: string): string => text.replace(/\s+/g, '').replace(/\d+/g, '#');

/**
 * Drops what repeats at the top or the bottom of most pages (the same words,
 * perhaps with a changing number) and page-number lines: general rules, so
 * any government's header, footer or numbering style goes, and the body stays.
 */
export function dropRunningLines(pages: readonly (readonly PageLine[])[]): PageLine[][] {
  const tops = new Map<string, number>();
  const bottoms = new Map<string, number>();
  for (const lines of pages) {
    for (const shape of new Set(lines.slice(0, EDGE).map((l) => shapeOf(l.text)))) tops.set(shape, (tops.get(shape) ?? 0) + 1);
    for (const shape of new Set(lines.slice(-EDGE).map((l) => shapeOf(l.text)))) bottoms.set(shape, (bottoms.get(shape) ?? 0) + 1);
  }
  const most = Math.max(2, Math.ceil(pages.length / 2));
  const running = (counts: Map<string, number>, shape: string): boolean => pages.length >= 2 && (counts.get(shape) ?? 0) >= most;
  // A table's header row repeated atop each page (its cells apart, so tabbed) is kept where it first stands.
  const tableHeads = new Set<string>();
  return pages.map((lines) =>
    lines.filter((line, i) => {
      const fromEnd = lines.length - 1 - i;
      const top = i < EDGE;
      const bottom = fromEnd < EDGE;
      if (!top && !bottom) return true;
      const shape = shapeOf(line.text);
      if (top && running(tops, shape)) {
        if (!line.text.includes('\t') || tableHeads.has(shape)) return false;
        tableHeads.add(shape);
        return true;
      }
      if (bottom && running(bottoms, shape)) return false;
      // A page number stands first or last on its page (a bare number only last, or first above nothing else).
      if ((i === 0 || fromEnd === 0) && isPageNumber(line.text, fromEnd === 0)) return false;
      return true;
    }),
  );
}

/**
 * The pages' lines, headers and footers dropped, as hard-wrapped text: read
 * like a text notice (Markdown marks included, as a converted text shows them),
 * with the larger-type lines marked as headings.
 */
export function documentFromPages(pages: readonly (readonly PageLine[])[]): NoticeDocument {
  const lines = dropRunningLines(pages).flat();
  if (lines.length === 0) throw new ImportError('empty', 'PDF 文件中没有文字');
  const doc = readText(new TextEncoder().encode(lines.map((l) => l.text.replace(/[\r\n\f]/g, ' ')).join('\n')));
  for (const line of doc.lines) if (lines[line.line - 1]?.heading) line.heading = true;
  return doc;
}

// ---------------------------------------------------------------------------
// pdfjs

interface TextItemLike {
  str?: unknown;
  transform?: unknown;
  width?: unknown;
}

let pdfjs: Promise<typeof PdfJs> | undefined;

/** pdfjs's character maps, for PDFs whose Chinese fonts are not embedded (they name a standard CMap instead). */
function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
}

/** Every page's upright text items (a rotated watermark or stamp is no part of the text). */
async function pdfTextItems(bytes: Uint8Array): Promise<PlacedText[][]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  const task = lib.getDocument({
    // pdfjs takes the buffer over; the caller keeps its bytes.
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapPacked: true,
    ...pdfjsData(),
    verbosity: 0,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'PasswordException') throw new ImportError('unsupported', 'PDF 文件设有打开密码，请先取消密码后再导入');
      throw new ImportError('corrupt', 'PDF 文件已损坏或不完整，无法读取');
    }
    if (doc.numPages === 0) throw new ImportError('empty', 'PDF 文件中没有页面');
    const pages: PlacedText[][] = [];
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PDF_PAGES); n++) {
      let items: TextItemLike[];
      try {
        const page = await doc.getPage(n);
        items = (await page.getTextContent()).items as TextItemLike[];
        page.cleanup();
      } catch {
        throw new ImportError('corrupt', `PDF 文件第 ${n} 页已损坏，无法读取`);
      }
      pages.push(items.flatMap(placed));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

function placed(item: TextItemLike): PlacedText[] {
  if (typeof item.str !== 'string' || !Array.isArray(item.transform)) return [];
  const [a, b, c, d, x, y] = item.transform as number[];
  if ([a, b, c, d, x, y].some((v) => typeof v !== 'number' || !Number.isFinite(v))) return [];
  const size = Math.hypot(c ?? 0, d ?? 0);
  // Upright text only: b and c are zero unless the text is turned.
  if (Math.abs(b ?? 0) > 0.01 * size || Math.abs(c ?? 0) > 0.01 * size || (a ?? 0) <= 0 || (d ?? 0) <= 0) return [];
  const width = typeof item.width === 'number' && Number.isFinite(item.width) ? item.width : 0;
  return [{ text: item.str, x: x ?? 0, y: y ?? 0, size, width }];
}
