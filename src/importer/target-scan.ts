/**
 * Where the numbers are: the scan under the target extractor. It masks quoted
 * names, splits the text into clauses and finds every number with a
 * measurement unit, every cluster level (千亿级) and every numberless
 * reduction (只减不增). Reading what they mean is targets.ts's job.
 */
import { parseChineseNumber } from './numerals.js';
import { AFTER_UNIT_QUALIFIERS, alternation, FLAT_REDUCTIONS, UNIT_PATTERN } from './quantity-words.js';

const ARABIC = String.raw`(?<arabic>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
// A Chinese number starts with a digit or 十: a bare 百/千 starts words (百亩田, 千村).
const HAN = String.raw`(?<han>[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*)`;
// What comes before a number is checked in code: as lookbehinds it costs 15× the scan.
const QUANTITY_RE = new RegExp(
  String.raw`(?:${ARABIC}|${HAN})[^\S\n]*(?<mid>[余多])?[^\S\n]*(?<unit>${UNIT_PATTERN})(?:[^\S\n]*(?<after>${alternation(AFTER_UNIT_QUALIFIERS)}))?`,
  'g',
);
/** Before an Arabic number: a letter or digit means a code (G20), 第 an ordinal. */
const NOT_BEFORE_ARABIC = /[A-Za-z\d.第]/;
/** Before a Chinese number: another numeral means we are inside it; 第 an ordinal. */
const NOT_BEFORE_HAN = /[第零〇一二两三四五六七八九十百千万亿]/;
/** 千亿级: the regex finds 亿级, the numeral before it is read backwards (cheaper than a scan). */
const LEVEL_RE = /亿元?级/g;
const LEVEL_NUMERAL = /[\d.零〇一二两三四五六七八九十百千万]/;
const FLAT_RE = new RegExp(alternation(FLAT_REDUCTIONS), 'g');

const CLAUSE_BREAK_RE = /[。；;！？!?\n，：:,]/g;
const SENTENCE_BREAKS = '。；;！？!?\n';
const PASSAGE_BREAKS = '。！？!?\n';

/** Quoted stretches are names; a closing mark further than this is a stray opening mark. */
const MAX_QUOTE = 80;
export const MASK = '〓';
const CLOSERS: ReadonlyMap<string, string> = new Map([
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ['「', '」'],
  ['『', '』'],
  ['"', '"'],
]);
const OPENING_RE = /[“‘《「『"]/g;

/**
 * The text with every quoted stretch's content replaced by a mask character of
 * the same length: numbers and verbs inside names must not count, and indexes
 * stay valid for the original text.
 */
export function maskQuoted(text: string): string {
  const parts: string[] = [];
  let last = 0;
  OPENING_RE.lastIndex = 0;
  for (let m = OPENING_RE.exec(text); m !== null; m = OPENING_RE.exec(text)) {
    const i = m.index;
    const end = text.indexOf(CLOSERS.get(m[0]) ?? m[0], i + 1);
    if (end < 0 || end - i > MAX_QUOTE || /[。；\n]/.test(text.slice(i, end))) continue;
    parts.push(text.slice(last, i + 1), MASK.repeat(end - i - 1));
    last = end;
    OPENING_RE.lastIndex = end + 1;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Calls fn for each match of a global regex; exec spares the regex copy matchAll makes. */
export function eachMatch(re: RegExp, s: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[0] === '') re.lastIndex++;
    fn(m);
  }
}

export interface Clause {
  orig: string;
  masked: string;
}

export interface ClauseBounds {
  start: number;
  end: number;
  /** The clause opens a sentence: metrics are carried within a sentence only. */
  opensSentence: boolean;
  /** The clause follows a full stop (。！？ or a line break), not a ；: a passage's subject ends there. */
  opensPassage: boolean;
}

const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

export function clauseBounds(masked: string): ClauseBounds[] {
  const bounds: ClauseBounds[] = [];
  let start = 0;
  let opensSentence = true;
  let opensPassage = true;
  eachMatch(CLAUSE_BREAK_RE, masked, (m) => {
    if (m[0] === ',' && isDigit(masked.charAt(m.index - 1)) && isDigit(masked.charAt(m.index + 1))) return;
    bounds.push({ start, end: m.index, opensSentence, opensPassage });
    start = m.index + m[0].length;
    opensSentence = SENTENCE_BREAKS.includes(m[0]);
    opensPassage = PASSAGE_BREAKS.includes(m[0]);
  });
  bounds.push({ start, end: masked.length, opensSentence, opensPassage });
  return bounds;
}

export interface Quantity {
  type: 'quantity';
  start: number;
  end: number;
  value: number;
  unit: string;
  han: boolean;
  qualifiers: string[];
}
export interface Level {
  type: 'level';
  start: number;
  end: number;
  value: number;
}
export interface Flat {
  type: 'flat';
  start: number;
  end: number;
}
export type Hit = Quantity | Level | Flat;

export function findHits(masked: string): Hit[] {
  const hits: Hit[] = [];
  const countEnds = new Set<number>();
  eachMatch(QUANTITY_RE, masked, (m) => {
    const g = m.groups ?? {};
    const num = g['arabic'] ?? g['han'] ?? '';
    const value = parseChineseNumber(num);
    const unit = g['unit'] ?? '';
    const before = masked.charAt(m.index - 1);
    if (value === null || (before !== '' && (g['han'] ? NOT_BEFORE_HAN : NOT_BEFORE_ARABIC).test(before))) return;
    countEnds.add(masked.indexOf(unit, m.index + num.length) + unit.length);
    const qualifiers = [g['mid'], g['after']].filter((q): q is string => q !== undefined);
    hits.push({
      type: 'quantity',
      start: m.index,
      end: m.index + m[0].length,
      value,
      unit: unit === '％' ? '%' : unit,
      han: g['han'] !== undefined,
      qualifiers,
    });
  });
  // A level right after a count describes the counted things (3个千亿级产业集群);
  // a level written with its unit (500亿元级) is read once, as a level.
  const levelStarts = new Set<number>();
  eachMatch(LEVEL_RE, masked, (m) => {
    let start = m.index;
    while (start > 0 && LEVEL_NUMERAL.test(masked.charAt(start - 1))) start--;
    let before = start;
    while (before > 0 && /\s/.test(masked.charAt(before - 1))) before--;
    const value = parseChineseNumber(masked.slice(start, m.index));
    if (value === null || countEnds.has(before) || /[A-Za-z]/.test(masked.charAt(start - 1))) return;
    levelStarts.add(start);
    hits.push({ type: 'level', start, end: m.index + m[0].length, value });
  });
  const once = levelStarts.size === 0 ? hits : hits.filter((h) => h.type !== 'quantity' || !levelStarts.has(h.start));
  eachMatch(FLAT_RE, masked, (m) => once.push({ type: 'flat', start: m.index, end: m.index + m[0].length }));
  return once.sort((a, b) => a.start - b.start);
}
