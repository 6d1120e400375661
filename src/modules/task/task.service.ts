/** Reading the ledger's tasks and changing one, behind the authorization chokepoint. */
import type { AuthActor } from '../auth/authorize.js';
import { authorize, can } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { listExtensions } from '../extension/extension.repository.js';
import { governmentSubject } from '../auth/subjects.js';
import { auditHeadCache } from '../audit/head-cache.js';
import { nowIso, type Tx } from '../../store/tx.js';
import type { LedgerTask, TaskFilter } from './task.model.js';
import { AppError, badRequest, notFound, versionConflict } from '../errors.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { resolveUnitNames } from '../unit/unit.repository.js';
import { stepper } from '../workflow/runner.js';
import { searchTasks, searchWords } from './task-search.js';
import { taskSubject } from './task.access.js';
import { presentTask, type TaskView } from './task.presenter.js';
import { changeTaskFields, listTasks, StaleTaskError } from './task.repository.js';
import { taskWorkflow, type TaskInputs } from './task.workflow.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

/** Rendered ledger lists, valid while the government's audit head is unchanged. */
const rendered = auditHeadCache<string>();

/**
 * The ledger list as JSON text. Everyone who may read the ledger sees the same
 * list, and every change writes an audit row, so the rendered list is reused
 * until the government's audit head moves: one indexed read instead of five
 * queries and a serialisation per request.
 */
export async function ledgerJson(db: Tx, actor: AuthActor, filter: Omit<TaskFilter, 'taskId'>, render: (tasks: LedgerTask[]) => string): Promise<string> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const words = searchWords(filter.q);
  if (filter.unitName !== undefined) {
    // A short form (区工信局) filters like the unit's canonical name.
    filter = { ...filter, unitName: (await resolveUnitNames(db, actor.governmentId, [filter.unitName])).get(filter.unitName) ?? filter.unitName };
  }
  const key = JSON.stringify([
    filter.planId,
    filter.sectionId,
    filter.leaderId,
    filter.unitId,
    filter.sectionNumber,
    filter.leaderName,
    filter.unitName,
    filter.includeRemoved,
    words,
  ]);
  const f = filter;
  return rendered(db, actor.governmentId, key, async () => render(await searchedTasks(db, actor.governmentId, f, words)));
}

/** The listed tasks holding every word; a word that is a unit's name or alias also finds the unit's canonical name. Two more queries at most. */
async function searchedTasks(db: Tx, governmentId: number, filter: TaskFilter, words: readonly string[]): Promise<LedgerTask[]> {
  const tasks = await listTasks(db, governmentId, filter);
  if (words.length === 0 || tasks.length === 0) return tasks;
  return searchTasks(tasks, words, await resolveUnitNames(db, governmentId, words));
}

export async function getTask(db: Tx, actor: AuthActor, id: number): Promise<LedgerTask> {
  const [task] = await listTasks(db, actor.governmentId, { taskId: id, includeRemoved: true });
  if (!task) throw notFound('任务');
  authorize(actor, 'ledger.read', taskSubject(task, actor.governmentId));
  return task;
}

export interface TaskPatch {
  version: number;
  text?: string;
  deadline?: string | null;
  deadlineText?: string | null;
  /** Why the office departs from the notice; required, and kept in the audit row. */
  reason?: string;
}

/** What a head, a liaison or a leader reads when trying to change a task: whose the text and deadline are. */
/** What the lower office reads when it tries to change what came from above (ADR 0031). */
export const FROM_ABOVE_REFUSAL = '上级交办任务的内容、完成时限和指标由上级政府确定，本级不能修改；如需调整请报上级政府';

export const TASK_UPDATE_REFUSAL = '任务内容和完成时限以分解通知为准，只有督查室可以修改；需要延期请提出延期申请';

/**
 * The office changes a task's text or deadline, saying why; a stale version is
 * refused with the current task (409). A deadline moved while the host unit's
 * extension request is pending leaves the request pending, for its decider to
 * see against the new deadline (an approval must still move the deadline
 * later); the audit row names the pending requests.
 */
export async function changeTask(db: Tx, actor: AuthActor, id: number, patch: TaskPatch, clock?: () => Date): Promise<LedgerTask> {
  return changing(db, actor.governmentId, async (trx) => {
    const before = await getTask(trx, actor, id);
    await refuseIfArchived(trx, actor.governmentId, 'task', id);
    if (!can(actor, 'task.update', taskSubject(before, actor.governmentId))) throw new ForbiddenError('task.update', TASK_UPDATE_REFUSAL);
    if (before.source) throw new AppError(409, 'from_above', FROM_ABOVE_REFUSAL);
    const reason = patch.reason?.trim() ?? '';
    if (reason === '') throw badRequest('修改任务内容或完成时限须写明理由', 'reason_required');
    if (before.version !== patch.version) throw versionConflict(presentTask(before));
    const fields = {
      text: patch.text ?? before.text,
      deadline: patch.deadline === undefined ? before.deadline : patch.deadline,
      deadlineText: patch.deadlineText === undefined ? before.deadlineText : patch.deadlineText,
      hostSignal: before.hostSignal,
      status: before.status,
    };
    const changed = (['text', 'deadline', 'deadlineText'] as const).filter((k) => fields[k] !== before[k]);
    if (changed.length === 0) throw badRequest('没有要修改的内容：任务内容和完成时限与现在相同', 'nothing_changed');
    const pending = changed.includes('deadline') ? (await listExtensions(trx, actor.governmentId, { taskId: id, status: 'pending' })).map((r) => r.id) : [];
    const change = {
      action: 'task.update',
      objectType: 'task',
      objectId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: { ...Object.fromEntries(changed.map((k) => [k, fields[k]])), reason, ...(pending.length > 0 ? { pendingExtensionRequestIds: pending } : {}) },
    };
    try {
      await changeTaskFields(trx, before, fields, nowIso(clock), { actor, change });
    } catch (err) {
      if (err instanceof StaleTaskError) throw versionConflict(presentTask(await getTask(db, actor, id)));
      throw err;
    }
    return getTask(trx, actor, id);
  });
}

/** The task as the API shows it. */
export const taskView = async (db: Tx, actor: AuthActor, id: number): Promise<TaskView> => presentTask(await getTask(db, actor, id));

const step = stepper(taskWorkflow, taskView);

/**
 * Closes a task as done (销号): the office's decision alone, usually on the
 * host unit's proposal in its report.
 */
export const completeTask = (db: Tx, actor: AuthActor, id: number, input: TaskInputs['complete'], clock?: Clock): Promise<TaskView> =>
  step(db, actor, id, 'complete', input, clock);

/** Takes a completed task back into the ledger's active work (the office, e.g. after a 销号 in error). */
export const reopenTask = (db: Tx, actor: AuthActor, id: number, input: TaskInputs['reopen'], clock?: Clock): Promise<TaskView> =>
  step(db, actor, id, 'reopen', input, clock);
