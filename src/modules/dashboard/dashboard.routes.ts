/** The dashboard (驾驶舱): a plan's lights counted overall, by section, leader and unit, with the lagging tasks; and every task's light. */
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { errorResponses } from '../../server/http-schema.js';
import { DashboardQuery, DashboardSchema, LightListSchema, LightsQuery } from './dashboard.schema.js';
import { dashboard, planLights } from './dashboard.service.js';

export function dashboardRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/dashboard',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['驾驶舱'],
        summary: '驾驶舱：红黄绿灯总数及按部分、牵头领导、主办单位的分布，滞后任务，各指标完成度与时序进度，各单位按时报送率（列表分页）',
        querystring: DashboardQuery,
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    // From the standby when its kept snapshot is current there (docs/deploy.md), else from the primary.
    async (request) => dashboard(deps.store.db, actorOf(request), request.query, deps.clock, deps.store.replica),
  );

  app.get(
    '/api/lights',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['驾驶舱'],
        summary: '分解方案中每项任务在某日的红黄绿灯及其原因（台账的灯一栏）',
        querystring: LightsQuery,
        response: { 200: LightListSchema, ...errorResponses },
      },
    },
    async (request) => planLights(deps.store.db, actorOf(request), request.query, deps.clock, deps.store.replica),
  );
}
