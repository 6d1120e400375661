/**
 * Which of a lower government's own tasks take up a task handed down from above (承接): proposals for the office
 * to confirm, never links made by themselves. A county's notice words the city's task its own way (产业园区扩区提质
 * above, 开发区扩区 below), so the texts are compared without a dictionary: the character bigrams of what remains
 * once figures, punctuation and the boilerplate of the genre are dropped, each weighted by its rarity among the
 * candidates (a bigram every task holds says nothing), compared by cosine, the whole task or its best sentence.
 * Targets add their own evidence (link-targets.ts). Pure and deterministic: the same proposals whatever the order
 * of the candidates.
 */
import { matchTargets, prepareTarget, withMetricsSpelledOut, type LinkTarget, type PreparedTarget, type TargetMatch } from './link-targets.js';
import { UNIT_PATTERN } from './quantity-words.js';

export { normalMetric, unitDimension, type LinkTarget } from './link-targets.js';

/** The task from above: its text and its targets. */
export interface LinkSource {
  text: string;
  targets: readonly LinkTarget[];
}

/** One of the lower government's own tasks. */
export interface LinkCandidate extends LinkSource {
  id: number;
  /** The caller's own label for the task (its number as printed); carried, not read. */
  key?: string;
}

export interface LinkProposal {
  taskId: number;
  /** 0..1: how strongly the task seems to take up the source. */
  score: number;
  /** The evidence, in Chinese: 用语相近：产业园区、扩区; 指标相同：营业收入. */
  reasons: string[];
}

export interface LinkOptions {
  /** At most this many proposals (5). */
  limit?: number;
  /** Only proposals scoring above this (DEFAULT_MIN_SCORE). */
  minScore?: number;
}

/** Below this a proposal is noise: a task sharing a common word or two with the source. */
export const DEFAULT_MIN_SCORE = 0.2;
const DEFAULT_LIMIT = 5;
/** A matching sentence counts a little less than matching the whole task. */
const SENTENCE_WEIGHT = 0.85;
/** How many of the rarest terms a text must share with the source for its cosine to count in full. */
const EVIDENCE_TERMS = 2;
/** How far target evidence lifts a score: it breaks ties and supports the text, it never proposes alone. */
const TARGET_WEIGHT = 0.35;
/** The text score from which target evidence counts in full. */
const TEXT_FOR_TARGETS = 0.25;

/**
 * The boilerplate of supervision: verbs and adverbs any task may carry. Small and general on purpose; the
 * weighting by rarity takes care of the words one plan repeats.
 */
const STOP_WORDS = [
  '进一步',
  '推进',
  '推动',
  '加快',
  '加强',
  '加大',
  '强化',
  '深化',
  '完成',
  '全面',
  '积极',
  '确保',
  '力争',
  '力促',
  '年内',
  '全年',
  '今年',
  '年底前',
  '工作',
  '建设',
  '持续',
  '不断',
  '切实',
  '扎实',
  '深入',
  '大力',
  '着力',
  '全力',
  '做好',
  '抓好',
  '落实',
  '实施',
  '开展',
  '实现',
  '增长',
  '提高',
  '以上',
  '各项',
  '左右',
  '不低于',
  '不少于',
];

/**
 * What is dropped before comparing, in one pass: a task's own responsibility annotation (（区发改局牵头，…）: the
 * upper task names other units), a figure with its unit (140亿元, 10%), a count in words (三个, 一批), boilerplate.
 */
