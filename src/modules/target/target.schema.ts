/** A task's targets as the office changes them, and target change requests (指标调整), as the API shows and takes them. */
import { Type } from 'typebox';
import { Literals, Nullable, Obj, RowInteger, StepBody } from '../../server/http-schema.js';
import { Figure } from '../../server/number-schema.js';
import { ActionNameSchema } from '../auth/actions.schema.js';
import { CombineRuleSchema, NamedRefSchema, TargetKindSchema, TargetScopeSchema } from '../task/task.schema.js';
import { LIMITS } from './target-change.js';
import { CHANGE_OPS, REQUEST_EVENTS, REQUEST_STATUSES, REVISION_KINDS } from './target.model.js';

const Id = RowInteger();
const Reason = Type.Optional(Type.String({ maxLength: 2000, description: '调整理由（必填，记入审计）' }));
const Text = Type.String({ minLength: 1, maxLength: LIMITS.text, description: '指标所在的原文表述' });
const Metric = Type.String({ minLength: 1, maxLength: LIMITS.metric, description: '指标名称，如 新增营收' });
const Unit = Nullable(Type.String({ maxLength: LIMITS.unit, description: '计量单位，如 亿元、%' }));
const Qualifiers = Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.qualifier }), { maxItems: LIMITS.qualifiers, description: '以上、力争、左右…' });
const Owners = Type.Array(Id, {
  maxItems: LIMITS.owners,
  description: '认领该指标的单位（须为任务的主办单位或其所含单位）；空表示由主办单位共同承担',
});
const Measured = Type.Boolean({ description: '是否按时序进度衡量并亮灯' });

/** A new target: what is left out is filled in as the importer would (text from the name, measured from the scope, combine from the kind). */
export const TargetDraftSchema = Obj(
  {
    text: Type.Optional(Text),
    metric: Metric,
    kind: TargetKindSchema,
    value: Nullable(Figure({ description: '目标值；只减不增等无数值时为 null' })),
    unit: Type.Optional(Unit),
    qualifiers: Type.Optional(Qualifiers),
    scope: Type.Optional(TargetScopeSchema),
    measured: Type.Optional(Measured),
    combine: Type.Optional(CombineRuleSchema),
    owners: Type.Optional(Owners),
  },
  { title: 'TargetDraft', description: '新的指标（新增、拆分或合并所得）' },
);

export const TargetEditBody = Obj(
  {
    version: RowInteger({ description: '读取时指标的 version；指标已被他人修改时返回 409' }),
    reason: Reason,
    text: Type.Optional(Text),
    metric: Type.Optional(Metric),
    kind: Type.Optional(TargetKindSchema),
    value: Type.Optional(Nullable(Figure({ description: '目标值' }))),
    unit: Type.Optional(Unit),
    qualifiers: Type.Optional(Qualifiers),
    scope: Type.Optional(TargetScopeSchema),
    measured: Type.Optional(Measured),
    combine: Type.Optional(CombineRuleSchema),
    owners: Type.Optional(Owners),
  },
  { title: 'TargetEdit', description: '修改一个指标：改名、改类型/数值/性质、是否衡量、责任单位、合成方式；只写要改的字段' },
);

export const TargetSplitBody = Obj(
  {
    version: RowInteger({ description: '读取时指标的 version' }),
    reason: Reason,
    into: Type.Array(TargetDraftSchema, { maxItems: LIMITS.split, description: '拆分后的指标（至少两个）；原指标停用，已报数值保留在原指标上' }),
  },
  { title: 'TargetSplit' },
);

export const TargetRetireBody = Obj(
  { version: RowInteger({ description: '读取时指标的 version' }), reason: Reason },
  { title: 'TargetRetire', description: '删除指标：停用并从台账隐去，已报送和计划的数值保留' },
);

export const TargetAddBody = Obj({ reason: Reason, target: TargetDraftSchema }, { title: 'TargetAdd' });

