/** Plans, their sections and versions, and an import's preview and result, as the API shows them; the import's request. */
import { Type } from 'typebox';
import { WARNING_CODES } from '../../domain/plan.js';
import { Base64File, Literals, Name, Nullable, Obj, RowInteger } from '../../server/http-schema.js';
import { Figure } from '../../server/number-schema.js';
import { CombineRuleSchema, ProjectStageSchema, TargetKindSchema, TargetScopeSchema } from '../task/task.schema.js';
import { DECIDED_FIELDS, DECISION_KINDS } from './plan-conflicts.js';
import { PLAN_FIELDS, TASK_FIELDS } from './plan-diff.js';

const UnitOrLeader = Name({ maxLength: 100 });
const DecidedFieldSchema = Literals(DECIDED_FIELDS, { title: 'DecidedField', description: 'text 任务内容，deadline 完成时限，status 销号，targets 指标' });
const TargetCorrectionSchema = Obj(
  {
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: '指标所在的原文；缺省为指标名称' })),
    metric: Type.String({ minLength: 1, maxLength: 200, description: '指标名称' }),
    kind: TargetKindSchema,
    value: Nullable(Figure({ description: '目标值；无数值时为 null' })),
    unit: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    qualifiers: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 })),
    scope: Type.Optional(TargetScopeSchema),
    measured: Type.Optional(Type.Boolean({ description: '是否按时序进度衡量；缺省时年度目标衡量，其余不衡量' })),
  },
  { title: 'TargetCorrection', description: '更正后的一个指标' },
);
const Corrections = Obj(
  {
    tasks: Type.Optional(
      Type.Array(
        Obj(
          {
            key: Name({ minLength: 0, maxLength: 40 }),
            hostUnits: Type.Optional(Type.Array(UnitOrLeader)),
            coUnits: Type.Optional(Type.Array(UnitOrLeader)),
            leaders: Type.Optional(Type.Array(UnitOrLeader)),
            targets: Type.Optional(
              Type.Array(TargetCorrectionSchema, {
                maxItems: 200,
                description: '任务的全部指标（取代识别结果）：可改类型、名称、数值、性质，排除或纳入衡量，拆分、合并、新增、删除',
              }),
            ),
          },
          { title: 'TaskCorrection', description: '更正一项任务的单位、领导和指标（按任务标识）' },
        ),
        { maxItems: 5000 },
      ),
    ),
    units: Type.Optional(
      Type.Array(Obj({ from: UnitOrLeader, to: UnitOrLeader }, { title: 'UnitCorrection', description: '把识别出的单位名称改为另一个' }), { maxItems: 5000 }),
    ),
  },
  { title: 'ImportCorrections' },
);
export const ImportBody = Obj(
  {
    fileName: Name({ maxLength: 255 }),
    /** The file's bytes, base64-encoded (at most 20 MB once decoded). */
    content: Base64File('文件内容（base64），解码后最大 20 MB'),
    units: Type.Optional(Type.String({ maxLength: 5_000_000, description: '单位名录（JSON 文本）' })),
    corrections: Type.Optional(Corrections),
    override: Type.Optional(
      Type.Array(
        Obj(
          {
            taskNumber: RowInteger({ description: '任务序号' }),
            section: Type.Optional(Nullable(Type.String({ maxLength: 20, description: '部分的序号（任务序号按部分重新编号时用以区分）' }))),
            field: DecidedFieldSchema,
          },
          { title: 'ConflictOverride', description: '这一冲突采用新通知的值，不保留原决定' },
        ),
        { maxItems: 5000, description: '采用新通知的冲突；未列出的冲突一律保留原决定' },
      ),
    ),
  },
  { title: 'ImportRequest' },
);
export const SectionsQuery = Obj({ planId: RowInteger() });

const PlanHeader = {
  docNumber: Nullable(Type.String({ description: '文号，如 某政发〔2026〕1号' })),
  year: Type.Integer(),
  title: Type.String(),
  issuer: Nullable(Type.String()),
  issuedOn: Nullable(Type.String({ description: '发文日期 YYYY-MM-DD' })),
};

