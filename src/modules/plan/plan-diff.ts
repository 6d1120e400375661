/**
 * What a notice changes in the ledger: pure comparison of a plan (already
 * corrected and canonical) with the tasks and header stored for it.
 */
import { isMeasured, scopeOf, type Plan, type Project, type Section, type Target, type Task } from '../../domain/plan.js';
import { taskKey, type LedgerTask } from '../task/task.model.js';
import type { ImportConflict } from './plan-conflicts.js';
import type { PlanHeader, StoredPlan, StoredSection } from './plan.repository.js';

export const TASK_FIELDS = ['text', 'deadline', 'deadlineText', 'leaders', 'hostUnits', 'coUnits', 'targets', 'projects'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];

export const PLAN_FIELDS = ['docNumber', 'year', 'title', 'issuer', 'issuedOn', 'sections', 'headlineTargets'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/** The comparable content of a task: names rather than ids, targets without ids. */
export interface TaskContent {
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  leaders: string[];
  hostUnits: string[];
  coUnits: string[];
  targets: Target[];
  projects: Project[];
}

export interface TaskDiff {
  added: string[];
  changed: { key: string; fields: TaskField[] }[];
  removed: string[];
  unchanged: number;
}

export interface ImportDiff {
  /** The plan this notice revises, or null for a new plan. */
  existingPlanId: number | null;
  /** The same file (same SM3) as the version in force. */
  sameSource: boolean;
  plan: { fields: PlanField[] };
  tasks: TaskDiff;
  /** Where the notice would undo a decision taken since the last import, and whether the decision is kept. */
  conflicts: ImportConflict[];
}

/** What a version records of its import (plan_versions.summary): counts first, then the keys. */
export interface VersionSummary {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  planFields: PlanField[];
  keys: { added: string[]; changed: string[]; removed: string[] };
}

/** The writes a diff calls for, each with the stored task it touches. */
export interface TaskMatch {
  /** New keys; `stored` is set when a removed task comes back. */
  added: { task: Task; stored: LedgerTask | null }[];
  changed: { task: Task; stored: LedgerTask; fields: TaskField[] }[];
  removed: LedgerTask[];
  unchanged: LedgerTask[];
}

/** A target's comparable content: what it says, what it is and whether it is measured. */
const target = (t: Target): Target => ({
  text: t.text,
  metric: t.metric,
  kind: t.kind,
  value: t.value,
  unit: t.unit,
  qualifiers: [...t.qualifiers],
  scope: scopeOf(t),
  measured: isMeasured(t),
});
const project = (p: Project): Project => ({ name: p.name, stage: p.stage });

export function contentOfTask(t: Task): TaskContent {
  return {
    text: t.text,
    deadline: t.deadline,
    deadlineText: t.deadlineText,
    leaders: t.leaders,
    hostUnits: t.hostUnits,
    coUnits: t.coUnits,
    targets: t.targets.map(target),
    projects: t.projects.map(project),
  };
}

export function contentOfStored(t: LedgerTask): TaskContent {
  const names = (refs: { name: string }[]): string[] => refs.map((r) => r.name);
  return {
    text: t.text,
    deadline: t.deadline,
    deadlineText: t.deadlineText,
    leaders: names(t.leaders),
    hostUnits: names(t.hostUnits),
    coUnits: names(t.coUnits),
    targets: t.targets.map(target),
    projects: t.projects.map(project),
  };
}

/** Values compare by their JSON: the content objects above have a fixed key order. */
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function changedFields(before: TaskContent, after: TaskContent): TaskField[] {
  return TASK_FIELDS.filter((f) => !same(before[f], after[f]));
}

export function matchTasks(stored: readonly LedgerTask[], plan: Plan): TaskMatch {
  const byKey = new Map(stored.map((t) => [t.key, t]));
  const seen = new Set<string>();
  const match: TaskMatch = { added: [], changed: [], removed: [], unchanged: [] };
  for (const task of plan.tasks) {
    const key = taskKey(task.section, task.number);
    seen.add(key);
    const old = byKey.get(key);
    if (!old || old.status === 'removed') {
      match.added.push({ task, stored: old ?? null });
      continue;
    }
    const fields = changedFields(contentOfStored(old), contentOfTask(task));
    if (fields.length > 0) match.changed.push({ task, stored: old, fields });
    else match.unchanged.push(old);
  }
  for (const old of stored) if (!seen.has(old.key) && old.status !== 'removed') match.removed.push(old);
  return match;
}

export function summarizeMatch(match: TaskMatch): TaskDiff {
  return {
    added: match.added.map(({ task }) => taskKey(task.section, task.number)),
    changed: match.changed.map(({ stored, fields }) => ({ key: stored.key, fields })),
    removed: match.removed.map((t) => t.key),
    unchanged: match.unchanged.length,
  };
}

/** What the header, sections and headline targets change; a new plan changes nothing here. */
export function planFieldsChanged(
  stored: { plan: StoredPlan; sections: readonly StoredSection[]; headlineTargets: readonly Target[] } | null,
  header: PlanHeader,
  plan: Plan,
): PlanField[] {
  if (stored === null) return [];
  const fields: PlanField[] = [];
  for (const f of ['docNumber', 'year', 'title', 'issuer', 'issuedOn'] as const) if (stored.plan[f] !== header[f]) fields.push(f);
  if (!sectionsKept(stored.sections, plan.sections)) fields.push('sections');
  if (!same(stored.headlineTargets.map(target), plan.headlineTargets.map(target))) fields.push('headlineTargets');
  return fields;
}

/** Every section of the notice is stored with its title at its place; stale stored sections do not count. */
function sectionsKept(stored: readonly StoredSection[], sections: readonly Section[]): boolean {
  const byNumber = new Map(stored.map((s) => [s.number, s]));
  return sections.every((s, position) => {
    const old = byNumber.get(s.number);
    return old !== undefined && old.title === s.title && old.position === position;
  });
}

export const isEmptyDiff = (diff: ImportDiff): boolean =>
  diff.plan.fields.length === 0 && diff.tasks.added.length === 0 && diff.tasks.changed.length === 0 && diff.tasks.removed.length === 0;
