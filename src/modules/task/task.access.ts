/**
 * Which subject a task is judged as: the ledger's row with who is responsible for it (task.policy.ts decides).
 * A unit group the task names is judged by its members: each member's people work on the task as the group.
 */
import type { TaskSubject } from '../auth/subjects.js';
import type { LedgerTask } from './task.model.js';

export const taskSubject = (t: LedgerTask, governmentId: number): TaskSubject => ({
  kind: 'task',
  governmentId,
  taskId: t.id,
  hostUnitIds: t.responsible.hosts.map((u) => u.id),
  coUnitIds: t.responsible.cos.map((u) => u.id),
  leaderIds: t.leaders.map((l) => l.id),
});