const PlanProperties = {
  id: Type.Integer(),
  ...PlanHeader,
  currentVersion: Type.Integer({ description: '现行版本号（每导入一次修订加一）' }),
  version: Type.Integer(),
  sourceHash: Nullable(Type.String({ description: '现行版本文件的 SM3 摘要' })),
  taskCount: Type.Integer({ description: '任务数（不含修订中删除的任务）' }),
  importedAt: Nullable(Type.String({ description: '现行版本的导入时间' })),
  archived: Nullable(
    Obj(
      {
        at: Type.String({ description: '归档时间' }),
        by: Nullable(Type.Integer({ description: '归档人（用户 id）' })),
        byName: Nullable(Type.String({ description: '归档人姓名' })),
        reason: Type.String({ description: '归档理由' }),
      },
      { title: 'PlanArchive', description: '已归档（只读）；null 为使用中' },
    ),
  ),
};

export const PlanViewSchema = Obj(PlanProperties, { title: 'Plan' });
export const PlanArchiveBody = Obj(
  {
    version: RowInteger({ description: '读取时的 version；计划已被他人修改时返回 409' }),
    reason: Type.String({ maxLength: 2000, description: '理由（必填，记入审计）' }),
  },
  { title: 'PlanArchiveRequest' },
);
export const PlanListSchema = Obj({ items: Type.Array(PlanViewSchema) });

export const SectionSchema = Obj(
  { id: Type.Integer(), number: Type.String({ description: '部分的序号，如 二' }), title: Type.String(), position: Type.Integer() },
  { title: 'Section' },
);
export const SectionListSchema = Obj({ items: Type.Array(SectionSchema) });

export const HeadlineTargetSchema = Obj(
  {
    id: Type.Integer(),
    position: Type.Integer(),
    text: Type.String(),
    metric: Type.String(),
    kind: TargetKindSchema,
    value: Nullable(Type.Number()),
    unit: Nullable(Type.String()),
    qualifiers: Type.Array(Type.String()),
    scope: TargetScopeSchema,
    measured: Type.Boolean(),
    combine: CombineRuleSchema,
  },
  { title: 'HeadlineTarget', description: '主要预期目标' },
);

export const PlanFieldSchema = Literals(PLAN_FIELDS, { title: 'PlanField' });
export const TaskFieldSchema = Literals(TASK_FIELDS, { title: 'TaskField' });

export const PlanVersionSchema = Obj(
  {
    number: Type.Integer(),
    sourceHash: Type.String(),
    sourceName: Type.String(),
    importedBy: Nullable(Type.Integer()),
    importedAt: Type.String(),
    summary: Obj(
      {
        added: Type.Integer(),
        changed: Type.Integer(),
        removed: Type.Integer(),
        unchanged: Type.Integer(),
        planFields: Type.Array(PlanFieldSchema),
        keys: Obj({ added: Type.Array(Type.String()), changed: Type.Array(Type.String()), removed: Type.Array(Type.String()) }),
      },
      { description: '本版本新增、修改、删除、未变的任务数及其标识，改动的方案字段' },
    ),
  },
  { title: 'PlanVersion' },
);

export const PlanDetailSchema = Obj(
  { ...PlanProperties, sections: Type.Array(SectionSchema), headlineTargets: Type.Array(HeadlineTargetSchema), versions: Type.Array(PlanVersionSchema) },
  { title: 'PlanDetail' },
);

/** The importer's output (src/domain/plan.ts): what a notice says, before it is stored. */
export const NoticeTargetSchema = Obj(
  {
    text: Type.String(),
    metric: Type.String(),
    kind: TargetKindSchema,
    value: Nullable(Type.Number()),
    unit: Nullable(Type.String()),
    qualifiers: Type.Array(Type.String()),
    scope: Type.Optional(TargetScopeSchema),
    measured: Type.Optional(Type.Boolean({ description: '是否按时序进度衡量；缺省时年度目标衡量，其余不衡量' })),
  },
  { title: 'NoticeTarget' },
);

