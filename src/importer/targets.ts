/**
 * Targets: the measurable promises inside a task's text (新增营收 140 亿元,
 * 增长 10% 以上, 举办活动 30 场, 千亿级, 只减不增).
 *
 * The text is read clause by clause (split at 。；，：). In a clause every
 * number followed by a measurement unit is a target, except inside quotes
 * (“十五五”, “1+3” are names) and after 第 (ordinals). Years, dates and
 * phases (2026年, 6月底, 一期) carry no measurement unit and so never match.
 * A Chinese numeral before a noun counts only after a verb (培育两家企业, but
 * not 八项规定, 一个机制).
 *
 * The metric is the noun phrase the number measures: written before the
 * number (备案科技型中小企业 280 家) or, when a noun follows the unit, after it
 * (新建 3 处 绿地停车场). A clause chain joined by 、 — and a clause opened by
 * 其中 — carries its metric, kind and qualifiers on to numbers that name
 * none of their own (新增营收 140 亿元、突破 200 亿元). A target's text is the
 * 、 segment of its number, stretched back to the segment that named its
 * metric when the metric was carried.
 *
 * Kinds, from the kind word nearest before the number:
 * - reduction: 下降/减少/压减…, or a numberless 只减不增 (value and unit null);
 * - growth_rate: a rate (%, 个百分点, 倍) after 增长/提高…; a rate after 达到
 *   is a total, a ceiling (控制在…以内) or a bare rate is `other`;
 * - increment: 新增/净增, or 增长 with an amount (营收增长 20 亿元);
 * - total: 突破/达到/总量/稳定在…, and 完成/实现 with a measure or a sum
 *   (完成投资 100 亿元), while 完成改造项目 40 项 is a count;
 * - without a kind word, the kind of the previous number of the chain when
 *   it has the same sort of unit; else `other` for a capacity or sum that
 *   describes a thing (60GWh 储能电池, 年产 30 万吨 钢帘线, 5000 万元以上项目);
 *   `increment` for any other sum of money, obtained or handed out in the year
 *   (争取资金 30 亿元, 发放贷款 5000 万元): money is never a count; `total` for
 *   a measure of work (改造管网 3.7 公里, 新建农田 2 万亩); and `count` for
 *   things counted one by one (场, 家, 个, 检修桥梁 12 座);
 * - level: 千亿级 is 1000 亿元. When the level describes counted things
 *   (打造 3 个千亿级产业集群, 培育千亿级产业集群 1 个) only the count is a
 *   target, its metric keeping the level (千亿级产业集群), so that nothing is
 *   counted twice; 500亿元级 is one level, not a sum and a level.
 *
 * A metric is named with its subject (target-subject.ts: 冶金产业营收, not
 * 营收), never empty; the same metric and value read twice from one clause is
 * one target. Each target says what it is (target-scope.ts): only annual
 * targets are measured against time progress.
 */
import type { Target, TargetKind } from '../domain/plan.js';
import { clauseBounds, eachMatch, findHits, MASK, maskQuoted, type Clause, type Hit, type Level, type Quantity } from './target-scan.js';
import { scopeFor, type ScopeFacts } from './target-scope.js';
import { nameMetric, subjectOf, subjectOfMetric } from './target-subject.js';
import {
  ACTION_VERBS,
  AIM_WORDS,
  AFTER_STOP_WORDS,
  alternation,
  BEFORE_NUMBER_QUALIFIERS,
  CAPACITY_UNITS,
  CLAUSE_QUALIFIERS,
  GENERIC_METRICS,
  KIND_WORDS,
  LEADING_WORDS,
  LEVEL_VERBS,
  SECOND_VERBS,
  STRONG_VERBS,
  TRAILING_WORDS,
  unitFamily,
  type UnitFamily,
} from './quantity-words.js';

const SUBSET_RE = /^\s*(?:其中|含|包括)/;
const NOUN_FOLLOWS_RE = new RegExp(`^\\s*[\\p{L}“‘《「${MASK}]`, 'u');

