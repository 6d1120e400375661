/**
 * The decisions in force on tasks' text and deadline, read from the audit log
 * (the record of every change, written in each change's own transaction): a
 * field whose latest change was a task.update (the office's correction, or an
 * approved extension, which names its request) carries a decision; one whose
 * latest change came from an import (task.revise, task.restore) carries the
 * notice's value.
 */
import type { Tx } from '../../store/tx.js';
import type { DecisionKind, TaskDecisions } from './plan-conflicts.js';

const FIELD_OF = { text: 'text', deadline: 'deadline', deadlineText: 'deadline' } as const;

function parse(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export async function taskDecisions(db: Tx, governmentId: number, taskIds: readonly number[]): Promise<Map<number, TaskDecisions>> {
  const decisions = new Map<number, TaskDecisions>();
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['object_id', 'action', 'after'])
      .where('government_id', '=', governmentId)
      .where('object_type', '=', 'task')
      .where(
        'object_id',
        'in',
        taskIds.slice(i, i + 500).map((id) => String(id)),
      )
      .where('action', 'in', ['task.update', 'task.revise', 'task.restore'])
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const id = Number(row.object_id);
      const after = parse(row.after);
      const by: DecisionKind | undefined = row.action !== 'task.update' ? undefined : after.extensionRequestId !== undefined ? 'extension' : 'office';
      const current = decisions.get(id) ?? {};
      for (const [key, field] of Object.entries(FIELD_OF)) {
        if (!(key in after)) continue;
        if (by === undefined) delete current[field];
        else current[field] = by;
      }
      decisions.set(id, current);
    }
  }
  return decisions;
}
