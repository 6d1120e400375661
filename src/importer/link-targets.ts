/**
 * Target evidence for a proposed link (link-proposals.ts): the task from above and a lower task promise the same
 * metric, however each notice names it (营收 and 营业收入, 固投 and 固定资产投资, 新增城镇就业 and 城镇新增就业), in
 * units that compare (亿元 and 万元 are both money; 个 and 家 are not).
 */
import { BARE_METRICS, unitFamily } from './quantity-words.js';

export interface LinkTarget {
  metric: string;
  kind: string;
  value: number | null;
  unit: string | null;
}

const longestFirst = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

/** Names of one metric written several ways. */
const METRIC_ALIASES: readonly (readonly [string, string])[] = [
  ['主营业务收入', '营业收入'],
  ['营收', '营业收入'],
  ['固投', '固定资产投资'],
  ['社零额', '社会消费品零售总额'],
  ['社零', '社会消费品零售总额'],
  ['社会消费品零售额', '社会消费品零售总额'],
  ['高企', '高新技术企业'],
  ['规上', '规模以上'],
  ['外贸进出口', '进出口'],
  ['进出口总额', '进出口'],
  ['进出口额', '进出口'],
];
const ALIAS_RE = new RegExp(longestFirst(METRIC_ALIASES.map(([from]) => from)), 'g');
const ALIAS = new Map(METRIC_ALIASES);
/** Kind words a metric may hold inside: 城镇新增就业 and 新增城镇就业 are one metric. */
const KIND_WORDS_RE = /新增|净增|累计|全年|年度/g;

/** The aliases that shorten a name (固投, 营收), not those that only add to it (外贸进出口: its words are kept in a text). */
const SHORT_FORMS = METRIC_ALIASES.filter(([from, to]) => !from.includes(to));
const SHORT_FORM_RE = new RegExp(longestFirst(SHORT_FORMS.map(([from]) => from)), 'g');

/** A text with its metrics spelled out: 固投 and 固定资产投资 then share their bigrams. */
export const withMetricsSpelledOut = (text: string): string => text.replace(SHORT_FORM_RE, (word) => ALIAS.get(word) ?? word);

/** A metric in one spelling: without quotes, spaces and kind words, its aliases replaced. */
export function normalMetric(metric: string): string {
  let name = metric
    .normalize('NFKC')
    .replace(/[\s"'“”‘’《》<>]/g, '')
    .replace(KIND_WORDS_RE, '');
  // Again while it changes: 外贸进出口总额 → 进出口总额 → 进出口 (no alias leads back to another, so a few rounds suffice).
  for (let round = 0; round < 3; round += 1) {
    const next = name.replace(ALIAS_RE, (word) => ALIAS.get(word) ?? word);
    if (next === name) break;
    name = next;
  }
  return name;
}

/** What a unit measures: money in any magnitude, a rate, or the thing counted or measured without its magnitude. */
export function unitDimension(unit: string): string {
  const u = unit.normalize('NFKC');
  if (u.endsWith('美元')) return 'usd';
  const family = unitFamily(u);
  if (family === 'money' || family === 'rate') return family;
  return u.replace(/^(?:万亿|亿|万|千)(?=.)/, '').replace(/^[kmg](?=[wv])/i, '');
}

/** A target read once for comparing. */
export interface PreparedTarget {
  metric: string;
  /** The metric without whose it is: 工业园区营业收入 → 营业收入. */
  core: string;
  /** unitDimension() of its unit; null without a number. */
  dimension: string | null;
}

/** Metrics that are named with their subject (营业收入 of a park, 投资 of an industry), in their one spelling, longest first. */
const CORES = [...new Set([...BARE_METRICS, ...ALIAS.values()].map(normalMetric))].filter((m) => m.length >= 2).sort((a, b) => b.length - a.length);

/** The metric without whose it is: 工业园区营业收入 → 营业收入; a metric of no subject is its own core. */
const coreOf = (metric: string): string => CORES.find((core) => metric.endsWith(core)) ?? metric;

export function prepareTarget(t: LinkTarget): PreparedTarget {
  const metric = normalMetric(t.metric);
  return { metric, core: coreOf(metric), dimension: t.unit === null ? null : unitDimension(t.unit) };
}

export interface TargetMatch {
  /** 0..1 */
  strength: number;
  /** 指标相同：营业收入; 指标相近：工业园区营业收入／营业收入 */
  reason: string;
}

/** The same metric, or one inside the other; half as strong in units that do not compare. */
function matchTarget(s: PreparedTarget, c: PreparedTarget): TargetMatch | null {
  if (s.metric === '' || c.metric === '') return null;
  let strength: number;
  let reason: string;
  if (s.metric === c.metric) [strength, reason] = [1, `指标相同：${s.metric}`];
  else if (s.core === c.core && s.core.length >= 2) [strength, reason] = [0.8, `指标相同：${s.core}`];
  else {
    const [shorter, longer] = s.metric.length <= c.metric.length ? [s.metric, c.metric] : [c.metric, s.metric];
    if (shorter.length < 2 || !(longer.endsWith(shorter) || longer.startsWith(shorter))) return null;
    [strength, reason] = [0.6, `指标相近：${s.metric}／${c.metric}`];
  }
  return { strength: s.dimension === c.dimension ? strength : strength / 2, reason };
}

/** For each of the source's targets its best match among the candidate's, strongest first, each reason once. */
export function matchTargets(source: readonly PreparedTarget[], candidate: readonly PreparedTarget[]): TargetMatch[] {
  const matches: TargetMatch[] = [];
  for (const s of source) {
    let best: TargetMatch | null = null;
    for (const c of candidate) {
      const found = matchTarget(s, c);
      if (found !== null && (best === null || found.strength > best.strength)) best = found;
    }
    if (best !== null && !matches.some((m) => m.reason === best.reason)) matches.push(best);
  }
  return matches.sort((a, b) => b.strength - a.strength || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}
