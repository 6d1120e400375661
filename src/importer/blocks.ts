/**
 * Repairs what PDF conversion does to paragraphs: a paragraph broken over
 * lines or pages (even inside a word, or between a number and its unit) is
 * joined back; a line starts a new block only where something says so.
 */
import { lineText, type NoticeDocument, type SourceLine } from './document.js';
import { readMarker } from './markers.js';
import { CONTINUES, TERMINAL, concatStyled, normalizeStyled, sliceStyled, type Styled } from './normalize.js';

export interface Block extends Styled {
  /** 1-based source line where the block starts. */
  line: number;
  heading: boolean;
  /** Source line of each joined piece, by offset into text. */
  pieces: { offset: number; line: number }[];
}

/** Lines that stand alone in every notice: dates, copy lists, 印发 lines, publication notes. */
const STANDALONE =
  /^(?:(?:\d{4}年\d{1,2}月\d{1,2}日|[一二〇○零]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)(?:印发)?$|抄送：|附件[：\d]|（此件[^）]*）$|.{0,40}〔\d{4}〕\d+号$)/;

function styledLine(src: SourceLine): Styled {
  const text = lineText(src);
  const bold = new Uint8Array(text.length);
  let at = 0;
  for (const run of src.runs) {
    if (run.bold) bold.fill(1, at, at + run.text.length);
    at += run.text.length;
  }
  return { text, bold };
}

interface OpenBlock {
  parts: Styled[];
  line: number;
  heading: boolean;
  pieces: Block['pieces'];
  length: number;
}

/**
 * A web page flattened into one line keeps its paragraphs apart by spaces
 * only: in a long line, spaces before an item number or an owners' label
 * start a new paragraph.
 */
const FLAT_BREAK =
  /[ \u3000\t]+(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[.．、](?![\d%])|(?:责任单位|牵头单位|配合单位|协办单位|承办单位|牵头领导|责任领导|分管领导)[：:])/g;

function splitFlattened(line: Styled): Styled[] {
  if (line.text.length < 120) return [line];
  const cuts = [...line.text.matchAll(FLAT_BREAK)].map((m) => m.index);
  if (cuts.length < 2) return [line];
  const out: Styled[] = [];
  let at = 0;
  for (const cut of [...cuts, line.text.length]) {
    if (cut > at) out.push(sliceStyled(line, at, cut));
    at = cut;
  }
  return out;
}

const SIGNER = /^[\u4e00-\u9fff]{2,30}(?:人民政府|人民政府办公室|人民政府办公厅|办公室|办公厅|委员会)$/;
const DATE = /^(?:\d{4}年\d{1,2}月\d{1,2}日|[一二〇○零]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$/;

/**
 * The signing office's line (a government's name over the date) stands
 * alone even where the line before it ends without punctuation.
 */
function signatureLines(doc: NoticeDocument): Set<number> {
  const out = new Set<number>();
  const lines = doc.lines.map((l) => ({ line: l.line, text: lineText(l).replace(/\s+/g, '') })).filter((l) => l.text !== '');
  lines.forEach((l, i) => {
    if (SIGNER.test(l.text) && DATE.test(lines[i + 1]?.text ?? '')) out.add(l.line);
  });
  return out;
}

/** A title line ends its block even without punctuation. */
const TITLE = /^.{0,60}关于.{2,80}的(?:通知|意见|方案|决定|函|报告|清单)$/;

export function toBlocks(doc: NoticeDocument): Block[] {
  const blocks: Block[] = [];
  const fullWidth = typicalLineLength(doc);
  let current: OpenBlock | null = null;
  let prevText = '';
  let prevHeading = false;
  let prevLine = -1;
  const flush = (): void => {
    if (!current) return;
    const styled = concatStyled(current.parts);
    blocks.push({ ...styled, line: current.line, heading: current.heading, pieces: current.pieces });
    current = null;
  };
  const signatures = signatureLines(doc);
  for (const src of doc.lines) {
    for (const piece of splitFlattened(styledLine(src))) addLine(src, piece);
  }
  function addLine(src: SourceLine, raw: Styled): void {
    const styled = normalizeStyled(raw);
    const text = styled.text.trim();
    if (text === '') return;
    const lead = styled.text.length - styled.text.trimStart().length;
    const piece = { text, bold: styled.bold.slice(lead, lead + text.length) };
    const endsHeading = current !== null && current.pieces.length === 1 && isShortHeading(prevText, fullWidth);
    const signature = signatures.has(src.line) || signatures.has(prevLine);
    if (current === null || endsHeading || signature || startsBlock(prevText, prevHeading, text, src.heading)) {
      flush();
      current = { parts: [], line: src.line, heading: src.heading, pieces: [], length: 0 };
    }
    const open: OpenBlock = current;
    open.pieces.push({ offset: open.length, line: src.line });
    open.parts.push(piece);
    open.length += text.length;
    prevText = text;
    prevHeading = src.heading;
    prevLine = src.line;
  }
  flush();
  return rejoinHeadingTails(blocks);
}

/**
 * A section heading broken before its last words leaves them as a short
 * line of their own between the heading and the first task: put them back.
 */
function rejoinHeadingTails(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const head = out[out.length - 1];
    const next = blocks[i + 1];
    if (!block) continue;
    const marker = head ? readMarker(head.text) : null;
    const isTail =
      head !== undefined &&
      marker !== null &&
      marker.level <= 2 &&
      !TERMINAL.test(head.text) &&
      block.text.length <= 12 &&
      !/[。，；：]/.test(block.text) &&
      readMarker(block.text) === null &&
      (next === undefined || readMarker(next.text) !== null);
    if (isTail) {
      const merged = concatStyled([head, block]);
      head.pieces.push(...block.pieces.map((p) => ({ offset: p.offset + head.text.length, line: p.line })));
      head.text = merged.text;
      head.bold = merged.bold;
    } else {
      out.push(block);
    }
  }
  return out;
}

/**
 * Line width of the converter: most lines of a hard-wrapped text are this
 * long, so a shorter line that opens a section is a whole heading, while a
 * full-width one was wrapped and goes on.
 */
function typicalLineLength(doc: NoticeDocument): number {
  const lengths = doc.lines.map((l) => lineText(l).trim().length).filter((n) => n >= 10);
  lengths.sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.75)] ?? 0;
}

function isShortHeading(line: string, fullWidth: number): boolean {
  const marker = readMarker(line);
  if (marker === null || marker.level > 2 || CONTINUES.test(line)) return false;
  return line.length < fullWidth * 0.8;
}

function startsBlock(prev: string, prevHeading: boolean, cur: string, curHeading: boolean): boolean {
  if (CONTINUES.test(prev)) return false;
  if (readMarker(cur) !== null) return true;
  // A title or heading set over several heading lines (Word titles often are).
  if (prevHeading && curHeading && !TERMINAL.test(prev)) return false;
  if (TERMINAL.test(prev) || (/[”"]$/.test(prev) && /[。！？]”$/.test(prev))) return true;
  if (prevHeading || curHeading) return true;
  if (STANDALONE.test(prev) || STANDALONE.test(cur) || TITLE.test(prev)) return true;
  return false;
}
