/** A reporting schedule (调度安排) of a plan, or of one task overriding its plan's. */
import type { ScheduleRule } from '../../domain/schedule.js';

export interface Schedule extends ScheduleRule {
  id: number;
  planId: number;
  /** Null: the plan's schedule. */
  taskId: number | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}
