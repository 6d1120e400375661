/** Supervision orders (督办单): issue, list, read, sign for, answer, close. */
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { CloseBody, IssueBody, OrderListSchema, OrderQuery, OrderViewSchema, RespondBody, SignBody } from './order.schema.js';
import { orderService } from './order.service.js';

const ok = { 200: OrderViewSchema, ...errorResponses };

export function orderRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.post(
    '/api/orders',
    { config: { policy: { action: 'order.issue' } }, schema: { tags: ['督办'], summary: '下发督办单（蓝、黄、红三级）', body: IssueBody, response: ok } },
    async (request) => orderService.issue(db, actorOf(request), request.body, deps.clock, deps.delivery),
  );

  app.get(
    '/api/orders',
    {
      config: { policy: { action: 'order.read' } },
      schema: { tags: ['督办'], summary: '督办单列表（只含本人可见的）', querystring: OrderQuery, response: { 200: OrderListSchema, ...errorResponses } },
    },
    async (request) => ({ items: await orderService.list(db, actorOf(request), request.query) }),
  );

  app.get(
    '/api/orders/:id',
    { config: { policy: { action: 'order.read' } }, schema: { tags: ['督办'], summary: '督办单详情', params: IdParams, response: ok } },
    async (request) => orderService.get(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/orders/:id/sign',
    {
      config: { policy: { action: 'order.respond' } },
      schema: { tags: ['督办'], summary: '责任单位签收督办单', params: IdParams, body: SignBody, response: ok },
    },
    async (request) => orderService.sign(db, actorOf(request), request.params.id, request.body, deps.clock, deps.delivery),
  );

  app.post(
    '/api/orders/:id/respond',
    {
      config: { policy: { action: 'order.respond' } },
      schema: { tags: ['督办'], summary: '责任单位回复办理情况（未签收的同时签收）', params: IdParams, body: RespondBody, response: ok },
    },
    async (request) => orderService.respond(db, actorOf(request), request.params.id, request.body, deps.clock, deps.delivery),
  );

  app.post(
    '/api/orders/:id/close',
    {
      config: { policy: { action: 'order.close' } },
      schema: { tags: ['督办'], summary: '督查室办结督办单（单位未回复时须写明理由）', params: IdParams, body: CloseBody, response: ok },
    },
    async (request) => orderService.close(db, actorOf(request), request.params.id, request.body, deps.clock, deps.delivery),
  );
}
