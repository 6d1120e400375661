/**
 * Outline markers of Chinese official documents, from the outermost level:
 * 一、  （一）  1.  （1）. A notice may use any subset; which level holds the
 * tasks is decided per document (see outline.ts).
 */

export type Level = 1 | 2 | 3 | 4;

export interface Marker {
  level: Level;
  /** The numeral as printed, without punctuation: 二, 十一, 3. */
  numeral: string;
  /** Length of the marker, including its punctuation and following spaces. */
  length: number;
}

const CN_NUM = '[一二三四五六七八九十百零〇两]+';
const PATTERNS: readonly [Level, RegExp][] = [
  [1, new RegExp(`^(?:第(${CN_NUM})(?:部分|章|条)|(${CN_NUM})[、，．.])\\s*`)],
  [2, new RegExp(`^[（(](${CN_NUM})[）)]、?\\s*`)],
  // "3." must not be a decimal ("3.7公里") nor a date or amount ("10月", "2026年").
  [3, /^(\d{1,3})(?:[.．、](?![\d%])|\s+(?=[\u4e00-\u9fff“]))\s*/],
  [4, /^(?:[（(](\d{1,3})[）)]|(\d{1,3})[）)])\s*/],
];

export function readMarker(text: string): Marker | null {
  for (const [level, re] of PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const numeral = m[1] ?? m[2] ?? '';
      return { level, numeral, length: m[0].length };
    }
  }
  const circled = /^([①-⑳])\s*/.exec(text);
  if (circled) {
    const numeral = String((circled[1] ?? '①').charCodeAt(0) - 0x2460 + 1);
    return { level: 4, numeral, length: circled[0].length };
  }
  return null;
}
