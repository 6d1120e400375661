/**
 * Supervision orders by rule, by the plan's settings.orders:
 * - a report overdue by overdueDays or more: a blue order to its unit
 *   (rule key overdue:{reportId});
 * - a task red at its latest round close: a yellow order to each host unit
 *   (red-close:{roundId}:{taskId}:{unitId}), when redAtClose;
 * - red at redRounds consecutive closes: a red order instead
 *   (red-streak:{roundId}:{taskId}:{unitId}).
 * The rule key is unique per government, so no order is issued twice, by a
 * rerun or by another process. An archived plan's tasks get none.
 */
import { systemActor } from '../domain/actor.js';
import { addDays, daysBetween } from '../domain/schedule.js';
import type { NewOrder } from '../modules/order/order.model.js';
import { closeLightsByTask, type CloseLight } from '../modules/order/order-rules.repository.js';
import { createOrder } from '../modules/order/order.service.js';
import { archivedPlanIds } from '../modules/plan/plan.repository.js';
import { taskSubjects } from '../modules/report/report.repository.js';
import { owedReports } from '../modules/report/report-due.repository.js';
import type { Tx } from '../store/tx.js';
import { settingsCache, type JobOptions } from './remind.js';

export interface RuleOrders {
  issued: number;
}

/** The grade a task's latest closes call for: red for a streak, yellow for one red close, none otherwise. */
export function redRule(
  closes: readonly CloseLight[],
  rules: { redAtClose: boolean; redRounds: number },
): { grade: 'yellow' | 'red'; close: CloseLight } | undefined {
  const latest = closes[0];
  if (!latest || latest.light !== 'red') return undefined;
  const streak = rules.redRounds > 0 && closes.length >= rules.redRounds && closes.slice(0, rules.redRounds).every((c) => c.light === 'red');
  if (streak) return { grade: 'red', close: latest };
  return rules.redAtClose ? { grade: 'yellow', close: latest } : undefined;
}

export async function issueRuleOrders(db: Tx, governmentId: number, asOf: string, options: JobOptions = {}): Promise<RuleOrders> {
  const actor = systemActor(governmentId, 'scheduler');
  const settingsOf = settingsCache(db, governmentId);
  const archived = await archivedPlanIds(db, governmentId);
  let issued = 0;
  const issue = async (order: Omit<NewOrder, 'source' | 'issuedBy' | 'respondBy'>): Promise<void> => {
    if (archived.has(order.planId)) return;
    const respondBy = addDays(asOf, (await settingsOf(order.planId)).orders.respondDays);
    if (await createOrder(db, actor, { ...order, source: 'rule', issuedBy: null, respondBy }, options.clock, options.delivery)) issued += 1;
  };

  for (const report of await owedReports(db, governmentId, { dueOnOrBefore: addDays(asOf, -1) })) {
    const overdueDays = (await settingsOf(report.planId)).orders.overdueDays;
    const late = daysBetween(report.dueOn, asOf);
    if (overdueDays === 0 || late < overdueDays) continue;
    await issue({
      planId: report.planId,
      taskId: report.taskId,
      unitId: report.unitId,
      grade: 'blue',
      reason: `${report.roundLabel} 期进展报告逾期 ${late} 天仍未报送`,
      ruleKey: `overdue:${report.reportId}`,
    });
  }

  const closes = await closeLightsByTask(db, governmentId, asOf);
  const tasks = await taskSubjects(db, governmentId, [...closes.keys()]);
  for (const [taskId, taskCloses] of closes) {
    const planId = taskCloses[0]?.planId;
    if (planId === undefined) continue;
    const rule = redRule(taskCloses, (await settingsOf(planId)).orders);
    if (!rule) continue;
    const { roundId, roundLabel } = rule.close;
    for (const unitId of tasks.get(taskId)?.hostUnitIds ?? []) {
      await issue(
        rule.grade === 'red'
          ? {
              planId,
              taskId,
              unitId,
              grade: 'red',
              reason: `任务已连续 ${(await settingsOf(planId)).orders.redRounds} 期调度为红灯（严重滞后），截至 ${roundLabel} 期仍未改善`,
              ruleKey: `red-streak:${roundId}:${taskId}:${unitId}`,
            }
          : {
              planId,
              taskId,
              unitId,
              grade: 'yellow',
              reason: `任务在 ${roundLabel} 期调度结束时为红灯（严重滞后）`,
              ruleKey: `red-close:${roundId}:${taskId}:${unitId}`,
            },
      );
    }
  }
  return { issued };
}
