/**
 * Taking up a task from above with the lower government's own tasks (承接, ADR 0031): the importer's proposer ranks
 * the government's own tasks of the year by wording and targets; the office confirms the ones that answer it.
 * The roll-up then reads the linked tasks' lights beside the task from above.
 */
import type { Static } from 'typebox';
import { proposeLinks } from '../../importer/index.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { listPlans } from '../plan/plan.repository.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';
import { taskSubject } from '../task/task.access.js';
import type { LedgerTask } from '../task/task.model.js';
import { listTasks } from '../task/task.repository.js';
import { assignmentOfLowerTask, linksOf, replaceLinks } from './assignment.repository.js';
import type { LinkListSchema, LinkProposalsSchema, LinksBody } from './assignment.schema.js';

export type LinkList = Static<typeof LinkListSchema>;
export type LinkProposals = Static<typeof LinkProposalsSchema>;
export type LinksInput = Static<typeof LinksBody>;

/** The task from above, in the caller's government; 404 for another government's, 409 for one of its own. */
async function fromAbove(db: Tx, actor: AuthActor, taskId: number): Promise<{ task: LedgerTask; assignmentId: number }> {
  const [task] = await listTasks(db, actor.governmentId, { taskId, includeRemoved: true });
  if (!task) throw notFound('任务');
  authorize(actor, 'ledger.read', taskSubject(task, actor.governmentId));
  const assignment = task.source ? await assignmentOfLowerTask(db, actor.governmentId, taskId) : undefined;
  if (!assignment) throw new AppError(409, 'not_from_above', '只有上级交办的任务可以关联承接它的本级任务');
  return { task, assignmentId: assignment.id };
}

/** The government's own tasks that could take it up: of the same year's plans in use, not from above, not removed. */
async function candidates(db: Tx, governmentId: number, task: LedgerTask): Promise<LedgerTask[]> {
  const plans = await listPlans(db, governmentId);
  const year = plans.find((p) => p.id === task.planId)?.year;
  const inUse = new Set(plans.filter((p) => p.archived === null && p.year === year).map((p) => p.id));
  return (await listTasks(db, governmentId)).filter((t) => !t.source && t.id !== task.id && inUse.has(t.planId));
}

export async function listLinks(db: Tx, actor: AuthActor, taskId: number): Promise<LinkList> {
  const { assignmentId } = await fromAbove(db, actor, taskId);
  return linkList(db, actor.governmentId, assignmentId);
}

async function linkList(db: Tx, governmentId: number, assignmentId: number): Promise<LinkList> {
  const links = await linksOf(db, [assignmentId]);
  const tasks = new Map((await listTasks(db, governmentId, { taskIds: links.map((l) => l.taskId), includeRemoved: true })).map((t) => [t.id, t]));
  return {
    items: links.flatMap((l) => {
      const t = tasks.get(l.taskId);
      return t ? [{ taskId: t.id, key: t.key, text: t.text, confirmedAt: l.confirmedAt }] : [];
    }),
  };
}

/** The government's own tasks ranked as answers to the task from above; those already linked first. */
export async function linkProposals(db: Tx, actor: AuthActor, taskId: number): Promise<LinkProposals> {
  const { task, assignmentId } = await fromAbove(db, actor, taskId);
  authorize(actor, 'task.update', taskSubject(task, actor.governmentId));
  const own = await candidates(db, actor.governmentId, task);
  const linked = new Set((await linksOf(db, [assignmentId])).map((l) => l.taskId));
  const proposals = proposeLinks(
    { text: task.text, targets: task.targets },
    own.map((t) => ({ id: t.id, key: t.key, text: t.text, targets: t.targets })),
    { limit: 10 },
  );
  const byId = new Map(own.map((t) => [t.id, t]));
  const proposed = new Set(proposals.map((p) => p.taskId));
  const items = [
    ...[...linked]
      .filter((id) => !proposed.has(id))
      .flatMap((id) => {
        const t = byId.get(id);
        return t ? [{ taskId: id, key: t.key, text: t.text, score: 0, reasons: [], linked: true }] : [];
      }),
    ...proposals.flatMap((p) => {
      const t = byId.get(p.taskId);
      return t ? [{ taskId: p.taskId, key: t.key, text: t.text, score: p.score, reasons: p.reasons, linked: linked.has(p.taskId) }] : [];
    }),
  ];
  return { items };
}

/** The office confirms which of its own tasks take up the task from above (the whole list, replaced); audited. */
export async function setLinks(db: Tx, actor: AuthActor, taskId: number, input: LinksInput, clock?: Clock): Promise<LinkList> {
  const gov = actor.governmentId;
  return changing(db, gov, async (trx) => {
    const { task, assignmentId } = await fromAbove(trx, actor, taskId);
    authorize(actor, 'task.update', taskSubject(task, gov));
    await refuseIfArchived(trx, gov, 'task', taskId);
    const allowed = new Map((await candidates(trx, gov, task)).map((t) => [t.id, t]));
    for (const id of input.taskIds) {
      if (!allowed.has(id)) throw badRequest(`任务 #${id} 不能关联：只能选本级同一年度、在用方案中自己的任务`, 'invalid_link');
    }
    const before = (await linksOf(trx, [assignmentId])).map((l) => l.taskId);
    const after = [...input.taskIds].sort((a, b) => a - b);
    if (JSON.stringify([...before].sort((a, b) => a - b)) === JSON.stringify(after)) return linkList(trx, gov, assignmentId);
    const now = nowIso(clock);
    await replaceLinks(trx, gov, assignmentId, after, actor.userId, now);
    await appendAudit(
      trx,
      actor,
      { action: 'task.link', objectType: 'task', objectId: taskId, before: { linkedTaskIds: before }, after: { linkedTaskIds: after } },
      clock,
    );
    return linkList(trx, gov, assignmentId);
  });
}
