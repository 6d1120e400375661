/** Assessment (考核): the ranking of a plan's units, and one unit's score statement. */
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { presentAssessment, presentStatement } from './assessment.presenter.js';
import { AssessmentQuery, AssessmentSchema, UnitStatementSchema } from './assessment.schema.js';
import { assessmentOf, unitStatement } from './assessment.service.js';

export function assessmentRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/assessment',
    {
      config: { policy: { action: 'assessment.read' } },
      schema: {
        tags: ['考核'],
        summary: '考核排名：各单位得分、名次（同分同名次）及各项计分次数',
        querystring: AssessmentQuery,
        response: { 200: AssessmentSchema, ...errorResponses },
      },
    },
    async (request) => presentAssessment(await assessmentOf(db, actorOf(request), request.query, deps.clock)),
  );

  app.get(
    '/api/assessment/units/:id',
    {
      config: { policy: { action: 'assessment.read' } },
      schema: {
        tags: ['考核'],
        summary: '单位考核得分明细：每一分都对应一份报告、任务、指标或督办单',
        params: IdParams,
        querystring: AssessmentQuery,
        response: { 200: UnitStatementSchema, ...errorResponses },
      },
    },
    async (request) => presentStatement(await unitStatement(db, actorOf(request), request.params.id, request.query, deps.clock)),
  );
}