const NOISE_RE = new RegExp(
  [
    String.raw`\([^()]*(?:牵头|责任单位|配合|负责|主办|协办)[^()]*\)`,
    String.raw`\d+(?:\.\d+)?\s*(?:${UNIT_PATTERN})?`,
    '[一二两三四五六七八九十百千]+(?:个|批|项|家|条|类|名|场|处|座|所)',
    [...STOP_WORDS].sort((a, b) => b.length - a.length).join('|'),
  ].join('|'),
  'g',
);
/** What scan() makes of a character, by its code: a table, since it asks for every character of every candidate. */
const OTHER = 0;
const HAN = 1;
const LATIN = 2;
const SENTENCE_END = 3;
const KINDS = new Uint8Array(0x10000);
KINDS.fill(HAN, 0x3400, 0xa000);
KINDS.fill(HAN, 0xf900, 0xfb00);
KINDS.fill(LATIN, 0x61, 0x7b);
// Characters that glue phrases together: a bigram across them says nothing.
for (const c of '的和与及等并或') KINDS[c.charCodeAt(0)] = OTHER;
for (const c of '。；;！!？?\n') KINDS[c.charCodeAt(0)] = SENTENCE_END;

const isLatin = (code: number): boolean => KINDS[code] === LATIN;
/** Two Han characters as one small integer (below 2^30: V8 keeps it unboxed). */
const HAN_COUNT = 0x9fff - 0x3400 + 1 + 0x200;
const hanIndex = (code: number): number => (code >= 0xf900 ? code - 0xf900 + 0x9fff - 0x3400 + 1 : code - 0x3400);
const bigram = (a: number, b: number): number => hanIndex(a) * HAN_COUNT + hanIndex(b);

/**
 * The terms of one call, numbered 0, 1, 2… as they are first met: a bigram by its bigram() number, a Latin word
 * (gdp, agv) by itself. The numbers index the typed arrays the scores are computed over.
 */
class Vocabulary {
  private readonly bigrams = new Map<number, number>();
  private readonly words = new Map<string, number>();
  size = 0;

  bigram(key: number): number {
    let id = this.bigrams.get(key);
    if (id === undefined) this.bigrams.set(key, (id = this.size++));
    return id;
  }

  word(word: string): number {
    let id = this.words.get(word);
    if (id === undefined) this.words.set(word, (id = this.size++));
    return id;
  }

  /** The terms of a run scan() found, numbered as it numbered them. */
  termsOfRun(run: string): number[] {
    if (isLatin(run.charCodeAt(0))) return [this.word(run)];
    const terms: number[] = [];
    for (let i = 1; i < run.length; i += 1) terms.push(this.bigram(bigram(run.charCodeAt(i - 1), run.charCodeAt(i))));
    return terms;
  }
}

interface Scanned {
  terms: number[];
  /** Where each sentence's terms end in `terms`. */
  sentenceEnds: number[];
  /** The runs the terms were read from (Han runs and Latin words), for naming shared phrases; the source's only. */
  runs: string[];
}

/** One pass over what remains of the text: its terms, its sentences, its runs. A loop: it runs over every candidate. */
function scan(text: string, vocabulary: Vocabulary, withRuns = false): Scanned {
  const clean = withMetricsSpelledOut(text.normalize('NFKC')).replace(NOISE_RE, ' ').toLowerCase();
  const terms: number[] = [];
  const sentenceEnds: number[] = [];
  const runs: string[] = [];
  let runStart = -1;
  let wordStart = -1;
  for (let i = 0; i <= clean.length; i += 1) {
    const code = i < clean.length ? clean.charCodeAt(i) : 0x0a;
    const kind = KINDS[code];
    if (kind !== HAN && runStart >= 0) {
      if (withRuns && i - runStart >= 2) runs.push(clean.slice(runStart, i));
      runStart = -1;
    }
    if (kind !== LATIN && wordStart >= 0) {
      if (i - wordStart >= 2) {
        const word = clean.slice(wordStart, i);
        if (withRuns) runs.push(word);
        terms.push(vocabulary.word(word));
      }
      wordStart = -1;
    }
    if (kind === HAN) {
      if (runStart < 0) runStart = i;
      else terms.push(vocabulary.bigram(bigram(clean.charCodeAt(i - 1), code)));
    } else if (kind === LATIN) {
      if (wordStart < 0) wordStart = i;
    } else if (kind === SENTENCE_END && terms.length > (sentenceEnds.at(-1) ?? 0)) {
      sentenceEnds.push(terms.length);
    }
  }
  return { terms, sentenceEnds, runs };
}

