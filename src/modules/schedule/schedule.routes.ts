/** Reporting schedules: list, set for a plan or a task, remove a task's own. */
import { Type } from 'typebox';
import { DUE_OFFSETS, SCHEDULE_KINDS } from '../../domain/schedule.js';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, Obj, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { listSchedules, removeTaskSchedule, setPlanSchedule, setTaskSchedule } from './schedule.service.js';

const ScheduleBody = Obj({
  kind: Type.Union(SCHEDULE_KINDS.map((k) => Type.Literal(k)), { description: 'monthly 按月，quarterly 按季' }),
  dueDay: Type.Integer({ minimum: 1, maximum: 31, description: '每月几日截止（小月按月末计）' }),
  dueOffset: Type.Union(DUE_OFFSETS.map((o) => Type.Literal(o)), { description: 'same：本期最后一个月截止；next：下一个月截止' }),
});
const ScheduleQuery = Obj({ planId: Type.Optional(Type.Integer({ minimum: 1 })) });
const ScheduleView = Type.Object({}, { additionalProperties: true });

export function scheduleRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/schedules',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags: ['调度'], summary: '调度安排（方案的和单独设置的任务的）', querystring: ScheduleQuery, response: { 200: Obj({ items: Type.Array(ScheduleView) }), ...errorResponses } } },
    async (request) => ({ items: await listSchedules(db, actorOf(request), request.query.planId) }),
  );

  app.put(
    '/api/plans/:id/schedule',
    { config: { policy: { action: 'plan.configure' } }, schema: { tags: ['调度'], summary: '设置方案的调度安排：按月或按季，每月几日截止', params: IdParams, body: ScheduleBody, response: { 200: ScheduleView, ...errorResponses } } },
    async (request) => setPlanSchedule(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.put(
    '/api/tasks/:id/schedule',
    { config: { policy: { action: 'plan.configure' } }, schema: { tags: ['调度'], summary: '为一项任务单独设置调度安排（优先于方案的安排）', params: IdParams, body: ScheduleBody, response: { 200: ScheduleView, ...errorResponses } } },
    async (request) => setTaskSchedule(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.delete(
    '/api/tasks/:id/schedule',
    { config: { policy: { action: 'plan.configure' } }, schema: { tags: ['调度'], summary: '取消任务的单独调度安排（恢复按方案的安排）', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      await removeTaskSchedule(db, actorOf(request), request.params.id, deps.clock);
      return reply.status(204).send(null);
    },
  );
}
