/** Assessment (考核) as the API shows it: the ranking of a plan's units, and one unit's statement. */
import { Type } from 'typebox';
import { SCORING_BASES, SCORING_RULES } from '../../domain/scoring.js';
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

export const ScoringBasisSchema = Literals(SCORING_BASES, {
  title: 'ScoringBasis',
  description:
    '比率的分母：reportsDue 应报报告（已报送或已过截止日），reportsSent 已报送报告，taskMonths 主办任务的调度期数（任务·期），targets 承担的考核指标，ordersDue 应办理的督办单（已答复或已过期限）',
});

export const ScoreLineSchema = Obj(
  {
    rule: ScoringRuleSchema,
    basis: ScoringBasisSchema,
    count: Count,
    of: Count,
    rate: Nullable(Type.Number({ minimum: 0, description: '比率 = count ÷ of（0.9524 即 95.24%，保留四位小数）；无应有数时为 null，不计分' })),
    weight: Type.Number({ description: '方案分值：比率为 100% 时的得分' }),
    points: Type.Number({ description: '得分 = 分值 × 比率（保留两位小数显示）' }),
  },
  { title: 'ScoreLine', description: '一项计分规则：次数 ÷ 应有数 = 比率，比率 × 分值 = 得分' },
);

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
          lines: Type.Array(ScoreLineSchema, { description: '各项计分规则的比率与得分，得分 = 基础分 + 各项得分' }),
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
    points: Type.Number({ description: '本项在所属规则得分中的份额 = 分值 ÷ 应有数（保留四位小数）' }),
    at: Day,
    objectType: Literals(['report', 'task', 'target', 'order']),
    objectId: Id,
    taskId: Nullable(Id),
  },
  { title: 'StatementItem', description: '一项计分事项：对应一份报告、任务、指标或督办单' },
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
    lines: Type.Array(ScoreLineSchema),
    items: Type.Array(StatementItemSchema),
  },
  { title: 'UnitStatement' },
);
