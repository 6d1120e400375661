/**
 * Assessment (考核): a unit's score statement and the ranking of units.
 *
 * A statement starts from the scheme's base and adds one item per scoring
 * event, each item carrying the points of its rule and naming the object it
 * comes from (a report, a task, a target, an order), so that every point can
 * be traced. Pure: events in, statements and ranking out.
 *
 * Totals are exact sums of the points as written in the scheme (0.1 + 0.2 is
 * 0.3, whatever the order of the items), so that two units with equal sums
 * share a rank; rounding to two decimals is for display only.
 */
import type { ScoringScheme } from './settings.js';
import type { IsoDate } from './status.js';

/** What earns or costs points; each names a field of the scheme. */
export const SCORING_RULES = ['reportOnTime', 'lateReport', 'returned', 'redMonth', 'targetMet', 'unmetTarget', 'unansweredOrder'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];

/** The kinds of object an item is traced to. */
export type ScoredObject = 'report' | 'task' | 'target' | 'order';

/** One thing that happened to a unit and counts in its assessment. */
export interface ScoringEvent {
  unitId: number;
  rule: ScoringRule;
  /** For the clerk, in Chinese: "2026-03 期报告按时报送（第 3 项任务）". */
  label: string;
  /** The day it happened, in the government's calendar. */
  at: IsoDate;
  objectType: ScoredObject;
  objectId: number;
  taskId: number | null;
}

export interface StatementItem {
  rule: ScoringRule;
  label: string;
  points: number;
  at: IsoDate;
  objectType: ScoredObject;
  objectId: number;
  taskId: number | null;
}

export interface Statement {
  unitId: number;
  base: number;
  /** base + the points of every item, exact. */
  total: number;
  items: StatementItem[];
}

const RULE_ORDER: ReadonlyMap<ScoringRule, number> = new Map(SCORING_RULES.map((r, i) => [r, i]));
const ruleIndex = (rule: ScoringRule): number => RULE_ORDER.get(rule) ?? SCORING_RULES.length;

/** Items in the order a statement is read: by date, then rule, then object. */
export function compareItems(a: StatementItem, b: StatementItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return ruleIndex(a.rule) - ruleIndex(b.rule) || a.objectId - b.objectId || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** The statement of one unit from its events; events of other units are ignored. */
export function statementOf(unitId: number, events: readonly ScoringEvent[], scheme: ScoringScheme): Statement {
  const items = events
    .filter((e) => e.unitId === unitId)
    .map((e): StatementItem => ({
      rule: e.rule,
      label: e.label,
      points: scheme[e.rule],
      at: e.at,
      objectType: e.objectType,
      objectId: e.objectId,
      taskId: e.taskId,
    }))
    .sort(compareItems);
  return { unitId, base: scheme.base, total: exactSum([scheme.base, ...items.map((i) => i.points)]), items };
}

/** One statement per unit, in the order of `unitIds`; a unit without events gets the base. */
export function statementsOf(unitIds: readonly number[], events: readonly ScoringEvent[], scheme: ScoringScheme): Statement[] {
  const byUnit = new Map<number, ScoringEvent[]>(unitIds.map((id) => [id, []]));
  for (const e of events) byUnit.get(e.unitId)?.push(e);
  return unitIds.map((id) => statementOf(id, byUnit.get(id) ?? [], scheme));
}

/** How many items of each rule a statement holds. */
export function countsOf(statement: Statement): Record<ScoringRule, number> {
  const counts = Object.fromEntries(SCORING_RULES.map((r) => [r, 0])) as Record<ScoringRule, number>;
  for (const item of statement.items) counts[item.rule] += 1;
  return counts;
}

export interface Ranked {
  unitId: number;
  name: string;
  total: number;
}

const byName = new Intl.Collator('zh-Hans-CN').compare;

/**
 * Units by total, highest first. Equal totals share a rank and the next rank
 * skips (1, 2, 2, 4); within a tie units are listed by name (then id), which
 * is only the order of display.
 */
export function rankingOf<T extends Ranked>(entries: readonly T[]): (T & { rank: number })[] {
  const sorted = [...entries].sort((a, b) => b.total - a.total || byName(a.name, b.name) || a.unitId - b.unitId);
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach((entry, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...entry, rank: previous !== undefined && previous.total === entry.total ? previous.rank : i + 1 });
  });
  return ranked;
}

/** Points rounded to two decimals, half away from zero: what a table prints. */
export function displayPoints(points: number): number {
  const rounded = (Math.sign(points) * Math.round(Math.abs(points) * 100 + 1e-9)) / 100;
  return rounded === 0 ? 0 : rounded;
}

/**
 * The sum of numbers as written in decimal: each is scaled to an integer by
 * the largest number of decimals among them (at most 12) and the integers are
 * added exactly, so the result does not depend on the order of the terms.
 */
export function exactSum(values: readonly number[]): number {
  const places = Math.max(0, ...values.map(decimalPlaces));
  const scale = 10 ** places;
  let sum = 0n;
  for (const v of values) sum += BigInt(Math.round(v * scale));
  return Number(sum) / scale;
}

const MAX_PLACES = 12;

function decimalPlaces(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`not a number: ${x}`);
  for (let places = 0; places < MAX_PLACES; places++) if (Number(x.toFixed(places)) === x) return places;
  return MAX_PLACES;
}

const DAY_MS = 86_400_000;

/** The day after a date. */
export function nextDay(date: IsoDate): IsoDate {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return new Date(ms + DAY_MS).toISOString().slice(0, 10);
}
