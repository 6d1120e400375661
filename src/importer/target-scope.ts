/**
 * What a target is (TARGET_SCOPES): this year's promise, or a number that
 * frames the task without being due this year. Only annual targets are
 * measured against time progress; the others are kept and shown, typed
 * (docs/status-rules.md, 九).
 *
 * - long_term: an aim beyond the year: a level after an aiming verb
 *   (瞄准千亿级, 打造千亿级园区), things counted by their level
 *   (打造 3 个千亿级产业集群), a number after 瞄准/锚定, or a sentence that
 *   sets a horizon (到 2030 年 with a later year than the plan's, 远景, 十五五末);
 * - project: a project's specification: after 总投资, 占地, 建筑面积…, or a sum
 *   before the project it sizes (投资 10 亿元的新材料项目, 5000 万元以上项目);
 * - capacity: after 年产, 产能, 装机… (but 新增装机 80MW is added within the
 *   year: annual), a unit per year (30 万吨/年), or a capacity before the
 *   thing it sizes (60GWh 储能电池, 75 蒸吨锅炉);
 * - scale: the size class of something (千亿级产业, 规模达 500 亿元级) or a
 *   size before its thing (500 亿元规模的集群);
 * - annual: everything else, including 规模突破 220 亿元: a size to reach by
 *   the year's end is a promise of the year.
 */
import type { TargetKind, TargetScope } from '../domain/plan.js';
import { AIM_WORDS, alternation, CAPACITY_UNITS, CAPACITY_WORDS, HORIZON_WORDS, LEVEL_AIM_VERBS, PROJECT_WORDS, unitFamily } from './quantity-words.js';

const HORIZON_RE = new RegExp(alternation(HORIZON_WORDS));
/** 到2030年, 至2028年底, 2030年前: a year that ends the horizon. */
const HORIZON_YEAR_RE = /(?:到|至)\s*(\d{4})\s*年|(\d{4})\s*年(?:前|以前|之前)/g;
const AIM_RE = new RegExp(alternation(AIM_WORDS));
const LEVEL_AIM_RE = new RegExp(alternation(LEVEL_AIM_VERBS));
const PROJECT_RE = new RegExp(`(?:${alternation(PROJECT_WORDS)})[^，、]{0,4}$`);
const CAPACITY_RE = new RegExp(`(?:${alternation(CAPACITY_WORDS)})[^，、]{0,6}$`);
/** 打造3个千亿级产业集群: a count of things of a money level. */
const MONEY_LEVEL_RE = /亿元?级/;
const SIZE_AFTER_RE = /^\s*(?:级|规模)/;
/** 30万吨/年: a unit per year is a capacity. */
const PER_YEAR_RE = /^\s*[/／]\s*年/;

export interface ScopeFacts {
  hit: 'quantity' | 'level' | 'flat';
  kind: TargetKind;
  unit: string | null;
  metric: string;
  /** The sentence before the number, as written (quotes kept: “十五五”末). */
  sentence: string;
  /** The words between the previous number of the clause (or its 、 segment) and this one. */
  near: string;
  /** The words right after the unit, up to the next number or 、. */
  after: string;
  /** The number stands before a name it sizes (60GWh 储能电池, 5000 万元以上项目). */
  describes: boolean;
  /** The plan's year, when known. */
  year: number | null;
}

/** Whether the sentence sets a horizon beyond the plan year. */
function beyondYear(sentence: string, year: number | null): boolean {
  if (HORIZON_RE.test(sentence)) return true;
  if (year === null) return false;
  HORIZON_YEAR_RE.lastIndex = 0;
  for (let m = HORIZON_YEAR_RE.exec(sentence); m !== null; m = HORIZON_YEAR_RE.exec(sentence)) {
    if (Number(m[1] ?? m[2]) > year) return true;
  }
  return false;
}

export function scopeFor(f: ScopeFacts): TargetScope {
  if (f.hit === 'flat') return beyondYear(f.sentence, f.year) ? 'long_term' : 'annual';
  if (f.hit === 'level') return LEVEL_AIM_RE.test(f.near) || beyondYear(f.sentence, f.year) ? 'long_term' : 'scale';
  const family = f.unit === null ? null : unitFamily(f.unit);
  if (MONEY_LEVEL_RE.test(f.metric) || AIM_RE.test(f.near) || beyondYear(f.sentence, f.year)) return 'long_term';
  if (family === 'rate') return 'annual';
  if (PROJECT_RE.test(f.near)) return 'project';
  if (SIZE_AFTER_RE.test(f.after)) return 'scale';
  // 新增光伏装机容量 80MW: capacity added within the year is the year's promise.
  if ((CAPACITY_RE.test(f.near) && f.kind !== 'increment') || PER_YEAR_RE.test(f.after) || (f.describes && f.unit !== null && CAPACITY_UNITS.has(f.unit))) {
    return 'capacity';
  }
  if (f.describes && family === 'money') return 'project';
  return 'annual';
}
