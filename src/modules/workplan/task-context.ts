/** A task as its work plans and extension requests are judged: who is responsible, its deadline, its plan year, its targets. */
import type { AuthActor } from '../auth/authorize.js';
import type { TaskSubject } from '../auth/subjects.js';
import { notFound } from '../errors.js';
import { listPlans } from '../plan/plan.repository.js';
import type { LedgerTask } from '../task/task.model.js';
import { listTasks } from '../task/task.repository.js';
import { taskSubject } from '../task/task.access.js';
import { membersStandingIn } from '../unit/unit-groups.js';
import type { Tx } from '../../store/tx.js';
import type { PlanFrame } from './workplan.rules.js';

export interface TaskContext {
  task: LedgerTask;
  subject: TaskSubject;
  frame: PlanFrame;
}

/** The task with what the rules need; 404 when it is not in the actor's government. */
export async function taskContext(db: Tx, actor: AuthActor, taskId: number): Promise<TaskContext> {
  const [task] = await listTasks(db, actor.governmentId, { taskId, includeRemoved: true });
  if (!task) throw notFound('任务');
  const plan = (await listPlans(db, actor.governmentId)).find((p) => p.id === task.planId);
  if (!plan) throw notFound('分解方案');
  return {
    task,
    subject: taskSubject(task, actor.governmentId),
    // A group's members work on the task in its place: a plan may give them milestones and parts too.
    frame: {
      year: plan.year,
      deadline: task.deadline,
      hostUnits: [...task.hostUnits, ...membersStandingIn(task.hostUnits, task.responsible.hosts)],
      coUnits: [...task.coUnits, ...membersStandingIn(task.coUnits, task.responsible.cos)],
      targets: task.targets,
    },
  };
}
