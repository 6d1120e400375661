/** The ledger's tasks: list with filters, one task, a change with optimistic locking, and 销号 (complete / reopen). */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, Obj, StepBody, errorResponses } from '../../server/http-schema.js';
import { presentTask } from './task.presenter.js';
import { changeTask, completeTask, getTask, ledgerJson, reopenTask } from './task.service.js';

const Id = Type.Integer({ minimum: 1 });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const TaskQuery = Obj({
  planId: Type.Optional(Id),
  sectionId: Type.Optional(Id),
  leaderId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  section: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: '部分的序号，如 二' })),
  leader: Type.Optional(Name),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '单位名称或简称' })),
});
const TaskPatch = Obj({
  version: Type.Integer({ minimum: 1 }),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
  deadline: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()])),
  deadlineText: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
const TaskView = Type.Object({}, { additionalProperties: true });
const DecisionBody = StepBody({ comment: Type.String({ minLength: 1, maxLength: 5000 }) });

export function taskRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/tasks',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags: ['台账'], summary: '任务列表（可按部分、牵头领导、单位筛选）', querystring: TaskQuery, response: { 200: Obj({ items: Type.Array(TaskView), total: Type.Integer() }), ...errorResponses } } },
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
    { config: { policy: { action: 'ledger.read' } }, schema: { tags: ['台账'], summary: '任务详情', params: IdParams, response: { 200: TaskView, ...errorResponses } } },
    async (request) => presentTask(await getTask(deps.store.db, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/tasks/:id',
    { config: { policy: { action: 'task.update' } }, schema: { tags: ['台账'], summary: '修改任务（须带上读取时的 version）', params: IdParams, body: TaskPatch, response: { 200: TaskView, ...errorResponses } } },
    async (request) => presentTask(await changeTask(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock)),
  );

  app.post(
    '/api/tasks/:id/complete',
    { config: { policy: { action: 'task.complete' } }, schema: { tags: ['台账'], summary: '督查室销号：任务办结（只限推进中的任务）', params: IdParams, body: DecisionBody, response: { 200: TaskView, ...errorResponses } } },
    async (request) => completeTask(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/tasks/:id/reopen',
    { config: { policy: { action: 'task.complete' } }, schema: { tags: ['台账'], summary: '督查室恢复已销号的任务', params: IdParams, body: DecisionBody, response: { 200: TaskView, ...errorResponses } } },
    async (request) => reopenTask(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock),
  );
}
