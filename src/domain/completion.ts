/**
 * Completion (完成度): how much of a target a reported figure amounts to, by
 * kind of target, and whether a milestone (节点) was reached in time.
 *
 * A share is a ratio (0.429 is 42.9 %); it is not capped at 1, so that
 * over-fulfilment (超额完成) stays visible, and never below 0.
 *
 * Each comparable target has a basis, which decides what the share is
 * compared with (lights.ts):
 * - cumulative: increments, totals, counts, levels, reductions by an amount;
 *   the figure builds up over the period, so it is compared with time progress;
 * - rate: growth rates, and any target in %, 个百分点 or 倍; a year-to-date
 *   rate is already a rate for the whole elapsed period, so the full target is
 *   expected from the start (unless the unit's schedule says otherwise);
 * - hold: 只减不增 (a reduction without a number): on track while not increased.
 */
import type { CombineRule, Target } from './plan.js';
import type { IsoDate } from './status.js';
import { dayNumber, type ScheduleShare } from './time-progress.js';

export type Basis = 'cumulative' | 'rate' | 'hold';

/** A planned cumulative value at the end of a date, written like the reported figure. */
export interface PlannedNode {
  on: IsoDate;
  value: number;
}

/** A target with what is known about it; the input of `targetStatus`. */
export interface Measure {
  target: Target;
  /**
   * The latest reported figure, null while nothing is reported. Cumulative
   * kinds: the value reached so far (60 for 60 亿元). Growth rates: the rate
   * so far (7.5 for 7.5 %, negative when it fell). Reductions: the signed
   * change (-3.2 for 下降 3.2 %), or, with a baseline, the measured value itself.
   */
  actual: number | null;
  /**
   * Totals and levels: the value at the start of the period, so that only the
   * gain counts (总量突破 240 家 from 215: 25 to go). Reductions: the value
   * compared with (上年同期), so that `actual` can be the value itself.
   */
  baseline?: number | null;
  /** Months its statistics are published late; overrides the rules. */
  lagMonths?: number | null;
  /** The unit's planned schedule, in the same terms as `actual`. */
  schedule?: readonly PlannedNode[] | null;
  /**
   * A stored figure of this target (its latest value or a planned one) is not
   * a figure (figures.ts): the target is not judged, and its task says so.
   */
  dataError?: boolean;
  /**
   * The figures of each unit that owns the target, when it is owned by units
   * (a task with several host units, a host group's members). `actual` is then
   * their combination by `combine`: their sum, or, judged per unit, unused.
   */
  units?: readonly UnitFigure[] | null;
  /** How the units' figures make the target's; `defaultCombine` of the target when absent. */
  combine?: CombineRule;
}

/** One owner unit's latest accepted figure for a target. */
export interface UnitFigure {
  unitId: number;
  actual: number | null;
  /** Its stored figure is broken (figures.ts). */
  dataError?: boolean;
}

/**
 * The target's figure from its units' figures, by its rule: the sum of those
 * reported (null while none is), or null when each unit is judged on its own.
 */
export function combinedFigure(rule: CombineRule, units: readonly UnitFigure[]): number | null {
  if (rule === 'per_unit') return null;
  const reported = units.flatMap((u) => (u.actual === null || u.dataError ? [] : [u.actual]));
  return reported.length === 0 ? null : Math.round(reported.reduce((a, b) => a + b, 0) * 1e9) / 1e9;
}

export type Completion =
  { state: 'share'; basis: 'cumulative' | 'rate'; share: number } | { state: 'hold'; held: boolean } | { state: 'none'; reason: 'no_data' | 'not_comparable' };

const NOT_COMPARABLE: Completion = { state: 'none', reason: 'not_comparable' };
const NO_DATA: Completion = { state: 'none', reason: 'no_data' };

/** Units of a rate. 以上, 左右 and other qualifiers do not move the bar: the stated number is it. */
const RATE_UNITS: ReadonlySet<string> = new Set(['%', '％', '个百分点', '百分点', '‰', '倍']);
const PERCENT_UNITS: ReadonlySet<string> = new Set(['%', '％']);

export const isRateUnit = (unit: string | null): boolean => unit !== null && RATE_UNITS.has(unit);

/**
 * How several units' values for a target combine when nobody has said:
 * rates, levels and reductions are judged per unit; increments, totals,
 * counts and amounts add up.
 */
