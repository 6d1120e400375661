/** Supervision orders (督办单): issue, list, read, sign for, answer, close. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, Obj, StepBody, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { ORDER_GRADES, ORDER_STATUSES } from './order.model.js';
import { orderService } from './order.service.js';

const Id = Type.Integer({ minimum: 1 });
const IssueBody = Obj({
  taskId: Id,
  unitId: Id,
  grade: Type.Union(ORDER_GRADES.map((g) => Type.Literal(g)), { description: 'blue 蓝色、yellow 黄色、red 红色督办' }),
  reason: Type.String({ minLength: 1, maxLength: 2000, description: '督办事由' }),
  respondBy: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '办理时限；默认今天加上方案设置的办理天数' })),
});
const OrderQuery = Obj({
  planId: Type.Optional(Id),
  taskId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
});
const SignBody = StepBody({});
const RespondBody = StepBody({ response: Type.String({ minLength: 1, maxLength: 20000, description: '办理情况' }) });
const CloseBody = StepBody({ comment: Type.String({ maxLength: 5000, description: '办结意见；单位未回复时必填' }) });
const OrderView = Type.Object({}, { additionalProperties: true });
const ok = { 200: OrderView, ...errorResponses };

export function orderRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.post(
    '/api/orders',
    { config: { policy: { action: 'order.issue' } }, schema: { tags: ['督办'], summary: '下发督办单（蓝、黄、红三级）', body: IssueBody, response: ok } },
    async (request) => orderService.issue(db, actorOf(request), request.body, deps.clock, deps.delivery),
  );

  app.get(
    '/api/orders',
    { config: { policy: { action: 'order.read' } }, schema: { tags: ['督办'], summary: '督办单列表（只含本人可见的）', querystring: OrderQuery, response: { 200: Obj({ items: Type.Array(OrderView) }), ...errorResponses } } },
    async (request) => ({ items: await orderService.list(db, actorOf(request), request.query) }),
  );

  app.get(
    '/api/orders/:id',
    { config: { policy: { action: 'order.read' } }, schema: { tags: ['督办'], summary: '督办单详情', params: IdParams, response: ok } },
    async (request) => orderService.get(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/orders/:id/sign',
    { config: { policy: { action: 'order.respond' } }, schema: { tags: ['督办'], summary: '责任单位签收督办单', params: IdParams, body: SignBody, response: ok } },
    async (request) => orderService.sign(db, actorOf(request), request.params.id, request.body, deps.clock, deps.delivery),
  );

  app.post(
    '/api/orders/:id/respond',
    { config: { policy: { action: 'order.respond' } }, schema: { tags: ['督办'], summary: '责任单位回复办理情况（未签收的同时签收）', params: IdParams, body: RespondBody, response: ok } },
    async (request) => orderService.respond(db, actorOf(request), request.params.id, request.body, deps.clock, deps.delivery),
  );

  app.post(
    '/api/orders/:id/close',
    { config: { policy: { action: 'order.close' } }, schema: { tags: ['督办'], summary: '督查室办结督办单（单位未回复时须写明理由）', params: IdParams, body: CloseBody, response: ok } },
    async (request) => orderService.close(db, actorOf(request), request.params.id, request.body, deps.clock, deps.delivery),
  );
}
