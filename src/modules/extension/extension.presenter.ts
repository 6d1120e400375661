/** The shape extension requests leave the server in; no raw row goes out. */
import type { Static } from 'typebox';
import type { Action } from '../auth/actions.js';
import type { ExtensionRequest } from './extension.model.js';
import type { ExtensionViewSchema } from './extension.schema.js';

/** The request, and what the signed-in user may do to it now. */
export type ExtensionView = Static<typeof ExtensionViewSchema>;

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
