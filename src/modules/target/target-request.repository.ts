/** Target change requests (指标调整) and their timeline. Only this file touches target_change_requests and target_change_events. */
import type { Selectable } from 'kysely';
import type { TargetChangeRequestTable } from '../../store/schema.js';
import type { Tx } from '../../store/tx.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';
import {
  REQUEST_EVENTS,
  REQUEST_STATUSES,
  type RequestEvent,
  type RequestFilter,
  type RequestStatus,
  type SnapshotAt,
  type TargetChange,
  type TargetChangeEvent,
  type TargetChangeRequest,
  parseSnapshot,
} from './target.model.js';

function parseChange(json: string): TargetChange {
  // Written by insertRequest from a settled change; read back as it was written.
  return JSON.parse(json) as TargetChange;
}

function parseBefore(json: string): SnapshotAt[] {
  const list: unknown = JSON.parse(json);
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const snapshot = parseSnapshot(JSON.stringify(item));
    const version = (item as { version?: unknown }).version;
    return snapshot && typeof version === 'number' ? [{ ...snapshot, version }] : [];
  });
}

const toRequest = (r: Selectable<TargetChangeRequestTable>): TargetChangeRequest => ({
  id: r.id,
  taskId: r.task_id,
  change: parseChange(r.change),
  before: parseBefore(r.before),
  reason: r.reason,
  status: REQUEST_STATUSES.find((s) => s === r.status) ?? 'pending',
  proposedBy: r.proposed_by,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionComment: r.decision_comment,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findRequest(db: Tx, governmentId: number, id: number): Promise<TargetChangeRequest | undefined> {
  const row = await db.selectFrom('target_change_requests').selectAll().where('government_id', '=', governmentId).where('id', '=', id).executeTakeFirst();
  return row && toRequest(row);
}

/** Newest first. */
export async function listRequests(db: Tx, governmentId: number, filter: RequestFilter): Promise<TargetChangeRequest[]> {
  const rows = await db
    .selectFrom('target_change_requests')
    .selectAll()
    .where('government_id', '=', governmentId)
    .$if(filter.taskId !== undefined, (q) => q.where('task_id', '=', filter.taskId ?? 0))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status ?? 'pending'))
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRequest);
}

export interface NewRequest {
  taskId: number;
  change: TargetChange;
  before: SnapshotAt[];
  reason: string;
  proposedBy: number | null;
}

export async function insertRequest(trx: Tx, governmentId: number, request: NewRequest, now: string): Promise<number> {
  const row = await trx
    .insertInto('target_change_requests')
    .values({
      government_id: governmentId,
      task_id: request.taskId,
      op: request.change.op,
      change: JSON.stringify(request.change),
      before: JSON.stringify(request.before),
      reason: request.reason,
      status: 'pending',
      proposed_by: request.proposedBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The columns a step of the request's flow sets. */
export interface RequestChange {
  status?: RequestStatus;
  decidedBy?: number | null;
  decidedAt?: string;
  decisionComment?: string | null;
}

/** Writes the step only if the request is still at the version it was read at; false otherwise. */
export function updateRequest(
  trx: Tx,
  request: Pick<TargetChangeRequest, 'id' | 'version'>,
  change: RequestChange,
  now: string,
  audit: AuditNote,
): Promise<boolean> {
  return auditedUpdate(
    trx,
    'target_change_requests',
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

export async function insertEvent(
  trx: Tx,
  governmentId: number,
  event: { requestId: number; at: string; actorUserId: number | null; action: RequestEvent; comment: string | null },
): Promise<void> {
  await trx
    .insertInto('target_change_events')
    .values({
      government_id: governmentId,
      request_id: event.requestId,
      at: event.at,
      actor_user_id: event.actorUserId,
      action: event.action,
      comment: event.comment,
    })
    .execute();
}

/** The timelines of these requests, oldest step first, with who took each step. */
export async function eventsOf(db: Tx, requestIds: readonly number[]): Promise<Map<number, TargetChangeEvent[]>> {
  const out = new Map<number, TargetChangeEvent[]>();
  if (requestIds.length === 0) return out;
  const rows = await db
    .selectFrom('target_change_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.request_id', 'e.at', 'e.action', 'e.actor_user_id', 'e.comment', 'u.display_name as actor_name'])
    .where('e.request_id', 'in', [...new Set(requestIds)])
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  for (const r of rows) {
    const action = REQUEST_EVENTS.find((a) => a === r.action);
    if (action === undefined) continue;
    const event = { requestId: r.request_id, at: r.at, action, actorUserId: r.actor_user_id, actor: r.actor_name, comment: r.comment };
    out.set(r.request_id, [...(out.get(r.request_id) ?? []), event]);
  }
  return out;
}
