/** A reporting round (调度): one period of one plan, with a due date for every unit's reports. */

export const ROUND_KINDS = ['monthly', 'quarterly', 'adhoc'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export interface Round {
  id: number;
  planId: number;
  kind: RoundKind;
  label: string;
  periodEnd: string;
  dueOn: string;
  status: 'open' | 'closed';
  createdBy: number | null;
  createdAt: string;
  version: number;
  closedBy: number | null;
  closedAt: string | null;
}

export interface NewRound {
  planId: number;
  kind: RoundKind;
  label: string;
  periodEnd: string;
  dueOn: string;
  /** Only these tasks (a scheduled round for the tasks that follow one schedule); every active task when absent. */
  taskIds?: readonly number[];
  /** The schedule that opens the round; absent when opened by hand. */
  scheduleId?: number;
}

/** The label a periodic round must carry, so that "2026-03" means the same round to everyone. */
const LABEL_PATTERNS: Record<RoundKind, RegExp> = {
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarterly: /^\d{4}-Q[1-4]$/,
  adhoc: /\S/,
};

export const labelFits = (kind: RoundKind, label: string): boolean => LABEL_PATTERNS[kind].test(label);
