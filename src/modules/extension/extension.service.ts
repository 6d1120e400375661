/**
 * extensionService: a host unit asks to move its task's deadline (延期申请),
 * the task's lead leader decides (the office, for a task without one). An
 * approved request moves the task's deadline in the same transaction, with an
 * audit row for each of the two changes (extension.workflow.ts). The HTTP
 * routes, the demo simulator and the tests share it.
 */
import { governmentDay } from '../../domain/calendar.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { governmentSubject, type TaskSubject } from '../auth/subjects.js';
import { changing, systemClock, type Clock } from '../../store/unit-of-work.js';
import { appendAudit } from '../audit/audit.repository.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { taskSubjects } from '../report/report.repository.js';
import { taskContext } from '../workplan/task-context.js';
import { isIsoDate } from '../../domain/time-progress.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { stepper } from '../workflow/runner.js';
import { extensionWork, mayReadExtension } from './extension.access.js';
import type { ExtensionFilter, ExtensionRequest } from './extension.model.js';
import { presentExtension, type ExtensionView } from './extension.presenter.js';
import { findExtension, insertExtension, listExtensions } from './extension.repository.js';
import { extensionActions, extensionWorkflow, type ExtensionInputs } from './extension.workflow.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

async function load(db: Tx, actor: AuthActor, id: number): Promise<{ request: ExtensionRequest; task: TaskSubject }> {
  const request = await findExtension(db, actor.governmentId, id);
  const task = request && (await taskSubjects(db, actor.governmentId, [request.taskId])).get(request.taskId);
  if (!request || !task) throw notFound('延期申请');
  return { request, task };
}

async function view(db: Tx, actor: AuthActor, id: number): Promise<ExtensionView> {
  const { request, task } = await load(db, actor, id);
  if (!mayReadExtension(actor, request, task)) throw new ForbiddenError(request.status === 'pending' ? 'report.draft.read' : 'ledger.read');
  return presentExtension(request, extensionActions(actor, request, task));
}

/** The host unit asks for a later deadline: a real date after today and after the current deadline; one pending request per task. */
async function request(db: Tx, actor: AuthActor, taskId: number, input: { reason: string; newDeadline: string }, clock?: Clock): Promise<ExtensionView> {
  const id = await changing(db, actor.governmentId, async (trx) => {
    const { task, subject } = await taskContext(trx, actor, taskId);
    await refuseIfArchived(trx, actor.governmentId, 'task', taskId);
    const unitId = actor.unitId !== null && subject.hostUnitIds.includes(actor.unitId) ? actor.unitId : subject.hostUnitIds[0];
    if (unitId === undefined) throw new ForbiddenError('extension.request');
    authorize(actor, 'extension.request', extensionWork({ unitId, requestedBy: null }, subject));
    if (task.status !== 'active') throw new AppError(409, 'task_closed', task.status === 'completed' ? '该任务已销号，无需延期' : '该任务已从分解方案中删除');
    // A deadline handed down is the upper government's: moving it is asked of them, not decided here (ADR 0031).
    if (task.source) throw new AppError(409, 'from_above', '上级交办任务的完成时限由上级政府确定，本级不能延期；如需延期请报上级政府');
    const reason = input.reason.trim();
    if (reason === '') throw badRequest('请说明延期理由');
    const to = input.newDeadline;
    if (!isIsoDate(to)) throw badRequest(`新的完成时限“${to}”不是有效日期，应写作 2026-09-30 这样的形式`);
    const today = governmentDay((clock ?? systemClock)());
    if (to <= today) throw badRequest(`新的完成时限应晚于今天（${today}）`, 'invalid_deadline');
    if (task.deadline !== null && to <= task.deadline) throw badRequest(`新的完成时限应晚于现行完成时限 ${task.deadline}`, 'invalid_deadline');
    const [pending] = await listExtensions(trx, actor.governmentId, { taskId, status: 'pending' });
    if (pending)
      throw new AppError(409, 'extension_pending', `该任务已有一份待决定的延期申请（申请延至 ${pending.toDeadline}），请等候决定`, { id: pending.id });
    const now = nowIso(clock);
    const fields = { taskId, unitId, requestedBy: actor.userId, reason, fromDeadline: task.deadline, toDeadline: to };
    const newId = await insertExtension(trx, actor.governmentId, fields, now);
    await appendAudit(trx, actor, { action: 'extension.request', objectType: 'extension_request', objectId: newId, after: fields }, clock);
    return newId;
  });
  return view(db, actor, id);
}

const step = stepper(extensionWorkflow, view);

/** The lead leader approves: the task's deadline becomes the requested one, in the same transaction. */
const approve = (db: Tx, actor: AuthActor, id: number, input: ExtensionInputs['approve'] = {}, clock?: Clock): Promise<ExtensionView> =>
  step(db, actor, id, 'approve', input, clock);

/** The lead leader refuses, saying why; the deadline stays. */
const reject = (db: Tx, actor: AuthActor, id: number, input: ExtensionInputs['reject'], clock?: Clock): Promise<ExtensionView> =>
  step(db, actor, id, 'reject', input, clock);

/** The requests of the filter the actor may see, newest first; the others are left out, not refused. */
async function list(db: Tx, actor: AuthActor, filter: ExtensionFilter): Promise<ExtensionView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const requests = await listExtensions(db, actor.governmentId, filter);
  const tasks = await taskSubjects(
    db,
    actor.governmentId,
    requests.map((r) => r.taskId),
  );
  const out: ExtensionView[] = [];
  for (const r of requests) {
    const task = tasks.get(r.taskId);
    if (task && mayReadExtension(actor, r, task)) out.push(presentExtension(r, extensionActions(actor, r, task)));
  }
  return out;
}

export const extensionService = { request, approve, reject, list };
