/**
 * The figures of a simulated year. Targets that measure the same thing (the
 * same metric within a task, or the same metric and unit across tasks) read
 * one underlying series, and each target's figure comes from it: the share
 * of its value done so far (cumulative kinds), the share of its rate reached
 * (rates), or whether it went up (只减不增). Several host units split a target
 * that adds up (`sum`) and each report one that is judged per unit.
 *
 * Cumulative figures never go down from one round to the next, and targets
 * that count things (家, 个, 场, 人…) are whole numbers, split between units
 * so that no unit's count goes down either. Pure and deterministic.
 */
import { basisOf } from '../domain/completion.js';
import { isMeasured, type CombineRule, type Target } from '../domain/plan.js';
import type { IsoDate } from '../domain/status.js';
import { dayNumber, isoDate, timeProgress, yearPeriod } from '../domain/time-progress.js';
import { draw, paceShare, rateShare, type Pace } from './scenario.js';

/** Units in which things are counted one by one. */
const COUNT_UNITS: ReadonlySet<string> = new Set(
  '个 家 场 场次 项 所 人 人次 名 位 户 座 条 次 批 处 类 件 台 套 栋 间 张 辆 艘 架 只 头 支 部 期 村 片 宗 例 起 份 本 门 株 棵 口 眼 趟 班 届 项次 家次 批次'.split(
    ' ',
  ),
);
/** Units of measure: money, weight, length, area, energy, time, ratios. */
const MEASURE = /(?:元|吨|米|里|亩|公顷|斤|克|升|立方|方|瓦|[kMGT]?W|[kMGT]?Wh|度|%|％|‰|倍|百分点|小时|天|年|月)$/;
const MAGNITUDE = /^[十百千万亿]+/;

/**
 * Whether a target counts things, so that its figures are whole numbers:
 * a counting unit (家, 个, 场…), or a count in a unit that is no measure
 * (5 个百亩田 read with the unit 百亩田). 万人次 and 亿元 are measures.
 */
export function countsThings(target: Pick<Target, 'kind' | 'unit'>): boolean {
  const unit = target.unit?.trim() ?? '';
  if (unit === '') return target.kind === 'count';
  if (COUNT_UNITS.has(unit)) return true;
  const bare = unit.replace(MAGNITUDE, '');
  if (bare !== unit && COUNT_UNITS.has(bare)) return false;
  if (MEASURE.test(unit)) return false;
  return target.kind === 'count';
}

/** A target units report figures for: measured, with a number to compare (or 只减不增). */
export const isReported = (target: Target): boolean => isMeasured(target) && basisOf(target) !== null;

export interface TaskTargets {
  id: number;
  targets: readonly (Target & { id: number })[];
}

export interface Series {
  /** The series each reported target reads, by target id. */
  seriesOf: ReadonlyMap<number, string>;
  /** Tasks that share a series, in groups (tasks sharing none are left out). */
  linked: number[][];
}

const metricText = (t: Target): string => t.metric.normalize('NFC').replace(/\s+/g, '');

/** Disjoint sets of names. */
class Sets {
  private readonly parent = new Map<string, string>();

  root(x: string): string {
    let r = x;
    for (let p = this.parent.get(r); p !== undefined && p !== r; p = this.parent.get(r)) r = p;
    this.parent.set(x, r);
    return r;
  }

