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

/** Han characters and the CJK punctuation blocks: where spaces are not words' separators. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]/;
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** ASCII punctuation that Chinese text writes full-width. */
const TO_FULL: Record<string, string> = {
  '(': '（',
  ')': '）',
  ':': '：',
  ';': '；',
  ',': '，',
  '?': '？',
  '!': '！',
};

/** Full-width forms that carry the same meaning as ASCII in numbers and codes. */
function toHalf(ch: string): string {
  const code = ch.charCodeAt(0);
  // Full-width digits and Latin letters (FF10-FF19, FF21-FF3A, FF41-FF5A), ％ ＋ ．
  if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) {
    return String.fromCharCode(code - 0xfee0);
  }
  switch (ch) {
    case '％':
      return '%';
    case '＋':
      return '+';
    case '．':
      return '.';
    case '\u3000':
    case '\u00a0':
    case '\t':
      return ' ';
    case '［':
    case '【':
      return '〔';
    case '］':
    case '】':
      return '〕';
    case '﹪':
      return '%';
    default:
      return ch;
  }
}

/**
 * Normalises one line. Punctuation becomes full-width unless it sits between
 * digits (1,500 / 10:30); spaces next to Chinese text are dropped.
 */
export function normalizeStyled(s: Styled): Styled {
  const chars: string[] = [];
  const flags: number[] = [];
  const src = s.text.replace(/[\u200b-\u200f\ufeff]/g, '');
  const boldOf = src.length === s.text.length ? s.bold : null;
  for (let i = 0; i < src.length; i++) {
    let ch = toHalf(src[i] ?? '');
    const full = TO_FULL[ch];
    if (full !== undefined && !(isDigit(src[i - 1]) && isDigit(src[i + 1]) && (ch === ',' || ch === ':'))) {
      ch = full;
    }
    if (ch === '.' && isCjk(src[i + 1]) && !isDigit(src[i - 1])) ch = '。';
    chars.push(ch);
    flags.push(boldOf ? (boldOf[i] ?? 0) : 0);
  }
  return dropSpaces(chars, flags);
}

function dropSpaces(chars: string[], flags: number[]): Styled {
  let text = '';
  const bold: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === ' ' || ch === '\r') {
      const prev = text[text.length - 1];
      let j = i + 1;
      while (chars[j] === ' ') j++;
      const next = chars[j];
      if (prev === undefined || next === undefined || isCjk(prev) || isCjk(next) || prev === ' ') continue;
      if (prev === '%' || next === '%') continue;
    }
    text += ch;
    bold.push(flags[i] ?? 0);
  }
  return { text, bold: Uint8Array.from(bold) };
}

/** Removes Markdown emphasis markers, turning `**x**` and `__x__` into bold. */
export function parseMarkdownInline(line: string): Styled {
  let text = '';
  const bold: number[] = [];
  let on = 0;
  for (let i = 0; i < line.length; i++) {
    const two = line.slice(i, i + 2);
    if (two === '**' || two === '__') {
      on = on ? 0 : 1;
      i++;
      continue;
    }
    text += line[i];
    bold.push(on);
  }
  return { text, bold: Uint8Array.from(bold) };
}

/** Terminal punctuation: a line that ends with one ends its paragraph. */
export const TERMINAL = /[。！？；：）」』]$/;
/** Punctuation after which a sentence must go on. */
export const CONTINUES = /[、，（“《—·]$/;
