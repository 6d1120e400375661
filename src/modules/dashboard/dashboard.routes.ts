/** The dashboard (驾驶舱): a plan's lights counted overall, by section, leader and unit, with the lagging tasks. */
import { Type, type TSchema } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { actorOf } from '../../server/request-actor.js';
import { Obj, errorResponses } from '../../server/http-schema.js';
import { AsOfDate } from '../status/status.routes.js';
import { dashboard } from './dashboard.service.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Int = Type.Integer();
const Text = Type.String();
const Light = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red'), Type.Literal('none')]);
const Lights = Type.Object({ green: Int, yellow: Int, red: Int, none: Int }, { description: '按任务计数的红黄绿灯，none 为暂无数据' });
const Counted = { total: Int, lights: Lights };

const DashboardQuery = Obj({
  planId: Type.Optional(Type.Integer({ minimum: 1, description: '默认最新年度的分解方案' })),
  asOf: Type.Optional(AsOfDate),
});

const DashboardView = Type.Object({
  planId: Int,
  asOf: Text,
  period: Type.Object({ start: Text, end: Text }),
  timeProgress: Type.Number({ description: '时序进度，0 至 1' }),
  lights: Lights,
  total: Type.Integer({ description: '在办和已销号的任务数' }),
  bySection: Type.Array(Type.Object({ sectionId: Nullable(Int), number: Nullable(Text), title: Nullable(Text), ...Counted })),
  byLeader: Type.Array(Type.Object({ leaderId: Int, name: Text, ...Counted })),
  byUnit: Type.Array(
    Type.Object({
      unitId: Int,
      name: Text,
      ...Counted,
      owed: Int,
      onTime: Int,
      late: Int,
      returned: Int,
      onTimeRate: Nullable(Type.Number({ description: '按时报送率：按时 ÷（按时 + 逾期）；尚无报送时为 null' })),
    }),
    { description: '按主办单位计数；只协办的单位也列出其报送情况' },
  ),
  lagging: Type.Array(
    Type.Object({
      taskId: Int,
      key: Text,
      text: Text,
      light: Light,
      behindPoints: Nullable(Type.Number()),
      reportOverdue: Type.Boolean(),
      hostUnits: Type.Array(Text),
      leaders: Type.Array(Text),
    }),
    { description: '黄灯和红灯任务，最严重的在前' },
  ),
  targets: Type.Array(
    Type.Object({
      targetId: Int,
      taskId: Int,
      text: Text,
      metric: Text,
      value: Nullable(Type.Number()),
      unit: Nullable(Text),
      actual: Nullable(Type.Number()),
      completion: Nullable(Type.Number({ description: '完成度（比值）' })),
      expected: Nullable(Type.Number({ description: '应完成比例：时序进度、单位计划进度或比率类的 1' })),
      light: Light,
    }),
  ),
  tasks: Type.Array(
    Type.Object({
      taskId: Int,
      key: Text,
      sectionId: Nullable(Int),
      light: Light,
      source: Type.Union([Type.Literal('data'), Type.Literal('confidence'), Type.Literal('none')]),
      reportOverdue: Type.Boolean(),
      confidenceConflict: Type.Boolean(),
      behindPoints: Nullable(Type.Number()),
    }),
  ),
});

export function dashboardRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/dashboard',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['驾驶舱'], summary: '驾驶舱：红黄绿灯总数及按部分、牵头领导、主办单位的分布，滞后任务，各指标完成度与时序进度，各单位按时报送率', querystring: DashboardQuery, response: { 200: DashboardView, ...errorResponses } },
    },
    async (request) => dashboard(deps.store.db, actorOf(request), request.query, deps.clock),
  );
}
