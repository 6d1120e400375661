/**
 * Time progress (时序进度): how much of a target should be done by a date.
 *
 * By the calendar it is the share of the period's days elapsed, the date
 * itself included: 30 June is day 181 of 365, 49.6 %. Where a unit has filed
 * a planned schedule (计划进度: planned cumulative values at month or quarter
 * ends), the planned share at the date is used instead; see `scheduleProgress`.
 *
 * Dates are 'YYYY-MM-DD' strings counted as whole UTC days, so that the same
 * date gives the same answer on every server whatever its time zone.
 */
import type { IsoDate, Period } from './status.js';

const DAY_MS = 86_400_000;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a date that comes in (a deadline, a period, an `asOf`) may fall in.
 * A work report's tasks run over a year or a few; a date outside this range is
 * a typing error (9999-12-31, 0026-06-30), not a plan.
 */
export const DATE_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A date as every door takes one: 'YYYY-MM-DD', a real calendar day (no
 * 2026-02-30, no 2026-99-99) in DATE_YEARS. The API's IsoDate schema, the
 * command line's date options and the plan check all ask this.
 */
export function isIsoDate(value: string): boolean {
  try {
    dayNumber(value);
  } catch {
    return false;
  }
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEARS.min && year <= DATE_YEARS.max;
}

/** Days since 1970-01-01. Throws RangeError on anything but a real date ('2026-02-30' is not). */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE_RE.exec(date);
  if (m === null) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  // Date.UTC rolls 02-30 over into March; a date that does not come back unchanged is not a date.
  if (isoDate(day) !== date) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return day;
}

/** The date of a day number. */
export function isoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar year as a period: the default plan year. */
export function yearPeriod(year: number): Period {
  return { start: `${pad(year, 4)}-01-01`, end: `${pad(year, 4)}-12-31` };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** First and last day of a period; throws RangeError when it ends before it starts. */
export function periodBounds(period: Period): { start: number; end: number } {
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  if (end < start) throw new RangeError(`period ends before it starts: ${period.start}..${period.end}`);
  return { start, end };
}

/**
 * Share of the period elapsed at the end of `date`, in [0, 1]: 0 before the
 * period, 1 from its last day on. Counting the date itself means the last day
 * of the period reaches exactly 1, which is when the whole target is due.
 */
export function timeProgress(period: Period, date: IsoDate): number {
  const { start, end } = periodBounds(period);
  return clamp01((dayNumber(date) - start + 1) / (end - start + 1));
}

/**
 * The date a figure available on `asOf` describes, for statistics published
 * `lagMonths` months late: with a lag of 1, on 20 July the latest figure is
 * June's, so the date is 30 June. A lag of 0 is `asOf` itself. Comparing the
 * figure with time progress at this date, not at `asOf`, keeps a late
 * publication from looking like a lagging unit.
 */
export function dataDate(asOf: IsoDate, lagMonths: number): IsoDate {
  if (!Number.isInteger(lagMonths) || lagMonths < 0) throw new RangeError(`lag is whole months: ${lagMonths}`);
  const day = dayNumber(asOf);
  if (lagMonths === 0) return asOf;
  const d = new Date(day * DAY_MS);
  // Day 0 of a month is the last day of the month before it.
  return isoDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - lagMonths + 1, 0) / DAY_MS);
}

/** A planned share (0..1) of the target due by the end of a date. */
export interface ScheduleShare {
  on: IsoDate;
  share: number;
}

/**
 * The planned share at `date` from a unit's schedule, or null without one.
 *
 * Choice: linear interpolation by days between successive nodes, and the
 * last node's share after it. A step (the last node reached) would expect
 * nothing all January and then jump at every month end; interpolation moves
 * day by day like the calendar time progress it replaces, so switching a
 * target to its schedule changes the pace, not the kind of curve.
 *
 * `fromZero`: cumulative targets start the period at nothing, so the first
 * stretch rises from 0 at the period start. A rate is a rate from the first
 * day, so before its first node the first node's share holds.
 *
 * Shares are clamped to [0, 1] and read as never falling: a planned
 * cumulative value cannot go down, so a lower later node is taken as flat.
 * Nodes before the period are left-overs of an earlier plan and ignored.
 */
export function scheduleProgress(nodes: readonly ScheduleShare[], period: Period, date: IsoDate, fromZero: boolean): number | null {
  const { start } = periodBounds(period);
  const points = schedulePoints(nodes, start, fromZero);
  const first = points[0];
  if (first === undefined) return null;
  const d = dayNumber(date);
  if (d < start) return 0;
  if (d <= first.day) return first.share;
  let prev = first;
  for (const point of points.slice(1)) {
    if (d <= point.day) return prev.share + ((point.share - prev.share) * (d - prev.day)) / (point.day - prev.day);
    prev = point;
  }
  return prev.share;
}

interface Point {
  day: number;
  share: number;
}

/** Nodes as day numbers, sorted, clamped and made non-decreasing; with the zero anchor when asked. */
function schedulePoints(nodes: readonly ScheduleShare[], start: number, fromZero: boolean): Point[] {
  const sorted = nodes
    .map((n) => ({ day: dayNumber(n.on), share: clamp01(n.share) }))
    .filter((p) => p.day >= start)
    .sort((a, b) => a.day - b.day);
  if (sorted.length === 0) return [];
  // The anchor is the end of the day before the period: nothing done yet.
  const points = fromZero ? [{ day: start - 1, share: 0 }, ...sorted] : sorted;
  let high = 0;
  return points.map((p) => {
    high = Math.max(high, p.share);
    return { day: p.day, share: high };
  });
}

/** Into [0, 1]; NaN (a schedule node without a number) counts as nothing planned. */
export function clamp01(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.min(1, Math.max(0, x));
}
