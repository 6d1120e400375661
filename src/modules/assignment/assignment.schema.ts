/** Governments, tasks handed down (下达), their links (承接) and roll-ups (汇总) as the API takes and shows them (ADR 0031). */
import { Type } from 'typebox';
import { Nullable, Obj, RowInteger } from '../../server/http-schema.js';
import { Figure } from '../../server/number-schema.js';
import { AsOfDate, ConfidenceSchema, LightSchema } from '../status/status.schema.js';
import { CombineRuleSchema } from '../task/task.schema.js';

/** A government may hand a task down to this many lower governments at once. */
export const MAX_ASSIGNEES = 500;

export const GovernmentSchema = Obj(
  {
    id: Type.Integer(),
    name: Type.String({ description: '政府名称' }),
    parentId: Nullable(Type.Integer({ description: '上级政府 id；最上级为 null' })),
  },
  { title: 'Government' },
);
export const GovernmentListSchema = Obj({ items: Type.Array(GovernmentSchema) }, { title: 'GovernmentList' });

export const ShareInput = Obj(
  {
    targetId: RowInteger({ description: '本级任务的指标 id' }),
    governmentId: RowInteger({ description: '下级政府 id' }),
    value: Figure({ description: '分给该政府的数值（增量、总量按份额合计须等于原数；比率、水平各自给定）' }),
  },
  { title: 'ShareInput' },
);

export const AssignmentBody = Obj({
  governmentIds: Type.Array(RowInteger(), { minItems: 1, maxItems: MAX_ASSIGNEES, uniqueItems: true, description: '交办给的下级政府 id' }),
  shares: Type.Optional(Type.Array(ShareInput, { maxItems: 5000, description: '指标分解：每项指标给每个下级政府的数值；不分解的指标原样下达' })),
});

export const AssignmentShareSchema = Obj({
  targetId: Type.Integer({ description: '本级任务的指标 id' }),
  value: Nullable(Type.Number({ description: '该政府承担的数值' })),
});

export const AssignmentSchema = Obj(
  {
    id: Type.Integer(),
    sourceTaskId: Type.Integer({ description: '本级（上级）任务 id' }),
    governmentId: Type.Integer({ description: '下级政府 id' }),
    governmentName: Type.String(),
    taskId: Type.Integer({ description: '在下级政府台账中的任务 id' }),
    createdAt: Type.String(),
    shares: Type.Array(AssignmentShareSchema),
  },
  { title: 'Assignment' },
);
export const AssignmentListSchema = Obj({ items: Type.Array(AssignmentSchema) }, { title: 'AssignmentList' });

export const RollupQuery = Obj({ asOf: Type.Optional(AsOfDate) });

const LastReportSchema = Obj(
  {
    reportId: Type.Integer(),
    periodEnd: Type.String({ description: '报告所属期末' }),
    acceptedAt: Type.String({ description: '督查室采纳时间' }),
    confidence: Nullable(ConfidenceSchema),
    progress: Type.String({ description: '进展情况' }),
  },
  { title: 'RollupReport' },
);

const RollupTargetValueSchema = Obj({
  sourceTargetId: Type.Integer({ description: '上级任务的指标 id' }),
  targetId: Type.Integer({ description: '下级任务的指标 id' }),
  share: Nullable(Type.Number({ description: '分给该政府的数值' })),
  value: Nullable(Type.Number({ description: '截至统计日已采纳的数值；未报为 null' })),
  completion: Nullable(Type.Number({ description: '完成比例（0–1 以上），不可比时为 null' })),
});

const LinkedTaskSchema = Obj({
  taskId: Type.Integer(),
  key: Type.String(),
  text: Type.String(),
  light: LightSchema,
});

