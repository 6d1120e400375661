/**
 * Status lights (红黄绿灯) per target and per task, computed from the current
 * state only: a task that was red and has caught up is yellow or green again.
 *
 * A target is behind by (expected share − completion) percentage points, where
 * the expected share is the time progress, the unit's planned share, or the
 * full target for rates (completion.ts). Green up to `yellowBehind` points
 * behind (ahead counts as 0 behind), yellow up to `redBehind`, red beyond.
 * A task takes the worst of its targets and milestones; an overdue report
 * makes it red whatever the figures say.
 */
import {
  basisOf,
  combinedFigure,
  completionOf,
  defaultCombine,
  milestoneState,
  plannedShares,
  type Completion,
  type Measure,
  type Milestone,
  type MilestoneState,
} from './completion.js';
import { isMeasured } from './plan.js';
import { DEFAULT_STATUS_RULES, lightRank, worstLight, type Confidence, type IsoDate, type Light, type Period, type StatusRules } from './status.js';
import { dataDate, dayNumber, periodBounds, scheduleProgress, timeProgress, yearPeriod } from './time-progress.js';

/**
 * Why a target has no light: nothing reported, nothing to compare, its figures
 * are not due yet, a stored figure of it is broken (data_error: figures.ts), or
 * it is not measured against time progress (a long-term aim, a capacity…, or
 * excluded by the office: plan.ts isMeasured).
 */
export type NoLightReason = 'no_data' | 'not_comparable' | 'not_started' | 'data_error' | 'not_measured';

/** Where the expected share came from: the calendar, the unit's schedule, or the whole target (rates). */
export type ExpectedFrom = 'time' | 'schedule' | 'full';

export interface TargetStatus {
  light: Light;
  completion: Completion;
  /** The date the figure describes: `asOf` less the reporting lag. */
  measuredAt: IsoDate;
  /** The share expected at `measuredAt`; null when not compared (no light, 只减不增). */
  expected: number | null;
  expectedFrom: ExpectedFrom | null;
  /** Percentage points behind the expected share, negative when ahead; null when not compared. */
  behindPoints: number | null;
  reason: NoLightReason | null;
  /**
   * Each owner unit's part, when the target is owned by units: its figure and,
   * judged per unit, its own light and distance behind (null when summed).
   */
  units?: UnitTargetStatus[];
}

export interface UnitTargetStatus {
  unitId: number;
  actual: number | null;
  light: Light | null;
  behindPoints: number | null;
}

/** The lag that applies to a target: its own, else its metric's, else the default. */
export function lagMonthsFor(measure: Measure, rules: StatusRules): number {
  return measure.lagMonths ?? rules.lagMonthsByMetric[measure.target.metric] ?? rules.defaultLagMonths;
}

/**
 * A target's light on a date. Owned by several units, it is judged on the sum
 * of their figures (increments, totals, counts, amounts), or per unit (rates,
 * levels: each must reach the target itself), when it takes the light of the
 * unit furthest behind; either way each unit's part is kept beside it.
 */
export function targetStatus(measure: Measure, period: Period, asOf: IsoDate, rules: StatusRules = DEFAULT_STATUS_RULES): TargetStatus {
  const units = measure.units;
  if (!units || units.length === 0) return singleStatus(measure, period, asOf, rules);
  const rule = measure.combine ?? defaultCombine(measure.target);
  const dataError = measure.dataError === true || units.some((u) => u.dataError === true);
  if (rule === 'sum') {
    const status = singleStatus({ ...measure, actual: combinedFigure('sum', units), dataError, units: null }, period, asOf, rules);
    return { ...status, units: units.map((u) => ({ unitId: u.unitId, actual: u.actual, light: null, behindPoints: null })) };
  }
  const each = units.map((u) => ({
    unit: u,
    status: singleStatus({ ...measure, actual: u.actual, dataError: measure.dataError === true || u.dataError === true, units: null }, period, asOf, rules),
  }));
  const worst = each.reduce((a, b) => (worse(b.status, a.status) ? b : a));
  return {
    ...worst.status,
    units: each.map(({ unit, status }) => ({ unitId: unit.unitId, actual: unit.actual, light: status.light, behindPoints: status.behindPoints })),
  };
}

