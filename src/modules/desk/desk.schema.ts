/** The desk's answers: recent events of the cycle (the work plans awaiting a decision are work plans). */
import { Type } from 'typebox';
import { Literals, Nullable, Obj, RowInteger } from '../../server/http-schema.js';

export const AwaitingQuery = Obj({ awaiting: Type.Literal('me', { description: '只能为 me：待本人决定的（已提交、由本人批准的）工作方案' }) });
export const EventsQuery = Obj({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  planId: Type.Optional(RowInteger()),
  taskId: Type.Optional(RowInteger({ description: '只看这项任务的动态（任务页的时间线）' })),
});

export const DeskEventKindSchema = Literals(
  [
    'report.approve',
    'report.submit',
    'report.accept',
    'report.return',
    'workplan.approve',
    'workplan.return',
    'extension.approve',
    'extension.reject',
    'order.issue',
    'order.respond',
    'task.complete',
    'task.reopen',
    'task.update',
  ],
  { title: 'DeskEventKind' },
);

export const DeskEventSchema = Obj(
  {
    at: Type.String(),
    kind: DeskEventKindSchema,
    text: Type.String({ description: '发生了什么（中文）' }),
    taskId: Type.Integer(),
    taskNumber: Type.Integer(),
    unit: Nullable(Type.String({ description: '所涉单位（销号为第一个主办单位）' })),
    actor: Nullable(Type.String({ description: '操作人；系统为 null' })),
  },
  { title: 'DeskEvent' },
);
export const DeskEventListSchema = Obj({ items: Type.Array(DeskEventSchema) });
