/** The desk: the work plans awaiting the caller's decision and the recent events of the cycle. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { Obj, errorResponses } from '../../server/http-schema.js';
import { deskService } from './desk.service.js';

const AwaitingQuery = Obj({ awaiting: Type.Literal('me', { description: '只能为 me：待本人决定的（已提交、由本人批准的）工作方案' }) });
const EventsQuery = Obj({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  planId: Type.Optional(Type.Integer({ minimum: 1 })),
  taskId: Type.Optional(Type.Integer({ minimum: 1, description: '只看这项任务的动态（任务页的时间线）' })),
});
const WorkPlanView = Type.Object({}, { additionalProperties: true });
const DeskEvent = Obj({
  at: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  taskId: Type.Integer(),
  taskNumber: Type.Integer(),
  unit: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.String(), Type.Null()]),
});

export function deskRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/workplans',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['细化分解'], summary: '待本人决定的工作方案（牵头领导；无牵头领导的任务为督查室）', querystring: AwaitingQuery, response: { 200: Obj({ items: Type.Array(WorkPlanView) }), ...errorResponses } },
    },
    async (request) => ({ items: await deskService.awaitingMe(db, actorOf(request)) }),
  );

  app.get(
    '/api/events',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['工作台'], summary: '最新动态（只含本人可见的；新的在前）', querystring: EventsQuery, response: { 200: Obj({ items: Type.Array(DeskEvent) }), ...errorResponses } },
    },
    async (request) => ({ items: await deskService.events(db, actorOf(request), { limit: request.query.limit, planId: request.query.planId, taskId: request.query.taskId }) }),
  );
}
