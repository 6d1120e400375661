/**
 * Repairs what PDF conversion does to paragraphs: a paragraph broken over
 * lines or pages (even inside a word, or between a number and its unit) is
 * joined back; a line starts a new block only where something says so.
 */
import { lineText, type NoticeDocument, type SourceLine } from './document.js';
import { readMarker } from './markers.js';
import { CONTINUES, TERMINAL, concatStyled, normalizeStyled, type Styled } from './normalize.js';

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

/** A title line ends its block even without punctuation. */
const TITLE = /^.{0,60}关于.{2,80}的(?:通知|意见|方案|决定|函|报告|清单)$/;

export function toBlocks(doc: NoticeDocument): Block[] {
  const blocks: Block[] = [];
  const fullWidth = typicalLineLength(doc);
  let current: OpenBlock | null = null;
  let prevText = '';
  let prevHeading = false;
  const flush = (): void => {
    if (!current) return;
    const styled = concatStyled(current.parts);
    blocks.push({ ...styled, line: current.line, heading: current.heading, pieces: current.pieces });
    current = null;
  };
  for (const src of doc.lines) {
    const styled = normalizeStyled(styledLine(src));
    const text = styled.text.trim();
    if (text === '') continue;
    const lead = styled.text.length - styled.text.trimStart().length;
    const piece = { text, bold: styled.bold.slice(lead, lead + text.length) };
    const endsHeading = current !== null && current.pieces.length === 1 && isShortHeading(prevText, fullWidth);
    if (current === null || endsHeading || startsBlock(prevText, prevHeading, text, src.heading)) {
      flush();
      current = { parts: [], line: src.line, heading: src.heading, pieces: [], length: 0 };
    }
    const open: OpenBlock = current;
    open.pieces.push({ offset: open.length, line: src.line });
    open.parts.push(piece);
    open.length += text.length;
    prevText = text;
    prevHeading = src.heading;
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
