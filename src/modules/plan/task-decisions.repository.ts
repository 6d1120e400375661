/**
 * The decisions in force on tasks' text and deadline, read from the audit log
 * (the record of every change, written in each change's own transaction): a
 * field whose latest change was a task.update (the office's correction, or an
 * approved extension, which names its request) carries a decision; one whose
 * latest change came from an import (task.revise, task.restore) carries the
 * notice's value. A task's targets carry a decision when the office changed
 * them (a target revision) after the last import that rewrote them.
 */
import type { Tx } from '../../store/tx.js';
import type { DecisionKind, TaskDecisions } from './plan-conflicts.js';

const FIELD_OF = { text: 'text', deadline: 'deadline', deadlineText: 'deadline' } as const;
const BATCH = 500;

function parse(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export async function taskDecisions(db: Tx, governmentId: number, taskIds: readonly number[]): Promise<Map<number, TaskDecisions>> {
  const decisions = new Map<number, TaskDecisions>();
  /** When an import last wrote each task's targets. */
  const importedTargets = new Map<number, string>();
  for (let i = 0; i < taskIds.length; i += BATCH) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['object_id', 'action', 'after', 'at'])
      .where('government_id', '=', governmentId)
      .where('object_type', '=', 'task')
      .where(
        'object_id',
        'in',
        taskIds.slice(i, i + BATCH).map((id) => String(id)),
      )
      .where('action', 'in', ['task.update', 'task.revise', 'task.restore'])
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const id = Number(row.object_id);
      const after = parse(row.after);
      if (row.action !== 'task.update' && 'targets' in after) importedTargets.set(Number(row.object_id), row.at);
      const by: DecisionKind | undefined = row.action !== 'task.update' ? undefined : after.extensionRequestId !== undefined ? 'extension' : 'office';
      const current = decisions.get(id) ?? {};
      for (const [key, field] of Object.entries(FIELD_OF)) {
        if (!(key in after)) continue;
        if (by === undefined) delete current[field];
        else current[field] = by;
      }
      decisions.set(id, current);
    }
    const revised = await db
      .selectFrom('target_revisions')
      .select(['task_id', (eb) => eb.fn.max('at').as('last')])
      .where('government_id', '=', governmentId)
      .where('task_id', 'in', [...taskIds.slice(i, i + BATCH)])
      .groupBy('task_id')
      .execute();
    for (const r of revised) {
      if (r.last === null || r.last <= (importedTargets.get(r.task_id) ?? '')) continue;
      decisions.set(r.task_id, { ...decisions.get(r.task_id), targets: 'office' });
    }
  }
  return decisions;
}
