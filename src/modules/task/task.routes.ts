/** The ledger's tasks: list with filters, one task, a change with optimistic locking, and 销号 (complete / reopen). */
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { presentTask } from './task.presenter.js';
import { DecisionBody, TaskListSchema, TaskPatch, TaskQuery, TaskViewSchema } from './task.schema.js';
import { changeTask, completeTask, getTask, ledgerJson, reopenTask, TASK_UPDATE_REFUSAL } from './task.service.js';

export function taskRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/tasks',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['台账'],
        summary: '任务列表（可按部分、牵头领导、单位筛选，可按关键词查找）',
        querystring: TaskQuery,
        response: { 200: TaskListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const render = (tasks: Parameters<typeof presentTask>[0][]): string => JSON.stringify({ items: tasks.map(presentTask), total: tasks.length });
      const { section, leader, unit, ...ids } = request.query;
      const filter = { ...ids, ...(section ? { sectionNumber: section } : {}), ...(leader ? { leaderName: leader } : {}), ...(unit ? { unitName: unit } : {}) };
      const body = await ledgerJson(deps.store.db, actorOf(request), filter, render);
      // Already JSON text (shaped like the schema above): sent as is, not serialised again.
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['台账'], summary: '任务详情', params: IdParams, response: { 200: TaskViewSchema, ...errorResponses } },
    },
    async (request) => presentTask(await getTask(deps.store.db, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { policy: { action: 'task.update', refusal: TASK_UPDATE_REFUSAL } },
      schema: {
        tags: ['台账'],
        summary: '督查室修改任务内容或完成时限（须写明理由，须带上读取时的 version）',
        params: IdParams,
        body: TaskPatch,
        response: { 200: TaskViewSchema, ...errorResponses },
      },
    },
    async (request) => presentTask(await changeTask(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock)),
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      config: { policy: { action: 'task.complete' } },
      schema: {
        tags: ['台账'],
        summary: '督查室销号：任务办结（只限推进中的任务）',
        params: IdParams,
        body: DecisionBody,
        response: { 200: TaskViewSchema, ...errorResponses },
      },
    },
    async (request) => completeTask(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/tasks/:id/reopen',
    {
      config: { policy: { action: 'task.complete' } },
      schema: { tags: ['台账'], summary: '督查室恢复已销号的任务', params: IdParams, body: DecisionBody, response: { 200: TaskViewSchema, ...errorResponses } },
    },
    async (request) => reopenTask(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock),
  );
}
