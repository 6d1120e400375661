/**
 * What a ledger export (任务台账) holds: the plan, the date it is read on, and
 * each task with its owners, its targets' planned and latest values and its
 * light. Plain data: src/modules/ledger gathers it, ledger-xlsx.ts writes it.
 */
import type { Task } from '../domain/plan.js';
import type { Light } from '../domain/status.js';

export interface LedgerTarget {
  /** The clause the target was read from. */
  text: string;
  /** The planned number and its unit; null where the notice gives none. */
  value: number | null;
  unit: string | null;
  qualifiers: string[];
  /** The latest accepted value, in the target's unit; null before any. */
  actual: number | null;
  /** The share completed (0.5 is 50 %); null when it cannot be compared. */
  completion: number | null;
}

/** A task as the notice gave it (number, section, text, owners, deadline), with its light now. */
export interface LedgerEntry extends Pick<Task, 'number' | 'section' | 'text' | 'leaders' | 'hostUnits' | 'coUnits' | 'deadline' | 'deadlineText'> {
  light: Light;
  /** 销号: done by the office's judgment. */
  completed: boolean;
  /** Calendar day (Asia/Shanghai) of the latest accepted host report, or null. */
  lastReportedOn: string | null;
  /** Why it has its light, one sentence each, those of its light first (src/domain/reasons.ts). */
  reasons: string[];
  targets: LedgerTarget[];
}

export interface LedgerExport {
  plan: { title: string; year: number; docNumber: string | null; issuer: string | null };
  /** The date the values and lights are read on, YYYY-MM-DD. */
  asOf: string;
  sections: { number: string; title: string }[];
  /** In notice order. */
  tasks: LedgerEntry[];
}

/** Rows the ledger takes: one per target, one for a task without any. */
export const ledgerRowCount = (ledger: Pick<LedgerExport, 'tasks'>): number => ledger.tasks.reduce((n, t) => n + Math.max(1, t.targets.length), 0);
