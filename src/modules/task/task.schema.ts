/** A task as the API shows it, and the request shapes of the task routes. */
import { Type } from 'typebox';
import { PROJECT_STAGES, TARGET_KINDS, TARGET_SCOPES, COMBINE_RULES } from '../../domain/plan.js';
import { IsoDate, Literals, Name, Nullable, Obj, RowInteger, StepBody } from '../../server/http-schema.js';
import { TASK_STATUSES } from './task.model.js';

const Id = RowInteger();
const PersonName = Name({ maxLength: 100 });

export const TaskQuery = Obj({
  planId: Type.Optional(Id),
  sectionId: Type.Optional(Id),
  leaderId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  section: Type.Optional(Name({ maxLength: 20, description: '部分的序号，如 二' })),
  leader: Type.Optional(PersonName),
  unit: Type.Optional(Name({ maxLength: 100, description: '单位名称或简称' })),
  q: Type.Optional(
    Name({
      minLength: 0,
      maxLength: 200,
      description:
        '关键词，多个词以空格分隔、须全部出现：在任务编号、任务内容、部分、单位（含单位组及其成员单位、简称）、牵头领导、指标中查找，不分全角半角和大小写',
    }),
  ),
});

/**
 * The office's correction of what the notice says of a task. `reason` is
 * optional here only so that a user who may not change tasks at all hears
 * 403 before anything about the body; the office is refused without it (400).
 */
export const TaskPatch = Obj(
  {
    version: RowInteger(),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
    deadline: Type.Optional(Nullable(IsoDate({ description: '完成时限；null 为不设时限' }))),
    deadlineText: Type.Optional(Nullable(Name({ minLength: 0, maxLength: 100 }))),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: '修改理由（督查室修改任务内容或完成时限时必填，记入审计）' })),
  },
  { title: 'TaskPatch', description: '督查室修改任务内容或完成时限（须写明理由）' },
);

export const DecisionBody = StepBody({ comment: Type.String({ minLength: 1, maxLength: 5000 }) });

export const TaskStateSchema = Literals(TASK_STATUSES, { title: 'TaskState', description: 'active 推进中，completed 已销号，removed 已从现行分解方案中删除' });

export const TargetKindSchema = Literals(TARGET_KINDS, {
  title: 'TargetKind',
  description: '指标类型：增量、总量、增速、个数、水平、减少（无数值时为只减不增）、其他',
});

export const TargetScopeSchema = Literals(TARGET_SCOPES, {
  title: 'TargetScope',
  description: '指标性质：annual 年度目标（按时序进度衡量）、long_term 长远目标、capacity 产能、scale 规模、project 项目规格',
});

export const CombineRuleSchema = Literals(COMBINE_RULES, {
  title: 'CombineRule',
  description: '多个责任单位的数值如何合成：sum 相加（增量、总量、个数、金额），per_unit 逐单位衡量（比率、水平）',
});

export const ProjectStageSchema = Literals(PROJECT_STAGES, { title: 'ProjectStage' });

/** A unit or a leader as a task names it. */
export const NamedRefSchema = Obj({ id: Type.Integer(), name: Type.String() }, { title: 'NamedRef' });

export const TargetSchema = Obj(
  {
    id: Type.Integer(),
    text: Type.String({ description: '指标所在的原文' }),
    metric: Type.String({ description: '指标名称，如 营收' }),
    kind: TargetKindSchema,
    value: Nullable(Type.Number({ description: '目标值；只减不增等无数值时为 null' })),
    unit: Nullable(Type.String()),
    qualifiers: Type.Array(Type.String(), { description: '以上、力争、左右…' }),
    scope: TargetScopeSchema,
    measured: Type.Boolean({ description: '是否按时序进度衡量并亮灯' }),
    combine: CombineRuleSchema,
  },
  { title: 'Target' },
);

export const ProjectSchema = Obj({ id: Type.Integer(), name: Type.String(), stage: ProjectStageSchema }, { title: 'Project' });

export const TaskViewSchema = Obj(
  {
    id: Type.Integer(),
    planId: Type.Integer(),
    key: Type.String({ description: '方案内的任务标识：部分序号/任务序号，如 二/1' }),
    number: Type.Integer(),
    section: Nullable(Type.String({ description: '部分的序号，如 二' })),
    sectionId: Nullable(Type.Integer()),
    text: Type.String(),
    deadline: Nullable(Type.String({ description: '完成时限 YYYY-MM-DD' })),
    deadlineText: Nullable(Type.String({ description: '原文中的时限，如 6月底前' })),
    status: TaskStateSchema,
    version: Type.Integer(),
    leaders: Type.Array(Type.String()),
    hostUnits: Type.Array(Type.String()),
    coUnits: Type.Array(Type.String()),
    leaderRefs: Type.Array(NamedRefSchema),
    hostUnitRefs: Type.Array(NamedRefSchema),
    coUnitRefs: Type.Array(NamedRefSchema),
    hostMemberRefs: Type.Array(NamedRefSchema, {
      description: '主办单位中的单位组（如 区直各部门）的成员单位：各自报送主办报告，可查看和办理本任务',
    }),
    coMemberRefs: Type.Array(NamedRefSchema, { description: '协办单位中的单位组（如 各镇街）的成员单位：各自报送协办材料' }),
    targets: Type.Array(TargetSchema),
    projects: Type.Array(ProjectSchema),
    sourceTaskId: Nullable(Type.Integer({ description: '上级交办任务：上级政府的任务 id；本级自己的任务为 null' })),
    sourceGovernmentId: Nullable(Type.Integer({ description: '上级交办任务：交办的上级政府 id' })),
    sourceGovernmentName: Nullable(Type.String({ description: '上级交办任务：交办的上级政府名称' })),
    sourceKey: Nullable(Type.String({ description: '上级交办任务：在上级政府台账中的任务标识，如 二/1' })),
  },
  { title: 'Task' },
);

export const TaskListSchema = Obj({ items: Type.Array(TaskViewSchema), total: Type.Integer() }, { title: 'TaskList' });
