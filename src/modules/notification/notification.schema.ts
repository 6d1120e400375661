/** In-app notifications as the API shows them. */
import { Type } from 'typebox';
import { Nullable, Obj } from '../../server/http-schema.js';

export const NotificationQuery = Obj({ unread: Type.Optional(Type.Boolean({ description: 'true：只看未读；false：只看已读' })) });

export const NotificationViewSchema = Obj(
  {
    id: Type.Integer(),
    kind: Type.String({
      description:
        'reminder_before、reminder_due、reminder_overdue、escalation、red_task、order、order_overdue、target_change（指标调整）、round_open（调度开始）、report_return、report_accept、workplan_return、workplan_approve、extension_decision、task_assigned（上级交办）',
    }),
    title: Type.String(),
    body: Type.String(),
    objectType: Nullable(
      Type.String({
        description:
          '所涉对象（链接）：report 报告（/reports/:id）、order 督办单（/orders）、task 任务（/tasks/:id）、round 调度（/my）、workplan 工作方案（objectId 为任务编号，/tasks/:id/workplan）',
      }),
    ),
    objectId: Nullable(Type.Integer()),
    createdAt: Type.String(),
    readAt: Nullable(Type.String()),
  },
  { title: 'Notification' },
);

export const NotificationListSchema = Obj(
  { items: Type.Array(NotificationViewSchema), unread: Type.Integer({ description: '未读的条数' }) },
  { title: 'NotificationList' },
);
export const MarkedSchema = Obj({ marked: Type.Integer({ description: '标记为已读的条数' }) });
