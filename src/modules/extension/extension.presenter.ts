/** The shape extension requests leave the server in; no raw row goes out. */
import type { Action } from '../auth/actions.js';
import type { ExtensionRequest } from './extension.model.js';

export interface ExtensionView extends ExtensionRequest {
  /** What the signed-in user may do to this request now. */
  actions: Action[];
}

export const presentExtension = (e: ExtensionRequest, actions: Action[]): ExtensionView => ({
  id: e.id,
  taskId: e.taskId,
  unitId: e.unitId,
  requestedBy: e.requestedBy,
  reason: e.reason,
  fromDeadline: e.fromDeadline,
  toDeadline: e.toDeadline,
  status: e.status,
  decidedBy: e.decidedBy,
  decidedAt: e.decidedAt,
  decisionComment: e.decisionComment,
  version: e.version,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  actions,
});