export function defaultCombine(target: Pick<Target, 'kind' | 'unit'>): CombineRule {
  return target.kind === 'growth_rate' || target.kind === 'level' || target.kind === 'reduction' || isRateUnit(target.unit) ? 'per_unit' : 'sum';
}

/** How a target is compared, or null when it has no comparable number ('other', no value, value 0). */
export function basisOf(target: Target): Basis | null {
  const { kind, value } = target;
  if (kind === 'other') return null;
  if (kind === 'reduction' && value === null) return 'hold';
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  if (kind === 'growth_rate' || isRateUnit(target.unit)) return 'rate';
  return 'cumulative';
}

/** The completion of a target for a figure (the reported one, or a planned one). */
export function completionOf(target: Target, actual: number | null, baseline: number | null = null): Completion {
  const basis = basisOf(target);
  if (basis === null) return NOT_COMPARABLE;
  if (actual === null) return NO_DATA;
  if (!Number.isFinite(actual)) throw new RangeError(`not a number: ${actual}`);
  if (baseline !== null && !Number.isFinite(baseline)) throw new RangeError(`not a number: ${baseline}`);
  if (basis === 'hold') {
    const c = change(target, actual, baseline);
    return c === null ? NOT_COMPARABLE : { state: 'hold', held: c <= 0 };
  }
  // Always a positive number here (basisOf); the check only tells the compiler.
  if (target.value === null) return NOT_COMPARABLE;
  const share = shareOf(target, target.value, actual, baseline);
  return share === null ? NOT_COMPARABLE : { state: 'share', basis, share: Math.max(0, share) };
}

function shareOf(target: Target, value: number, actual: number, baseline: number | null): number | null {
  switch (target.kind) {
    case 'reduction': {
      // A reduction is met by going down: the decline is the figure compared.
      const c = change(target, actual, baseline);
      return c === null ? null : -c / value;
    }
    case 'total':
    case 'level':
      // With a baseline below the target only the gain counts; at or above it
      // the target is a floor to keep, compared as it stands.
      if (baseline !== null && baseline < value) return (actual - baseline) / (value - baseline);
      return actual / value;
    case 'increment':
    case 'count':
    case 'growth_rate':
    case 'other':
      // Rates are compared as rates, never summed; a falling rate is 0 %, not a debt.
      return actual / value;
  }
}

/**
 * The signed change a reduction is judged on, in the target's unit: the
 * reported change itself, or the change from the baseline (relative for a
 * target in %, absolute otherwise). null when a relative change has no base.
 */
function change(target: Target, actual: number, baseline: number | null): number | null {
  if (baseline === null) return actual;
  if (PERCENT_UNITS.has(target.unit ?? '')) return baseline > 0 ? ((actual - baseline) / baseline) * 100 : null;
  return actual - baseline;
}

/**
 * A unit's schedule as planned shares, read through the same formula as the
 * reported figure, so that a schedule for 下降 5 % or for a total with a
 * baseline means what the figures mean.
 */
export function plannedShares(measure: Measure): ScheduleShare[] {
  const shares: ScheduleShare[] = [];
  for (const node of measure.schedule ?? []) {
    const c = completionOf(measure.target, node.value, measure.baseline ?? null);
    if (c.state === 'share') shares.push({ on: node.on, share: c.share });
  }
  return shares;
}

/** A date by which something visible must be done: 竣工投产 by 30 June, a task's deadline. */
export interface Milestone {
  name: string;
  due: IsoDate;
  /** When it was reached; a date after `asOf` is not known yet at `asOf`. */
  reachedOn: IsoDate | null;
}

export type MilestoneState = 'pending' | 'reached' | 'reached_late' | 'missed';

/**
 * Missed means the due date has passed (the day after it) and it is not
 * reached. Reached late is no longer missed: lights follow the current state.
 */
export function milestoneState(milestone: Milestone, asOf: IsoDate): MilestoneState {
  const today = dayNumber(asOf);
  const due = dayNumber(milestone.due);
  const reached = milestone.reachedOn === null ? null : dayNumber(milestone.reachedOn);
  if (reached !== null && reached <= today) return reached <= due ? 'reached' : 'reached_late';
  return today > due ? 'missed' : 'pending';
}
