/** A task's light and its figures as the API shows them, and the lights' shared vocabulary. */
import { Type } from 'typebox';
import { REASON_KINDS } from '../../domain/reasons.js';
import { CONFIDENCES, LIGHTS } from '../../domain/status.js';
import { IsoDate, Literals, Nullable, Obj } from '../../server/http-schema.js';
import { CombineRuleSchema, TargetKindSchema, TargetScopeSchema, TaskStateSchema } from '../task/task.schema.js';
import { MAX_HISTORY_TASKS } from './status.service.js';

export const AsOfDate = IsoDate({ description: '评估日期，默认今天（北京时间）' });
export const StatusQuery = Obj({ asOf: Type.Optional(AsOfDate) });
export const HistoryQuery = Obj({
  taskIds: Type.String({
    pattern: `^[1-9]\\d{0,8}(,[1-9]\\d{0,8}){0,${MAX_HISTORY_TASKS - 1}}$`,
    description: `任务编号（id），以逗号分隔，最多 ${MAX_HISTORY_TASKS} 项`,
  }),
});

export const LightSchema = Literals(LIGHTS, { title: 'Light', description: '红黄绿灯；none 为暂无可判断的数据' });
export const ConfidenceSchema = Literals(CONFIDENCES, {
  title: 'Confidence',
  description: '单位自评：on_track 正常推进，at_risk 存在风险，off_track 严重滞后',
});

export const LightSourceSchema = Literals(['data', 'confidence', 'none', 'data_error'], {
  title: 'LightSource',
  description: 'data 按指标和节点，confidence 按单位自评，none 均无，data_error 库中有指标数值有误（该指标不判断，灯按其余数据）',
});

/** A task's stored figures are broken: what the user is told, or null. */
export const DataErrorSchema = Nullable(Type.String({ description: '数据有误时的说明；数据正常时为 null' }));

export const ReasonSchema = Obj(
  {
    kind: Literals(REASON_KINDS, {
      description:
        'target 指标落后，milestone 节点逾期未完成，report_overdue 进展报告逾期未报，order 督办单尚未办结，confidence 单位自评（定性任务的灯，或与数据相反的提示），data_error 库中数值有误，completed 已销号',
    }),
    light: LightSchema,
    text: Type.String({ description: '一句话的原因，含数字，如“3月份进展报告应于 4月5日前报送，逾期未报”' }),
    targetId: Nullable(Type.Integer({ description: 'target、data_error：所指的指标' })),
    behindPoints: Nullable(Type.Number({ description: 'target：落后应完成比例的百分点（正数）；只减不增为 null' })),
    milestone: Nullable(Type.String({ description: 'milestone：节点名称' })),
    dueOn: Nullable(Type.String({ description: 'milestone 应完成日期，report_overdue 报送截止日，order 答复期限' })),
    round: Nullable(Type.String({ description: 'report_overdue：调度期次（2026-03、2026-Q1 或督查室自定的名称）' })),
    order: Nullable(Type.String({ description: 'order：督办单编号' })),
  },
  { title: 'Reason', description: '亮灯原因；light 为该原因对应的灯，none 为不影响灯的提示（督办单、数值有误等）' },
);

/** A task's reasons, those of its own light first. */
export const ReasonsSchema = Type.Array(ReasonSchema, { description: '亮灯原因，与任务的灯同色者在前；黄灯、红灯任务至少有一条同色原因' });

export const LightCountsSchema = Obj(
  { green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer(), none: Type.Integer() },
  { title: 'LightCounts', description: '按任务计数的红黄绿灯，none 为暂无数据' },
);

export const PeriodSchema = Obj({ start: Type.String(), end: Type.String() }, { title: 'Period', description: '起止日期（含两端）' });

export const LightRecordSchema = Obj(
  { asOf: Type.String({ description: '统计截止日' }), roundId: Nullable(Type.Integer()), light: LightSchema },
  { title: 'LightRecord', description: '一期调度结束时任务的灯' },
);

export const LightHistorySchema = Obj({ taskId: Type.Integer(), history: Type.Array(LightRecordSchema) }, { title: 'LightHistory' });
export const LightHistoryListSchema = Obj({ items: Type.Array(LightHistorySchema) });

