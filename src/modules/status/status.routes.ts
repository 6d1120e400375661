/** A task's status light (红黄绿灯) on a date, with its figures and its lights at past round closes. */
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { governmentToday } from './calendar.js';
import { presentTaskStatus } from './status.presenter.js';
import { HistoryQuery, LightHistoryListSchema, StatusQuery, TaskStatusSchema } from './status.schema.js';
import { taskLightHistories, taskStatusDetail } from './status.service.js';

export function statusRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/tasks/:id/status',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['台账'],
        summary: '任务的红黄绿灯：各指标完成度与时序进度、节点、最新数据和历次调度的灯',
        params: IdParams,
        querystring: StatusQuery,
        response: { 200: TaskStatusSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentTaskStatus(await taskStatusDetail(deps.store.db, actorOf(request), request.params.id, request.query.asOf ?? governmentToday(deps.clock))),
  );

  app.get(
    '/api/light-history',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['台账'],
        summary: '多项任务历次调度结束时的灯（如领导的任务走势），按请求的顺序',
        querystring: HistoryQuery,
        response: { 200: LightHistoryListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await taskLightHistories(deps.store.db, actorOf(request), request.query.taskIds.split(',').map(Number)) }),
  );
}
