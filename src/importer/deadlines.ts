/**
 * The deadline a task's text states, as an ISO date.
 *
 * Rules:
 * - 年内, 年底(前), 年末(前), 全年, 年度内 → YYYY-12-31. Not after a number or
 *   去/上/前/每/半 (三年内, 半年内, 去年底, 每年年底 are spans or baselines).
 * - 上半年 → 06-30, 下半年 → 12-31; (第)一/二/三/四季度(末/前) → end of the
 *   quarter; 前三季度 → 09-30.
 * - N月底(前), N月末, N月份, N月下旬 → last day of month N; N月上旬 → the 10th,
 *   N月中旬 → the 20th. N月前 ("before June") → last day of month N-1.
 *   A bare month (6月) is an event date, not a deadline, and is ignored.
 * - N月D日(前) → that day as printed: 10月1日前 → YYYY-10-01. The clerk sees
 *   the date the notice prints, and a reminder on that day is still in time.
 *   国庆(节)前 → 10-01 likewise.
 * - Months and days may be written in Chinese numerals: 六月底, 十月一日前.
 * - The year is the one written (2026年底前, 2026年6月底), 明年 → year + 1,
 *   今年/本年 → year, otherwise the `year` argument; 到2027年 → 2027-12-31.
 * - 春节前, 元旦前, 汛期前 depend on a calendar we do not compute: the words are
 *   kept with a null date.
 * - With several deadlines the latest wins (the task's overall deadline); dated
 *   ones win over undated ones; among equal dates the first one is kept.
 * - When neither the text nor `year` gives the year, the date is null and the
 *   words are kept.
 */

import { isIsoDate } from '../domain/time-progress.js';

export interface Deadline {
  /** YYYY-MM-DD, or null when the year or the calendar is unknown. */
  date: string | null;
  /** The words the deadline was read from, without spaces: 6月底前, 年内. */
  text: string;
}