export const TargetStatusSchema = Obj(
  {
    targetId: Type.Integer(),
    text: Type.String(),
    metric: Type.String(),
    kind: TargetKindSchema,
    value: Nullable(Type.Number()),
    unit: Nullable(Type.String()),
    actual: Nullable(Type.Number({ description: '最新采纳的完成值' })),
    periodEnd: Nullable(Type.String({ description: '完成值的统计截止日' })),
    reportId: Nullable(Type.Integer()),
    light: LightSchema,
    completion: Nullable(Type.Number({ description: '完成度（比值，0.429 即 42.9%）；无数值、只减不增或不可比时为 null' })),
    held: Nullable(Type.Boolean({ description: '只减不增：是否守住；其他类型或无数值时为 null' })),
    expected: Nullable(Type.Number({ description: '应完成比例' })),
    expectedFrom: Nullable(Literals(['time', 'schedule', 'full'], { description: 'time 时序进度，schedule 单位计划进度，full 比率类指标按全年' })),
    behindPoints: Nullable(Type.Number({ description: '落后的百分点，负数为超前' })),
    measuredAt: Nullable(Type.String({ description: '完成值所反映的日期（扣除统计滞后）' })),
    scope: TargetScopeSchema,
    measured: Type.Boolean({ description: '是否按时序进度衡量' }),
    combine: CombineRuleSchema,
    units: Type.Array(
      Obj(
        {
          unitId: Type.Integer(),
          name: Type.String(),
          actual: Nullable(Type.Number({ description: '该单位最新采纳的完成值' })),
          periodEnd: Nullable(Type.String()),
          reportId: Nullable(Type.Integer()),
          light: Nullable(LightSchema),
          behindPoints: Nullable(Type.Number({ description: '逐单位衡量时该单位落后的百分点' })),
        },
        { title: 'UnitPart' },
      ),
      { description: '各责任单位的部分：多个单位承担同一指标时列出，合计（sum）时 actual 为其和，逐单位（per_unit）时指标按最落后的单位亮灯' },
    ),
    series: Type.Array(
      Obj(
        {
          periodEnd: Type.String({ description: '统计截止日' }),
          acceptedAt: Type.String({ description: '采纳时间' }),
          unitId: Type.Integer(),
          value: Nullable(Type.Number()),
        },
        { title: 'ReportedPoint' },
      ),
      { description: '评估日之前已采纳的历次完成值，按统计期排列' },
    ),
    planned: Type.Array(Obj({ on: Type.String(), value: Type.Number() }, { title: 'PlannedPoint' }), {
      description: '计划路径：已批准工作方案的计划值，没有时为按时序进度的月末应完成值（累计类指标）',
    }),
    reason: Nullable(
      Literals(['no_data', 'not_comparable', 'not_started', 'data_error', 'not_measured'], {
        description:
          '无灯的原因：no_data 尚未报送，not_comparable 不可比，not_started 数据尚未到期，data_error 库中的数值有误，not_measured 不按时序进度衡量（长远目标、产能、规模等，或督查室设定）',
      }),
    ),
  },
  { title: 'TargetStatus' },
);

export const MilestoneStatusSchema = Obj(
  {
    milestoneId: Type.Integer(),
    title: Type.String(),
    dueOn: Type.String(),
    unitId: Nullable(Type.Integer()),
    reachedOn: Nullable(Type.String()),
    state: Literals(['pending', 'reached', 'reached_late', 'missed']),
    light: LightSchema,
  },
  { title: 'MilestoneStatus' },
);

export const TaskStatusSchema = Obj(
  {
    taskId: Type.Integer(),
    planId: Type.Integer(),
    key: Type.String(),
    taskStatus: TaskStateSchema,
    asOf: Type.String(),
    period: PeriodSchema,
    timeProgress: Type.Number({ description: '时序进度，0 至 1' }),
    light: LightSchema,
    source: LightSourceSchema,
    dataError: DataErrorSchema,
    reportOverdue: Type.Boolean(),
    confidenceConflict: Type.Boolean({ description: '单位自评与数据相反' }),
    behindPoints: Nullable(Type.Number()),
    reasons: ReasonsSchema,
    confidence: Nullable(ConfidenceSchema),
    targets: Type.Array(TargetStatusSchema),
    milestones: Type.Array(MilestoneStatusSchema),
    workPlan: Nullable(Obj({ workPlanId: Type.Integer(), revision: Type.Integer() }, { description: '现行（已批准）的工作方案' })),
    latest: Nullable(
      Obj(
        {
          reportId: Nullable(Type.Integer()),
          periodEnd: Nullable(Type.String()),
          reportedAt: Nullable(Type.String()),
          confidence: Nullable(ConfidenceSchema),
          confidenceReason: Nullable(Type.String()),
          proposeComplete: Type.Boolean(),
        },
        { description: '最近采纳的主办单位报告的自评' },
      ),
    ),
    history: Type.Array(LightRecordSchema),
  },
  { title: 'TaskStatus' },
);
