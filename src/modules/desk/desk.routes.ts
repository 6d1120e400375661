/** The desk: the work plans awaiting the caller's decision and the recent events of the cycle. */
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { errorResponses } from '../../server/http-schema.js';
import { WorkPlanListSchema } from '../workplan/workplan.schema.js';
import { AwaitingQuery, DeskCountsSchema, DeskEventListSchema, DeskSchema, EventsQuery } from './desk.schema.js';
import { deskService } from './desk.service.js';

export function deskRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/workplans',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['细化分解'],
        summary: '待本人决定的工作方案（牵头领导；无牵头领导的任务为督查室）',
        querystring: AwaitingQuery,
        response: { 200: WorkPlanListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await deskService.awaitingMe(db, actorOf(request)) }),
  );

  app.get(
    '/api/events',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['工作台'],
        summary: '最新动态（只含本人可见的；新的在前）',
        querystring: EventsQuery,
        response: { 200: DeskEventListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: await deskService.events(db, actorOf(request), { limit: request.query.limit, planId: request.query.planId, taskId: request.query.taskId }),
    }),
  );

  app.get(
    '/api/desk',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['工作台'],
        summary: '待本人处理的事项（退回的报告在前，然后逾期的、截止日期近的），本单位的历史报告，以及菜单上的待办数',
        response: { 200: DeskSchema, ...errorResponses },
      },
    },
    async (request) => deskService.desk(db, actorOf(request), deps.clock),
  );

  app.get(
    '/api/desk/counts',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['工作台'], summary: '待本人处理的事项数（菜单上的数字）', response: { 200: DeskCountsSchema, ...errorResponses } },
    },
    async (request) => (await deskService.desk(db, actorOf(request), deps.clock)).counts,
  );
}
