/**
 * Status of tasks and targets (红黄绿灯): the shared vocabulary and the one
 * `StatusRules` object that makes the computation configurable.
 *
 * The computation itself is in time-progress.ts (时序进度), completion.ts
 * (完成度 per kind of target, milestones) and lights.ts (lights per target and
 * per task). All of it is pure: plain data in, plain data out, the date of
 * the evaluation (`asOf`) is always a parameter. docs/status-rules.md explains
 * the rules in prose with worked examples.
 */
import { periodBounds } from './time-progress.js';

/** A calendar date 'YYYY-MM-DD'. No time of day and no time zone: days are counted in UTC. */
export type IsoDate = string;

/** A span of days, both ends included: a plan year, or a task's own start..deadline. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/**
 * `none` is "nothing to judge yet" (no figure reported, statistics not yet
 * published, a target without a comparable number); it is never a milder
 * form of "behind".
 */
export const LIGHTS = ['none', 'green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/** The unit's own rating in a progress report. */
export const CONFIDENCES = ['on_track', 'at_risk', 'off_track'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export interface StatusRules {
  /** Behind time progress by more than this many percentage points: yellow. */
  yellowBehind: number;
  /** Behind by more than this many points: red. At least `yellowBehind`. */
  redBehind: number;
  /**
   * The period time progress is measured over. null: the calendar year of
   * `asOf`, which suits the running plan year; set it to look back at a past year.
   * A task's own period, when given, wins over this one.
   */
  period: Period | null;
  /** Compare with the unit's planned schedule (计划进度) where a target has one. */
  useSchedule: boolean;
  /** Months between the end of a month and the publication of its figures, for every target. */
  defaultLagMonths: number;
  /** The same per metric (GDP: 1); a lag declared on the target itself wins over both. */
  lagMonthsByMetric: Readonly<Record<string, number>>;
}

export const DEFAULT_STATUS_RULES: Readonly<StatusRules> = Object.freeze({
  yellowBehind: 10,
  redBehind: 30,
  period: null,
  useSchedule: true,
  defaultLagMonths: 0,
  lagMonthsByMetric: Object.freeze({}),
});

/**
 * The defaults with some rules replaced, checked once here so that the
 * computation never has to wonder about a negative threshold or a period
 * that ends before it starts. Throws RangeError on a rule that makes no sense.
 */
export function statusRules(overrides: Partial<StatusRules> = {}): StatusRules {
  const rules: StatusRules = { ...DEFAULT_STATUS_RULES, ...overrides };
  if (!isPoints(rules.yellowBehind) || !isPoints(rules.redBehind)) {
    throw new RangeError('thresholds are percentage points, 0 or more');
  }
  if (rules.redBehind < rules.yellowBehind) {
    throw new RangeError('the red threshold cannot be below the yellow one');
  }
  if (rules.period !== null) periodBounds(rules.period);
  const lags = [rules.defaultLagMonths, ...Object.values(rules.lagMonthsByMetric)];
  if (!lags.every(isLag)) throw new RangeError('reporting lags are whole months, 0 or more');
  return rules;
}

const isPoints = (x: number): boolean => Number.isFinite(x) && x >= 0;
export const isLag = (x: number): boolean => Number.isInteger(x) && x >= 0;

const RANK: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };

/** Orders lights from "nothing to judge" to red; a larger rank is a worse light. */
export const lightRank = (light: Light): number => RANK[light];

/** The worst of some lights; `none` when there are none or all are `none`. */
export function worstLight(lights: Iterable<Light>): Light {
  let worst: Light = 'none';
  for (const light of lights) if (RANK[light] > RANK[worst]) worst = light;
  return worst;
}
