/** Reporting rounds (调度): open one for a plan, list a plan's rounds. */
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { presentRound } from './round.presenter.js';
import { CloseBody, ClosedRoundSchema, RoundBody, RoundListSchema, RoundQuery, RoundViewSchema } from './round.schema.js';
import { listRoundsWithFigures } from './round-list.service.js';
import { roundCloser, roundOpener } from './round.service.js';

export function roundRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/rounds',
    {
      config: { policy: { action: 'round.manage' } },
      schema: {
        tags: ['调度'],
        summary: '发起一期调度：为每项任务的每个责任单位生成报告草稿',
        body: RoundBody,
        response: { 200: RoundViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const opened = await roundOpener.open(deps.store.db, actorOf(request), request.body, deps.clock, deps.delivery);
      return presentRound(opened.round, opened.reports);
    },
  );

  app.post(
    '/api/rounds/:id/close',
    {
      config: { policy: { action: 'round.manage' } },
      schema: {
        tags: ['调度'],
        summary: '结束一期调度：记下各项任务在统计截止日的红黄绿灯',
        params: IdParams,
        body: CloseBody,
        response: { 200: ClosedRoundSchema, ...errorResponses },
      },
    },
    async (request) => {
      const closed = await roundCloser.close(deps.store.db, actorOf(request), { id: request.params.id, version: request.body.version }, deps.clock);
      return { ...presentRound(closed.round), lights: closed.lights };
    },
  );

  app.get(
    '/api/rounds',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['调度'],
        summary: '调度期次列表（可按方案筛选）：每期的报送完成度（已报 ÷ 应报，对所有角色相同），和调用者本单位或分管任务的部分',
        querystring: RoundQuery,
        response: { 200: RoundListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listRoundsWithFigures(deps.store.db, actorOf(request), request.query.planId) }),
  );
}
