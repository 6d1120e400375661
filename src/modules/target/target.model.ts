/**
 * A task's targets as the office changes them after import, and the changes
 * themselves: applied at once before the task's first round, requested
 * (指标调整) and decided by the lead leader after it.
 */
import { storedFigure } from '../../domain/figures.js';
import { COMBINE_RULES, TARGET_KINDS, TARGET_SCOPES, type CombineRule, type TargetKind, type TargetScope } from '../../domain/plan.js';

/** What a target says and how it is judged: everything a change may set. */
export interface TargetState {
  text: string;
  metric: string;
  kind: TargetKind;
  value: number | null;
  unit: string | null;
  qualifiers: string[];
  scope: TargetScope;
  measured: boolean;
  combine: CombineRule;
  /** The units that own it (ids); empty: shared by the task's host units. */
  owners: number[];
}

/** A target as it stood at a moment: what target_revisions keep as `before` and `after` (JSON). */
export interface TargetSnapshot extends TargetState {
  id: number;
}

/** A target of the ledger with what an editor needs: its place, its version, when it came into force. */
export interface LedgerTarget extends TargetSnapshot {
  taskId: number;
  planId: number;
  position: number;
  version: number;
  /** Null: in force since its notice's import. */
  createdAt: string | null;
  retiredAt: string | null;
}

export const CHANGE_OPS = ['edit', 'split', 'merge', 'add', 'retire'] as const;
/** edit: any field of one target; split: one into several; merge: several into one; add; retire (删除, history kept). */
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** A change as applied or proposed: the targets it touches by id, and what it writes, every field settled. */
export type TargetChange =
  | { op: 'edit'; targetId: number; after: TargetState }
  | { op: 'split'; targetId: number; into: TargetState[] }
  | { op: 'merge'; targetIds: number[]; into: TargetState }
  | { op: 'add'; target: TargetState }
  | { op: 'retire'; targetId: number };

/** What a revision row says the change was (target_revisions.change). */
export const REVISION_KINDS = ['retype', 'rename', 'measure', 'exclude', 'split', 'merge', 'add', 'retire', 'owners', 'edit'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export interface TargetRevision {
  id: number;
  taskId: number;
  targetId: number;
  at: string;
  actorUserId: number | null;
  actor: string | null;
  change: RevisionKind;
  before: TargetSnapshot | null;
  after: TargetSnapshot | null;
  reason: string | null;
  requestId: number | null;
}

/** pending until the lead leader decides; withdrawn by the office before a decision. */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A touched target as it stood when the change was proposed, with the version an approval requires it still to have. */
export interface SnapshotAt extends TargetSnapshot {
  version: number;
}

export interface TargetChangeRequest {
  id: number;
  taskId: number;
  change: TargetChange;
  before: SnapshotAt[];
  reason: string;
  status: RequestStatus;
  proposedBy: number | null;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionComment: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const REQUEST_EVENTS = ['propose', 'approve', 'reject', 'withdraw'] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

export interface TargetChangeEvent {
  requestId: number;
  at: string;
  action: RequestEvent;
  actorUserId: number | null;
  actor: string | null;
  comment: string | null;
}

export interface RequestFilter {
  taskId?: number;
  status?: RequestStatus;
}

/** The ids of the existing targets a change touches. */
export function touchedIds(change: TargetChange): number[] {
  switch (change.op) {
    case 'edit':
    case 'split':
    case 'retire':
      return [change.targetId];
    case 'merge':
      return [...change.targetIds];
    case 'add':
      return [];
  }
}

export const snapshotOf = (t: TargetSnapshot): TargetSnapshot => ({
  id: t.id,
  text: t.text,
  metric: t.metric,
  kind: t.kind,
  value: t.value,
  unit: t.unit,
  qualifiers: [...t.qualifiers],
  scope: t.scope,
  measured: t.measured,
  combine: t.combine,
  owners: [...t.owners],
});

export const stateOf = (t: TargetState): TargetState => ({
  text: t.text,
  metric: t.metric,
  kind: t.kind,
  value: t.value,
  unit: t.unit,
  qualifiers: [...t.qualifiers],
  scope: t.scope,
  measured: t.measured,
  combine: t.combine,
  owners: [...t.owners],
});

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number' && Number.isInteger(x)) : []);

/**
 * A target snapshot as target_revisions keep it (JSON text), or null when the
 * text is not one. The lights of a past date read a target as it stood through this.
 */
export function parseSnapshot(json: string | null): TargetSnapshot | null {
  if (json === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  if (v === null || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'number') return null;
  return {
    id: o.id,
    text: typeof o.text === 'string' ? o.text : '',
    metric: typeof o.metric === 'string' ? o.metric : '',
    kind: TARGET_KINDS.find((k) => k === o.kind) ?? 'other',
    value: o.value === null ? null : storedFigure(o.value),
    unit: typeof o.unit === 'string' ? o.unit : null,
    qualifiers: strings(o.qualifiers),
    scope: TARGET_SCOPES.find((s) => s === o.scope) ?? 'annual',
    measured: o.measured !== false,
    combine: COMBINE_RULES.find((c) => c === o.combine) ?? 'sum',
    owners: ids(o.owners),
  };
}