export const RollupItemSchema = Obj(
  {
    governmentId: Type.Integer(),
    governmentName: Type.String(),
    taskId: Type.Integer({ description: '在下级政府台账中的任务 id' }),
    light: LightSchema,
    completion: Nullable(Type.Number({ description: '各可比指标完成比例的平均（0–1 以上）；没有可比指标或未报时为 null' })),
    status: Type.String({ description: '下级任务的状态：active、completed（已销号）、removed' }),
    lastReport: Nullable(LastReportSchema),
    targets: Type.Array(RollupTargetValueSchema),
    linkedTasks: Type.Array(LinkedTaskSchema, { description: '下级政府确认承接本任务的本级任务' }),
  },
  { title: 'RollupItem' },
);

export const RollupTargetSchema = Obj({
  targetId: Type.Integer(),
  text: Type.String(),
  metric: Type.String(),
  unit: Nullable(Type.String()),
  value: Nullable(Type.Number({ description: '本级任务的数值' })),
  combine: CombineRuleSchema,
  sharesTotal: Nullable(Type.Number({ description: '各下级政府分得数值之和（合计型指标）；未分解、整体下达给多个政府的为 null' })),
  combined: Nullable(Type.Number({ description: '各下级政府已采纳数值之和（合计型指标）；比率等逐个判断的为 null' })),
});

export const RollupSchema = Obj(
  {
    taskId: Type.Integer(),
    asOf: Type.String({ description: '统计日：各下级政府截至当日已采纳的数据' }),
    items: Type.Array(RollupItemSchema),
    targets: Type.Array(RollupTargetSchema),
  },
  { title: 'Rollup' },
);

export const LightCountSchema = Obj({
  green: Type.Integer(),
  yellow: Type.Integer(),
  red: Type.Integer(),
  none: Type.Integer(),
});

export const GovernmentRollupSchema = Obj(
  {
    asOf: Type.String(),
    items: Type.Array(
      Obj({
        governmentId: Type.Integer(),
        governmentName: Type.String(),
        parentId: Nullable(Type.Integer()),
        tasks: Type.Integer({ description: '交办给该政府的任务数' }),
        completed: Type.Integer({ description: '其中已销号' }),
        lights: LightCountSchema,
      }),
    ),
  },
  { title: 'GovernmentRollup' },
);

export const AssignedTasksSchema = Obj(
  {
    asOf: Type.String(),
    governmentId: Type.Integer(),
    governmentName: Type.String(),
    items: Type.Array(
      Obj({
        sourceTaskId: Type.Integer({ description: '本级（上级）任务 id' }),
        sourceKey: Type.String(),
        text: Type.String(),
        rollup: RollupItemSchema,
      }),
    ),
  },
  { title: 'AssignedTasks' },
);

export const OwnersBody = Obj({
  version: RowInteger({ minimum: 1, description: '读取时的 version' }),
  leaderIds: Type.Array(RowInteger(), { maxItems: 20, uniqueItems: true, description: '牵头领导 id' }),
  hostUnitIds: Type.Array(RowInteger(), { minItems: 1, maxItems: 50, uniqueItems: true, description: '主办单位 id' }),
  coUnitIds: Type.Array(RowInteger(), { maxItems: 200, uniqueItems: true, description: '协办单位 id' }),
});

export const LinksBody = Obj({
  taskIds: Type.Array(RowInteger(), { maxItems: 50, uniqueItems: true, description: '承接本交办任务的本级任务 id（整体替换）' }),
});

export const LinkListSchema = Obj(
  {
    items: Type.Array(Obj({ taskId: Type.Integer(), key: Type.String(), text: Type.String(), confirmedAt: Type.String() })),
  },
  { title: 'TaskLinks' },
);

export const LinkProposalsSchema = Obj(
  {
    items: Type.Array(
      Obj({
        taskId: Type.Integer(),
        key: Type.String(),
        text: Type.String(),
        score: Type.Number({ description: '相似度 0–1' }),
        reasons: Type.Array(Type.String()),
        linked: Type.Boolean({ description: '已确认承接' }),
      }),
    ),
  },
  { title: 'LinkProposals' },
);
