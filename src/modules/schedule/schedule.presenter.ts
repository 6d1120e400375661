/** The shape a schedule leaves the server in. */
import type { Static } from 'typebox';
import type { Schedule } from './schedule.model.js';
import type { ScheduleViewSchema } from './schedule.schema.js';

export type ScheduleView = Static<typeof ScheduleViewSchema>;

export const presentSchedule = (s: Schedule): ScheduleView => ({
  id: s.id,
  planId: s.planId,
  taskId: s.taskId,
  kind: s.kind,
  dueDay: s.dueDay,
  dueOffset: s.dueOffset,
  version: s.version,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});
