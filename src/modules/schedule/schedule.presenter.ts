/** The shape a schedule leaves the server in. */
import type { Schedule } from './schedule.model.js';

export const presentSchedule = (s: Schedule) => ({
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

export type ScheduleView = ReturnType<typeof presentSchedule>;
