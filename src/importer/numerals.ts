/**
 * Numbers as notices write them: Arabic digits (3.7, 1,500), Chinese numerals
 * (十五, 一百五十, 两千, 二〇二六) and the two mixed (1.2万).
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const WAN = 1e4;
const YI = 1e8;

const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const ARABIC_WITH_MAGNITUDE = /^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万亿|万|亿)$/;
/** Digits read one by one, as in years: 二〇二六. */
const POSITIONAL = /^[零〇一二三四五六七八九]{2,}$/;

/** Full-width digits and point, in case a caller skipped normalisation. */
const toHalfWidth = (s: string): string => s.replace(/[０-９．，]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/** Products like 1.2 × 10000 come out as 11999.999…; 12 significant digits are plenty. */
const tidy = (x: number): number => Number(x.toPrecision(12));

/**
 * The value of a number written in Arabic digits, Chinese numerals or a mix
 * of both; null when the string is not a number (十五五, 百千, empty).
 */
export function parseChineseNumber(s: string): number | null {
  const t = toHalfWidth(s.trim());
  if (t === '') return null;
  if (ARABIC.test(t)) return Number(t.replace(/,/g, ''));
  const mixed = ARABIC_WITH_MAGNITUDE.exec(t);
  if (mixed) return tidy(Number((mixed[1] ?? '').replace(/,/g, '')) * magnitude(mixed[2] ?? ''));
  if (POSITIONAL.test(t)) return Number(Array.from(t, (ch) => DIGITS[ch] ?? 0).join(''));
  return parseHan(t);
}

const magnitude = (m: string): number => (m === '万亿' ? WAN * YI : m === '亿' ? YI : WAN);

/**
 * Chinese numerals with units: a section (below 万) is built from digit × 十/百/千
 * and closed by 万 or 亿. A digit right after a digit (十五五) or units out of
 * order (百千) mean the string is a name, not a number.
 */
function parseHan(t: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Infinity;
  for (const ch of t) {
    const d = DIGITS[ch];
    const small = SMALL_UNITS[ch];
    if (d !== undefined) {
      if (digit !== null) return null;
      // 零 only marks a gap (一百零五); it carries no value of its own.
      if (d !== 0) digit = d;
    } else if (small !== undefined) {
      if (small >= lastSmall) return null;
      section += (digit ?? 1) * small;
      digit = null;
      lastSmall = small;
    } else if (ch === '万' || ch === '亿') {
      const part = section + (digit ?? 0);
      if (ch === '亿') total = (total + part || 1) * YI;
      else if (part > 0) total += part * WAN;
      else if (total === 0) total = WAN;
      else return null;
      section = 0;
      digit = null;
      lastSmall = Infinity;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}
