/**
 * A plan's supervision settings: the status thresholds, when reminders go
 * out, which rules issue supervision orders, and the scoring scheme. One
 * JSON document per plan (table plan_settings); a plan without one uses the
 * defaults. Pure: `planSettings` merges a partial document over the defaults
 * and checks it, throwing RangeError with a Chinese message a clerk can act on.
 */
import { statusRules, type StatusRules } from './status.js';

export interface StatusSettings {
  /** Behind time progress by more than this many points: yellow (default 10). */
  yellowBehind: number;
  /** By more than this many: red (default 30). */
  redBehind: number;
  useSchedule: boolean;
  defaultLagMonths: number;
  lagMonthsByMetric: Record<string, number>;
}

export interface ReminderSettings {
  /** Remind the responsible unit this many days before a report is due (each entry one reminder). */
  daysBefore: number[];
  onDueDay: boolean;
  /** Remind again every this many days while a report is overdue; 0: once, on the first day overdue. */
  overdueEveryDays: number;
  /** Tell the task's lead leaders when a report is this many days overdue. */
  escalateAfterDays: number;
  /** Tell the lead leaders when a task turns red. */
  escalateRed: boolean;
}

export interface OrderRules {
  /** Issue a blue order when a report is this many days overdue; 0 turns the rule off. */
  overdueDays: number;
  /** Issue a yellow order when a task is red at a round's close. */
  redAtClose: boolean;
  /** Issue a red order when a task has been red at this many consecutive closes; 0 turns it off. */
  redRounds: number;
  /** Days a unit has to answer an order. */
  respondDays: number;
}

/** Points per event; deductions are negative. */
export interface ScoringScheme {
  base: number;
  reportOnTime: number;
  targetMet: number;
  lateReport: number;
  returned: number;
  redMonth: number;
  unmetTarget: number;
  unansweredOrder: number;
}

export interface PlanSettings {
  status: StatusSettings;
  reminders: ReminderSettings;
  orders: OrderRules;
  scoring: ScoringScheme;
}

export const DEFAULT_PLAN_SETTINGS: Readonly<PlanSettings> = Object.freeze({
  status: { yellowBehind: 10, redBehind: 30, useSchedule: true, defaultLagMonths: 0, lagMonthsByMetric: {} },
  reminders: { daysBefore: [3], onDueDay: true, overdueEveryDays: 3, escalateAfterDays: 3, escalateRed: true },
  orders: { overdueDays: 7, redAtClose: true, redRounds: 2, respondDays: 7 },
  scoring: { base: 100, reportOnTime: 1, targetMet: 2, lateReport: -1, returned: -0.5, redMonth: -2, unmetTarget: -3, unansweredOrder: -2 },
});

export interface PlanSettingsPatch {
  status?: Partial<StatusSettings>;
  reminders?: Partial<ReminderSettings>;
  orders?: Partial<OrderRules>;
  scoring?: Partial<ScoringScheme>;
}

const isDays = (x: number, max = 366): boolean => Number.isInteger(x) && x >= 0 && x <= max;

/** The settings with a patch applied over `base` (the defaults unless given), checked. */
export function planSettings(patch: PlanSettingsPatch = {}, base: PlanSettings = DEFAULT_PLAN_SETTINGS): PlanSettings {
  const settings: PlanSettings = {
    status: { ...base.status, ...patch.status, lagMonthsByMetric: { ...(patch.status?.lagMonthsByMetric ?? base.status.lagMonthsByMetric) } },
    reminders: { ...base.reminders, ...patch.reminders, daysBefore: [...(patch.reminders?.daysBefore ?? base.reminders.daysBefore)] },
    orders: { ...base.orders, ...patch.orders },
    scoring: { ...base.scoring, ...patch.scoring },
  };
  try {
    statusRulesOf(settings);
  } catch {
    throw new RangeError('红黄灯阈值应为 0 以上的百分点，且红灯阈值不低于黄灯阈值；统计滞后月数应为 0 以上的整数');
  }
  const r = settings.reminders;
  if (!r.daysBefore.every((d) => isDays(d, 60) && d > 0)) throw new RangeError('提前提醒天数应为 1 至 60 的整数');
  if (new Set(r.daysBefore).size !== r.daysBefore.length) throw new RangeError('提前提醒天数不能重复');
  r.daysBefore.sort((a, b) => b - a);
  if (!isDays(r.overdueEveryDays, 60) || !isDays(r.escalateAfterDays, 60)) throw new RangeError('逾期提醒间隔和上报领导的天数应为 0 至 60 的整数');
  const o = settings.orders;
  if (!isDays(o.overdueDays, 120) || !isDays(o.redRounds, 12)) throw new RangeError('督办规则的天数、期数应为 0 以上的整数');
  if (!isDays(o.respondDays, 120) || o.respondDays < 1) throw new RangeError('督办单办理时限应为 1 至 120 天');
  if (!Object.values(settings.scoring as unknown as Record<string, number>).every((x) => Number.isFinite(x) && Math.abs(x) <= 1000)) throw new RangeError('考核分值应为 -1000 至 1000 之间的数');
  return settings;
}

/** The status rules (lights) the settings stand for. */
export function statusRulesOf(settings: PlanSettings): StatusRules {
  const { yellowBehind, redBehind, useSchedule, defaultLagMonths, lagMonthsByMetric } = settings.status;
  return statusRules({ yellowBehind, redBehind, useSchedule, defaultLagMonths, lagMonthsByMetric });
}
