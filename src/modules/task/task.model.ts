/** Tasks as the ledger holds them: a notice's task plus its identity, status and owners. */
import type { CombineRule, HostSignal, Project, Target, TargetScope } from '../../domain/plan.js';

export const TASK_STATUSES = ['active', 'completed', 'removed'] as const;
/** active; completed (销号 by the office); removed (gone from a revised notice, kept for its history). */
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface StoredTarget extends Target {
  id: number;
  position: number;
  scope: TargetScope;
  measured: boolean;
  combine: CombineRule;
}

export interface StoredProject extends Project {
  id: number;
  position: number;
}

export interface NamedRef {
  id: number;
  name: string;
}

export interface LedgerTask {
  id: number;
  planId: number;
  /** Stable identity inside the plan, see taskKey. */
  key: string;
  number: number;
  section: { id: number; number: string; title: string } | null;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  hostSignal: HostSignal;
  status: TaskStatus;
  version: number;
  leaders: NamedRef[];
  /** The units as the notice names them; a unit group (各镇街) is one of them. */
  hostUnits: NamedRef[];
  coUnits: NamedRef[];
  /**
   * The units that answer for the task: those named, with each group that has
   * members replaced by its members (a unit hosting directly or through a
   * group is not also a co-unit). Reports, access and orders follow these.
   */
  responsible: { hosts: NamedRef[]; cos: NamedRef[] };
  targets: StoredTarget[];
  projects: StoredProject[];
  /** A task handed down from above (上级交办): the upper task it answers; null (or absent) for the government's own. */
  source?: TaskSource | null;
}

/** Where a task from above comes from: the upper government's task, its key there and the government's name. */
export interface TaskSource {
  taskId: number;
  governmentId: number;
  governmentName: string;
  key: string;
}

export interface TaskFilter {
  /** One task (GET /api/tasks/:id). */
  taskId?: number;
  /** These tasks (an empty list selects none). */
  taskIds?: readonly number[];
  planId?: number;
  sectionId?: number;
  /** Tasks this leader leads. */
  leaderId?: number;
  /** Tasks this unit hosts or co-operates on, directly or as a member of a unit group the task names. */
  unitId?: number;
  /** The same filters by what people call things: 二, 石某某, 区商务局 (canonical name). */
  sectionNumber?: string;
  leaderName?: string;
  unitName?: string;
  /** Removed tasks are left out unless asked for. */
  includeRemoved?: boolean;
  /** Keywords, all required (task-search.ts): applied by the service to the listed tasks. */
  q?: string;
}

/** A task's key: its section's numeral and its number, "二/1"; "/1" when the notice has no sections. */
export const taskKey = (section: string | null, number: number): string => `${section ?? ''}/${number}`;