export const TargetMergeBody = Obj(
  {
    reason: Reason,
    targets: Type.Array(Obj({ id: Id, version: RowInteger({ description: '读取时指标的 version' }) }, { title: 'TargetVersionRef' }), {
      maxItems: LIMITS.merge,
      description: '要合并的指标（至少两个）及读取时的 version',
    }),
    into: TargetDraftSchema,
  },
  { title: 'TargetMerge' },
);

export const ChangeQuery = Obj({
  awaiting: Type.Optional(Type.Literal('me', { description: 'me：只列待本人决定的指标调整（牵头领导；无牵头领导的任务为督查室）' })),
  taskId: Type.Optional(Id),
  status: Type.Optional(Literals(REQUEST_STATUSES)),
});

export const ApproveBody = StepBody({ comment: Type.Optional(Type.String({ maxLength: 5000 })) });
export const RejectBody = StepBody({ comment: Type.String({ minLength: 1, maxLength: 5000 }) });
export const WithdrawBody = StepBody({ comment: Type.Optional(Type.String({ maxLength: 5000 })) });

const stateProperties = {
  text: Type.String(),
  metric: Type.String(),
  kind: TargetKindSchema,
  value: Nullable(Type.Number()),
  unit: Nullable(Type.String()),
  qualifiers: Type.Array(Type.String()),
  scope: TargetScopeSchema,
  measured: Type.Boolean(),
  combine: CombineRuleSchema,
  owners: Type.Array(Type.Integer(), { description: '认领单位的编号；空表示由主办单位共同承担' }),
};

export const TargetStateSchema = Obj(stateProperties, { title: 'TargetState', description: '指标的全部内容' });
export const TargetSnapshotSchema = Obj({ id: Type.Integer(), ...stateProperties }, { title: 'TargetSnapshot', description: '某一时刻的指标' });
const SnapshotAtSchema = Obj(
  { id: Type.Integer(), ...stateProperties, version: Type.Integer() },
  { title: 'TargetSnapshotAt', description: '提出调整时的指标及其 version' },
);

export const TargetChangeSchema = Type.Union(
  [
    Obj({ op: Type.Literal('edit'), targetId: Type.Integer(), after: TargetStateSchema }, { title: 'TargetEditChange' }),
    Obj({ op: Type.Literal('split'), targetId: Type.Integer(), into: Type.Array(TargetStateSchema) }, { title: 'TargetSplitChange' }),
    Obj({ op: Type.Literal('merge'), targetIds: Type.Array(Type.Integer()), into: TargetStateSchema }, { title: 'TargetMergeChange' }),
    Obj({ op: Type.Literal('add'), target: TargetStateSchema }, { title: 'TargetAddChange' }),
    Obj({ op: Type.Literal('retire'), targetId: Type.Integer() }, { title: 'TargetRetireChange' }),
  ],
  { title: 'TargetChange', description: '调整的内容：edit 修改，split 拆分，merge 合并，add 新增，retire 删除' },
);

export const TargetChangeEventSchema = Obj(
  {
    at: Type.String(),
    action: Literals(REQUEST_EVENTS, { title: 'TargetChangeEventKind', description: 'propose 提出，approve 批准，reject 不予批准，withdraw 撤回' }),
    actor: Nullable(Type.String()),
    comment: Nullable(Type.String()),
  },
  { title: 'TargetChangeEvent' },
);