/** Whether a is worse than b: a worse light, or the same light further behind, or a judged one over an unjudged one. */
function worse(a: TargetStatus, b: TargetStatus): boolean {
  if (lightRank(a.light) !== lightRank(b.light)) return lightRank(a.light) > lightRank(b.light);
  if (a.reason === 'data_error' && b.reason !== 'data_error') return true;
  return (a.behindPoints ?? Number.NEGATIVE_INFINITY) > (b.behindPoints ?? Number.NEGATIVE_INFINITY);
}

function singleStatus(measure: Measure, period: Period, asOf: IsoDate, rules: StatusRules): TargetStatus {
  const measuredAt = dataDate(asOf, lagMonthsFor(measure, rules));
  // A broken stored figure is neither nothing nor a number: the target is left unjudged rather than judged on it.
  if (measure.dataError)
    return { light: 'none', completion: NO_FIGURE, measuredAt, expected: null, expectedFrom: null, behindPoints: null, reason: 'data_error' };
  const completion = completionOf(measure.target, measure.actual, measure.baseline ?? null);
  const unlit = (reason: NoLightReason): TargetStatus => ({
    light: 'none',
    completion,
    measuredAt,
    expected: null,
    expectedFrom: null,
    behindPoints: null,
    reason,
  });
  if (completion.state === 'none' && completion.reason === 'not_comparable') return unlit('not_comparable');
  // Kept and shown with its figure, but not judged against the calendar.
  if (!isMeasured(measure.target)) return unlit('not_measured');
  // Before the period (or before its first figures are published) there is nothing to judge.
  if (dayNumber(measuredAt) < periodBounds(period).start) return unlit('not_started');
  if (completion.state === 'none') return unlit(completion.reason);
  const compared = { completion, measuredAt, reason: null };
  if (completion.state === 'hold') {
    // 只减不增 has no pace: any increase is red, whatever the date.
    const light = completion.held ? 'green' : 'red';
    return { ...compared, light, expected: null, expectedFrom: null, behindPoints: null };
  }
  const { share, from } = expectedShare(measure, completion.basis, period, measuredAt, rules);
  const behindPoints = points(share - completion.share);
  return { ...compared, light: lightForGap(behindPoints, rules), expected: share, expectedFrom: from, behindPoints };
}

/** The share expected at a date: the unit's schedule when there is one and the rules allow it. */
function expectedShare(
  measure: Measure,
  basis: 'cumulative' | 'rate',
  period: Period,
  date: IsoDate,
  rules: StatusRules,
): { share: number; from: ExpectedFrom } {
  if (rules.useSchedule) {
    const planned = scheduleProgress(plannedShares(measure), period, date, basis === 'cumulative');
    if (planned !== null) return { share: planned, from: 'schedule' };
  }
  return basis === 'rate' ? { share: 1, from: 'full' } : { share: timeProgress(period, date), from: 'time' };
}

/**
 * Shares as percentage points, rounded to a millionth of a point: 0.1 − 0.2
 * in floating point is not quite −0.1, and a light must not flip on that.
 */
const points = (share: number): number => Math.round(share * 100 * 1e6) / 1e6 + 0;

/** The light for a distance behind the expected share, in percentage points. */
export function lightForGap(behindPoints: number, rules: StatusRules = DEFAULT_STATUS_RULES): Light {
  if (behindPoints > rules.redBehind) return 'red';
  if (behindPoints > rules.yellowBehind) return 'yellow';
  return 'green';
}

export interface MilestoneStatus {
  milestone: Milestone;
  state: MilestoneState;
  light: Light;
}

