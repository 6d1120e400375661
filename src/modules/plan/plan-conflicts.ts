/**
 * A revised notice against the decisions taken since the last import: a
 * deadline moved by an approved extension or by the office, a text the office
 * corrected, a task closed as done (销号), targets the office changed since
 * (retyped, split, merged…: target_revisions). By default the decision is kept
 * and the notice's value set aside; the office may take the notice's value,
 * conflict by conflict (`overrides`). Pure: the decisions come from the audit
 * log (task-decisions.repository.ts).
 */
import type { Task } from '../../domain/plan.js';
import type { LedgerTask } from '../task/task.model.js';
import { changedFields, contentOfStored, contentOfTask, type TaskMatch } from './plan-diff.js';

/** A task's targets in a line: their names. */
const targetWords = (targets: readonly { metric: string }[]): string => (targets.length === 0 ? '无指标' : targets.map((t) => t.metric).join('、'));

export const DECIDED_FIELDS = ['text', 'deadline', 'status', 'targets'] as const;
/** What a decision may have set: the text, the deadline (with its wording), the status (销号), the targets. */
export type DecidedField = (typeof DECIDED_FIELDS)[number];

export const DECISION_KINDS = ['extension', 'office', 'completed'] as const;
/** Who decided: an approved extension request, the office's correction, the office's 销号. */
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** The decision in force on a task's text, deadline and targets, when the latest change of each was not an import. */
export interface TaskDecisions {
  text?: DecisionKind;
  deadline?: DecisionKind;
  targets?: DecisionKind;
}

export interface ImportConflict {
  key: string;
  taskNumber: number;
  section: string | null;
  field: DecidedField;
  decision: DecisionKind;
  /** The value the decision set, as the ledger holds it. */
  current: string | null;
  /** What the new notice says instead. */
  notice: string | null;
  /** True: the decision stays (the default); false: the office takes the notice's value. */
  kept: boolean;
  message: string;
}

/** The office's choice to take the notice's value over a decision. `section` narrows it when task numbers restart by section. */
export interface ConflictOverride {
  taskNumber: number;
  section?: string | null;
  field: DecidedField;
}

const deadlineWords = (d: string | null): string => d ?? '不设时限';

function wording(c: Omit<ImportConflict, 'message'>): string {
  const task = `第${c.taskNumber}项任务`;
  const choice = c.kept ? '保留原决定' : '采用新通知';
  switch (c.field) {
    case 'deadline': {
      const by = c.decision === 'extension' ? '已因延期申请获批改为' : '已由督查室改为';
      return `${task}的完成时限${by} ${deadlineWords(c.current)}，新通知为 ${deadlineWords(c.notice)}：${choice}`;
    }
    case 'text':
      return `${task}的内容已由督查室修改，新通知的内容与之不同：${choice}`;
    case 'status':
      return `${task}已销号，新通知不再列出该任务：${c.kept ? '保留原决定（任务仍为已销号）' : '采用新通知（任务移除）'}`;
    case 'targets':
      return `${task}的指标已由督查室调整，新通知的指标与之不同：${c.kept ? '保留调整后的指标' : '采用新通知的指标'}`;
  }
}

const overridden = (overrides: readonly ConflictOverride[], c: { taskNumber: number; section: string | null; field: DecidedField }): boolean =>
  overrides.some((o) => o.taskNumber === c.taskNumber && o.field === c.field && (o.section === undefined || o.section === c.section));

function conflict(
  stored: LedgerTask,
  field: DecidedField,
  decision: DecisionKind,
  values: { current: string | null; notice: string | null },
  overrides: readonly ConflictOverride[],
): ImportConflict {
  const base = { key: stored.key, taskNumber: stored.number, section: stored.section?.number ?? null, field, decision, ...values };
  const c = { ...base, kept: !overridden(overrides, base) };
  return { ...c, message: wording(c) };
}

/** The conflicts of a match: each changed value that would undo a decision, and each task done (销号) that the notice drops. */
export function findConflicts(match: TaskMatch, decisions: ReadonlyMap<number, TaskDecisions>, overrides: readonly ConflictOverride[] = []): ImportConflict[] {
  const found: ImportConflict[] = [];
  for (const { task, stored } of match.changed) {
    const decided = decisions.get(stored.id);
    if (decided?.deadline !== undefined && task.deadline !== stored.deadline) {
      found.push(conflict(stored, 'deadline', decided.deadline, { current: stored.deadline, notice: task.deadline }, overrides));
    }
    if (decided?.text !== undefined && task.text !== stored.text) {
      found.push(conflict(stored, 'text', decided.text, { current: stored.text, notice: task.text }, overrides));
    }
    if (decided?.targets !== undefined && changedFields(contentOfStored(stored), contentOfTask(task)).includes('targets')) {
      found.push(conflict(stored, 'targets', decided.targets, { current: targetWords(stored.targets), notice: targetWords(task.targets) }, overrides));
    }
  }
  for (const stored of match.removed) {
    if (stored.status === 'completed') found.push(conflict(stored, 'status', 'completed', { current: 'completed', notice: 'removed' }, overrides));
  }
  return found;
}

/**
 * The match with the kept decisions applied: a kept text or deadline replaces
 * the notice's in the task to write (a task left with no change is unchanged),
 * a kept 销号 leaves its task out of the removals.
 */
export function keepDecisions(match: TaskMatch, conflicts: readonly ImportConflict[]): TaskMatch {
  const kept = new Set(conflicts.filter((c) => c.kept).map((c) => `${c.key}\n${c.field}`));
  const keeps = (stored: LedgerTask, field: DecidedField): boolean => kept.has(`${stored.key}\n${field}`);
  const result: TaskMatch = { added: match.added, changed: [], removed: [], unchanged: [...match.unchanged] };
  for (const entry of match.changed) {
    const { stored } = entry;
    let task: Task = entry.task;
    if (keeps(stored, 'text')) task = { ...task, text: stored.text };
    if (keeps(stored, 'deadline')) task = { ...task, deadline: stored.deadline, deadlineText: stored.deadlineText };
    if (keeps(stored, 'targets')) task = { ...task, targets: stored.targets };
    const fields = task === entry.task ? entry.fields : changedFields(contentOfStored(stored), contentOfTask(task));
    if (fields.length > 0) result.changed.push({ task, stored, fields });
    else result.unchanged.push(stored);
  }
  for (const stored of match.removed) (keeps(stored, 'status') ? result.unchanged : result.removed).push(stored);
  return result;
}
