/** Supervision orders (督办单) as the API shows and takes them. */
import { Type } from 'typebox';
import { IsoDate, Literals, Nullable, Obj, RowInteger, StepBody } from '../../server/http-schema.js';
import { ActionNameSchema } from '../auth/actions.schema.js';
import { ORDER_GRADES, ORDER_STATUSES } from './order.model.js';

const Id = RowInteger();
export const IssueBody = Obj({
  taskId: Id,
  unitId: Id,
  grade: Type.Union(
    ORDER_GRADES.map((g) => Type.Literal(g)),
    { description: 'blue 蓝色、yellow 黄色、red 红色督办' },
  ),
  reason: Type.String({ minLength: 1, maxLength: 2000, description: '督办事由' }),
  respondBy: Type.Optional(IsoDate({ description: '办理时限；默认今天加上方案设置的办理天数' })),
});
export const OrderQuery = Obj({
  planId: Type.Optional(Id),
  taskId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
});
export const SignBody = StepBody({});
export const RespondBody = StepBody({ response: Type.String({ minLength: 1, maxLength: 20000, description: '办理情况' }) });
export const CloseBody = StepBody({ comment: Type.String({ maxLength: 5000, description: '办结意见；单位未回复时必填' }) });

export const OrderGradeSchema = Literals(ORDER_GRADES, { title: 'OrderGrade', description: 'blue 蓝色、yellow 黄色、red 红色督办' });
export const OrderStatusSchema = Literals(ORDER_STATUSES, {
  title: 'OrderStatus',
  description: 'issued 待签收，signed 已签收，answered 已回复，closed 已办结',
});

export const OrderViewSchema = Obj(
  {
    id: Type.Integer(),
    number: Type.String({ description: '督办〔2026〕第3号' }),
    planId: Type.Integer(),
    serial: Type.Integer(),
    taskId: Type.Integer(),
    taskKey: Type.String(),
    unitId: Type.Integer(),
    unitName: Type.String(),
    grade: OrderGradeSchema,
    reason: Type.String(),
    source: Literals(['rule', 'manual'], { description: 'rule 按规则自动下发，manual 督查室下发' }),
    ruleKey: Nullable(Type.String()),
    issuedBy: Nullable(Type.Integer()),
    issuedAt: Type.String(),
    respondBy: Type.String({ description: '办理时限' }),
    status: OrderStatusSchema,
    signedBy: Nullable(Type.Integer()),
    signedAt: Nullable(Type.String()),
    response: Nullable(Type.String()),
    respondedBy: Nullable(Type.Integer()),
    respondedAt: Nullable(Type.String()),
    closedBy: Nullable(Type.Integer()),
    closedAt: Nullable(Type.String()),
    closeComment: Nullable(Type.String()),
    version: Type.Integer(),
    allowedActions: Type.Array(ActionNameSchema, { description: '当前用户此刻可对这份督办单执行的操作' }),
  },
  { title: 'Order' },
);
export const OrderListSchema = Obj({ items: Type.Array(OrderViewSchema) });
