/**
 * Reminders (催报) and escalation. For each report owed: before it is due
 * (each of reminders.daysBefore), on the day, and once overdue (the first day
 * after, then every overdueEveryDays), to the unit's head and liaison; once
 * overdue by escalateAfterDays, once to the task's lead leaders. Red tasks:
 * their lead leaders once per task and month. Orders not answered in time:
 * their unit, once. Every occasion has its dedupe key, so a rerun, a tick
 * that was missed and caught up, or a second process adds nothing. An
 * archived plan's reports and orders are left alone.
 */
import { addDays, daysBetween } from '../domain/schedule.js';
import type { PlanSettings } from '../domain/settings.js';
import { atomically, type Clock } from '../store/unit-of-work.js';
import { dueBeforeMessage, dueDayMessage, escalationMessage, overdueMessage, redTaskMessage, type OwedReportFacts } from '../modules/notification/messages.js';
import type { DeliveryConfig } from '../modules/notification/delivery.config.js';
import type { NotificationMessage } from '../modules/notification/notification.model.js';
import { leaderContacts, taskTitles, unitContacts, unitNames } from '../modules/notification/notification-recipients.repository.js';
import { notify } from '../modules/notification/notification.service.js';
import { notifyOrderStep } from '../modules/order/order.notices.js';
import { unansweredPastDue } from '../modules/order/order.repository.js';
import { archivedPlanIds } from '../modules/plan/plan.repository.js';
import { owedReports, type OwedReport } from '../modules/report/report-due.repository.js';
import { planYears } from '../modules/schedule/schedule.repository.js';
import { loadPlanSettings } from '../modules/settings/settings.repository.js';
import { planStatus } from '../modules/status/status.service.js';
import { nowIso, type Tx } from '../store/tx.js';

export interface Reminded {
  /** Users newly told, per kind of occasion. */
  reminders: number;
  escalations: number;
  redAlerts: number;
  orderReminders: number;
}

export interface JobOptions {
  clock?: Clock;
  /** Where deliveries go (the configuration's, from the door); none by default: notifications stay in the app. */
  delivery?: DeliveryConfig;
  /** False: the tick does not keep the day's dashboard (a simulation, which nobody reads day by day). */
  keepDashboard?: boolean;
}

/** The plans' settings, each read once. */
export function settingsCache(db: Tx, governmentId: number): (planId: number) => Promise<PlanSettings> {
  const cache = new Map<number, Promise<PlanSettings>>();
  return (planId) => {
    let hit = cache.get(planId);
    if (!hit) {
      hit = loadPlanSettings(db, governmentId, planId).then((s) => s.settings);
      cache.set(planId, hit);
    }
    return hit;
  };
}

/** The reminder to the unit the report's state calls for at `asOf`, if any. */
export function unitReminder(facts: OwedReportFacts, settings: PlanSettings['reminders'], asOf: string): NotificationMessage | undefined {
  const late = daysBetween(facts.dueOn, asOf);
  if (late < 0) {
    // The most recent "N days before" that has come: a tick that missed the day still reminds once.
    const days = settings.daysBefore.filter((d) => d >= -late).sort((a, b) => a - b)[0];
    return days === undefined ? undefined : dueBeforeMessage(facts, days, -late);
  }
  if (late === 0) return settings.onDueDay ? dueDayMessage(facts) : undefined;
  const every = settings.overdueEveryDays;
  const day = every === 0 ? 1 : 1 + Math.floor((late - 1) / every) * every;
  return overdueMessage(facts, late, day);
}

export async function remind(db: Tx, governmentId: number, asOf: string, options: JobOptions = {}): Promise<Reminded> {
  const result: Reminded = { reminders: 0, escalations: 0, redAlerts: 0, orderReminders: 0 };
  const now = nowIso(options.clock);
  const tell = (userIds: readonly number[], message: NotificationMessage): Promise<number> =>
    userIds.length === 0 ? Promise.resolve(0) : atomically(db, (trx) => notify(trx, governmentId, userIds, message, now, options.delivery));
  const settingsOf = settingsCache(db, governmentId);
  // An archived plan is read only: nobody is reminded of its reports or orders.
  const archived = await archivedPlanIds(db, governmentId);

  // Reports: the longest reminder lead is 60 days.
  const owed = (await owedReports(db, governmentId, { dueOnOrBefore: addDays(asOf, 60) })).filter((r) => !archived.has(r.planId));
  const units = await unitContacts(
    db,
    governmentId,
    owed.map((r) => r.unitId),
  );
  const leaders = await leaderContacts(
    db,
    governmentId,
    owed.map((r) => r.taskId),
  );
  const titles = await taskTitles(
    db,
    governmentId,
    owed.map((r) => r.taskId),
  );
  const names = await unitNames(
    db,
    governmentId,
    owed.map((r) => r.unitId),
  );
  const factsOf = (r: OwedReport): OwedReportFacts => ({
    reportId: r.reportId,
    taskTitle: titles.get(r.taskId) ?? '',
    unitName: names.get(r.unitId) ?? '',
    roundLabel: r.roundLabel,
    dueOn: r.dueOn,
    role: r.role,
  });
  for (const report of owed) {
    const settings = (await settingsOf(report.planId)).reminders;
    const facts = factsOf(report);
    const message = unitReminder(facts, settings, asOf);
    if (message) result.reminders += await tell(units.get(report.unitId) ?? [], message);
    const late = daysBetween(report.dueOn, asOf);
    if (late >= Math.max(1, settings.escalateAfterDays)) result.escalations += await tell(leaders.get(report.taskId) ?? [], escalationMessage(facts, late));
  }

  // Red tasks of the plans of the current year.
  const year = Number(asOf.slice(0, 4));
  for (const [planId, planYear] of await planYears(db, governmentId)) {
    if (planYear !== year || archived.has(planId) || !(await settingsOf(planId)).reminders.escalateRed) continue;
    const red = (await planStatus(db, governmentId, planId, asOf)).tasks.filter((t) => t.light === 'red').map((t) => t.taskId);
    const redLeaders = await leaderContacts(db, governmentId, red);
    const redTitles = await taskTitles(db, governmentId, red);
    for (const taskId of red)
      result.redAlerts += await tell(redLeaders.get(taskId) ?? [], redTaskMessage(taskId, redTitles.get(taskId) ?? '', asOf.slice(0, 7)));
  }

  // Orders past their answer date.
  for (const order of await unansweredPastDue(db, governmentId, asOf)) {
    if (archived.has(order.planId)) continue;
    result.orderReminders += await atomically(db, (trx) => notifyOrderStep(trx, governmentId, order, 'overdue', now, options.delivery));
  }
  return result;
}
