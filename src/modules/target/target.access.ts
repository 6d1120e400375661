/** Which subject a target change request is judged as (target.policy.ts decides): the task, and who proposed it. */
import type { TargetChangeSubject, TaskSubject } from '../auth/subjects.js';
import type { TargetChangeRequest } from './target.model.js';

export const changeSubject = (request: Pick<TargetChangeRequest, 'proposedBy'>, task: TaskSubject): TargetChangeSubject => ({
  kind: 'target-change',
  governmentId: task.governmentId,
  task,
  proposedBy: request.proposedBy,
});