/** A bag of terms: each term once, with its count. */
interface Bag {
  ids: Int32Array;
  counts: Int32Array;
}

/** Bags terms with one scratch counter over the vocabulary (read once every text is scanned). */
function bagger(size: number): (terms: readonly number[], from: number, to: number) => Bag {
  const seen = new Int32Array(size);
  const order = new Int32Array(size);
  return (terms, from, to) => {
    let k = 0;
    for (let i = from; i < to; i += 1) {
      const id = terms[i]!;
      if (seen[id] === 0) order[k++] = id;
      seen[id]! += 1;
    }
    const ids = order.slice(0, k);
    const counts = new Int32Array(k);
    for (let j = 0; j < k; j += 1) {
      counts[j] = seen[ids[j]!]!;
      seen[ids[j]!] = 0;
    }
    return { ids, counts };
  };
}

/**
 * A term's weight: its count (dampened) times its rarity, in whole 1/4096ths. The sums of a cosine are then exact
 * integers, the same in any order: the scores do not depend on the order the candidates come in.
 */
const weight = (count: number, idf: number): number => Math.round((count === 1 ? 1 : 1 + Math.log(count)) * idf * 4096);

/** The source's weights over the vocabulary (0 where it lacks the term), and their norm. */
interface SourceWeights {
  of: Float64Array;
  norm: number;
}

/**
 * Cosine of the source and a bag; with the bound no part of the bag can pass (the share of the source's weight
 * the bag's terms hold), so that most candidates' sentences need no look; and the rarity of the terms shared,
 * summed (in the units of weight()).
 */
function cosine(source: SourceWeights, bag: Bag, idf: Float64Array): { cosine: number; bound: number; shared: number } {
  let dot = 0;
  let sum = 0;
  let held = 0;
  let shared = 0;
  for (let i = 0; i < bag.ids.length; i += 1) {
    const id = bag.ids[i]!;
    const w = weight(bag.counts[i]!, idf[id]!);
    sum += w * w;
    const v = source.of[id]!;
    if (v !== 0) {
      dot += w * v;
      held += v * v;
      shared += weight(1, idf[id]!);
    }
  }
  if (dot === 0 || source.norm === 0) return { cosine: 0, bound: 0, shared: 0 };
  return { cosine: Math.min(1, dot / (source.norm * Math.sqrt(sum))), bound: Math.sqrt(held) / source.norm, shared };
}

interface Scored {
  candidate: LinkCandidate;
  bag: Bag;
  score: number;
  targets: TargetMatch[];
}

