/**
 * targetService: the office changes a task's targets (retype, rename,
 * measure or not, split, merge, add, delete, owners, combine rule), always
 * with a reason. Before the task's first round (no round has asked it for a
 * report) the change applies at once; after it, the change is a request
 * (指标调整) that the task's lead leader decides (target.workflow.ts). Every
 * applied change keeps the targets as they stood (target_revisions). The
 * HTTP routes and the tests share it.
 */
import type { Tx } from '../../store/tx.js';
import { nowIso } from '../../store/tx.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, can, type AuthActor } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import { governmentSubject, type TaskSubject } from '../auth/subjects.js';
import { AppError, badRequest, notFound, versionConflict } from '../errors.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { taskSubjects } from '../report/report.repository.js';
import { taskSubject } from '../task/task.access.js';
import { FROM_ABOVE_REFUSAL, getTask } from '../task/task.service.js';
import { stepper } from '../workflow/runner.js';
import { taskContext } from '../workplan/task-context.js';
import { applyTargetChange, StaleTargetError } from './target-apply.js';
import { describeChange, named, resolveChange, type ChangeInput, type OwnerRule } from './target-change.js';
import { snapshotOf, touchedIds, type LedgerTarget, type RequestFilter, type TargetChange, type TargetChangeRequest } from './target.model.js';
import { notifyProposal } from './target.notices.js';
import { presentChange, presentRevision, presentTarget, type TargetChangeView, type TargetHistoryView, type TaskTargetsView } from './target.presenter.js';
import { eventsOf, findRequest, insertEvent, insertRequest, listRequests } from './target-request.repository.js';
import { findTaskTarget, listRevisions, listTaskTargets, ownerChoices, taskHasReports, unitNames, userNames } from './target.repository.js';
import { ownerIdsOf } from './target-summary.js';
import { targetChangeActions, targetChangeWorkflow, type TargetChangeInputs } from './target.workflow.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';

/** What a head, a liaison, a leader or an observer reads when trying to change a target. */
export const TARGET_CHANGE_REFUSAL = '指标以分解通知为准，只有督查室可以调整；任务开始调度后，调整须经牵头领导批准';

/** The requests as the actor sees them, with their words, timelines and the actor's steps: five queries for any number. */
async function requestViews(db: Tx, actor: AuthActor, requests: readonly TargetChangeRequest[]): Promise<TargetChangeView[]> {
  const gov = actor.governmentId;
  const tasks = await taskSubjects(
    db,
    gov,
    requests.map((r) => r.taskId),
  );
  const events = await eventsOf(
    db,
    requests.map((r) => r.id),
  );
  const units = await unitNames(
    db,
    gov,
    requests.flatMap((r) => ownerIdsOf(r.change, r.before)),
  );
  const people = await userNames(
    db,
    gov,
    requests.flatMap((r) => (r.proposedBy === null ? [] : [r.proposedBy])),
  );
  const unitName = (id: number): string => units.get(id) ?? `单位 #${id}`;
  return requests.flatMap((r) => {
    const task = tasks.get(r.taskId);
    if (!task || !can(actor, 'ledger.read', task)) return [];
    const extras = {
      summary: describeChange(r.change, r.before, unitName),
      proposer: r.proposedBy === null ? null : (people.get(r.proposedBy) ?? null),
      events: events.get(r.id) ?? [],
      actions: targetChangeActions(actor, r, task),
    };
    return [presentChange(r, extras)];
  });
}

async function requestView(db: Tx, actor: AuthActor, id: number): Promise<TargetChangeView> {
  const request = await findRequest(db, actor.governmentId, id);
  const [view] = request ? await requestViews(db, actor, [request]) : [];
  if (!view) throw notFound('指标调整');
  return view;
}

/** A task's targets in force with what the editor needs, whether a change now needs approval, and the pending requests. */
export async function taskTargets(db: Tx, actor: AuthActor, taskId: number): Promise<TaskTargetsView> {
  const task = await getTask(db, actor, taskId);
  const subject = taskSubject(task, actor.governmentId);
  const gov = actor.governmentId;
  const targets = await listTaskTargets(db, gov, taskId);
  const choices = await ownerChoices(db, gov, subject.hostUnitIds);
  const pending = await listRequests(db, gov, { taskId, status: 'pending' });
  const names = new Map(choices.map((u) => [u.id, u.name]));
  for (const [id, name] of await unitNames(
    db,
    gov,
    targets.flatMap((t) => t.owners).filter((id) => !names.has(id)),
  ))
    names.set(id, name);
  const pendingOf = new Map<number, number>();
  for (const r of [...pending].reverse()) for (const id of touchedIds(r.change)) pendingOf.set(id, r.id);
  return {
    taskId,
    changesNeedApproval: await taskHasReports(db, taskId),
    targets: targets.map((t) => presentTarget(t, (id) => names.get(id) ?? `单位 #${id}`, pendingOf.get(t.id) ?? null)),
    ownerChoices: choices,
    pending: await requestViews(db, actor, pending),
    actions: can(actor, 'target.change', subject) ? ['target.change'] : [],
  };
}

