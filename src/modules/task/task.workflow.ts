/**
 * The flow of a task in the ledger, as data: the office closes it as done
 * (销号), usually on the host unit's proposal, and may take it back into the
 * active work. A revised notice that drops a task removes it (plan import).
 */
import type { TaskSubject } from '../auth/subjects.js';
import { badRequest, notFound } from '../errors.js';
import { defineWorkflow, type VersionInput } from '../workflow/workflow.js';
import { taskSubject } from './task.access.js';
import type { LedgerTask, TaskStatus } from './task.model.js';
import { listTasks, setTaskStatus } from './task.repository.js';

export interface TaskInputs {
  complete: VersionInput & { comment: string };
  reopen: VersionInput & { comment: string };
}

const STATES: Record<TaskStatus, { zh: string; en: string }> = {
  active: { zh: '推进中', en: 'Active' },
  completed: { zh: '已销号', en: 'Completed' },
  removed: { zh: '已移除', en: 'Removed' },
};

export const taskWorkflow = defineWorkflow<LedgerTask, TaskSubject, TaskInputs, { status?: TaskStatus }>()({
  entity: 'task',
  describe: () => '任务',
  states: STATES,
  transitions: {
    /** A completed task is owed no report in the rounds opened after it (the round opener takes active tasks only). */
    complete: {
      from: ['active'],
      to: 'completed',
      may: 'task.complete',
      label: { zh: '销号', en: 'complete' },
      audit: 'task.complete',
      guard: ({ input }) => {
        if (input.comment.trim() === '') throw badRequest('销号时须写明意见');
      },
    },
    /** Reopening is the same power as closing: the office's (e.g. after a 销号 in error). */
    reopen: {
      from: ['completed'],
      to: 'active',
      may: 'task.complete',
      label: { zh: '恢复', en: 'reopen' },
      audit: 'task.reopen',
      guard: ({ input }) => {
        if (input.comment.trim() === '') throw badRequest('恢复任务时须写明原因');
      },
    },
  },
  load: async (trx, actor, id) => {
    const [task] = await listTasks(trx, actor.governmentId, { taskId: id, includeRemoved: true });
    if (!task) throw notFound('任务');
    return { entity: task, ctx: taskSubject(task, actor.governmentId) };
  },
  subject: (_task, subject) => subject,
  write: (trx, task, change, now, audit) => setTaskStatus(trx, task, change.status ?? task.status, now, audit),
});
