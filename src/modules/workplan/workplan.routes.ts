/** Work plans (细化分解): a task's revisions, a new revision, edit, submit, approve, return. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, Obj, StepBody, errorResponses } from '../../server/http-schema.js';
import { workPlanService } from './workplan.service.js';

const Id = Type.Integer({ minimum: 1 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const WorkPlanPatch = Obj({
  version: Type.Integer({ minimum: 1 }),
  measures: Type.Optional(Type.String({ maxLength: 20000 })),
  coParts: Type.Optional(Type.Array(Obj({ unitId: Id, part: Type.String({ maxLength: 2000 }) }), { maxItems: 100 })),
  milestones: Type.Optional(Type.Array(Obj({ dueOn: Day, title: Type.String({ maxLength: 500 }), unitId: Type.Union([Id, Type.Null()]) }), { maxItems: 200 })),
  values: Type.Optional(Type.Array(Obj({ targetId: Id, periodEnd: Day, value: Type.Number() }), { maxItems: 2000 })),
});
/** A new revision's body is optional: a request without one is validated as null. */
const NewRevision = Type.Union([Obj({ unitId: Type.Optional(Id) }), Type.Null()]);
const SubmitBody = StepBody({});
const ApproveBody = StepBody({ comment: Type.Optional(Type.String({ maxLength: 5000 })) });
const ReturnBody = StepBody({ comment: Type.String({ minLength: 1, maxLength: 5000 }) });
const WorkPlanView = Type.Object({}, { additionalProperties: true });
const ok = { 200: WorkPlanView, ...errorResponses };
const tags = ['细化分解'];

export function workPlanRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/tasks/:id/workplans',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags, summary: '任务的工作方案各版本（新版本在前，只含本人可见的）', params: IdParams, response: { 200: Obj({ items: Type.Array(WorkPlanView) }), ...errorResponses } } },
    async (request) => ({ items: await workPlanService.list(db, actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/tasks/:id/workplans',
    { config: { policy: { action: 'workplan.write' } }, schema: { tags, summary: '新建工作方案草稿（修订时复制最新版本）', params: IdParams, body: NewRevision, response: ok } },
    async (request) => workPlanService.create(db, actorOf(request), request.params.id, request.body ?? {}, deps.clock),
  );

  app.get(
    '/api/workplans/:id',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags, summary: '工作方案的一个版本', params: IdParams, response: ok } },
    async (request) => workPlanService.get(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/workplans/:id',
    { config: { policy: { action: 'workplan.write' } }, schema: { tags, summary: '修改工作方案草稿（须带上读取时的 version；列表整体替换）', params: IdParams, body: WorkPlanPatch, response: ok } },
    async (request) => workPlanService.update(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/workplans/:id/submit',
    { config: { policy: { action: 'workplan.submit' } }, schema: { tags, summary: '主办单位负责人提交工作方案', params: IdParams, body: SubmitBody, response: ok } },
    async (request) => workPlanService.submit(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/workplans/:id/approve',
    { config: { policy: { action: 'workplan.decide' } }, schema: { tags, summary: '牵头领导批准工作方案（无牵头领导的任务由督查室批准）', params: IdParams, body: ApproveBody, response: ok } },
    async (request) => workPlanService.approve(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/workplans/:id/return',
    { config: { policy: { action: 'workplan.decide' } }, schema: { tags, summary: '牵头领导退回工作方案并写明意见', params: IdParams, body: ReturnBody, response: ok } },
    async (request) => workPlanService.return(db, actorOf(request), request.params.id, request.body, deps.clock),
  );
}
