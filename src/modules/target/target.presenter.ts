/** The shapes a task's targets and target change requests leave the server in; no raw row goes out. */
import type { Static } from 'typebox';
import type { Action } from '../auth/actions.js';
import { snapshotOf, type LedgerTarget, type TargetChangeEvent, type TargetChangeRequest, type TargetRevision } from './target.model.js';
import type { LedgerTargetSchema, TargetChangeRequestSchema, TargetHistorySchema, TargetRevisionSchema, TaskTargetsSchema } from './target.schema.js';

export type TargetChangeView = Static<typeof TargetChangeRequestSchema>;
export type LedgerTargetView = Static<typeof LedgerTargetSchema>;
export type TaskTargetsView = Static<typeof TaskTargetsSchema>;
export type TargetRevisionView = Static<typeof TargetRevisionSchema>;
export type TargetHistoryView = Static<typeof TargetHistorySchema>;

/** What a request's view adds to the row: its words, its proposer's name, its timeline, the caller's steps. */
export interface RequestExtras {
  summary: string;
  proposer: string | null;
  events: TargetChangeEvent[];
  actions: Action[];
}

export const presentChange = (r: TargetChangeRequest, extras: RequestExtras): TargetChangeView => ({
  id: r.id,
  taskId: r.taskId,
  op: r.change.op,
  change: r.change,
  before: r.before.map((b) => ({ ...snapshotOf(b), version: b.version })),
  summary: extras.summary,
  reason: r.reason,
  status: r.status,
  proposedBy: r.proposedBy,
  proposer: extras.proposer,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  decisionComment: r.decisionComment,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  events: extras.events.map((e) => ({ at: e.at, action: e.action, actor: e.actor, comment: e.comment })),
  actions: extras.actions,
});

export const presentTarget = (t: LedgerTarget, unitName: (id: number) => string, pendingRequestId: number | null): LedgerTargetView => ({
  id: t.id,
  position: t.position,
  version: t.version,
  createdAt: t.createdAt,
  text: t.text,
  metric: t.metric,
  kind: t.kind,
  value: t.value,
  unit: t.unit,
  qualifiers: t.qualifiers,
  scope: t.scope,
  measured: t.measured,
  combine: t.combine,
  owners: t.owners.map((id) => ({ id, name: unitName(id) })),
  pendingRequestId,
});

export const presentRevision = (r: TargetRevision): TargetRevisionView => ({
  id: r.id,
  targetId: r.targetId,
  at: r.at,
  actor: r.actor,
  change: r.change,
  before: r.before && snapshotOf(r.before),
  after: r.after && snapshotOf(r.after),
  reason: r.reason,
  requestId: r.requestId,
});
