/**
 * The steps that ask someone to act, told to them in the step's own
 * transaction: a round opened (the units owing reports), a report returned or
 * accepted, a work plan returned or approved, an extension decided (the
 * unit's head and liaison). Each message links to the thing to do
 * (objectType and objectId, see linkOf) and names its occasion in its dedupe
 * key, so that the same step never tells a person twice.
 */
import type { Tx } from '../../store/tx.js';
import type { DeliveryConfig } from './delivery.config.js';
import { monthDay } from './messages.js';
import { roundLabelOf, taskTitles, unitContacts, unitNames } from './notification-recipients.repository.js';
import { notify } from './notification.service.js';

const excerpt = (text: string | null, max = 100): string => {
  const chars = [...(text ?? '').trim().replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
};

async function unitUsers(trx: Tx, governmentId: number, unitId: number): Promise<number[]> {
  return (await unitContacts(trx, governmentId, [unitId])).get(unitId) ?? [];
}

async function about(trx: Tx, governmentId: number, taskId: number, unitId: number): Promise<{ task: string; unit: string }> {
  const task = (await taskTitles(trx, governmentId, [taskId])).get(taskId) ?? `任务 ${taskId}`;
  const unit = (await unitNames(trx, governmentId, [unitId])).get(unitId) ?? '';
  return { task, unit };
}

export interface ReportStepFacts {
  id: number;
  taskId: number;
  unitId: number;
  roundId: number;
  /** Returns so far, this one included: each return is its own occasion. */
  returnCount: number;
}

/** The office returned (with its comment) or accepted a report: its unit's head and liaison are told. */
export async function notifyReportStep(
  trx: Tx,
  governmentId: number,
  report: ReportStepFacts,
  step: 'return' | 'accept',
  comment: string | null,
  now: string,
  config?: DeliveryConfig,
): Promise<number> {
  const users = await unitUsers(trx, governmentId, report.unitId);
  if (users.length === 0) return 0;
  const { task, unit } = await about(trx, governmentId, report.taskId, report.unitId);
  const round = (await roundLabelOf(trx, governmentId, report.roundId)) ?? '';
  const base = { objectType: 'report' as const, objectId: report.id };
  const message =
    step === 'return'
      ? {
          ...base,
          kind: 'report_return' as const,
          title: `报告被退回：${round} 期《${task}》`,
          body: `${unit}：《${task}》任务的 ${round} 期进展报告被督查室退回，意见：${excerpt(comment)}。请修改后重新报送。`,
          dedupeKey: `report:${report.id}:return:${report.returnCount}`,
        }
      : {
          ...base,
          kind: 'report_accept' as const,
          title: `报告已采纳：${round} 期《${task}》`,
          body: `${unit}：《${task}》任务的 ${round} 期进展报告已被督查室采纳。`,
          dedupeKey: `report:${report.id}:accept`,
        };
  return notify(trx, governmentId, users, message, now, config);
}

export interface OpenedRoundFacts {
  id: number;
  label: string;
  dueOn: string;
  /** The units owing a report in the round. */
  unitIds: readonly number[];
}

/** A round opened: the head and liaison of every unit owing a report are told once, linked to their desk. */
export async function notifyRoundOpened(trx: Tx, governmentId: number, round: OpenedRoundFacts, now: string, config?: DeliveryConfig): Promise<number> {
  const contacts = await unitContacts(trx, governmentId, round.unitIds);
  const users = [...contacts.values()].flat();
  if (users.length === 0) return 0;
  return notify(
    trx,
    governmentId,
    users,
    {
      kind: 'round_open',
      title: `${round.label} 期调度已开始`,
      body: `${round.label} 期调度已开始，本单位有进展报告需要填报，请于 ${monthDay(round.dueOn)}前报送。`,
      objectType: 'round',
      objectId: round.id,
      dedupeKey: `round:${round.id}:open`,
    },
    now,
    config,
  );
}

export interface WorkPlanDecisionFacts {
  id: number;
  taskId: number;
  unitId: number;
  revision: number;
}

/** The leader (or the office) returned or approved a work plan: the unit's head and liaison are told. */
export async function notifyWorkPlanDecision(
  trx: Tx,
  governmentId: number,
  plan: WorkPlanDecisionFacts,
  step: 'return' | 'approve',
  comment: string | null,
  now: string,
  config?: DeliveryConfig,
): Promise<number> {
  const users = await unitUsers(trx, governmentId, plan.unitId);
  if (users.length === 0) return 0;
  const { task, unit } = await about(trx, governmentId, plan.taskId, plan.unitId);
  const said = excerpt(comment);
  // A work plan's screen is its task's: the link names the task.
  const base = { objectType: 'workplan' as const, objectId: plan.taskId, dedupeKey: `workplan:${plan.id}:${step}` };
  return notify(
    trx,
    governmentId,
    users,
    step === 'return'
      ? {
          ...base,
          kind: 'workplan_return',
          title: `工作方案被退回：《${task}》`,
          body: `${unit}：《${task}》任务的工作方案第 ${plan.revision} 版被退回，意见：${said}。请修改后重新提交。`,
        }
      : {
          ...base,
          kind: 'workplan_approve',
          title: `工作方案已批准：《${task}》`,
          body: `${unit}：《${task}》任务的工作方案第 ${plan.revision} 版已批准${said === '' ? '' : `，意见：${said}`}。请按方案推进。`,
        },
    now,
    config,
  );
}

export interface ExtensionDecisionFacts {
  id: number;
  taskId: number;
  unitId: number;
  toDeadline: string;
}

/** An extension request was decided: the asking unit's head and liaison are told, linked to the task. */
export async function notifyExtensionDecision(
  trx: Tx,
  governmentId: number,
  request: ExtensionDecisionFacts,
  step: 'approve' | 'reject',
  comment: string | null,
  now: string,
  config?: DeliveryConfig,
): Promise<number> {
  const users = await unitUsers(trx, governmentId, request.unitId);
  if (users.length === 0) return 0;
  const { task, unit } = await about(trx, governmentId, request.taskId, request.unitId);
  const said = excerpt(comment);
  return notify(
    trx,
    governmentId,
    users,
    {
      kind: 'extension_decision',
      objectType: 'task',
      objectId: request.taskId,
      dedupeKey: `extension:${request.id}:${step}`,
      ...(step === 'approve'
        ? {
            title: `延期申请已批准：《${task}》`,
            body: `${unit}：《${task}》任务的延期申请已批准，完成时限改为 ${request.toDeadline}${said === '' ? '' : `，意见：${said}`}。`,
          }
        : { title: `延期申请未获批准：《${task}》`, body: `${unit}：《${task}》任务的延期申请未获批准，意见：${said}。完成时限不变。` }),
    },
    now,
    config,
  );
}
