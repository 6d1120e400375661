/** Reporting schedules: list, set for a plan or a task, remove a task's own. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { ScheduleBody, ScheduleListSchema, ScheduleQuery, ScheduleViewSchema } from './schedule.schema.js';
import { listSchedules, removeTaskSchedule, setPlanSchedule, setTaskSchedule } from './schedule.service.js';

export function scheduleRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/schedules',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['调度'],
        summary: '调度安排（方案的和单独设置的任务的）',
        querystring: ScheduleQuery,
        response: { 200: ScheduleListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listSchedules(db, actorOf(request), request.query.planId) }),
  );

  app.put(
    '/api/plans/:id/schedule',
    {
      config: { policy: { action: 'plan.configure' } },
      schema: {
        tags: ['调度'],
        summary: '设置方案的调度安排：按月或按季，每月几日截止',
        params: IdParams,
        body: ScheduleBody,
        response: { 200: ScheduleViewSchema, ...errorResponses },
      },
    },
    async (request) => setPlanSchedule(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.put(
    '/api/tasks/:id/schedule',
    {
      config: { policy: { action: 'plan.configure' } },
      schema: {
        tags: ['调度'],
        summary: '为一项任务单独设置调度安排（优先于方案的安排）',
        params: IdParams,
        body: ScheduleBody,
        response: { 200: ScheduleViewSchema, ...errorResponses },
      },
    },
    async (request) => setTaskSchedule(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.delete(
    '/api/tasks/:id/schedule',
    {
      config: { policy: { action: 'plan.configure' } },
      schema: { tags: ['调度'], summary: '取消任务的单独调度安排（恢复按方案的安排）', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await removeTaskSchedule(db, actorOf(request), request.params.id, deps.clock);
      return reply.status(204).send(null);
    },
  );
}
