/** Assessment (考核): the ranking of a plan's units, and one unit's score statement. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, Obj, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { presentAssessment, presentStatement } from './assessment.presenter.js';
import { assessmentOf, unitStatement } from './assessment.service.js';

const Id = Type.Integer({ minimum: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期，如 2026-06-30' });
const AssessmentQuery = Obj({
  planId: Type.Optional(Type.Integer({ minimum: 1, description: '分解方案，默认最新一年的方案' })),
  asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '考核截止日期（含当日），默认今天；此后发生的事项不计分' })),
});
const Points = Type.Number({ description: '分值（扣分为负数）' });
const Scheme = Obj({ base: Points, reportOnTime: Points, targetMet: Points, lateReport: Points, returned: Points, redMonth: Points, unmetTarget: Points, unansweredOrder: Points });
const Count = Type.Integer({ minimum: 0 });
const Rule = Type.Union(
  [Type.Literal('reportOnTime'), Type.Literal('lateReport'), Type.Literal('returned'), Type.Literal('redMonth'), Type.Literal('targetMet'), Type.Literal('unmetTarget'), Type.Literal('unansweredOrder')],
  { description: '计分规则：按时报送、逾期报送、被退回、红灯月份、指标完成、指标未完成、督办单未按期办理' },
);
const RankingView = Obj({
  planId: Id,
  asOf: IsoDate,
  scheme: Scheme,
  ranking: Type.Array(
    Obj({
      rank: Type.Integer({ minimum: 1 }),
      unitId: Id,
      unitName: Type.String(),
      total: Points,
      onTime: Count,
      late: Count,
      returned: Count,
      redMonths: Count,
      targetsMet: Count,
      targetsUnmet: Count,
      unansweredOrders: Count,
    }),
  ),
});
const StatementView = Obj({
  planId: Id,
  asOf: IsoDate,
  unitId: Id,
  unitName: Type.String(),
  rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  base: Points,
  total: Points,
  items: Type.Array(
    Obj({
      rule: Rule,
      label: Type.String(),
      points: Points,
      at: IsoDate,
      objectType: Type.Union([Type.Literal('report'), Type.Literal('task'), Type.Literal('target'), Type.Literal('order')]),
      objectId: Id,
      taskId: Type.Union([Id, Type.Null()]),
    }),
  ),
});

export function assessmentRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/assessment',
    {
      config: { policy: { action: 'assessment.read' } },
      schema: { tags: ['考核'], summary: '考核排名：各单位得分、名次（同分同名次）及各项计分次数', querystring: AssessmentQuery, response: { 200: RankingView, ...errorResponses } },
    },
    async (request) => presentAssessment(await assessmentOf(db, actorOf(request), request.query, deps.clock)),
  );

  app.get(
    '/api/assessment/units/:id',
    {
      config: { policy: { action: 'assessment.read' } },
      schema: { tags: ['考核'], summary: '单位考核得分明细：每一分都对应一份报告、任务、指标或督办单', params: IdParams, querystring: AssessmentQuery, response: { 200: StatementView, ...errorResponses } },
    },
    async (request) => presentStatement(await unitStatement(db, actorOf(request), request.params.id, request.query, deps.clock)),
  );
}
