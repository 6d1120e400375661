/** Which subject an order is judged as: the ordered unit's work on the task (order.policy.ts decides). */
import type { Tx } from '../../store/tx.js';
import type { TaskSubject, WorkSubject } from '../auth/subjects.js';
import { notFound } from '../errors.js';
import { taskSubjects } from '../report/report.repository.js';
import type { Order } from './order.model.js';
import { planOfTask } from './order.repository.js';

export const orderSubject = (order: Pick<Order, 'unitId'>, task: TaskSubject): WorkSubject => ({
  kind: 'work',
  governmentId: task.governmentId,
  task,
  unitId: order.unitId,
  authorId: null,
});

/** The task an order is about, as the chokepoint judges it; 404 when it is not in the government. */
export async function orderTask(db: Tx, governmentId: number, taskId: number): Promise<TaskSubject> {
  const task = (await taskSubjects(db, governmentId, [taskId])).get(taskId);
  if (!task || (await planOfTask(db, governmentId, taskId)) === undefined) throw notFound('任务');
  return task;
}
