/** Extension requests. Only this file touches the extension_requests table. */
import type { Selectable } from 'kysely';
import type { ExtensionRequestTable } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import { EXTENSION_STATUSES, type ExtensionFilter, type ExtensionRequest, type ExtensionStatus } from './extension.model.js';

const toExtension = (r: Selectable<ExtensionRequestTable>): ExtensionRequest => ({
  id: r.id,
  taskId: r.task_id,
  unitId: r.unit_id,
  requestedBy: r.requested_by,
  reason: r.reason,
  fromDeadline: r.from_deadline,
  toDeadline: r.to_deadline,
  status: EXTENSION_STATUSES.find((s) => s === r.status) ?? 'pending',
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionComment: r.decision_comment,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findExtension(db: Tx, governmentId: number, id: number): Promise<ExtensionRequest | undefined> {
  const row = await db.selectFrom('extension_requests').selectAll().where('government_id', '=', governmentId).where('id', '=', id).executeTakeFirst();
  return row && toExtension(row);
}

/** Newest first. */
export async function listExtensions(db: Tx, governmentId: number, filter: ExtensionFilter): Promise<ExtensionRequest[]> {
  let q = db.selectFrom('extension_requests').selectAll().where('government_id', '=', governmentId);
  if (filter.taskId !== undefined) q = q.where('task_id', '=', filter.taskId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('id', 'desc').execute();
  return rows.map(toExtension);
}

export interface NewExtension {
  taskId: number;
  unitId: number;
  requestedBy: number | null;
  reason: string;
  fromDeadline: string | null;
  toDeadline: string;
}

export async function insertExtension(trx: Tx, governmentId: number, request: NewExtension, now: string): Promise<number> {
  const row = await trx
    .insertInto('extension_requests')
    .values({
      government_id: governmentId,
      task_id: request.taskId,
      unit_id: request.unitId,
      requested_by: request.requestedBy,
      reason: request.reason,
      from_deadline: request.fromDeadline,
      to_deadline: request.toDeadline,
      status: 'pending',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The columns a step of the request's flow sets. */
export interface ExtensionChange {
  status?: ExtensionStatus;
  decidedBy?: number | null;
  decidedAt?: string;
  decisionComment?: string | null;
}

/** Writes the change only if the request is still at the version it was read at; false otherwise. */
export function updateExtension(
  trx: Tx,
  request: Pick<ExtensionRequest, 'id' | 'version'>,
  change: ExtensionChange,
  now: string,
  audit: AuditNote,
): Promise<boolean> {
  return auditedUpdate(
    trx,
    'extension_requests',
    request,
    {
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.decidedBy === undefined ? {} : { decided_by: change.decidedBy }),
      ...(change.decidedAt === undefined ? {} : { decided_at: change.decidedAt }),
      ...(change.decisionComment === undefined ? {} : { decision_comment: change.decisionComment }),
    },
    now,
    audit,
  );
}