export const NoticeTaskSchema = Obj(
  {
    number: Type.Integer(),
    section: Nullable(Type.String()),
    text: Type.String(),
    leaders: Type.Array(Type.String()),
    hostUnits: Type.Array(Type.String()),
    coUnits: Type.Array(Type.String()),
    targets: Type.Array(NoticeTargetSchema),
    projects: Type.Array(Obj({ name: Type.String(), stage: ProjectStageSchema }, { title: 'NoticeProject' })),
    deadline: Nullable(Type.String()),
    deadlineText: Nullable(Type.String()),
    hostSignal: Literals(['label', 'structure', 'bold', 'position', 'column', 'none'], {
      description: '主办单位的识别依据：标注、结构、加粗、位置、表格列，或无',
    }),
    line: Type.Integer({ description: '任务在原文中的起始行（表格为行号）' }),
  },
  { title: 'NoticeTask' },
);

export const ImportWarningSchema = Obj(
  {
    code: Literals(WARNING_CODES),
    task: Nullable(Type.Integer({ description: '所涉任务的序号；涉及整个通知时为 null' })),
    line: Nullable(Type.Integer()),
    message: Type.String(),
  },
  { title: 'ImportWarning' },
);

export const NoticePlanSchema = Obj(
  {
    docNumber: Nullable(Type.String()),
    issuer: Nullable(Type.String()),
    date: Nullable(Type.String()),
    year: Nullable(Type.Integer()),
    title: Nullable(Type.String()),
    headlineTargets: Type.Array(NoticeTargetSchema),
    sections: Type.Array(Obj({ number: Type.String(), title: Type.String() }, { title: 'NoticeSection' })),
    tasks: Type.Array(NoticeTaskSchema),
    warnings: Type.Array(ImportWarningSchema),
  },
  { title: 'NoticePlan' },
);

export const ImportConflictSchema = Obj(
  {
    key: Type.String(),
    taskNumber: Type.Integer(),
    section: Nullable(Type.String()),
    field: DecidedFieldSchema,
    decision: Literals(DECISION_KINDS, { title: 'DecisionKind', description: 'extension 延期申请获批，office 督查室修改，completed 已销号' }),
    current: Nullable(Type.String({ description: '原决定的值' })),
    notice: Nullable(Type.String({ description: '新通知的值' })),
    kept: Type.Boolean({ description: 'true 保留原决定（默认）；false 采用新通知' }),
    message: Type.String(),
  },
  { title: 'ImportConflict' },
);

export const ImportDiffSchema = Obj(
  {
    existingPlanId: Nullable(Type.Integer({ description: '本通知修订的方案；新方案为 null' })),
    sameSource: Type.Boolean({ description: '与现行版本是同一文件（SM3 相同）' }),
    plan: Obj({ fields: Type.Array(PlanFieldSchema) }),
    tasks: Obj({
      added: Type.Array(Type.String()),
      changed: Type.Array(Obj({ key: Type.String(), fields: Type.Array(TaskFieldSchema) })),
      removed: Type.Array(Type.String()),
      unchanged: Type.Integer(),
    }),
    conflicts: Type.Array(ImportConflictSchema, { description: '新通知将推翻的决定（延期获批、督查室修改、销号）及其处理' }),
  },
  { title: 'ImportDiff' },
);

export const ImportPreviewSchema = Obj(
  { plan: NoticePlanSchema, warnings: Type.Array(ImportWarningSchema), diff: ImportDiffSchema },
  { title: 'ImportPreview', description: '更正已应用、单位名称已规范的方案，警告，与已导入版本的差异' },
);

export const ImportResultSchema = Obj(
  {
    planId: Type.Integer(),
    version: Type.Integer({ description: '导入后的现行版本号' }),
    created: Type.Boolean({ description: '为 false 时内容与已导入的版本相同，未做任何更改' }),
    diff: ImportDiffSchema,
    title: Type.String(),
    tasks: Type.Integer({ description: '导入后现行的任务数' }),
  },
  { title: 'ImportResult' },
);
