/**
 * Text with a bold flag per character, and the clean-up every front end needs:
 * full-width letters and digits to ASCII, ASCII punctuation to the Chinese
 * forms in Chinese context, and no spaces next to Chinese characters (PDF
 * converters insert them around numbers and Latin words).
 */

export interface Styled {
  text: string;
  /** 1 where the character was bold; same length as text. */
  bold: Uint8Array;
}

export const plain = (text: string): Styled => ({ text, bold: new Uint8Array(text.length) });

export function concatStyled(parts: readonly Styled[]): Styled {
  const text = parts.map((p) => p.text).join('');
  const bold = new Uint8Array(text.length);
  let at = 0;
  for (const p of parts) {
    bold.set(p.bold, at);
    at += p.text.length;
  }
  return { text, bold };
}

export function sliceStyled(s: Styled, start: number, end = s.text.length): Styled {
  return { text: s.text.slice(start, end), bold: s.bold.slice(start, end) };
}

/** ASCII punctuation that Chinese text writes full-width (except , and : between digits). */
const TO_FULL = new Map<number, number>([
  [0x28, 0xff08], // ( （
  [0x29, 0xff09], // ) ）
  [0x3a, 0xff1a], // : ：
  [0x3b, 0xff1b], // ; ；
  [0x2c, 0xff0c], // , ，
  [0x3f, 0xff1f], // ? ？
  [0x21, 0xff01], // ! ！
]);

/** Full-width forms that mean the same as ASCII in numbers and codes, and odd spaces and brackets. */
const TO_HALF = new Map<number, number>([
  [0xff05, 0x25], // ％
  [0xfe6a, 0x25], // ﹪
  [0xff0b, 0x2b], // ＋
  [0xff0e, 0x2e], // ．
  [0x3000, 0x20], // ideographic space
  [0x00a0, 0x20],
  [0x09, 0x20],
  [0x0d, 0x20],
  [0xfe50, 0x2c], // ﹐ small forms: as their ASCII twins, then full-width below
  [0xfe51, 0x3001], // ﹑ → 、
  [0xfe52, 0x2e], // ﹒ (item numbers written 1﹒)
  [0xfe54, 0x3b], // ﹔
  [0xfe55, 0x3a], // ﹕
  [0xfe59, 0x28], // ﹙
  [0xfe5a, 0x29], // ﹚
  [0xff3b, 0x3014], // ［ → 〔
  [0x3010, 0x3014], // 【 → 〔
  [0xff3d, 0x3015], // ］ → 〕
  [0x3011, 0x3015], // 】 → 〕
]);

const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** Han characters and the CJK punctuation blocks: where spaces are not words' separators. */
const isCjkCode = (c: number): boolean =>
  (c >= 0x3000 && c <= 0x303f) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0xff00 && c <= 0xffef) ||
  c === 0x201c ||
  c === 0x201d ||
  c === 0x2018 ||
  c === 0x2019 ||
  c === 0x2014 ||
  c === 0x2026;

function halfCode(c: number): number {
  // Full-width digits and Latin letters (FF10-FF19, FF21-FF3A, FF41-FF5A).
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return c - 0xfee0;
  return TO_HALF.get(c) ?? c;
}

/**
 * Normalises one line in a single pass over its code units (this runs on
 * every line of every notice). Punctuation becomes full-width unless it sits
 * between digits (1,500 / 10:30); spaces next to Chinese text are dropped.
 */
export function normalizeStyled(s: Styled): Styled {
  const src = s.text;
  const n = src.length;
  const half = new Uint16Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c >= 0x200b && c <= 0x200f) continue; // zero-width marks
    if (c === 0xfeff) continue;
    half[kept++] = halfCode(c);
  }
  const map = kept === n ? null : keptIndexes(src);
  const out = new Uint16Array(kept);
  const bold = new Uint8Array(kept);
  let len = 0;
  for (let i = 0; i < kept; i++) {
    let c = half[i] ?? 0;
    const prev = i > 0 ? (half[i - 1] ?? 0) : -1;
    const next = i + 1 < kept ? (half[i + 1] ?? 0) : -1;
    if (c === 0x20) {
      if (dropSpace(half, i, kept, len > 0 ? (out[len - 1] ?? 0) : -1)) continue;
    } else {
      const full = TO_FULL.get(c);
      if (full !== undefined && !((c === 0x2c || c === 0x3a) && isDigitCode(prev) && isDigitCode(next))) c = full;
      else if (c === 0x2e && isCjkCode(next) && !isDigitCode(prev)) c = 0x3002; // . before Chinese → 。
    }
    out[len] = c;
    bold[len] = s.bold[map ? (map[i] ?? 0) : i] ?? 0;
    len++;
  }
  return { text: decodeUtf16(out.subarray(0, len)), bold: bold.slice(0, len) };
}

/** A space stays only between two Latin words or numbers; runs of spaces become one. */
function dropSpace(chars: Uint16Array, i: number, end: number, last: number): boolean {
  let j = i + 1;
  while (j < end && chars[j] === 0x20) j++;
  const next = j < end ? (chars[j] ?? -1) : -1;
  if (last === -1 || next === -1 || last === 0x20) return true;
  return isCjkCode(last) || isCjkCode(next) || last === 0x25 || next === 0x25;
}

function keptIndexes(src: string): Uint32Array {
  const map = new Uint32Array(src.length);
  let k = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if ((c >= 0x200b && c <= 0x200f) || c === 0xfeff) continue;
    map[k++] = i;
  }
  return map;
}

const utf16 = new TextDecoder('utf-16le');
const decodeUtf16 = (codes: Uint16Array): string => utf16.decode(codes);

/** Removes Markdown emphasis markers, turning `**x**` and `__x__` into bold. */
export function parseMarkdownInline(line: string): Styled {
  if (!line.includes('**') && !line.includes('__')) return plain(line);
  // Pieces alternate between plain and bold, starting plain.
  const pieces = line.split(/\*\*|__/);
  return concatStyled(pieces.map((text, k) => ({ text, bold: new Uint8Array(text.length).fill(k % 2) })));
}

/** Terminal punctuation: a line that ends with one ends its paragraph. */
export const TERMINAL = /[。！？；：）」』]$/;
/** Punctuation after which a sentence must go on. */
export const CONTINUES = /[、，（“《—·]$/;