/** The candidate tasks most likely to take up the source, best first (ties by id), with the evidence in Chinese. */
export function proposeLinks(source: LinkSource, candidates: readonly LinkCandidate[], options: LinkOptions = {}): LinkProposal[] {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  if (limit <= 0 || candidates.length === 0) return [];

  const vocabulary = new Vocabulary();
  const sourceScan = scan(source.text, vocabulary, true);
  const scans = candidates.map((candidate) => scan(candidate.text, vocabulary));
  const bagOf = bagger(vocabulary.size);
  const bags = scans.map((s) => bagOf(s.terms, 0, s.terms.length));

  // Rarity among the candidates: a term every task holds weighs little; one none holds, as one held once.
  const df = new Int32Array(vocabulary.size);
  for (const bag of bags) for (const id of bag.ids) df[id]! += 1;
  const n = candidates.length;
  const idf = new Float64Array(vocabulary.size);
  for (let id = 0; id < idf.length; id += 1) idf[id] = Math.log(1 + n / Math.max(1, df[id]!));
  const rarest = Math.log(1 + n);

  const sourceBag = bagOf(sourceScan.terms, 0, sourceScan.terms.length);
  const sourceWeights: SourceWeights = { of: new Float64Array(vocabulary.size), norm: 0 };
  for (let i = 0; i < sourceBag.ids.length; i += 1) {
    const id = sourceBag.ids[i]!;
    const w = weight(sourceBag.counts[i]!, idf[id]!);
    sourceWeights.of[id] = w;
    sourceWeights.norm += w * w;
  }
  sourceWeights.norm = Math.sqrt(sourceWeights.norm);
  const sourceTargets = source.targets.map(prepareTarget);
  const prepared = new Map<LinkTarget, PreparedTarget>();
  const prepare = (t: LinkTarget): PreparedTarget => prepared.get(t) ?? prepared.set(t, prepareTarget(t)).get(t)!;

  const best = new Map<number, Scored>();
  candidates.forEach((candidate, i) => {
    const { terms, sentenceEnds } = scans[i]!;
    const bag = bags[i]!;
    const whole = cosine(sourceWeights, bag, idf);
    // A cosine over one or two shared bigrams says little however high: the evidence must add up to a few rare terms.
    const evidence = Math.min(1, whole.shared / (EVIDENCE_TERMS * weight(1, rarest)));
    let text = whole.cosine;
    if (sentenceEnds.length > 1 && SENTENCE_WEIGHT * whole.bound * evidence > Math.max(text * evidence, minScore)) {
      sentenceEnds.forEach((end, s) => {
        text = Math.max(text, SENTENCE_WEIGHT * cosine(sourceWeights, bagOf(terms, sentenceEnds[s - 1] ?? 0, end), idf).cosine);
      });
    }
    text *= evidence;
    const targets = text > 0 && sourceTargets.length > 0 ? matchTargets(sourceTargets, candidate.targets.map(prepare)) : [];
    const strength = targets[0]?.strength ?? 0;
    // Targets lift a text that already speaks of the same thing; alone they propose nothing.
    const score = round(text + (1 - text) * TARGET_WEIGHT * strength * Math.min(1, text / TEXT_FOR_TARGETS));
    const earlier = best.get(candidate.id);
    if (score > minScore && (earlier === undefined || earlier.score < score)) best.set(candidate.id, { candidate, bag, score, targets });
  });

  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.candidate.id - b.candidate.id)
    .slice(0, limit)
    .map(({ candidate, bag, score, targets }) => {
      const phrases = sharedPhrases(sourceScan.runs, new Set(bag.ids), idf, vocabulary);
      return {
        taskId: candidate.id,
        score,
        reasons: [...(phrases.length > 0 ? [`用语相近：${phrases.join('、')}`] : []), ...targets.slice(0, 3).map((t) => t.reason)],
      };
    });
}

/** Scores are compared and shown rounded, so that the order never hangs on the last bits of a float. */
const round = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;

/** A shared phrase is named by at most this many characters. */
const PHRASE_CHARS = 10;

/**
 * The source's phrases the candidate shares: the longest stretches of the source's runs whose terms the candidate
 * holds, the weightiest first (at most four).
 */
function sharedPhrases(runs: readonly string[], candidate: ReadonlySet<number>, idf: Float64Array, vocabulary: Vocabulary): string[] {
  const found = new Map<string, number>();
  const add = (phrase: string, weight: number): void => {
    const shown = phrase.length > PHRASE_CHARS ? `${phrase.slice(0, PHRASE_CHARS)}…` : phrase;
    found.set(shown, Math.max(found.get(shown) ?? 0, weight));
  };
  for (const run of runs) {
    const terms = vocabulary.termsOfRun(run);
    const latin = isLatin(run.charCodeAt(0));
    let start = -1;
    let weight = 0;
    for (let i = 0; i <= terms.length; i += 1) {
      const term = terms[i];
      if (term !== undefined && candidate.has(term)) {
        if (start < 0) start = i;
        weight += idf[term]!;
      } else if (start >= 0) {
        add(latin ? run : run.slice(start, i + 1), weight);
        start = -1;
        weight = 0;
      }
    }
  }
  return [...found.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, 4)
    .map(([phrase]) => phrase);
}
