/**
 * Reporting schedules (调度安排): when the reports on each month or quarter of
 * a plan year are due, and which rounds should be open at a date. Pure: plain
 * data in, plain data out, the date is always a parameter.
 *
 * A schedule is a kind (monthly or quarterly), a due day (1–31; a shorter
 * month uses its last day) and an offset: 'same' makes the report on a period
 * due in the period's own last month (monthly 2026-03 due 2026-03-25), 'next'
 * in the month after it (2026-03 due 2026-04-05). A report due before its
 * period's last day covers the period up to its due date: rounds never ask
 * about days that have not yet come (their due date is never before the end
 * of the period they ask about).
 */
import type { IsoDate } from './status.js';
import { dayNumber, isoDate } from './time-progress.js';

export const SCHEDULE_KINDS = ['monthly', 'quarterly'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
export const DUE_OFFSETS = ['same', 'next'] as const;
export type DueOffset = (typeof DUE_OFFSETS)[number];

export interface ScheduleRule {
  kind: ScheduleKind;
  /** Day of the month reports are due, 1–31. */
  dueDay: number;
  dueOffset: DueOffset;
}

/** A month or a quarter of the plan year. */
export interface SchedulePeriod {
  kind: ScheduleKind;
  /** '2026-03' or '2026-Q1': the label of its round. */
  label: string;
  start: IsoDate;
  /** The period's last day. */
  end: IsoDate;
}

/** The round a schedule asks for on one period. */
export interface ScheduledRound {
  kind: ScheduleKind;
  label: string;
  /** The day the reported figures stand at: the period's last day, or the due date when that comes first. */
  periodEnd: IsoDate;
  dueOn: IsoDate;
  /** When the round is opened: OPEN_DAYS_BEFORE days before it is due. */
  opensOn: IsoDate;
}

/** Rounds open this many days before their reports are due, so that units have time to write. */
export const OPEN_DAYS_BEFORE = 10;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The last day (28–31) of a month, month 1–12. */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date of a day of a month, the day clamped to the month's last day; months past 12 roll into the next year. */
export function clampedDate(year: number, month: number, day: number): IsoDate {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, lastDayOfMonth(y, m)))}`;
}

export const addDays = (date: IsoDate, days: number): IsoDate => isoDate(dayNumber(date) + days);

/** Whole days from `from` to `to` (negative when `to` comes first). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/** Throws RangeError, in words a clerk can act on, unless the rule is a schedule. */
export function checkScheduleRule(rule: ScheduleRule): ScheduleRule {
  if (!SCHEDULE_KINDS.includes(rule.kind)) throw new RangeError('调度周期应为按月（monthly）或按季（quarterly）');
  if (!Number.isInteger(rule.dueDay) || rule.dueDay < 1 || rule.dueDay > 31) throw new RangeError('报送日应为每月 1 至 31 日（小月按月末计）');
  if (!DUE_OFFSETS.includes(rule.dueOffset)) throw new RangeError('报送月份应为本期最后一个月（same）或下一个月（next）');
  return rule;
}

/** The months or quarters of a year, in order. */
export function periodsOfYear(kind: ScheduleKind, year: number): SchedulePeriod[] {
  const months = kind === 'monthly' ? 1 : 3;
  const out: SchedulePeriod[] = [];
  for (let i = 0; i < 12 / months; i++) {
    const first = i * months + 1;
    const last = first + months - 1;
    out.push({
      kind,
      label: kind === 'monthly' ? `${pad(year, 4)}-${pad(first)}` : `${pad(year, 4)}-Q${i + 1}`,
      start: `${pad(year, 4)}-${pad(first)}-01`,
      end: clampedDate(year, last, 31),
    });
  }
  return out;
}

/** The period a round label names ('2026-03', '2026-Q1'); undefined for any other label. */
export function periodOfLabel(label: string): SchedulePeriod | undefined {
  const monthly = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (monthly) return periodsOfYear('monthly', Number(monthly[1]))[Number(monthly[2]) - 1];
  const quarterly = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarterly) return periodsOfYear('quarterly', Number(quarterly[1]))[Number(quarterly[2]) - 1];
  return undefined;
}

/** The round the rule asks for on a period of its kind. */
export function roundOfPeriod(rule: ScheduleRule, period: SchedulePeriod): ScheduledRound {
  const year = Number(period.end.slice(0, 4));
  const lastMonth = Number(period.end.slice(5, 7));
  const dueOn = clampedDate(year, lastMonth + (rule.dueOffset === 'next' ? 1 : 0), rule.dueDay);
  const periodEnd = dueOn < period.end ? dueOn : period.end;
  return { kind: period.kind, label: period.label, periodEnd, dueOn, opensOn: addDays(dueOn, -OPEN_DAYS_BEFORE) };
}

/** Every round of the plan year under the rule, in order. */
export function roundsOfYear(rule: ScheduleRule, year: number): ScheduledRound[] {
  return periodsOfYear(rule.kind, year).map((p) => roundOfPeriod(rule, p));
}

/**
 * The rounds that should be open at `asOf`: those whose opening day has come.
 * `since` (the day the schedule was set) leaves out the rounds that were due
 * before it: a schedule set in June does not ask for January's reports.
 */
export function roundsOpenAt(rule: ScheduleRule, year: number, asOf: IsoDate, since?: IsoDate): ScheduledRound[] {
  return roundsOfYear(rule, year).filter((r) => r.opensOn <= asOf && (since === undefined || r.dueOn >= since));
}
