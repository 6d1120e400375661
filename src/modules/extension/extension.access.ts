/**
 * Who may see an extension request and decide it. The rules are the
 * chokepoint's (workplan.policy.ts, report.draft.read, ledger.read); this
 * file only says which subject a request is judged as.
 */
import { can, type AuthActor } from '../auth/authorize.js';
import type { TaskSubject, WorkSubject } from '../auth/subjects.js';
import type { ExtensionRequest } from './extension.model.js';

/** A request is the host unit's work on the task, by whoever asked. */
export const extensionWork = (request: Pick<ExtensionRequest, 'unitId' | 'requestedBy'>, task: TaskSubject): WorkSubject => ({
  kind: 'work',
  governmentId: task.governmentId,
  task,
  unitId: request.unitId,
  authorId: request.requestedBy,
});

/** A pending request is the unit's unpublished work; a decided one is part of the ledger. */
export function mayReadExtension(actor: AuthActor, request: ExtensionRequest, task: TaskSubject): boolean {
  if (request.status === 'pending') return can(actor, 'report.draft.read', extensionWork(request, task));
  return can(actor, 'ledger.read', task);
}
