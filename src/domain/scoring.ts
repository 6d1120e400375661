/**
 * Assessment (考核): a unit's score statement and the ranking of units.
 *
 * A unit is scored on rates, not on numbers of events: each rule counts
 * what happened (reports sent on time, returns, red task-months, targets met,
 * orders not answered in time) over what the unit owed of that kind (reports
 * due, reports sent, task-months hosted, targets owned, orders due), and
 * earns the scheme's points for that rule times the rate. The scheme's
 * points are those of a rate of 100 %. So a unit with 42 reports on time of
 * 42 and one with 24 of 24 earn the same, and two units with the same rates
 * score the same whatever the number of their tasks.
 *
 * Every point is still an item: each event is listed, naming the object it
 * comes from (a report, a task, a target, an order), with its share of its
 * rule's points (the rule's points ÷ what was owed). Pure: events and what
 * each unit owed in, statements and ranking out.
 *
 * A rule's points are the rate times its weight, kept to six decimals; the
 * total is the exact sum of the base and those (0.1 + 0.2 is 0.3, whatever
 * the order), so that two units with equal rates share a rank; rounding to
 * two decimals is for display only.
 */
import type { ScoringScheme } from './settings.js';
import type { IsoDate } from './status.js';

/** What earns or costs points; each names a field of the scheme. */
export const SCORING_RULES = ['reportOnTime', 'lateReport', 'returned', 'redMonth', 'targetMet', 'unmetTarget', 'unansweredOrder'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];

/**
 * What a rule's count is divided by, what the unit owed by the date:
 * - reportsDue: its reports that were due (sent, or unsent past their due date);
 * - reportsSent: its reports sent;
 * - taskMonths: the light snapshots (one per round close) of the tasks it hosts;
 * - targets: the measured targets it owns;
 * - ordersDue: the orders it received that were answered or past their response date.
 */
export const SCORING_BASES = ['reportsDue', 'reportsSent', 'taskMonths', 'targets', 'ordersDue'] as const;
export type ScoringBasis = (typeof SCORING_BASES)[number];

export const BASIS_OF: Readonly<Record<ScoringRule, ScoringBasis>> = {
  reportOnTime: 'reportsDue',
  lateReport: 'reportsDue',
  returned: 'reportsSent',
  redMonth: 'taskMonths',
  targetMet: 'targets',
  unmetTarget: 'targets',
  unansweredOrder: 'ordersDue',
};

/** What a unit owed by a date: the denominators of its rates. */
export type Owed = Record<ScoringBasis, number>;

export const nothingOwed = (): Owed => ({ reportsDue: 0, reportsSent: 0, taskMonths: 0, targets: 0, ordersDue: 0 });

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
  /** The item's share of its rule's points: the weight ÷ what was owed (unrounded). */
  points: number;
  at: IsoDate;
  objectType: ScoredObject;
  objectId: number;
  taskId: number | null;
}

/** One rule of a statement: its count over what was owed, and the points that rate earns. */
export interface StatementLine {
  rule: ScoringRule;
  basis: ScoringBasis;
  count: number;
  of: number;
  /** count ÷ of; null when the unit owed nothing of the kind (the rule then gives no points). */
  rate: number | null;
  /** The scheme's points for a rate of 100 %. */
  weight: number;
  /** weight × rate to six decimals; 0 when there is no rate. */
  points: number;
}

export interface Statement {
  unitId: number;
  base: number;
  /** base + the points of every line, exact. */
  total: number;
  /** One line per rule, in the order of SCORING_RULES. */
  lines: StatementLine[];
  items: StatementItem[];
}

const RULE_ORDER: ReadonlyMap<ScoringRule, number> = new Map(SCORING_RULES.map((r, i) => [r, i]));
const ruleIndex = (rule: ScoringRule): number => RULE_ORDER.get(rule) ?? SCORING_RULES.length;

/** Items in the order a statement is read: by date, then rule, then object. */
export function compareItems(a: StatementItem, b: StatementItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return ruleIndex(a.rule) - ruleIndex(b.rule) || a.objectId - b.objectId || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

const SIX_PLACES = 1e6;
const toSixPlaces = (x: number): number => {
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * SIX_PLACES)) / SIX_PLACES;
  return rounded === 0 ? 0 : rounded;
};

/**
 * A rule's line. The rate is one division of two whole numbers, so equal
 * rates (42 of 42, 24 of 24) are the same number and earn the same points.
 */
export function lineOf(rule: ScoringRule, count: number, owed: Owed, scheme: ScoringScheme): StatementLine {
  const basis = BASIS_OF[rule];
  const of = owed[basis];
  const weight = scheme[rule];
  const rate = of > 0 ? count / of : null;
  return { rule, basis, count, of, rate, weight, points: rate === null ? 0 : toSixPlaces(weight * rate) };
}

/** The statement of one unit from its events and what it owed; events of other units are ignored. */
export function statementOf(unitId: number, events: readonly ScoringEvent[], owed: Owed, scheme: ScoringScheme): Statement {
  const mine = events.filter((e) => e.unitId === unitId);
  const counts = Object.fromEntries(SCORING_RULES.map((r) => [r, 0])) as Record<ScoringRule, number>;
  for (const e of mine) counts[e.rule] += 1;
  const lines = SCORING_RULES.map((rule) => lineOf(rule, counts[rule], owed, scheme));
  const share = (rule: ScoringRule): number => {
    const of = owed[BASIS_OF[rule]];
    return of > 0 ? scheme[rule] / of : 0;
  };
  const items = mine
    .map((e): StatementItem => ({
      rule: e.rule,
      label: e.label,
      points: share(e.rule),
      at: e.at,
      objectType: e.objectType,
      objectId: e.objectId,
      taskId: e.taskId,
    }))
    .sort(compareItems);
  return { unitId, base: scheme.base, total: exactSum([scheme.base, ...lines.map((l) => l.points)]), lines, items };
}

/** One statement per unit, in the order of `unitIds`; a unit without events or anything owed gets the base. */
export function statementsOf(unitIds: readonly number[], events: readonly ScoringEvent[], owed: ReadonlyMap<number, Owed>, scheme: ScoringScheme): Statement[] {
  const byUnit = new Map<number, ScoringEvent[]>(unitIds.map((id) => [id, []]));
  for (const e of events) byUnit.get(e.unitId)?.push(e);
  return unitIds.map((id) => statementOf(id, byUnit.get(id) ?? [], owed.get(id) ?? nothingOwed(), scheme));
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