/** A task's target history: the revisions applied (newest first) and every request made. */
export async function targetHistory(db: Tx, actor: AuthActor, taskId: number): Promise<TargetHistoryView> {
  await getTask(db, actor, taskId);
  const revisions = await listRevisions(db, actor.governmentId, taskId);
  const requests = await listRequests(db, actor.governmentId, { taskId });
  return { taskId, revisions: revisions.map(presentRevision), requests: await requestViews(db, actor, requests) };
}

export interface ChangeQuery extends RequestFilter {
  /** 'me': only the pending requests the actor decides. */
  awaiting?: 'me';
}

/** The requests of the filter, newest first; with awaiting=me, the pending ones the actor decides. */
export async function listTargetChanges(db: Tx, actor: AuthActor, query: ChangeQuery): Promise<TargetChangeView[]> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const filter: RequestFilter = {
    ...(query.taskId === undefined ? {} : { taskId: query.taskId }),
    ...(query.awaiting === 'me' ? { status: 'pending' as const } : query.status === undefined ? {} : { status: query.status }),
  };
  const views = await requestViews(db, actor, await listRequests(db, actor.governmentId, filter));
  return query.awaiting === 'me' ? views.filter((v) => v.actions.includes('target.decide')) : views;
}

export interface ChangeOptions {
  clock?: Clock | undefined;
  delivery?: DeliveryConfig | undefined;
}

export interface ChangeOutcome {
  outcome: 'applied' | 'requested';
  request: TargetChangeView | null;
  targets: TaskTargetsView;
}

