/** A host unit's request to move a task's deadline (延期申请), as the services see it. */

/** pending until the lead leader decides; withdrawn is kept for requests the unit takes back. */
export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export interface ExtensionRequest {
  id: number;
  taskId: number;
  /** The host unit that asks. */
  unitId: number;
  requestedBy: number | null;
  reason: string;
  /** The task's deadline when the request was made; null: none was set. */
  fromDeadline: string | null;
  toDeadline: string;
  status: ExtensionStatus;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionComment: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExtensionFilter {
  taskId?: number;
  status?: ExtensionStatus;
}
