/**
 * Writes the task side of an import: new tasks in bulk, changed tasks in
 * place (same id, version + 1), removed tasks marked removed. Part of the
 * plan importer's transaction; never called on its own.
 */
import type { Task } from '../../domain/plan.js';
import type { Tx } from '../../store/tx.js';
import { ensureLeaders } from '../leader/leader.repository.js';
import {
  deleteTaskLeaders,
  deleteTaskProjects,
  deleteTaskUnits,
  insertProjects,
  insertTargets,
  insertTaskLeaders,
  insertTaskUnits,
  replaceTaskTargets,
  type TaskLinks,
} from '../task/task-details.repository.js';
import { taskKey, type LedgerTask, type TaskStatus } from '../task/task.model.js';
import { insertTasks, markTaskRemoved, updateTask } from '../task/task.repository.js';
import { ensureUnits } from '../unit/unit.repository.js';
import { TASK_FIELDS, type TaskField, type TaskMatch } from './plan-diff.js';

interface Context {
  trx: Tx;
  governmentId: number;
  planId: number;
  sectionIds: ReadonlyMap<string, number>;
  unitIds: ReadonlyMap<string, number>;
  leaderIds: ReadonlyMap<string, number>;
  now: string;
}

const idOf = (ids: ReadonlyMap<string, number>, name: string): number => {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`内部错误：“${name}”没有编号`);
  return id;
};

function linksOf(ctx: Context, taskId: number, task: Task): TaskLinks {
  return {
    taskId,
    leaderIds: task.leaders.map((n) => idOf(ctx.leaderIds, n)),
    hostUnitIds: task.hostUnits.map((n) => idOf(ctx.unitIds, n)),
    coUnitIds: task.coUnits.map((n) => idOf(ctx.unitIds, n)),
  };
}

const sectionIdOf = (ctx: Context, task: Task): number | null => (task.section === null ? null : idOf(ctx.sectionIds, task.section));

export async function writeTaskChanges(
  trx: Tx,
  target: { governmentId: number; planId: number; sectionIds: ReadonlyMap<string, number> },
  match: TaskMatch,
  now: string,
): Promise<void> {
  const touched = [...match.added.map((a) => a.task), ...match.changed.map((c) => c.task)];
  const ctx: Context = {
    ...target,
    trx,
    now,
    unitIds: await ensureUnits(
      trx,
      target.governmentId,
      touched.flatMap((t) => [...t.hostUnits, ...t.coUnits]),
      now,
    ),
    leaderIds: await ensureLeaders(
      trx,
      target.governmentId,
      touched.flatMap((t) => t.leaders),
      now,
    ),
  };
  await insertNewTasks(
    ctx,
    match.added.filter((a) => a.stored === null).map((a) => a.task),
  );
  for (const { task, stored, fields } of match.changed) await rewriteTask(ctx, stored, task, fields, stored.status);
  // A task dropped by an earlier revision and back in this one: the same row comes back to life.
  for (const { task, stored } of match.added) if (stored !== null) await rewriteTask(ctx, stored, task, TASK_FIELDS, 'active');
  for (const stored of match.removed) await markTaskRemoved(trx, stored, now);
}

async function insertNewTasks(ctx: Context, tasks: readonly Task[]): Promise<void> {
  if (tasks.length === 0) return;
  const rows = tasks.map((t) => ({
    sectionId: sectionIdOf(ctx, t),
    key: taskKey(t.section, t.number),
    number: t.number,
    text: t.text,
    deadline: t.deadline,
    deadlineText: t.deadlineText,
    hostSignal: t.hostSignal,
  }));
  const ids = await insertTasks(ctx.trx, ctx.governmentId, ctx.planId, rows, ctx.now);
  const withIds = tasks.map((task) => ({ task, taskId: idOf(ids, taskKey(task.section, task.number)) }));
  const links = withIds.map(({ task, taskId }) => linksOf(ctx, taskId, task));
  await insertTaskLeaders(ctx.trx, ctx.governmentId, links);
  await insertTaskUnits(ctx.trx, ctx.governmentId, links);
  await insertTargets(
    ctx.trx,
    ctx.governmentId,
    ctx.planId,
    withIds.map(({ task, taskId }) => ({ taskId, targets: task.targets })),
  );
  await insertProjects(
    ctx.trx,
    ctx.governmentId,
    withIds.map(({ task, taskId }) => ({ taskId, projects: task.projects })),
  );
}

/** Rewrites the row and replaces only the parts that changed, so unchanged targets keep their ids. */
async function rewriteTask(ctx: Context, stored: LedgerTask, task: Task, fields: readonly TaskField[], status: TaskStatus): Promise<void> {
  const { trx, governmentId } = ctx;
  await updateTask(trx, stored, { text: task.text, deadline: task.deadline, deadlineText: task.deadlineText, hostSignal: task.hostSignal, status }, ctx.now);
  const links = [linksOf(ctx, stored.id, task)];
  if (fields.includes('leaders')) {
    await deleteTaskLeaders(trx, stored.id);
    await insertTaskLeaders(trx, governmentId, links);
  }
  if (fields.includes('hostUnits') || fields.includes('coUnits')) {
    await deleteTaskUnits(trx, stored.id);
    await insertTaskUnits(trx, governmentId, links);
  }
  if (fields.includes('targets')) {
    await replaceTaskTargets(trx, governmentId, ctx.planId, stored.id, task.targets, ctx.now);
  }
  if (fields.includes('projects')) {
    await deleteTaskProjects(trx, stored.id);
    await insertProjects(trx, governmentId, [{ taskId: stored.id, projects: task.projects }]);
  }
}
