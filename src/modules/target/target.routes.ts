/** A task's targets changed by the office, and target change requests (指标调整): read, change, decide. */
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import {
  ApproveBody,
  ChangeQuery,
  RejectBody,
  TargetAddBody,
  TargetChangeListSchema,
  TargetChangeOutcomeSchema,
  TargetChangeRequestSchema,
  TargetEditBody,
  TargetHistorySchema,
  TargetMergeBody,
  TargetRetireBody,
  TargetSplitBody,
  TaskTargetsSchema,
  WithdrawBody,
} from './target.schema.js';
import {
  approveTargetChange,
  changeTargets,
  listTargetChanges,
  rejectTargetChange,
  targetHistory,
  taskTargets,
  TARGET_CHANGE_REFUSAL,
  withdrawTargetChange,
} from './target.service.js';

const tags = ['指标调整'];
const outcome = { 200: TargetChangeOutcomeSchema, ...errorResponses };
const decided = { 200: TargetChangeRequestSchema, ...errorResponses };
const change = { policy: { action: 'target.change' as const, refusal: TARGET_CHANGE_REFUSAL } };
const AFTER_ROUND = '任务开始调度前立即生效；开始调度后提交牵头领导审批（指标调整）';

export function targetRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  const options = { clock: deps.clock, delivery: deps.delivery };

  app.get(
    '/api/tasks/:id/targets',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags, summary: '任务的现行指标、可认领的单位与待决定的指标调整', params: IdParams, response: { 200: TaskTargetsSchema, ...errorResponses } },
    },
    async (request) => taskTargets(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/tasks/:id/targets/history',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags, summary: '任务指标的调整记录与指标调整申请', params: IdParams, response: { 200: TargetHistorySchema, ...errorResponses } },
    },
    async (request) => targetHistory(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/tasks/:id/targets',
    { config: change, schema: { tags, summary: `督查室新增指标（须写明理由）；${AFTER_ROUND}`, params: IdParams, body: TargetAddBody, response: outcome } },
    async (request) => changeTargets(db, actorOf(request), { taskId: request.params.id }, { op: 'add', ...request.body }, options),
  );

  app.post(
    '/api/tasks/:id/targets/merge',
    { config: change, schema: { tags, summary: `督查室把几个指标合并为一个；${AFTER_ROUND}`, params: IdParams, body: TargetMergeBody, response: outcome } },
    async (request) => changeTargets(db, actorOf(request), { taskId: request.params.id }, { op: 'merge', ...request.body }, options),
  );

  app.patch(
    '/api/targets/:id',
    {
      config: change,
      schema: {
        tags,
        summary: `督查室修改指标（名称、类型、数值、性质、是否衡量、认领单位、合成方式）；${AFTER_ROUND}`,
        params: IdParams,
        body: TargetEditBody,
        response: outcome,
      },
    },
    async (request) => {
      const { version, reason, ...fields } = request.body;
      return changeTargets(
        db,
        actorOf(request),
        { targetId: request.params.id },
        { op: 'edit', targetId: request.params.id, version, reason, fields },
        options,
      );
    },
  );

  app.post(
    '/api/targets/:id/split',
    { config: change, schema: { tags, summary: `督查室把一个指标拆为几个；${AFTER_ROUND}`, params: IdParams, body: TargetSplitBody, response: outcome } },
    async (request) =>
      changeTargets(db, actorOf(request), { targetId: request.params.id }, { op: 'split', targetId: request.params.id, ...request.body }, options),
  );

  app.post(
    '/api/targets/:id/retire',
    {
      config: change,
      schema: { tags, summary: `督查室删除指标（停用，已报数值保留）；${AFTER_ROUND}`, params: IdParams, body: TargetRetireBody, response: outcome },
    },
    async (request) =>
      changeTargets(db, actorOf(request), { targetId: request.params.id }, { op: 'retire', targetId: request.params.id, ...request.body }, options),
  );

  app.get(
    '/api/target-changes',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags,
        summary: '指标调整申请（awaiting=me：待本人决定的）',
        querystring: ChangeQuery,
        response: { 200: TargetChangeListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listTargetChanges(db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/target-changes/:id/approve',
    {
      config: { policy: { action: 'target.decide' } },
      schema: { tags, summary: '牵头领导批准指标调整（无牵头领导的任务由督查室决定），调整随即生效', params: IdParams, body: ApproveBody, response: decided },
    },
    async (request) => approveTargetChange(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );

  app.post(
    '/api/target-changes/:id/reject',
    {
      config: { policy: { action: 'target.decide' } },
      schema: { tags, summary: '牵头领导不予批准指标调整并写明意见', params: IdParams, body: RejectBody, response: decided },
    },
    async (request) => rejectTargetChange(db, actorOf(request), request.params.id, { ...request.body, delivery: deps.delivery }, deps.clock),
  );

  app.post(
    '/api/target-changes/:id/withdraw',
    {
      config: { policy: { action: 'target.change' } },
      schema: { tags, summary: '督查室在决定前撤回指标调整', params: IdParams, body: WithdrawBody, response: decided },
    },
    async (request) => withdrawTargetChange(db, actorOf(request), request.params.id, request.body ?? {}, deps.clock),
  );
}