  join(a: string, b: string): void {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * The series of a plan's reported targets: targets join one series when
 * they have the same metric in one task, or the same metric and unit in any
 * two tasks. A series is named by its first target (in task order); tasks
 * reading one series are linked, and so are the tasks linked to them.
 */
export function seriesOf(tasks: readonly TaskTargets[]): Series {
  const reported = [...tasks]
    .sort((a, b) => a.id - b.id)
    .flatMap((task) =>
      [...task.targets]
        .sort((a, b) => a.id - b.id)
        .filter(isReported)
        .map((target) => ({ task: task.id, target })),
    );
  const same = new Sets();
  for (const { task, target } of reported) {
    same.join(`task:${task}|${metricText(target)}`, `target:${target.id}`);
    same.join(`metric:${metricText(target)}|${target.unit ?? ''}`, `target:${target.id}`);
  }
  const names = new Map<string, string>();
  const series = new Map<number, string>();
  const linked = new Sets();
  for (const { task, target } of reported) {
    const root = same.root(`target:${target.id}`);
    const name = names.get(root) ?? `${target.id}:${metricText(target)}`;
    names.set(root, name);
    series.set(target.id, name);
    linked.join(`series:${name}`, `task:${task}`);
  }
  const groups = new Map<string, number[]>();
  for (const task of new Set(reported.map((r) => r.task))) {
    const root = linked.root(`task:${task}`);
    groups.set(root, [...(groups.get(root) ?? []), task]);
  }
  return { seriesOf: series, linked: [...groups.values()].filter((g) => g.length > 1) };
}

const DAY = 86_400_000;
const monthEnd = (year: number, month: number): IsoDate => isoDate(Date.UTC(year, month, 0) / DAY);
const round2 = (x: number): number => Math.round(x * 100) / 100;
/** -0 (a reduction of nothing yet) written as 0. */
const plain = (x: number): number => (x === 0 ? 0 : x);

/** A series' own noise in a month, within ±2 %: the same for every target that reads it. */
const wobble = (seed: number, series: string, month: IsoDate): number => 1 + (draw(seed, 'series', series, month)() - 0.5) * 0.04;

/** Where a series stands at the end of a date. */
export interface SeriesPoint {
  /** The share of a cumulative target done so far; never lower than at the end of an earlier month. */
  done: number;
  /** The share of a rate reached so far. */
  rate: number;
  /** The signed change of a 只减不增 target: up when the task lags. */
  change: number;
}

/**
 * A series on a date, as its task's pace moves it. It reads only the date
 * and the months before it: what a later round will say is never asked.
 */
export function seriesAt(seed: number, series: string, pace: Pace, year: number, date: IsoDate): SeriesPoint {
  const period = yearPeriod(year);
  const day = dayNumber(date);
  const d = new Date(day * DAY);
  const month = monthEnd(d.getUTCFullYear(), d.getUTCMonth() + 1);
  const noise = wobble(seed, series, month);
  let done = paceShare(pace, timeProgress(period, date)) * noise;
  for (let m = 1; m <= 12; m++) {
    const end = monthEnd(year, m);
    if (dayNumber(end) >= day) break;
    done = Math.max(done, paceShare(pace, timeProgress(period, end)) * wobble(seed, series, end));
  }
  const rate = rateShare(pace, timeProgress(period, date)) * noise;
  const r = draw(seed, 'hold', series, month)();
  return { done, rate, change: pace === 'behind' || pace === 'slipping' ? 0.5 + r : -2 * r };
}

/**
 * A target's figure at a point of its series, in the terms the status rules
 * read: the value so far (cumulative kinds; a whole number for things
 * counted), the rate so far, or the signed change (reductions). null where
 * the target has no number to report.
 */
export function targetFigure(target: Target, point: SeriesPoint): number | null {
  const basis = basisOf(target);
  if (basis === null) return null;
  if (basis === 'hold') return plain(round2(point.change));
  const value = target.value ?? 0;
  const sign = target.kind === 'reduction' ? -1 : 1;
  if (basis === 'rate') return plain(round2(sign * value * point.rate));
  const done = value * point.done;
  return plain(sign * (countsThings(target) ? Math.floor(done + 1e-9) : round2(done)));
}

/**
 * Whole things shared out in proportion to whole weights, by highest
 * averages (D'Hondt): one more thing never takes one from anybody, so a
 * unit's count does not go down while the total goes up. Each starts from
 * its lower quota, which the method always gives.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => {
    const q = Math.floor((total * w) / sum);
    return q * sum > total * w ? q - 1 : q;
  });
  for (let left = total - parts.reduce((a, b) => a + b, 0); left > 0; left--) {
    let best = 0;
    for (let i = 1; i < weights.length; i++) {
      if ((weights[i] ?? 0) * ((parts[best] ?? 0) + 1) > (weights[best] ?? 0) * ((parts[i] ?? 0) + 1)) best = i;
    }
    parts[best] = (parts[best] ?? 0) + 1;
  }
  return parts;
}

/**
 * A host unit's figure for a target: its part of the figure when the
 * hosts' values add up (`sum`), in shares fixed per series and unit; the
 * figure itself when each host is judged on its own (`per_unit`) or reports
 * alone. `hosts` are the host units reporting on the task in the round.
 */
export function unitFigure(
  seed: number,
  target: Target & { combine: CombineRule },
  series: string,
  figure: number,
  hosts: readonly number[],
  unitId: number,
): number {
  const units = [...new Set(hosts)].sort((a, b) => a - b);
  const at = units.indexOf(unitId);
  if (target.combine !== 'sum' || units.length <= 1 || at < 0 || basisOf(target) !== 'cumulative') return figure;
  const weights = units.map((u) => 1 + Math.floor(draw(seed, 'weight', series, u)() * 4));
  const sign = figure < 0 ? -1 : 1;
  const size = Math.abs(figure);
  if (countsThings(target)) return plain(sign * (apportion(size, weights)[at] ?? 0));
  return plain(sign * round2((size * (weights[at] ?? 0)) / weights.reduce((a, b) => a + b, 0)));
}