const CLAUSE_QUALIFIER_RE = new RegExp(alternation(CLAUSE_QUALIFIERS), 'g');
const BEFORE_NUMBER_RE = new RegExp(`(?:${alternation(BEFORE_NUMBER_QUALIFIERS)})\\s*$`);
const KIND_RE = new RegExp(alternation([...KIND_WORDS.keys()]).replace(/(^|\|)达(?=\||$)/, '$1达(?=\\s*[\\d一二两三四五六七八九十])'), 'g');
/** （二）, 1﹒, 1、: an outline marker left inside a clause ends what came before it. */
const MARKER_RE = /[（(][一二三四五六七八九十\d]{1,3}[)）]|(?<![\d.])\d{1,2}[.．﹒、](?!\d)/g;
const ETC_RE = /(?<![高平同对初中])等(?![级于同待])/g;
const STRONG_RE = new RegExp(alternation(STRONG_VERBS), 'g');
/** 2026年底前, 6月底前: a date before a metric is its deadline, not its name. */
const DATE_WORDS = String.raw`(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月)(?:底|末)?(?:前|以前|之前)?`;
const LEADING_RE = new RegExp(`^(?:\\s+|[、（）()]|的|${DATE_WORDS}|${alternation([...LEADING_WORDS, ...AIM_WORDS])}|再(?=${alternation(ACTION_VERBS)}))+`);
const ACTION_RE = new RegExp(`^(?:${alternation(ACTION_VERBS)})`);
const SECOND_VERB_RE = new RegExp(`^(?:${alternation(SECOND_VERBS)})`);
const ANY_ACTION_RE = new RegExp(alternation(ACTION_VERBS));
/** Longest item of a list of names that make one metric (中小学、幼儿园). */
const MAX_NAME = 8;
/** 能耗较2025年 | 下降: the year compared with closes the metric too. */
const TRAILING_RE = new RegExp(`(?:\\s+|较\\d{4}年|较上年|比上年|${alternation(TRAILING_WORDS)})+$`);
/** 增长 6% 和 7%: a conjunction between two numbers is no metric. */
const CONJUNCTION_RE = /^[和及与或]$/;
const saysNothing = (metric: string): boolean => GENERIC_METRICS.has(metric) || CONJUNCTION_RE.test(metric);
const AFTER_STOP_RE = new RegExp(alternation(AFTER_STOP_WORDS));
const LEVEL_VERB_RE = new RegExp(alternation(LEVEL_VERBS));
const LEVEL_LEADING_RE = new RegExp(`^(?:\\s+|${alternation([...LEADING_WORDS, ...LEVEL_VERBS])})+`);
const HAN_LEAD_RE = new RegExp(`(?:${alternation(ACTION_VERBS)})\\s*$`);
/** 千亿级产业集群目标: 目标 adds nothing to a metric. */
const GOAL_TAIL_RE = /(?<=.)目标$/;
const QUOTE_MARKS_RE = /[“”‘’"《》「」『』（）()]/g;
const SPACE_NEAR_CJK_RE = /\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+/g;

/** The metric of a number whose clause names nothing it measures (全年 5 家): never empty. */
const UNNAMED = '指标';

/** What a clause passes on to the next numbers of its chain. */
interface Chain {
  metric: string;
  kind: TargetKind;
  family: UnitFamily | null;
  qualifiers: string[];
}

/** The part of a region (masked and original, same indexes) kept as a metric. */
const clean = (orig: string): string => orig.replace(QUOTE_MARKS_RE, '').replace(SPACE_NEAR_CJK_RE, '').trim().replace(GOAL_TAIL_RE, '');

/** Where the last match of re ends that leaves at least minRest characters after it; -1 if none. */
function lastMatchEnd(re: RegExp, s: string, minRest: number): number {
  let end = -1;
  eachMatch(re, s, (m) => {
    const e = m.index + m[0].length;
    if (s.length - e >= minRest) end = e;
  });
  return end;
}

/** The metric written before the number: from the chain's start, less verbs and kind words. */
function metricBefore(c: Clause, from: number, to: number): string {
  let start = from;
  let m = c.masked.slice(from, to);
  // “A、B等项目 10 个”: the listed names are examples, the metric follows 等;
  // “链主企业开展招商活动 20 场”: the metric follows the last strong verb.
  let verbCut = false;
  for (const re of [MARKER_RE, ETC_RE, STRONG_RE]) {
    const cut = lastMatchEnd(re, m, 1);
    if (cut > 0) {
      start += cut;
      m = m.slice(cut);
      verbCut = re === STRONG_RE;
    }
  }
  // 新建中小学、幼儿园 8 所: short names joined by 、 are the metric together;
  // longer parts are phrases of their own and only the last one measures the number.
  const comma = m.lastIndexOf('、');
  if (comma >= 0 && !isNameList(m)) {
    start += comma + 1;
    m = m.slice(comma + 1);
    verbCut = false;
  }
  let lead = LEADING_RE.exec(m)?.[0].length ?? 0;
  // An opening verb (升级 泵站), but none after a cut: 举办 | 招聘活动; then the
  // second half of a compound verb (改造提升 农村公路, 新建改扩建 学校).
  if (!verbCut) lead += ACTION_RE.exec(m.slice(lead))?.[0].length ?? 0;
  lead += SECOND_VERB_RE.exec(m.slice(lead))?.[0].length ?? 0;
  const trail = TRAILING_RE.exec(m.slice(lead))?.[0].length ?? 0;
  return clean(c.orig.slice(start + lead, start + m.length - trail));
}

/** Whether the parts joined by 、 are short names without verbs (中小学、幼儿园), not phrases. */
function isNameList(m: string): boolean {
  const body = m.slice(LEADING_RE.exec(m)?.[0].length ?? 0);
  const items = body.slice(ACTION_RE.exec(body)?.[0].length ?? 0).split('、');
  return items.every((item, i) => (i === items.length - 1 || item.length <= MAX_NAME) && !ANY_ACTION_RE.test(item));
}

/** The metric written after the unit: up to the predicate (加快建设, 竣工投产…). */
function metricAfter(c: Clause, from: number, to: number): string {
  const m = c.masked.slice(from, to);
  const stop = AFTER_STOP_RE.exec(m);
  // 500亿元规模的产业集群, 百亿级的园区: the size is the number's, the metric the name after it.
  const metric = clean(c.orig.slice(from, from + (stop ? stop.index : m.length))).replace(/^(?:规模|级)?的?/, '');
  return saysNothing(metric) ? '' : metric;
}

function nearestKindWord(region: string): string | null {
  let word: string | null = null;
  eachMatch(KIND_RE, region, (m) => (word = m[0]));
  return word;
}

function kindOf(region: string, family: UnitFamily, describes: boolean, inherited: Chain | null): TargetKind {
  const word = nearestKindWord(region);
  const cls = word === null ? undefined : KIND_WORDS.get(word);
  const sameFamily = inherited !== null && inherited.family === family;
  if (cls === 'reduce') return 'reduction';
  // A ceiling (控制在 3.5% 以内) is neither a growth nor a total.
  if (cls === 'cap') return 'other';
  if (family === 'rate') {
    if (cls === 'total' || cls === 'done') return 'total';
    if (cls !== undefined) return 'growth_rate';
    return sameFamily ? inherited.kind : 'other';
  }
  if (cls === 'add' || cls === 'grow') return 'increment';
  if (cls === 'total') return 'total';
  // 完成投资 100 亿元 is a total, 完成改造项目 40 项 a count of things done.
  if (cls === 'done') return family === 'count' ? 'count' : 'total';
  if (sameFamily) return inherited.kind;
  if (describes) return 'other';
  // Money is never counted: a sum obtained or handed out in the year (争取资金 30 亿元,
  // 发放贷款 5000 万元) is an increment; a measure of work (改造管网 3.7 公里) the level it reaches.
  if (family === 'money') return 'increment';
  return family === 'measure' ? 'total' : 'count';
}

function qualifiersOf(c: Clause, numStart: number, region: string, inherited: Chain | null): string[] {
  const found: string[] = [];
  eachMatch(CLAUSE_QUALIFIER_RE, c.masked.slice(0, numStart), (m) => found.push(m[0]));
  if (inherited) found.unshift(...inherited.qualifiers.filter((q) => CLAUSE_QUALIFIERS.includes(q)));
  const before = BEFORE_NUMBER_RE.exec(region);
  if (before) found.push(before[0].trim());
  return found;
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

/** What a clause knows of its sentence. */
interface Setting {
  /** The sentence before the clause, as written. */
  sentence: string;
  /** The subject of the passage (冶金产业), or null. */
  subject: string | null;
  year: number | null;
}

/** Reads one clause; returns the chain for the next clause of the sentence. */
function readClause(c: Clause, hits: Hit[], chain: Chain | null, setting: Readonly<Setting>, out: Target[]): Chain | null {
  // Kind and qualifiers travel along 、 and into a clause opened by 其中; metrics a whole sentence.
  let inherited = SUBSET_RE.test(c.masked) ? chain : null;
  const made: Target[] = [];
  let from = 0;
  // Where the segment that named the chain's metric starts, when it is in this clause.
  let source: number | null = null;
  // 培育千亿级产业集群1个: a level before counted things describes them.
  let level = '';
  // 纺织产业营收增长8%、利润增长5%: a metric that names its subject lends it to the clause's bare metrics.
  let subject: string | null = null;
  hits.forEach((h, i) => {
    const start = c.masked.lastIndexOf('、', h.start - 1) + 1;
    const end = c.masked.indexOf('、', h.end);
    const next = hits[i + 1]?.start ?? c.masked.length;
    if (h.type === 'level' && countsAfter(c, h, hits[i + 1])) {
      level = c.orig.slice(h.start, h.end);
      from = h.end;
      return;
    }
    const reading = readHit(h, c, { from, segment: Math.max(start, from), next, chain, inherited });
    from = h.end;
    if (reading === null) return;
    const { target, carried, facts } = reading;
    if (level !== '' && !target.metric.includes(level)) target.metric = level + target.metric;
    level = '';
    if (!carried) target.metric = nameMetric(target.metric, subject ?? setting.subject) || UNNAMED;
    subject = subjectOfMetric(target.metric) ?? subject;
    // The text is the 、 segment of the number, from the segment that named its metric when carried.
    target.text = c.orig.slice(carried && source !== null ? source : start, end < 0 ? c.orig.length : end).trim();
    if (!carried) source = start;
    target.scope = scopeFor({ ...facts, metric: target.metric, sentence: setting.sentence + c.orig.slice(0, h.start), year: setting.year });
    target.measured = target.scope === 'annual';
    made.push(target);
    chain = inherited = {
      metric: target.metric,
      kind: target.kind,
      family: target.unit === null ? null : unitFamily(target.unit),
      qualifiers: target.qualifiers,
    };
  });
  borrowHeadNouns(made);
  out.push(...once(made));
  return chain;
}

/** Whether the next hit counts the things a level describes, in the same 、 segment: 千亿级产业集群 | 1个. */
function countsAfter(c: Clause, level: Level, next: Hit | undefined): boolean {
  return next?.type === 'quantity' && unitFamily(next.unit) === 'count' && !c.masked.slice(level.end, next.start).includes('、');
}

/** The same metric, kind and value read twice from one clause is one target (净增 10 家、总量 10 家 are two). */
function once(made: Target[]): Target[] {
  const seen = new Set<string>();
  return made.filter((t) => {
    const key = `${t.metric}\u0000${t.kind}\u0000${String(t.value)}\u0000${String(t.unit)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Around {
  /** End of the previous hit in the clause (or 0): where this hit's words begin. */
  from: number;
  /** Start of this hit's 、 segment, not before `from`. */
  segment: number;
  /** Start of the next hit (or the clause's end). */
  next: number;
  chain: Chain | null;
  inherited: Chain | null;
}

/** A target, its text and scope still to be set, whether its metric came from the chain, and what tells its scope. */
interface Reading {
  target: Target;
  carried: boolean;
  facts: Omit<ScopeFacts, 'metric' | 'sentence' | 'year'>;
}

function readHit(h: Hit, c: Clause, a: Around): Reading | null {
  const clauseQualifiers = (): string[] => unique(qualifiersOf(c, h.start, '', a.inherited));
  switch (h.type) {
    case 'quantity':
      return readQuantity(h, c, a);
    case 'level': {
      const [metric, carried] = carry(levelMetric(c, a.segment, h), a.chain);
      const target: Target = { text: '', metric, kind: 'level', value: h.value, unit: '亿元', qualifiers: clauseQualifiers() };
      // 锚定千亿级A、二百亿级B: the verb before a chain of levels aims at each of them.
      return { target, carried, facts: { hit: 'level', kind: 'level', unit: '亿元', near: c.masked.slice(0, h.start), after: '', describes: false } };
    }
    case 'flat': {
      const [metric, carried] = carry(metricBefore(c, a.from, h.start), a.chain);
      const target: Target = { text: '', metric, kind: 'reduction', value: null, unit: null, qualifiers: clauseQualifiers() };
      return { target, carried, facts: { hit: 'flat', kind: 'reduction', unit: null, near: '', after: '', describes: false } };
    }
  }
}

/** A metric that says nothing is replaced by the chain's. */
const carry = (metric: string, chain: Chain | null): [string, boolean] => (saysNothing(metric) && chain !== null ? [chain.metric, true] : [metric, false]);

function readQuantity(q: Quantity, c: Clause, a: Around): Reading | null {
  const nounFollows = NOUN_FOLLOWS_RE.test(c.masked.slice(q.end, a.next));
  // 一个机制, 八项规定: a Chinese numeral before a noun is a promise only after a verb.
  if (q.han && nounFollows && !HAN_LEAD_RE.test(c.masked.slice(Math.max(0, q.start - 8), q.start))) return null;
  const family = unitFamily(q.unit);
  const region = c.masked.slice(a.from, q.start);
  const segmentEnd = c.masked.indexOf('、', q.end);
  const afterEnd = Math.min(a.next, segmentEnd < 0 ? c.masked.length : segmentEnd);
  // A rate measures what precedes it, whatever follows (增长 6% 和 7%).
  const after = nounFollows && family !== 'rate' ? metricAfter(c, q.end, afterEnd) : '';
  const [metric, carried] = carry(after || metricBefore(c, a.from, q.start), a.chain);
  // 60GWh储能电池, 5000万元以上项目: a measure before a name describes the thing (but 500亿元目标 names none).
  const describes = after !== '' && (CAPACITY_UNITS.has(q.unit) || family === 'money');
  const target: Target = {
    text: '',
    metric,
    // One character of the number goes along: 达 is a kind word only right before a number.
    kind: kindOf(c.masked.slice(a.from, q.start + 1), family, describes, a.inherited),
    value: q.value,
    unit: q.unit,
    qualifiers: unique([...qualifiersOf(c, q.start, region, a.inherited), ...q.qualifiers]),
  };
  const facts = {
    hit: 'quantity' as const,
    kind: target.kind,
    unit: q.unit,
    near: c.masked.slice(a.segment, q.start),
    after: c.masked.slice(q.end, afterEnd),
    describes,
  };
  return { target, carried, facts };
}

/** 冶金产业瞄准五百亿级目标 → 冶金产业; 打造千亿级园区 → 园区. */
function levelMetric(c: Clause, from: number, h: Level): string {
  const before = c.masked.slice(from, h.start);
  const lead = LEVEL_LEADING_RE.exec(before)?.[0].length ?? 0;
  const verb = LEVEL_VERB_RE.exec(before.slice(lead));
  const subject = clean(c.orig.slice(from + lead, from + lead + (verb ? verb.index : before.length - lead)));
  if (subject !== '') return subject;
  const after = c.masked.slice(h.end);
  const stop = /[、]/.exec(after)?.index ?? after.length;
  const noun = metricAfter(c, h.end, h.end + stop);
  return LEVEL_VERB_RE.test(noun) ? '' : noun;
}

/**
 * 打造3个千亿级、2个二百亿级产业集群: a metric that ends in 级 names only the level;
 * it borrows the head noun of the next metric in its clause (产业集群).
 */
function borrowHeadNouns(made: Target[]): void {
  let head = '';
  for (let i = made.length - 1; i >= 0; i--) {
    const t = made[i];
    if (t === undefined) continue;
    const cut = t.metric.lastIndexOf('级');
    if (cut >= 0 && cut === t.metric.length - 1) t.metric += head;
    else if (cut >= 0) head = t.metric.slice(cut + 1);
  }
}

export interface ExtractOptions {
  /** The plan's year: a horizon later than it (到2030年) makes a target long-term. */
  year?: number | null;
}

/**
 * The quantitative targets of one task's text (or of a headline-target
 * paragraph), each with its scope and whether it is measured (annual ones are).
 */
export function extractTargets(text: string, options: ExtractOptions = {}): Target[] {
  const masked = maskQuoted(text);
  const hits = findHits(masked);
  const out: Target[] = [];
  let chain: Chain | null = null;
  let next = 0;
  let sentenceStart = 0;
  let subject: string | null = null;
  for (const b of hits.length > 0 ? clauseBounds(masked) : []) {
    if (b.opensPassage) subject = null;
    if (b.opensSentence) {
      chain = null;
      sentenceStart = b.start;
      subject = subjectOf(masked.slice(b.start, b.end)) ?? subject;
    }
    const own: Hit[] = [];
    for (let h = hits[next]; h !== undefined && h.start < b.end; h = hits[++next]) {
      own.push({ ...h, start: h.start - b.start, end: h.end - b.start });
    }
    if (own.length === 0) continue;
    const setting: Readonly<Setting> = { sentence: text.slice(sentenceStart, b.start), subject, year: options.year ?? null };
    chain = readClause({ orig: text.slice(b.start, b.end), masked: masked.slice(b.start, b.end) }, own, chain, setting, out);
  }
  return out;
}
