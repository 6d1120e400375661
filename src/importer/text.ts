/**
 * Front end for plain text and Markdown (as PDF converters write it): decodes
 * the bytes, rejects binaries, and turns Markdown markers into the heading and
 * bold hints of the internal model.
 */
import type { NoticeDocument, SourceLine } from './document.js';
import { ImportError } from './errors.js';
import { parseMarkdownInline } from './normalize.js';

/** Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as older Windows tools write it. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError('empty', '文件是空的');
  let text: string;
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new ImportError('binary', '文件标明是 UTF-16 编码，但其中有无法解码的字节');
    }
  }
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ImportError('binary', '文件不是可读的文本（既不是 UTF-8 也不是 GB18030 编码）');
    }
  }
  if (looksBinary(text)) throw new ImportError('binary', '文件内容是二进制数据，不是文本、Word 或 Excel 文档');
  if (text.trim() === '') throw new ImportError('empty', '文件中没有文字');
  return text;
}

/** NUL bytes or many control characters mean the file is not text, whatever it decodes to. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    if (c === 0xfffd) control++;
  }
  return control > sample.length / 100 + 2;
}

const HEADING = /^\s{0,3}#{1,6}\s*/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$/;
const LIST_OR_QUOTE = /^\s{0,3}(?:>\s?)+/;
const TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const TABLE_RULE = /^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/;

export function readText(bytes: Uint8Array): NoticeDocument {
  const text = decodeText(bytes);
  const lines: SourceLine[] = [];
  let hasBold = false;
  const raw = text.split(/\r\n|\r|\n|\f/);
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i] ?? '';
    if (RULE.test(line) || TABLE_RULE.test(line)) continue;
    // A Markdown table row becomes one line with tab-separated cells, as Word tables do.
    const row = TABLE_ROW.exec(line);
    if (row)
      line = (row[1] ?? '')
        .split('|')
        .map((c) => c.trim())
        .join('\t');
    const heading = HEADING.test(line);
    line = line
      .replace(HEADING, '')
      .replace(LIST_OR_QUOTE, '')
      .replace(/\s+#+\s*$/, '');
    // Markdown hard line breaks: two trailing spaces or a backslash.
    line = line.replace(/(?: {2,}|\\)$/, '');
    const styled = parseMarkdownInline(line);
    if (styled.text.trim() === '') continue;
    if (styled.bold.includes(1)) hasBold = true;
    lines.push({ line: i + 1, runs: splitRuns(styled.text, styled.bold), heading });
  }
  return { lines, hasBold };
}

function splitRuns(text: string, bold: Uint8Array): SourceLine['runs'] {
  const runs: SourceLine['runs'] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || bold[i] !== bold[start]) {
      runs.push({ text: text.slice(start, i), bold: bold[start] === 1 });
      start = i;
    }
  }
  return runs;
}
