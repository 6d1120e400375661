/** Extension requests (延期申请): ask, list, approve, reject. */
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { ApproveBody, ExtensionListSchema, ExtensionQuery, ExtensionViewSchema, NewRequest, RejectBody } from './extension.schema.js';
import { extensionService } from './extension.service.js';

const ok = { 200: ExtensionViewSchema, ...errorResponses };
const tags = ['延期申请'];

export function extensionRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.post(
    '/api/tasks/:id/extensions',
    {
      config: { policy: { action: 'extension.request' } },
      schema: { tags, summary: '主办单位申请延长任务完成时限', params: IdParams, body: NewRequest, response: ok },
    },
    async (request) => extensionService.request(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.get(
    '/api/extensions',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags, summary: '延期申请列表（只含本人可见的）', querystring: ExtensionQuery, response: { 200: ExtensionListSchema, ...errorResponses } },
    },
    async (request) => ({ items: await extensionService.list(db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/extensions/:id/approve',
    {
      config: { policy: { action: 'extension.decide' } },
      schema: { tags, summary: '牵头领导批准延期（无牵头领导的任务由督查室决定），任务完成时限随之改变', params: IdParams, body: ApproveBody, response: ok },
    },
    async (request) => extensionService.approve(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );

  app.post(
    '/api/extensions/:id/reject',
    {
      config: { policy: { action: 'extension.decide' } },
      schema: { tags, summary: '牵头领导不予延期并写明意见', params: IdParams, body: RejectBody, response: ok },
    },
    async (request) => extensionService.reject(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );
}
