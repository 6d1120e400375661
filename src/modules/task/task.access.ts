/** Which subject a task is judged as: the ledger's row with who is responsible for it (task.policy.ts decides). */
import type { TaskSubject } from '../auth/subjects.js';
import type { LedgerTask } from './task.model.js';

export const taskSubject = (t: LedgerTask, governmentId: number): TaskSubject => ({
  kind: 'task',
  governmentId,
  taskId: t.id,
  hostUnitIds: t.hostUnits.map((u) => u.id),
  coUnitIds: t.coUnits.map((u) => u.id),
  leaderIds: t.leaders.map((l) => l.id),
});
