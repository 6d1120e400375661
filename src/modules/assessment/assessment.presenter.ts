/** The shapes the assessment leaves the server in; totals are rounded to two decimals here, for display only. */
import type { Static } from 'typebox';
import { displayPoints } from '../../domain/scoring.js';
import type { AssessmentSchema, UnitStatementSchema } from './assessment.schema.js';
import type { Assessment, UnitStatement } from './assessment.service.js';

export type AssessmentView = Static<typeof AssessmentSchema>;
export type UnitStatementView = Static<typeof UnitStatementSchema>;

export const presentAssessment = (a: Assessment): AssessmentView => ({
  planId: a.planId,
  asOf: a.asOf,
  scheme: { ...a.scheme },
  ranking: a.ranking.map((r) => ({
    rank: r.rank,
    unitId: r.unitId,
    unitName: r.unitName,
    total: displayPoints(r.total),
    onTime: r.counts.reportOnTime,
    late: r.counts.lateReport,
    returned: r.counts.returned,
    redMonths: r.counts.redMonth,
    targetsMet: r.counts.targetMet,
    targetsUnmet: r.counts.unmetTarget,
    unansweredOrders: r.counts.unansweredOrder,
  })),
});

export const presentStatement = (s: UnitStatement): UnitStatementView => ({
  planId: s.planId,
  asOf: s.asOf,
  unitId: s.unitId,
  unitName: s.unitName,
  rank: s.rank,
  base: s.statement.base,
  total: displayPoints(s.statement.total),
  items: s.statement.items.map((i) => ({
    rule: i.rule,
    label: i.label,
    points: i.points,
    at: i.at,
    objectType: i.objectType,
    objectId: i.objectId,
    taskId: i.taskId,
  })),
});
