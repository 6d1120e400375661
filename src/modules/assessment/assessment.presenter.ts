/** The shapes the assessment leaves the server in; points are rounded to two decimals here, rates and shares to four, for display only. */
import type { Static } from 'typebox';
import { displayPoints, type StatementLine } from '../../domain/scoring.js';
import type { AssessmentSchema, UnitStatementSchema } from './assessment.schema.js';
import type { Assessment, UnitStatement } from './assessment.service.js';

export type AssessmentView = Static<typeof AssessmentSchema>;
export type UnitStatementView = Static<typeof UnitStatementSchema>;

const fourPlaces = (x: number): number => {
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * 10_000 + 1e-9)) / 10_000;
  return rounded === 0 ? 0 : rounded;
};

const presentLine = (l: StatementLine): AssessmentView['ranking'][number]['lines'][number] => ({
  rule: l.rule,
  basis: l.basis,
  count: l.count,
  of: l.of,
  rate: l.rate === null ? null : fourPlaces(l.rate),
  weight: l.weight,
  points: displayPoints(l.points),
});

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
    lines: r.statement.lines.map(presentLine),
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
  lines: s.statement.lines.map(presentLine),
  items: s.statement.items.map((i) => ({
    rule: i.rule,
    label: i.label,
    points: fourPlaces(i.points),
    at: i.at,
    objectType: i.objectType,
    objectId: i.objectId,
    taskId: i.taskId,
  })),
});
