/**
 * Opens the rounds the schedules call for. For each plan, every active task
 * follows its own schedule when it has one, else the plan's; the tasks that
 * follow the same rule share one round per period. A round whose label the
 * plan has already is left alone (also when another process opened it a
 * moment ago): no error, no second round. An archived plan opens none.
 */
import { governmentDay } from '../domain/calendar.js';
import { systemActor } from '../domain/actor.js';
import { roundsOpenAt, type ScheduleRule } from '../domain/schedule.js';
import type { Clock } from '../store/unit-of-work.js';
import { AppError } from '../modules/errors.js';
import { archivedPlanIds } from '../modules/plan/plan.repository.js';
import { findRoundByLabel } from '../modules/round/round.repository.js';
import type { DeliveryConfig } from '../modules/notification/delivery.config.js';
import { roundOpener } from '../modules/round/round.service.js';
import type { Schedule } from '../modules/schedule/schedule.model.js';
import { activeTaskIds, listActiveSchedules, planYears } from '../modules/schedule/schedule.repository.js';
import type { Tx } from '../store/tx.js';

export interface OpenedRounds {
  opened: { planId: number; roundId: number; label: string; reports: number }[];
  /** Rounds due by the schedules that the plan had already. */
  existing: number;
}

const ruleKey = (r: ScheduleRule): string => `${r.kind}:${r.dueDay}:${r.dueOffset}`;

/** The tasks following each schedule; tasks whose own rule is the plan's go with the plan's schedule. */
function tasksBySchedule(schedules: readonly Schedule[], taskIds: readonly number[]): { schedule: Schedule; taskIds: number[] }[] {
  const planRule = schedules.find((s) => s.taskId === null);
  const own = new Map(schedules.filter((s) => s.taskId !== null).map((s) => [s.taskId, s]));
  const groups = new Map<string, { schedule: Schedule; taskIds: number[] }>();
  if (planRule) groups.set(ruleKey(planRule), { schedule: planRule, taskIds: [] });
  for (const taskId of taskIds) {
    const schedule = own.get(taskId) ?? planRule;
    if (!schedule) continue;
    const key = ruleKey(schedule);
    const group = groups.get(key) ?? { schedule, taskIds: [] };
    group.taskIds.push(taskId);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.taskIds.length > 0);
}

export async function openScheduledRounds(db: Tx, governmentId: number, asOf: string, clock?: Clock, delivery?: DeliveryConfig): Promise<OpenedRounds> {
  const actor = systemActor(governmentId, 'scheduler');
  const result: OpenedRounds = { opened: [], existing: 0 };
  const schedules = await listActiveSchedules(db, governmentId);
  const years = await planYears(db, governmentId);
  const archived = await archivedPlanIds(db, governmentId);
  for (const planId of [...new Set(schedules.map((s) => s.planId))]) {
    // An archived plan is read only: no round opens for it.
    if (archived.has(planId)) continue;
    const year = years.get(planId);
    if (year === undefined) continue;
    const groups = tasksBySchedule(
      schedules.filter((s) => s.planId === planId),
      await activeTaskIds(db, governmentId, planId),
    );
    for (const { schedule, taskIds } of groups) {
      for (const round of roundsOpenAt(schedule, year, asOf, governmentDay(new Date(schedule.createdAt)))) {
        if (await findRoundByLabel(db, governmentId, planId, round.label)) {
          result.existing += 1;
          continue;
        }
        try {
          const opened = await roundOpener.open(
            db,
            actor,
            { planId, kind: round.kind, label: round.label, periodEnd: round.periodEnd, dueOn: round.dueOn, taskIds, scheduleId: schedule.id },
            clock,
            delivery,
          );
          result.opened.push({ planId, roundId: opened.round.id, label: round.label, reports: opened.reports });
        } catch (err) {
          // Another process opened it first (the unique label refused ours), or nobody owes a report.
          if (await findRoundByLabel(db, governmentId, planId, round.label)) result.existing += 1;
          else if (!(err instanceof AppError && err.code === 'no_tasks')) throw err;
        }
      }
    }
  }
  return result;
}
