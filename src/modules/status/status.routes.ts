/** A task's status light (红黄绿灯) on a date, with its figures and its lights at past round closes. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, Obj, errorResponses } from '../../server/http-schema.js';
import { governmentToday } from './calendar.js';
import { presentTaskStatus } from './status.presenter.js';
import { MAX_HISTORY_TASKS, taskLightHistories, taskStatusDetail } from './status.service.js';

export const AsOfDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '评估日期 YYYY-MM-DD，默认今天（北京时间）' });
const StatusQuery = Obj({ asOf: Type.Optional(AsOfDate) });
const StatusView = Type.Object({}, { additionalProperties: true });
const HistoryQuery = Obj({
  taskIds: Type.String({ pattern: `^[1-9]\\d{0,9}(,[1-9]\\d{0,9}){0,${MAX_HISTORY_TASKS - 1}}$`, description: `任务编号（id），以逗号分隔，最多 ${MAX_HISTORY_TASKS} 项` }),
});
const LightRecordView = Obj({ asOf: Type.String(), roundId: Type.Union([Type.Integer(), Type.Null()]), light: Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red'), Type.Literal('none')]) });
const HistoryView = Obj({ items: Type.Array(Obj({ taskId: Type.Integer(), history: Type.Array(LightRecordView) })) });

export function statusRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/tasks/:id/status',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['台账'], summary: '任务的红黄绿灯：各指标完成度与时序进度、节点、最新数据和历次调度的灯', params: IdParams, querystring: StatusQuery, response: { 200: StatusView, ...errorResponses } },
    },
    async (request) => presentTaskStatus(await taskStatusDetail(deps.store.db, actorOf(request), request.params.id, request.query.asOf ?? governmentToday(deps.clock))),
  );

  app.get(
    '/api/light-history',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['台账'], summary: '多项任务历次调度结束时的灯（如领导的任务走势），按请求的顺序', querystring: HistoryQuery, response: { 200: HistoryView, ...errorResponses } },
    },
    async (request) => ({ items: await taskLightHistories(deps.store.db, actorOf(request), request.query.taskIds.split(',').map(Number)) }),
  );
}
