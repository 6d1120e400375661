/** Governments, tasks handed down (下达), taken up (承接) and rolled up (汇总), ADR 0031. */
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../../server/app.js';
import { errorResponses, IdParams } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { governmentToday } from '../status/calendar.js';
import { TaskViewSchema } from '../task/task.schema.js';
import {
  AssignedTasksSchema,
  AssignmentBody,
  AssignmentListSchema,
  GovernmentListSchema,
  GovernmentRollupSchema,
  LinkListSchema,
  LinkProposalsSchema,
  LinksBody,
  OwnersBody,
  RollupQuery,
  RollupSchema,
} from './assignment.schema.js';
import { linkProposals, listLinks, setLinks } from './assignment-links.service.js';
import { assignedTasks, assignTask, governmentRollup, listTaskAssignments, listVisibleGovernments, setTaskOwners, taskRollup } from './assignment.service.js';

const TAGS = ['上下级'];

export function assignmentRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;

  app.get(
    '/api/governments',
    {
      // The ledger's read: a user whose password change is due, or whose role awaits its grant, is held back.
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: TAGS,
        summary: '可见的政府：本级及上级；督查室和领导另见下级（同级政府互不可见）',
        response: { 200: GovernmentListSchema, ...errorResponses },
      },
    },
    async (request) => listVisibleGovernments(db, actorOf(request)),
  );

  app.post(
    '/api/tasks/:id/assignments',
    {
      config: { policy: { action: 'task.assign' } },
      schema: {
        tags: TAGS,
        summary: '督查室把本级任务交办给下级政府（可把指标分解到各政府：合计型指标的份额之和须等于原数）',
        params: IdParams,
        body: AssignmentBody,
        response: { 201: AssignmentListSchema, ...errorResponses },
      },
    },
    async (request, reply) => (reply as FastifyReply).status(201).send(await assignTask(db, actorOf(request), request.params.id, request.body, deps.clock)),
  );

  app.get(
    '/api/tasks/:id/assignments',
    {
      config: { policy: { action: 'assignment.read' } },
      schema: {
        tags: TAGS,
        summary: '本级任务交办给了哪些下级政府，各自分得的指标',
        params: IdParams,
        response: { 200: AssignmentListSchema, ...errorResponses },
      },
    },
    async (request) => listTaskAssignments(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/tasks/:id/rollup',
    {
      config: { policy: { action: 'assignment.read' } },
      schema: {
        tags: TAGS,
        summary: '交办任务的汇总：各下级政府截至统计日已采纳的灯、完成比例、最近报告，及各指标合计',
        params: IdParams,
        querystring: RollupQuery,
        response: { 200: RollupSchema, ...errorResponses },
      },
    },
    async (request) => taskRollup(db, actorOf(request), request.params.id, request.query.asOf ?? governmentToday(deps.clock)),
  );

  app.get(
    '/api/rollup',
    {
      config: { policy: { action: 'assignment.read' } },
      schema: {
        tags: TAGS,
        summary: '下级政府汇总：交办给各下级政府的任务数和灯（截至统计日已采纳的数据）',
        querystring: RollupQuery,
        response: { 200: GovernmentRollupSchema, ...errorResponses },
      },
    },
    async (request) => governmentRollup(db, actorOf(request), request.query.asOf ?? governmentToday(deps.clock)),
  );

  app.get(
    '/api/governments/:id/assigned',
    {
      config: { policy: { action: 'assignment.read' } },
      schema: {
        tags: TAGS,
        summary: '交办给某个下级政府的任务及其汇总（只限本级以下的政府）',
        params: IdParams,
        querystring: RollupQuery,
        response: { 200: AssignedTasksSchema, ...errorResponses },
      },
    },
    async (request) => assignedTasks(db, actorOf(request), request.params.id, request.query.asOf ?? governmentToday(deps.clock)),
  );

  app.put(
    '/api/tasks/:id/owners',
    {
      config: { policy: { action: 'task.update' } },
      schema: {
        tags: TAGS,
        summary: '督查室为上级交办任务确定本级的牵头领导、主办和协办单位（须带上读取时的 version）',
        params: IdParams,
        body: OwnersBody,
        response: { 200: TaskViewSchema, ...errorResponses },
      },
    },
    async (request) => setTaskOwners(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.get(
    '/api/tasks/:id/links',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: TAGS, summary: '上级交办任务由本级哪些任务承接', params: IdParams, response: { 200: LinkListSchema, ...errorResponses } },
    },
    async (request) => listLinks(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/tasks/:id/link-proposals',
    {
      config: { policy: { action: 'task.update' } },
      schema: {
        tags: TAGS,
        summary: '按用语和指标推荐本级可承接上级交办任务的任务，供督查室确认',
        params: IdParams,
        response: { 200: LinkProposalsSchema, ...errorResponses },
      },
    },
    async (request) => linkProposals(db, actorOf(request), request.params.id),
  );

  app.put(
    '/api/tasks/:id/links',
    {
      config: { policy: { action: 'task.update' } },
      schema: {
        tags: TAGS,
        summary: '督查室确认承接上级交办任务的本级任务（整体替换）',
        params: IdParams,
        body: LinksBody,
        response: { 200: LinkListSchema, ...errorResponses },
      },
    },
    async (request) => setLinks(db, actorOf(request), request.params.id, request.body, deps.clock),
  );
}
