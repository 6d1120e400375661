/** The task row's own bookkeeping when its owners change (the owners are in task_units and task_leaders). */
import type { Tx } from '../../store/tx.js';
import { auditedUpdate, type AuditNote } from '../audit/audited-update.js';

/** Moves the task to the next version with the change's audit row; false when someone changed it first. */
export function bumpTaskVersion(trx: Tx, task: { id: number; version: number }, now: string, audit: AuditNote): Promise<boolean> {
  return auditedUpdate(trx, 'tasks', task, {}, now, audit);
}
