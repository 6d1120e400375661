/** Work plans (细化分解): a task's revisions, a new revision, edit, submit, approve, return. */
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { ApproveBody, NewRevision, ReturnBody, SubmitBody, WorkPlanListSchema, WorkPlanPatch, WorkPlanViewSchema } from './workplan.schema.js';
import { workPlanService } from './workplan.service.js';

const ok = { 200: WorkPlanViewSchema, ...errorResponses };
const tags = ['细化分解'];

export function workPlanRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/tasks/:id/workplans',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags,
        summary: '任务的工作方案各版本（新版本在前，只含本人可见的）',
        params: IdParams,
        response: { 200: WorkPlanListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await workPlanService.list(db, actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/tasks/:id/workplans',
    {
      config: { policy: { action: 'workplan.write' } },
      schema: { tags, summary: '新建工作方案草稿（修订时复制最新版本）', params: IdParams, body: NewRevision, response: ok },
    },
    async (request) => workPlanService.create(db, actorOf(request), request.params.id, request.body ?? {}, deps.clock),
  );

  app.get(
    '/api/workplans/:id',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags, summary: '工作方案的一个版本', params: IdParams, response: ok } },
    async (request) => workPlanService.get(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/workplans/:id',
    {
      config: { policy: { action: 'workplan.write' } },
      schema: { tags, summary: '修改工作方案草稿（须带上读取时的 version；列表整体替换）', params: IdParams, body: WorkPlanPatch, response: ok },
    },
    async (request) => workPlanService.update(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/workplans/:id/submit',
    {
      config: { policy: { action: 'workplan.submit' } },
      schema: { tags, summary: '主办单位负责人提交工作方案', params: IdParams, body: SubmitBody, response: ok },
    },
    async (request) => workPlanService.submit(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/workplans/:id/approve',
    {
      config: { policy: { action: 'workplan.decide' } },
      schema: { tags, summary: '牵头领导批准工作方案（无牵头领导的任务由督查室批准）', params: IdParams, body: ApproveBody, response: ok },
    },
    async (request) => workPlanService.approve(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );

  app.post(
    '/api/workplans/:id/return',
    {
      config: { policy: { action: 'workplan.decide' } },
      schema: { tags, summary: '牵头领导退回工作方案并写明意见', params: IdParams, body: ReturnBody, response: ok },
    },
    async (request) => workPlanService.return(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );
}
