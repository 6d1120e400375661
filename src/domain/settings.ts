/**
 * A plan's supervision settings: the status thresholds, when reminders go
 * out, which rules issue supervision orders, and the scoring scheme. One
 * JSON document per plan (table plan_settings); a plan without one uses the
 * defaults. Pure: `planSettings` merges a partial document over the defaults
 * and checks it, throwing RangeError with a Chinese message a clerk can act on.
 */
import type { GovernmentProfile } from './government-profile.js';
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

/**
 * The assessment's points (scoring.ts): the base, and for each rule the points
 * of a rate of 100 % (every report due sent on time, every task-month red…);
 * a unit earns the rule's points times its rate. Deductions are negative.
 */
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

/** The head and foot of a bulletin (通报); an empty organ or prefix is taken from the government's profile (bulletinHeader). */
export interface BulletinSettings {
  /** The issuing organ: "临河区人民政府办公室". */
  organ: string;
  /** Before 〔year〕serial号: "临河督查通报". */
  numberPrefix: string;
  /** 主送. */
  recipients: string;
  /** 抄送. */
  copyTo: string;
}

export interface PlanSettings {
  status: StatusSettings;
  reminders: ReminderSettings;
  orders: OrderRules;
  scoring: ScoringScheme;
  bulletin: BulletinSettings;
}

export const DEFAULT_PLAN_SETTINGS: Readonly<PlanSettings> = Object.freeze({
  status: { yellowBehind: 10, redBehind: 30, useSchedule: true, defaultLagMonths: 0, lagMonthsByMetric: {} },
  reminders: { daysBefore: [3], onDueDay: true, overdueEveryDays: 3, escalateAfterDays: 3, escalateRed: true },
  orders: { overdueDays: 7, redAtClose: true, redRounds: 2, respondDays: 7 },
  scoring: { base: 100, reportOnTime: 10, targetMet: 20, lateReport: -10, returned: -5, redMonth: -20, unmetTarget: -30, unansweredOrder: -20 },
  bulletin: { organ: '', numberPrefix: '', recipients: '各镇（街道），区政府各部门', copyTo: '区委办公室，区人大常委会办公室，区政协办公室' },
});

export interface PlanSettingsPatch {
  status?: Partial<StatusSettings>;
  reminders?: Partial<ReminderSettings>;
  orders?: Partial<OrderRules>;
  scoring?: Partial<ScoringScheme>;
  bulletin?: Partial<BulletinSettings>;
}

const isDays = (x: number, max = 366): boolean => Number.isInteger(x) && x >= 0 && x <= max;

/** The settings with a patch applied over `base` (the defaults unless given), checked. */
export function planSettings(patch: PlanSettingsPatch = {}, base: PlanSettings = DEFAULT_PLAN_SETTINGS): PlanSettings {
  const settings: PlanSettings = {
    status: { ...base.status, ...patch.status, lagMonthsByMetric: { ...(patch.status?.lagMonthsByMetric ?? base.status.lagMonthsByMetric) } },
    reminders: { ...base.reminders, ...patch.reminders, daysBefore: [...(patch.reminders?.daysBefore ?? base.reminders.daysBefore)] },
    orders: { ...base.orders, ...patch.orders },
    scoring: { ...base.scoring, ...patch.scoring },
    bulletin: { ...base.bulletin, ...patch.bulletin },
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
  if (!Object.values(settings.scoring as unknown as Record<string, number>).every((x) => Number.isFinite(x) && Math.abs(x) <= 1000))
    throw new RangeError('考核分值应为 -1000 至 1000 之间的数');
  checkBulletin(settings.bulletin);
  return settings;
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;

function checkBulletin(b: BulletinSettings): void {
  const line = (value: unknown, max: number): boolean => typeof value === 'string' && [...value].length <= max && !LINE_BREAK.test(value);
  if (!line(b.organ, 50)) throw new RangeError('通报的发文机关应为一行文字，不超过 50 个字');
  if (!line(b.numberPrefix, 30)) throw new RangeError('通报的发文字号前缀应为一行文字，不超过 30 个字');
  if (b.numberPrefix.includes('〔')) throw new RangeError('发文字号前缀只写机关代字（如“临河督查通报”），年份和序号由系统编排');
  if (!line(b.recipients, 300) || b.recipients.trim() === '') throw new RangeError('通报的主送机关应为一行文字，不超过 300 个字，且不能为空');
  if (!line(b.copyTo, 300)) throw new RangeError('通报的抄送机关应为一行文字，不超过 300 个字');
}

/** A bulletin's head and foot as printed: the plan's settings over the government's profile, with the mark (版头). */
export interface BulletinHead extends BulletinSettings {
  /** 版头: 济宁市兖州区人民政府督查通报. */
  mark: string;
}

/**
 * The bulletin's head as printed (ADR 0023): the government's profile (completed: completeProfile) gives the
 * mark, the organ (its signature) and the number's organ code; a plan's settings override the organ and the
 * prefix where they are set, and give the recipients and the copy list.
 */
export function bulletinHeader(settings: BulletinSettings, profile: GovernmentProfile): BulletinHead {
  return {
    mark: profile.bulletinMark,
    organ: settings.organ.trim() || profile.signature,
    numberPrefix: settings.numberPrefix.trim() || profile.numberPrefix,
    recipients: settings.recipients.trim(),
    copyTo: settings.copyTo.trim(),
  };
}

/** The status rules (lights) the settings stand for. */
export function statusRulesOf(settings: PlanSettings): StatusRules {
  const { yellowBehind, redBehind, useSchedule, defaultLagMonths, lagMonthsByMetric } = settings.status;
  return statusRules({ yellowBehind, redBehind, useSchedule, defaultLagMonths, lagMonthsByMetric });
}
