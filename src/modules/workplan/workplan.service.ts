/**
 * workPlanService: the refinement (细化分解) of a task by its host unit. The
 * unit writes a draft revision, its head submits it, the task's lead leader
 * (the office, for a task without one) approves or returns it. A revised plan
 * is a new revision that starts as a copy of the latest; the approved one is
 * in force and the ones before it stay as history. The steps are the
 * transitions of workplan.workflow.ts. The HTTP routes, the demo simulator
 * and the tests share it.
 */
import type { AuthActor } from '../auth/authorize.js';
import { authorize, can } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import type { TaskSubject } from '../auth/subjects.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { appendAudit } from '../audit/audit.repository.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { taskSubjects } from '../report/report.repository.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { stepper } from '../workflow/runner.js';
import { stateLabel, type VersionInput } from '../workflow/workflow.js';
import { taskContext, type TaskContext } from './task-context.js';
import { mayReadPlan, planWork } from './workplan.access.js';
import { OPEN_STATUSES, type WorkPlan, type WorkPlanPatch } from './workplan.model.js';
import { presentWorkPlan, type WorkPlanView } from './workplan.presenter.js';
import {
  findWorkPlan,
  insertWorkPlan,
  isDuplicateRevision,
  listWorkPlans,
  milestonesOf,
  replaceMilestones,
  replacePlanValues,
  valuesOf,
} from './workplan.repository.js';
import { workPlanActions, workPlanWorkflow, type WorkPlanInputs } from './workplan.workflow.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

/** The revisions as the actor may see them, with their milestones and values: three queries for any number. */
async function present(db: Tx, actor: AuthActor, plans: readonly WorkPlan[], task: TaskSubject): Promise<WorkPlanView[]> {
  const ids = plans.map((p) => p.id);
  const milestones = await milestonesOf(db, ids);
  const values = await valuesOf(db, ids);
  return plans.map((p) => presentWorkPlan(p, milestones.get(p.id) ?? [], values.get(p.id) ?? [], workPlanActions(actor, p, task)));
}

async function loadPlan(db: Tx, actor: AuthActor, id: number): Promise<{ plan: WorkPlan; task: TaskSubject }> {
  const plan = await findWorkPlan(db, actor.governmentId, id);
  const task = plan && (await taskSubjects(db, actor.governmentId, [plan.taskId])).get(plan.taskId);
  if (!plan || !task) throw notFound('工作方案');
  return { plan, task };
}

/** One revision; one the actor may not see is refused (403), like other unpublished work. */
async function get(db: Tx, actor: AuthActor, id: number): Promise<WorkPlanView> {
  const { plan, task } = await loadPlan(db, actor, id);
  if (!mayReadPlan(actor, plan, task)) throw new ForbiddenError(OPEN_STATUSES.has(plan.status) ? 'report.draft.read' : 'ledger.read');
  const [view] = await present(db, actor, [plan], task);
  if (!view) throw notFound('工作方案');
  return view;
}

/** The task's revisions, newest first; those the actor may not see are left out, not refused. */
async function list(db: Tx, actor: AuthActor, taskId: number): Promise<WorkPlanView[]> {
  const { subject } = await taskContext(db, actor, taskId);
  authorize(actor, 'ledger.read', subject);
  const plans = (await listWorkPlans(db, actor.governmentId, taskId)).filter((p) => mayReadPlan(actor, p, subject));
  return present(db, actor, plans, subject);
}

/**
 * A new draft revision: a copy of the latest revision (or an empty plan),
 * filed for the actor's own unit, or for the host unit the office names.
 * Refused while the task has an open revision.
 */
