/**
 * Applies a settled target change inside the caller's transaction: the
 * targets rows at their versions with their audit rows, the owners, the new
 * targets in force from now, the order, and a revision per target touched
 * (the target as JSON before and after) so that a past date is judged on the
 * targets as they stood then. A target split, merged or deleted is retired,
 * never deleted: the values reported and planned on it stay with it.
 */
import type { Tx } from '../../store/tx.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { AuthActor } from '../auth/authorize.js';
import { revisionKind } from './target-change.js';
import { snapshotOf, type LedgerTarget, type TargetChange, type TargetSnapshot, type TargetState } from './target.model.js';
import { insertRevisions, insertTarget, reorderTargets, replaceOwners, retireTarget, updateTarget, type NewRevision } from './target.repository.js';

/** A target moved since it was read: nothing of the change may stay. */
export class StaleTargetError extends Error {
  constructor(readonly targetId: number) {
    super(`指标 #${targetId} 已被他人修改`);
    this.name = 'StaleTargetError';
  }
}

export interface ApplyContext {
  trx: Tx;
  actor: AuthActor;
  planId: number;
  taskId: number;
  now: string;
  reason: string;
  /** The 指标调整 request the change carries out; null for a change applied at once. */
  requestId: number | null;
}

const sameOwners = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Applies the change to the task's targets in force (`targets`, as read in
 * this transaction, in order). Throws StaleTargetError when a touched target
 * is no longer at the version read. Returns what the audit row of a decision
 * records of it: the ids of the targets it created.
 */
export async function applyTargetChange(c: ApplyContext, targets: readonly LedgerTarget[], change: TargetChange): Promise<{ created: number[] }> {
  const { trx, actor, now } = c;
  const governmentId = actor.governmentId;
  const note = { reason: c.reason, ...(c.requestId === null ? {} : { targetChangeRequestId: c.requestId }) };
  const target = (id: number): LedgerTarget => {
    const t = targets.find((x) => x.id === id);
    if (!t) throw new StaleTargetError(id);
    return t;
  };
  const revisions: NewRevision[] = [];
  const created: { id: number; state: TargetState }[] = [];

  const retire = async (old: LedgerTarget, action: string, after: Record<string, unknown>): Promise<void> => {
    const audit = { actor, change: { action, objectType: 'target', objectId: old.id, before: snapshotOf(old), after: { retiredAt: now, ...after, ...note } } };
    if (!(await retireTarget(trx, old, now, audit))) throw new StaleTargetError(old.id);
  };
  const create = async (state: TargetState, position: number, op: string, from: number[]): Promise<TargetSnapshot> => {
    const id = await insertTarget(trx, { governmentId, planId: c.planId, taskId: c.taskId }, position, state, now);
    const snapshot = snapshotOf({ id, ...state });
    await appendAudit(
      trx,
      actor,
      { action: 'target.create', objectType: 'target', objectId: id, after: { ...snapshot, op, from, ...note } },
      () => new Date(now),
    );
    created.push({ id, state });
    return snapshot;
  };

  let order: Pick<LedgerTarget, 'id' | 'position'>[] = [...targets];
  // New targets first take a position past the end; reorderTargets puts every target in its place.
  const end = targets.reduce((max, t) => Math.max(max, t.position + 1), 0);
  switch (change.op) {
    case 'edit': {
      const old = target(change.targetId);
      const after = snapshotOf({ id: old.id, ...change.after });
      const audit = { actor, change: { action: 'target.edit', objectType: 'target', objectId: old.id, before: snapshotOf(old), after: { ...after, ...note } } };
      if (!(await updateTarget(trx, old, change.after, now, audit))) throw new StaleTargetError(old.id);
      if (!sameOwners(old.owners, after.owners)) await replaceOwners(trx, governmentId, old.id, after.owners);
      revisions.push({ taskId: c.taskId, targetId: old.id, change: revisionKind(old, after), before: snapshotOf(old), after });
      break;
    }
    case 'retire': {
      const old = target(change.targetId);
      await retire(old, 'target.retire', {});
      revisions.push({ taskId: c.taskId, targetId: old.id, change: 'retire', before: snapshotOf(old), after: null });
      order = order.filter((t) => t.id !== old.id);
      break;
    }
    case 'split': {
      const old = target(change.targetId);
      const parts: TargetSnapshot[] = [];
      for (const [i, state] of change.into.entries()) parts.push(await create(state, end + i, 'split', [old.id]));
      await retire(old, 'target.split', { into: parts.map((p) => p.id) });
      revisions.push({ taskId: c.taskId, targetId: old.id, change: 'split', before: snapshotOf(old), after: null });
      for (const p of parts) revisions.push({ taskId: c.taskId, targetId: p.id, change: 'split', before: null, after: p });
      order = order.flatMap((t) => (t.id === old.id ? parts.map((p, i) => ({ id: p.id, position: end + i })) : [t]));
      break;
    }
    case 'merge': {
      const olds = change.targetIds.map(target);
      const merged = await create(
        change.into,
        end,
        'merge',
        olds.map((t) => t.id),
      );
      for (const old of olds) {
        await retire(old, 'target.merge', { into: merged.id });
        revisions.push({ taskId: c.taskId, targetId: old.id, change: 'merge', before: snapshotOf(old), after: null });
      }
      revisions.push({ taskId: c.taskId, targetId: merged.id, change: 'merge', before: null, after: merged });
      const first = order.findIndex((t) => change.targetIds.includes(t.id));
      order = order.filter((t) => !change.targetIds.includes(t.id));
      order.splice(first < 0 ? order.length : first, 0, { id: merged.id, position: end });
      break;
    }
    case 'add': {
      const added = await create(change.target, end, 'add', []);
      revisions.push({ taskId: c.taskId, targetId: added.id, change: 'add', before: null, after: added });
      order.push({ id: added.id, position: end });
      break;
    }
  }
  await reorderTargets(trx, order);
  await insertRevisions(trx, governmentId, revisions, { at: now, actorUserId: actor.userId, reason: c.reason, requestId: c.requestId });
  return { created: created.map((x) => x.id) };
}
