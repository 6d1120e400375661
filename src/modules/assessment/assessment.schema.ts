/** Assessment (考核) as the API shows it: the ranking of a plan's units, and one unit's statement. */
import { Type } from 'typebox';
import { SCORING_RULES } from '../../domain/scoring.js';
import { IsoDate, Literals, Nullable, Obj, RowInteger } from '../../server/http-schema.js';
import { ScoringSchemeSchema } from '../settings/settings.schema.js';

const Id = RowInteger();
const Day = IsoDate();
export const AssessmentQuery = Obj({
  planId: Type.Optional(RowInteger({ description: '分解方案，默认最新一年的方案' })),
  asOf: Type.Optional(IsoDate({ description: '考核截止日期（含当日），默认今天；此后发生的事项不计分' })),
});
const Points = Type.Number({ description: '分值（扣分为负数）' });
const Count = Type.Integer({ minimum: 0 });

export const ScoringRuleSchema = Literals(SCORING_RULES, {
  title: 'ScoringRule',
  description: '计分规则：按时报送、逾期报送、被退回、红灯月份、指标完成、指标未完成、督办单未按期办理',
});

export const AssessmentSchema = Obj(
  {
    planId: Id,
    asOf: Day,
    scheme: ScoringSchemeSchema,
    ranking: Type.Array(
      Obj(
        {
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
        },
        { title: 'RankingRow' },
      ),
    ),
  },
  { title: 'Assessment' },
);

export const StatementItemSchema = Obj(
  {
    rule: ScoringRuleSchema,
    label: Type.String(),
    points: Points,
    at: Day,
    objectType: Literals(['report', 'task', 'target', 'order']),
    objectId: Id,
    taskId: Nullable(Id),
  },
  { title: 'StatementItem', description: '一项计分：对应一份报告、任务、指标或督办单' },
);

export const UnitStatementSchema = Obj(
  {
    planId: Id,
    asOf: Day,
    unitId: Id,
    unitName: Type.String(),
    rank: Nullable(Type.Integer({ minimum: 1 })),
    base: Points,
    total: Points,
    items: Type.Array(StatementItemSchema),
  },
  { title: 'UnitStatement' },
);