async function create(db: Tx, actor: AuthActor, taskId: number, input: { unitId?: number }, clock?: Clock): Promise<WorkPlanView> {
  const id = await changing(db, actor.governmentId, async (trx) => {
    const ctx = await taskContext(trx, actor, taskId);
    await refuseIfArchived(trx, actor.governmentId, 'task', taskId);
    const plans = await listWorkPlans(trx, actor.governmentId, taskId);
    const unitId = chooseUnit(actor, ctx, input.unitId, plans[0]);
    authorize(actor, 'workplan.write', planWork({ unitId, authorId: null }, ctx.subject));
    if (ctx.task.status !== 'active')
      throw new AppError(409, 'task_closed', ctx.task.status === 'completed' ? '该任务已销号，不再编制工作方案' : '该任务已从分解方案中删除');
    const open = plans.find((p) => OPEN_STATUSES.has(p.status));
    if (open) {
      throw new AppError(
        409,
        'workplan_open',
        `该任务的工作方案第 ${open.revision} 版尚在办理中（${stateLabel(workPlanWorkflow, open.status)}），请在该版本上修改`,
        { id: open.id },
      );
    }
    const latest = plans[0];
    const targets = new Set(ctx.task.targets.map((t) => t.id));
    const milestones = latest ? ((await milestonesOf(trx, [latest.id])).get(latest.id) ?? []) : [];
    // A revised notice may have dropped a target since: its planned values are not copied.
    const values = latest ? ((await valuesOf(trx, [latest.id])).get(latest.id) ?? []).filter((v) => targets.has(v.targetId)) : [];
    const now = nowIso(clock);
    const revision = (latest?.revision ?? 0) + 1;
    let newId: number;
    try {
      newId = await insertWorkPlan(
        trx,
        actor.governmentId,
        { taskId, unitId, revision, measures: latest?.measures ?? '', coParts: latest?.coParts ?? [], authorId: actor.userId },
        now,
      );
    } catch (err) {
      if (isDuplicateRevision(err)) throw new AppError(409, 'workplan_open', '该任务的工作方案刚被他人新建，请刷新后在该版本上修改');
      throw err;
    }
    await replaceMilestones(trx, actor.governmentId, newId, milestones);
    await replacePlanValues(trx, actor.governmentId, newId, values);
    await appendAudit(
      trx,
      actor,
      { action: 'workplan.create', objectType: 'work_plan', objectId: newId, after: { taskId, unitId, revision, copiedFrom: latest?.id ?? null } },
      clock,
    );
    return newId;
  });
  return get(db, actor, id);
}

/**
 * The host unit a new revision is filed for: the one named, else the only
 * host unit the actor may write for, else the unit of the latest revision.
 */
function chooseUnit(actor: AuthActor, ctx: TaskContext, named: number | undefined, latest: WorkPlan | undefined): number {
  const hosts = ctx.subject.hostUnitIds;
  const own = hosts.filter((unitId) => can(actor, 'workplan.write', planWork({ unitId, authorId: null }, ctx.subject)));
  if (own.length === 0) throw new ForbiddenError('workplan.write');
  if (named !== undefined) {
    if (!hosts.includes(named)) throw badRequest('所选单位不是本任务的主办单位，工作方案由主办单位编制', 'invalid_unit');
    return named;
  }
  if (own.length === 1 && own[0] !== undefined) return own[0];
  if (latest && own.includes(latest.unitId)) return latest.unitId;
  throw badRequest(`该任务有多个主办单位（${ctx.task.hostUnits.map((u) => u.name).join('、')}），请指定由哪个单位编制工作方案`, 'unit_required');
}

const step = stepper(workPlanWorkflow, get);

/** Writes a draft (or a returned revision, which goes back to draft); the lists given replace the stored ones. The writer becomes its author. */
const update = (db: Tx, actor: AuthActor, id: number, patch: WorkPlanPatch, clock?: Clock): Promise<WorkPlanView> => step(db, actor, id, 'edit', patch, clock);

/** The host unit's head submits the draft to the task's lead leader. */
const submit = (db: Tx, actor: AuthActor, id: number, input: VersionInput = {}, clock?: Clock): Promise<WorkPlanView> =>
  step(db, actor, id, 'submit', input, clock);

/** The lead leader approves: the revision is in force and the one approved before becomes history. */
const approve = (db: Tx, actor: AuthActor, id: number, input: WorkPlanInputs['approve'] = {}, clock?: Clock): Promise<WorkPlanView> =>
  step(db, actor, id, 'approve', input, clock);

/** The lead leader returns the revision with a comment; the unit edits it again as a draft. */
const returnPlan = (db: Tx, actor: AuthActor, id: number, input: WorkPlanInputs['return'], clock?: Clock): Promise<WorkPlanView> =>
  step(db, actor, id, 'return', input, clock);

export const workPlanService = {
  create,
  update,
  submit,
  approve,
  return: returnPlan,
  list,
  get,
};
