/** Progress reports (进展报送): list, read, draft, approve, submit, accept, return, void; the co-units' inputs of a host report. */
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft, voidReport } from './report-steps.js';
import { ReportDetailSchema, ReportInputListSchema, ReportListSchema, ReportPatch, ReportQuery, ReturnBody, StepOnly, VoidBody } from './report.schema.js';
import { getReport, listVisibleReports, reportInputs } from './report.service.js';

const ok = { 200: ReportDetailSchema, ...errorResponses };

export function reportRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/reports',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['报送'], summary: '报告列表（只含本人可见的报告）', querystring: ReportQuery, response: { 200: ReportListSchema, ...errorResponses } },
    },
    async (request) => ({ items: await listVisibleReports(db, actorOf(request), request.query) }),
  );

  app.get(
    '/api/reports/:id',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags: ['报送'], summary: '报告详情：指标实际值与流转记录', params: IdParams, response: ok } },
    async (request) => getReport(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/reports/:id/inputs',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['报送'],
        summary: '主办单位汇总用：本轮本任务各协办单位已审核的报告',
        params: IdParams,
        response: { 200: ReportInputListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await reportInputs(db, actorOf(request), request.params.id) }),
  );

  app.patch(
    '/api/reports/:id',
    {
      config: { policy: { action: 'report.draft.write' } },
      schema: { tags: ['报送'], summary: '填写报告草稿（须带上读取时的 version）', params: IdParams, body: ReportPatch, response: ok },
    },
    async (request) => updateDraft(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/reports/:id/approve',
    {
      config: { policy: { action: 'report.approve' } },
      schema: { tags: ['报送'], summary: '单位负责人审核报告（撰写人不能审核自己的报告）', params: IdParams, body: StepOnly, response: ok },
    },
    async (request) => approveReport(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/reports/:id/submit',
    {
      config: { policy: { action: 'report.submit' } },
      schema: { tags: ['报送'], summary: '主办单位负责人报送督查室', params: IdParams, body: StepOnly, response: ok },
    },
    async (request) => submitReport(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.post(
    '/api/reports/:id/accept',
    { config: { policy: { action: 'report.review' } }, schema: { tags: ['报送'], summary: '督查室采纳报告', params: IdParams, body: StepOnly, response: ok } },
    async (request) => acceptReport(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );

  app.post(
    '/api/reports/:id/return',
    {
      config: { policy: { action: 'report.review' } },
      schema: { tags: ['报送'], summary: '督查室退回报告并写明意见', params: IdParams, body: ReturnBody, response: ok },
    },
    async (request) => returnReport(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );

  app.post(
    '/api/reports/:id/void',
    {
      config: { policy: { action: 'report.review' } },
      schema: {
        tags: ['报送'],
        summary: '督查室作废已采纳的报告（须写明原因）：其数值不再计入，任务的数值回到此前采纳的报告',
        params: IdParams,
        body: VoidBody,
        response: ok,
      },
    },
    async (request) => voidReport(db, actorOf(request), request.params.id, request.body, deps.clock),
  );
}
