/**
 * The notice's identity: document number, title, issuer, date, year, and the
 * headline targets (主要预期目标) that apply to the whole plan.
 */
import { isIsoDate } from '../domain/time-progress.js';
import type { Target } from '../domain/plan.js';
import { parseChineseNumber } from './numerals.js';
import { extractTargets } from './targets.js';

export interface Meta {
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  year: number | null;
  title: string | null;
}

const DOC_NUMBER = /([\u4e00-\u9fa5]{1,20})?[〔（([]\s*(\d{4})\s*[〕）)\]]\s*(\d{1,4})\s*号/;
const TITLE =
  /^(?:.{0,60}关于.{2,120}的(?:通知|意见|方案|决定|函|报告|清单)|.{2,80}(?:任务分解表|分解方案|落实方案|责任分工|分工方案|任务清单|台账)|.{2,80}(?:分工|分解|任务)的(?:意见|通知|方案))$/;
const TITLE_BEFORE_ADDRESSEES = /^(.{0,60}关于.{2,120}?的(?:通知|意见|方案|决定))(?=各|[\u4e00-\u9fff]{0,12}(?:政府|部门|单位)[，、：])/;
/** The year a notice is about, in its opening words: 2026年《政府工作报告》, 2026年重点工作. */
const YEAR_IN_TEXT = /((?:19|20)\d{2})年(?:《政府工作报告》|政府工作报告|重点工作|政府工作|主要目标)/;
const ARABIC_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:印发)?$/;
const CHINESE_DATE = /^([一二三四五六七八九〇○零]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日(?:印发)?$/;
const DIGITS: Record<string, string> = { 〇: '0', '○': '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

export function parseDocNumber(text: string): { docNumber: string; year: number } | null {
  const m = DOC_NUMBER.exec(text);
  if (!m) return null;
  return { docNumber: `${m[1] ?? ''}〔${m[2]}〕${m[3]}号`, year: Number(m[2]) };
}

export function parseDateLine(text: string): string | null {
  const a = ARABIC_DATE.exec(text);
  const c = a ? null : CHINESE_DATE.exec(text);
  let y: number, mo: number, d: number;
  if (a) {
    [y, mo, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
  } else if (c) {
    y = Number(Array.from(c[1] ?? '', (ch) => DIGITS[ch] ?? '').join(''));
    mo = parseChineseNumber(c[2] ?? '') ?? 0;
    d = parseChineseNumber(c[3] ?? '') ?? 0;
  } else {
    return null;
  }
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // 2026年2月30日 or a year out of range is a typing error in the notice, not its date.
  return isIsoDate(date) ? date : null;
}

/**
 * Reads the identity from the lines before the first section (`head`) and
 * after the last task (`tail`).
 */
export function readMeta(head: readonly string[], tail: readonly string[]): Meta {
  const num =
    head
      .slice(0, 12)
      .map(parseDocNumber)
      .find((x) => x !== null) ?? null;
  const title = findTitle(head.slice(0, 12));
  let date: string | null = null;
  let issuer: string | null = null;
  tail.forEach((line, i) => {
    const d = parseDateLine(line);
    if (d === null || date !== null) return;
    date = d;
    const prev = tail[i - 1];
    if (prev !== undefined && prev.length <= 40 && !/[。；：，]/.test(prev)) issuer = prev;
  });
  if (date === null) date = head.map(parseDateLine).find((x) => x !== null) ?? null;
  if (issuer === null && title) issuer = /^(.{2,40}?)关于/.exec(title)?.[1] ?? null;
  const titleYear = title ? /(\d{4})年/.exec(title)?.[1] : undefined;
  const textYear = YEAR_IN_TEXT.exec(head.slice(0, 12).join('\n'))?.[1];
  const year = titleYear ? Number(titleYear) : (num?.year ?? (date ? Number(String(date).slice(0, 4)) : textYear ? Number(textYear) : null));
  return { docNumber: num?.docNumber ?? null, issuer, date, year, title };
}

/**
 * The title: a line that reads as one, or a title set over several short
 * lines, or one field of a page's metadata row (…|title|…).
 */
function findTitle(head: readonly string[]): string | null {
  for (const line of head) {
    for (const field of line.split('|')) {
      const t = field.trim().replace(/^附件\d*[：:]?\d*[.、．]?/, '');
      if (TITLE.test(t)) return t;
      // A title run into the addressees after it (…的通知各镇人民政府，…：).
      const lead = TITLE_BEFORE_ADDRESSEES.exec(t)?.[1];
      if (lead !== undefined) return lead;
    }
  }
  for (let i = 0; i < head.length; i++) {
    let joined = head[i] ?? '';
    if (DOC_NUMBER.test(joined)) continue;
    for (let k = i + 1; k < Math.min(head.length, i + 4) && joined.length < 120 && !/[。；：，]/.test(joined); k++) {
      joined += head[k] ?? '';
      if (TITLE.test(joined)) return joined;
    }
  }
  return null;
}

const HEADLINE_SECTION = /预期目标|主要目标|主要指标|目标任务|发展目标/;
const HEADLINE_INTRO = /(?:预期目标|主要目标|主要指标|发展目标)(?:为|是)：/;

/**
 * Headline targets stand in a section of their own (一、主要预期目标) or in a
 * sentence "…主要预期目标为：…" of the preamble.
 */
export function readHeadlineTargets(
  sections: readonly { title: string; paragraphs: string[]; taskCount: number }[],
  preamble: readonly string[],
  year: number | null = null,
): Target[] {
  const own = sections.filter((s) => s.taskCount === 0 && HEADLINE_SECTION.test(s.title)).flatMap((s) => s.paragraphs);
  const intro = [...own, ...preamble].filter((p) => HEADLINE_INTRO.test(p));
  // Without an introducing sentence, the section's own paragraphs, less the general requirements.
  const texts = intro.length > 0 ? intro.map((p) => p.slice(p.search(HEADLINE_INTRO))) : own.filter((p) => !/总体要求/.test(p));
  return texts.flatMap((t) => extractTargets(t.replace(HEADLINE_INTRO, ''), { year }));
}