const MONTH = '(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const DAY = '(3[01]|[12]\\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';
/** An optional year before a period: 2026(年), 今年, 明年. Group 1: digits, group 2: 今/明/本/当. */
const YEAR = '(?:(\\d{4})年?|([今明本当])年?)?';
/** Chars before a bare period word that make it a span or a baseline (三年内, 去年底). */
const NOT_AFTER = '(?<![\\d一二三四五六七八九十两几多数去上前每年近半])';

const YEAR_END_RE = new RegExp(`(?:(\\d{4})年?|([今明本当])年?|${NOT_AFTER})(年内|年底前?|年末前?|年度内|全年)`, 'g');
// Not when a month or quarter follows: 到2027年6月底 is read by MONTH_RE.
const TO_YEAR_RE = /(?:到|至|截至|截止)(\d{4})年(?:底|末)?前?(?![\d一二三四五六七八九十上下第])/g;
const HALF_RE = new RegExp(`${YEAR}(?<![每各])([上下])半年(?:末|底)?前?`, 'g');
const QUARTER_RE = new RegExp(`${YEAR}(?<![每各])第?([一二三四1-4])季度(?:末|底)?前?`, 'g');
const MONTH_RE = new RegExp(`${YEAR}(?<!\\d)${MONTH}月(?:(份|底|末|上旬|中旬|下旬)前?|${DAY}[日号]前?|(前))`, 'g');
const UNDATED_RE = /(?:春节|元旦|汛期|汛)前/g;
const NATIONAL_DAY_RE = new RegExp(`${YEAR}国庆节?前`, 'g');

const CN_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 1–31 in ASCII digits or Chinese numerals (六, 十二, 三十一). */
function parseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf('十');
  if (ten < 0) return CN_DIGITS[s] ?? 0;
  const tens = ten === 0 ? 1 : (CN_DIGITS[s.slice(0, ten)] ?? 0);
  const units = CN_DIGITS[s.slice(ten + 1)] ?? 0;
  return tens * 10 + units;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function lastDay(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** A deadline found in the text, before choosing the latest. */
interface Candidate {
  text: string;
  at: number;
  /** Resolved year, or null when unknown. */
  year: number | null;
  /** Month and day; day 0 means the last day of the month. Null when undated. */
  month: number | null;
  day: number;
}

function resolveYear(digits: string | undefined, word: string | undefined, year: number | null): number | null {
  if (digits !== undefined) return Number(digits);
  if (word === '明') return year === null ? null : year + 1;
  return year;
}

function collect(text: string, year: number | null): Candidate[] {
  const out: Candidate[] = [];
  const add = (m: RegExpExecArray, y: number | null, month: number | null, day: number): void => {
    out.push({ text: m[0], at: m.index, year: y, month, day });
  };
  // Most task texts lack most of these words; a substring test is cheaper than a scan.
  const has = (word: string): boolean => text.includes(word);
  if (has('年')) {
    for (const m of text.matchAll(YEAR_END_RE)) add(m, resolveYear(m[1], m[2], year), 12, 31);
    for (const m of text.matchAll(TO_YEAR_RE)) add(m, Number(m[1]), 12, 31);
  }
  if (has('半年')) {
    for (const m of text.matchAll(HALF_RE)) add(m, resolveYear(m[1], m[2], year), m[3] === '上' ? 6 : 12, 0);
  }
  if (has('季度')) {
    for (const m of text.matchAll(QUARTER_RE)) {
      add(m, resolveYear(m[1], m[2], year), parseNumber(m[3] ?? '') * 3, 0);
    }
  }
  if (has('月')) {
    for (const m of text.matchAll(MONTH_RE)) monthCandidate(m, resolveYear(m[1], m[2], year), add);
  }
  if (has('国庆')) {
    for (const m of text.matchAll(NATIONAL_DAY_RE)) add(m, resolveYear(m[1], m[2], year), 10, 1);
  }
  if (has('前')) for (const m of text.matchAll(UNDATED_RE)) add(m, null, null, 0);
  return out;
}

/** N月底 / N月D日前 / N月前 → a candidate (groups: 3 month, 4 period, 5 day, 6 前). */
function monthCandidate(m: RegExpExecArray, y: number | null, add: (m: RegExpExecArray, y: number | null, month: number | null, day: number) => void): void {
  const month = parseNumber(m[3] ?? '');
  if (m[6] !== undefined) {
    // "6月前": before June starts, so the end of May (of the previous year for 1月前).
    if (month === 1) add(m, y === null ? null : y - 1, 12, 31);
    else add(m, y, month - 1, 0);
  } else if (m[5] !== undefined) {
    add(m, y, month, parseNumber(m[5]));
  } else {
    add(m, y, month, m[4] === '上旬' ? 10 : m[4] === '中旬' ? 20 : 0);
  }
}

function isoDate(year: number, month: number, day: number): string | null {
  const last = lastDay(year, month);
  const d = day === 0 ? last : day;
  if (last === 0 || d < 1 || d > last) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Sort key: undated and impossible dates (2月30日) last; an unknown year sorts
 * before any known one. A leap year stands in for an unknown year.
 */
function sortKey(c: Candidate): number {
  if (c.month === null) return -1;
  const date = isoDate(c.year ?? 2000, c.month, c.day);
  if (date === null) return -1;
  return (c.year ?? 0) * 10000 + c.month * 100 + (c.day === 0 ? 31 : c.day);
}

/** The latest deadline stated in a task's text, or null when it states none. */
export function extractDeadline(text: string, year: number | null): Deadline | null {
  const candidates = collect(text.replace(/\s+/g, ''), year);
  let best: Candidate | undefined;
  let bestKey = -Infinity;
  for (const c of candidates.sort((a, b) => a.at - b.at)) {
    const key = sortKey(c);
    if (key > bestKey) {
      best = c;
      bestKey = key;
    }
  }
  if (best === undefined) return null;
  const date = best.year === null || best.month === null ? null : isoDate(best.year, best.month, best.day);
  // A year outside the dates the ledger takes (9999年) keeps its words and no date.
  return { date: date !== null && isIsoDate(date) ? date : null, text: best.text };
}