export const TargetChangeRequestSchema = Obj(
  {
    id: Type.Integer(),
    taskId: Type.Integer(),
    op: Literals(CHANGE_OPS, { title: 'TargetChangeOp' }),
    change: TargetChangeSchema,
    before: Type.Array(SnapshotAtSchema, { description: '涉及的指标在提出调整时的内容' }),
    summary: Type.String({ description: '调整内容（中文）' }),
    reason: Type.String(),
    status: Literals(REQUEST_STATUSES, { title: 'TargetChangeStatus', description: 'pending 待决定，approved 已批准，rejected 未批准，withdrawn 已撤回' }),
    proposedBy: Nullable(Type.Integer()),
    proposer: Nullable(Type.String({ description: '提出人' })),
    decidedBy: Nullable(Type.Integer()),
    decidedAt: Nullable(Type.String()),
    decisionComment: Nullable(Type.String()),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    events: Type.Array(TargetChangeEventSchema, { description: '经过：提出、批准或不予批准、撤回' }),
    actions: Type.Array(ActionNameSchema, { description: '当前用户此刻可对这项调整执行的操作' }),
  },
  { title: 'TargetChangeRequest', description: '指标调整（任务开始调度后，调整指标须经牵头领导批准）' },
);
export const TargetChangeListSchema = Obj({ items: Type.Array(TargetChangeRequestSchema) }, { title: 'TargetChangeList' });

export const LedgerTargetSchema = Obj(
  {
    id: Type.Integer(),
    position: Type.Integer(),
    version: Type.Integer(),
    createdAt: Nullable(Type.String({ description: '生效时间；随通知导入的为 null' })),
    text: Type.String(),
    metric: Type.String(),
    kind: TargetKindSchema,
    value: Nullable(Type.Number()),
    unit: Nullable(Type.String()),
    qualifiers: Type.Array(Type.String()),
    scope: TargetScopeSchema,
    measured: Type.Boolean({ description: '是否按时序进度衡量并亮灯' }),
    combine: CombineRuleSchema,
    owners: Type.Array(NamedRefSchema, { description: '认领单位；空表示由主办单位共同承担' }),
    pendingRequestId: Nullable(Type.Integer({ description: '涉及该指标、待决定的指标调整' })),
  },
  { title: 'LedgerTarget' },
);

export const TaskTargetsSchema = Obj(
  {
    taskId: Type.Integer(),
    changesNeedApproval: Type.Boolean({ description: '任务已开始调度：调整指标须经牵头领导（无牵头领导的为督查室）批准' }),
    targets: Type.Array(LedgerTargetSchema),
    ownerChoices: Type.Array(NamedRefSchema, { description: '可认领指标的单位：任务的主办单位及其所含单位' }),
    pending: Type.Array(TargetChangeRequestSchema, { description: '待决定的指标调整' }),
    actions: Type.Array(ActionNameSchema, { description: '当前用户可对本任务指标执行的操作' }),
  },
  { title: 'TaskTargets' },
);

export const TargetChangeOutcomeSchema = Obj(
  {
    outcome: Literals(['applied', 'requested'], { title: 'TargetChangeOutcomeKind', description: 'applied 已生效；requested 已提交牵头领导审批' }),
    request: Nullable(TargetChangeRequestSchema),
    targets: TaskTargetsSchema,
  },
  { title: 'TargetChangeOutcome' },
);

export const TargetRevisionSchema = Obj(
  {
    id: Type.Integer(),
    targetId: Type.Integer(),
    at: Type.String(),
    actor: Nullable(Type.String()),
    change: Literals(REVISION_KINDS, {
      title: 'TargetRevisionKind',
      description:
        'retype 改类型，rename 改名，measure 改为衡量，exclude 改为不衡量，split 拆分，merge 合并，add 新增，retire 删除，owners 改认领单位，edit 多项修改',
    }),
    before: Nullable(TargetSnapshotSchema),
    after: Nullable(TargetSnapshotSchema),
    reason: Nullable(Type.String()),
    requestId: Nullable(Type.Integer({ description: '据以调整的指标调整申请' })),
  },
  { title: 'TargetRevision' },
);

export const TargetHistorySchema = Obj(
  {
    taskId: Type.Integer(),
    revisions: Type.Array(TargetRevisionSchema, { description: '已生效的调整，新的在前' }),
    requests: Type.Array(TargetChangeRequestSchema, { description: '指标调整申请，新的在前' }),
  },
  { title: 'TargetHistory' },
);