/** The owners' rule of a task: its host units and their members; names for a refusal. */
async function ownerRule(db: Tx, governmentId: number, task: TaskSubject, input: ChangeInput): Promise<OwnerRule> {
  const choices = await ownerChoices(db, governmentId, task.hostUnitIds);
  const drafts =
    input.op === 'edit' ? [input.fields] : input.op === 'split' ? input.into : input.op === 'merge' ? [input.into] : input.op === 'add' ? [input.target] : [];
  const asked = drafts.flatMap((d) => (Array.isArray(d.owners) ? d.owners.filter((x) => typeof x === 'number') : []));
  const names = await unitNames(db, governmentId, asked);
  return { choices: new Set(choices.map((u) => u.id)), unitName: (id) => `“${names.get(id) ?? `单位 #${id}`}”` };
}

/** The versions the input says the office read, by target. */
function versionsOf(input: ChangeInput): { id: number; version: number }[] {
  switch (input.op) {
    case 'edit':
    case 'split':
    case 'retire':
      return [{ id: input.targetId, version: input.version }];
    case 'merge':
      return input.targets;
    case 'add':
      return [];
  }
}

/**
 * Changes a task's targets (the task's, or the one `targetId` belongs to):
 * at once before its first round, as a request for the lead leader after it.
 * Refusals: 403 for anyone but the office, 400 reason_required or
 * invalid_target, 409 version_conflict (with the task's targets as they are
 * now), target_retired, task_closed, or target_change_pending (a target may
 * have one pending request at a time).
 */
export async function changeTargets(
  db: Tx,
  actor: AuthActor,
  at: { taskId: number } | { targetId: number },
  input: ChangeInput & { reason?: string | undefined },
  options: ChangeOptions = {},
): Promise<ChangeOutcome> {
  const gov = actor.governmentId;
  const { taskId, requestId } = await changing(db, gov, async (trx) => {
    let taskId: number;
    if ('targetId' in at) {
      const target = await findTaskTarget(trx, gov, at.targetId);
      if (!target) throw notFound('指标');
      taskId = target.taskId;
    } else taskId = at.taskId;
    const { task, subject } = await taskContext(trx, actor, taskId);
    if (!can(actor, 'target.change', subject)) throw new ForbiddenError('target.change', TARGET_CHANGE_REFUSAL);
    await refuseIfArchived(trx, gov, 'task', taskId);
    if (task.status === 'removed') throw new AppError(409, 'task_closed', '该任务已从分解方案中删除，不能调整指标');
    if (task.source) throw new AppError(409, 'from_above', FROM_ABOVE_REFUSAL);
    const reason = input.reason?.trim() ?? '';
    if (reason === '') throw badRequest('调整指标须写明理由', 'reason_required');
    const targets = await listTaskTargets(trx, gov, taskId);
    for (const seen of versionsOf(input)) {
      const now = targets.find((t) => t.id === seen.id);
      if (!now) throw new AppError(409, 'target_retired', `指标 #${seen.id} 不属于本任务，或已被拆分、合并或删除`);
      if (now.version !== seen.version) throw versionConflict(await taskTargets(trx, actor, taskId));
    }
    const change = resolveChange(input, targets, await ownerRule(trx, gov, subject, input));
    const now = nowIso(options.clock);
    if (!(await taskHasReports(trx, taskId))) {
      try {
        await applyTargetChange({ trx, actor, planId: task.planId, taskId, now, reason, requestId: null }, targets, change);
      } catch (err) {
        if (err instanceof StaleTargetError) throw versionConflict(await taskTargets(trx, actor, taskId));
        throw err;
      }
      return { taskId, requestId: null };
    }
    const requestId = await propose(trx, actor, { subject, targets, change, reason, now }, options.delivery);
    return { taskId, requestId };
  });
  return {
    outcome: requestId === null ? 'applied' : 'requested',
    request: requestId === null ? null : await requestView(db, actor, requestId),
    targets: await taskTargets(db, actor, taskId),
  };
}

/** Stores the change as a request for the deciders, with its timeline's first step, its audit row and the deciders told. */
async function propose(
  trx: Tx,
  actor: AuthActor,
  p: { subject: TaskSubject; targets: readonly LedgerTarget[]; change: TargetChange; reason: string; now: string },
  delivery?: DeliveryConfig,
): Promise<number> {
  const gov = actor.governmentId;
  const touched = touchedIds(p.change);
  for (const pending of await listRequests(trx, gov, { taskId: p.subject.taskId, status: 'pending' })) {
    const shared = touchedIds(pending.change).find((id) => touched.includes(id));
    const target = p.targets.find((t) => t.id === shared);
    if (target) {
      throw new AppError(409, 'target_change_pending', `指标${named(target)}已有一项待决定的调整，请等候牵头领导决定或撤回后再提出`, { id: pending.id });
    }
  }
  const before = touched.flatMap((id) => {
    const t = p.targets.find((x) => x.id === id);
    return t ? [{ ...snapshotOf(t), version: t.version }] : [];
  });
  const id = await insertRequest(trx, gov, { taskId: p.subject.taskId, change: p.change, before, reason: p.reason, proposedBy: actor.userId }, p.now);
  await insertEvent(trx, gov, { requestId: id, at: p.now, actorUserId: actor.userId, action: 'propose', comment: p.reason });
  await appendAudit(
    trx,
    actor,
    {
      action: 'target_change.propose',
      objectType: 'target_change_request',
      objectId: id,
      after: { taskId: p.subject.taskId, change: p.change, reason: p.reason },
    },
    () => new Date(p.now),
  );
  const names = await unitNames(trx, gov, ownerIdsOf(p.change, before));
  const summary = describeChange(p.change, before, (u) => names.get(u) ?? `单位 #${u}`);
  await notifyProposal(
    trx,
    gov,
    { id, taskId: p.subject.taskId, proposedBy: actor.userId, summary, reason: p.reason },
    p.subject.leaderIds.length > 0,
    p.now,
    delivery,
  );
  return id;
}

const step = stepper(targetChangeWorkflow, requestView);

/** The lead leader approves: the change applies now, in the same transaction. */
export const approveTargetChange = (
  db: Tx,
  actor: AuthActor,
  id: number,
  input: TargetChangeInputs['approve'] = {},
  clock?: Clock,
): Promise<TargetChangeView> => step(db, actor, id, 'approve', input, clock);

/** The lead leader refuses, saying why. */
export const rejectTargetChange = (db: Tx, actor: AuthActor, id: number, input: TargetChangeInputs['reject'], clock?: Clock): Promise<TargetChangeView> =>
  step(db, actor, id, 'reject', input, clock);

/** The office takes its proposal back before a decision. */
export const withdrawTargetChange = (
  db: Tx,
  actor: AuthActor,
  id: number,
  input: TargetChangeInputs['withdraw'] = {},
  clock?: Clock,
): Promise<TargetChangeView> => step(db, actor, id, 'withdraw', input, clock);