export function milestoneStatus(milestone: Milestone, asOf: IsoDate): MilestoneStatus {
  const state = milestoneState(milestone, asOf);
  return { milestone, state, light: state === 'missed' ? 'red' : 'green' };
}

/** What is known about a task on a date; the input of `taskStatus`. */
export interface TaskInput {
  targets: readonly Measure[];
  /** Project stages (竣工投产 by June), dated nodes of the unit's plan, the task's deadline. */
  milestones: readonly Milestone[];
  /** Decided by the reporting schedule: a report due and not sent. */
  reportOverdue: boolean;
  /** The latest report's rating, null without a report. */
  confidence: Confidence | null;
  /** The task's own span (start..deadline); else the rules' period. */
  period?: Period | null;
}

/**
 * data: from targets and milestones; confidence: the unit's own rating; none:
 * neither; data_error: a stored figure of the task is broken, and the light is
 * from what remains (its other targets, milestones, the overdue rule).
 */
export type LightSource = 'data' | 'confidence' | 'none' | 'data_error';

const NO_FIGURE: Completion = { state: 'none', reason: 'no_data' };

export interface TaskStatus {
  light: Light;
  source: LightSource;
  period: Period;
  targets: TargetStatus[];
  milestones: MilestoneStatus[];
  reportOverdue: boolean;
  confidence: Confidence | null;
  /** The unit's rating says the opposite of its figures: on_track while red, off_track while green. */
  confidenceConflict: boolean;
  /** A stored figure of one of its targets is broken (its target's reason is data_error). */
  dataError: boolean;
}

/** The period a task is measured over: its own, the rules', or the calendar year of `asOf`. */
export function periodFor(task: Pick<TaskInput, 'period'>, asOf: IsoDate, rules: StatusRules): Period {
  return task.period ?? rules.period ?? yearPeriod(Number(asOf.slice(0, 4)));
}

export function taskStatus(task: TaskInput, asOf: IsoDate, rules: StatusRules = DEFAULT_STATUS_RULES): TaskStatus {
  const period = periodFor(task, asOf, rules);
  const targets = task.targets.map((m) => targetStatus(m, period, asOf, rules));
  const milestones = task.milestones.map((m) => milestoneStatus(m, asOf));
  // Targets of kind 'other' say nothing measurable: a task with only those is a
  // qualitative task, for which the unit's own rating is the best signal there is.
  const measurable = task.targets.some((m) => isMeasured(m.target) && basisOf(m.target) !== null) || milestones.length > 0;
  const dataLight = worstLight([...targets.map((t) => t.light), ...milestones.map((m) => m.light)]);
  const base = measurable ? dataLight : confidenceLight(task.confidence);
  const dataError = task.targets.some((m) => m.dataError === true || (m.units ?? []).some((u) => u.dataError === true));
  return {
    light: task.reportOverdue ? 'red' : base,
    source: dataError ? 'data_error' : measurable ? 'data' : task.confidence === null ? 'none' : 'confidence',
    period,
    targets,
    milestones,
    reportOverdue: task.reportOverdue,
    confidence: task.confidence,
    confidenceConflict: measurable && contradicts(task.confidence, dataLight),
    dataError,
  };
}

/** The light a unit's own rating stands for. */
export function confidenceLight(confidence: Confidence | null): Light {
  switch (confidence) {
    case null:
      return 'none';
    case 'on_track':
      return 'green';
    case 'at_risk':
      return 'yellow';
    case 'off_track':
      return 'red';
  }
}

/**
 * Only opposite ends conflict. at_risk beside green is caution, on_track
 * beside yellow a matter of degree; neither is worth a flag. The overdue
 * state is left out: it says the rating is old, not that it is wrong.
 */
export function contradicts(confidence: Confidence | null, light: Light): boolean {
  return (confidence === 'on_track' && light === 'red') || (confidence === 'off_track' && light === 'green');
}
