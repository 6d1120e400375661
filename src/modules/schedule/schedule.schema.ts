/** Reporting schedules as the API shows and takes them. */
import { Type } from 'typebox';
import { DUE_OFFSETS, SCHEDULE_KINDS } from '../../domain/schedule.js';
import { Literals, Nullable, Obj, RowInteger } from '../../server/http-schema.js';

export const ScheduleBody = Obj({
  kind: Type.Union(
    SCHEDULE_KINDS.map((k) => Type.Literal(k)),
    { description: 'monthly 按月，quarterly 按季' },
  ),
  dueDay: Type.Integer({ minimum: 1, maximum: 31, description: '每月几日截止（小月按月末计）' }),
  dueOffset: Type.Union(
    DUE_OFFSETS.map((o) => Type.Literal(o)),
    { description: 'same：本期最后一个月截止；next：下一个月截止' },
  ),
});
export const ScheduleQuery = Obj({ planId: Type.Optional(RowInteger()) });

export const ScheduleViewSchema = Obj(
  {
    id: Type.Integer(),
    planId: Type.Integer(),
    taskId: Nullable(Type.Integer({ description: '单独设置的任务；方案的安排为 null' })),
    kind: Literals(SCHEDULE_KINDS, { title: 'ScheduleKind', description: 'monthly 按月，quarterly 按季' }),
    dueDay: Type.Integer({ description: '每月几日截止（小月按月末计）' }),
    dueOffset: Literals(DUE_OFFSETS, { title: 'DueOffset', description: 'same：本期最后一个月截止；next：下一个月截止' }),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { title: 'Schedule' },
);
export const ScheduleListSchema = Obj({ items: Type.Array(ScheduleViewSchema) });
