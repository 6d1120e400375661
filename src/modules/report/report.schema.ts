/** Progress reports as the API shows and takes them. */
import { Type } from 'typebox';
import { IsoDate, Literals, Nullable, Obj, StepBody } from '../../server/http-schema.js';
import { Figure, RowId } from '../../server/number-schema.js';
import { AttachmentViewSchema } from '../attachment/attachment.schema.js';
import { ActionNameSchema } from '../auth/actions.schema.js';
import { ConfidenceSchema } from '../status/status.schema.js';
import { CONFIDENCES, REPORT_STATUSES } from './report.model.js';

const Id = RowId();
const Text = Type.String({ maxLength: 20000 });
export const ReportQuery = Obj({ roundId: Type.Optional(Id), taskId: Type.Optional(Id), unitId: Type.Optional(Id) });
export const ReportPatch = Obj({
  version: RowId(),
  progress: Type.Optional(Text),
  problems: Type.Optional(Text),
  nextSteps: Type.Optional(Text),
  confidence: Type.Optional(Type.Union([...CONFIDENCES.map((c) => Type.Literal(c)), Type.Null()])),
  confidenceReason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  values: Type.Optional(Type.Array(Obj({ targetId: Id, value: Figure({ description: '指标的实际完成值（累计）' }) }), { maxItems: 200 })),
  milestones: Type.Optional(Type.Array(Obj({ milestoneId: Id, reachedOn: IsoDate({ description: '完成日期' }) }), { maxItems: 200 })),
  proposeComplete: Type.Optional(Type.Boolean({ description: '提请销号：任务已完成，由督查室决定' })),
});
export const ReturnBody = StepBody({ comment: Type.String({ minLength: 1, maxLength: 5000 }) });
export const VoidBody = StepBody({ reason: Type.String({ minLength: 1, maxLength: 2000, description: '作废的原因（必填），记入流转记录和审计日志' }) });
/** A step with nothing to say but, optionally, the version read. */
export const StepOnly = StepBody({});

export const ReportStatusSchema = Literals(REPORT_STATUSES, {
  title: 'ReportStatus',
  description: 'draft 草稿，approved 已审核，submitted 已报送，accepted 已采纳，returned 已退回，voided 已作废（不再计入数据）',
});

const ReportProperties = {
  id: Type.Integer(),
  roundId: Type.Integer(),
  taskId: Type.Integer(),
  unitId: Type.Integer(),
  role: Literals(['host', 'co'], { description: 'host 主办单位，co 协办单位' }),
  status: ReportStatusSchema,
  progress: Type.String(),
  problems: Type.String(),
  nextSteps: Type.String(),
  confidence: Nullable(ConfidenceSchema),
  confidenceReason: Nullable(Type.String()),
  authorId: Nullable(Type.Integer()),
  approvedBy: Nullable(Type.Integer()),
  approvedAt: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  returnedAt: Nullable(Type.String()),
  returnCount: Type.Integer(),
  proposeComplete: Type.Boolean({ description: '单位提请销号；由督查室决定' }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  allowedActions: Type.Array(ActionNameSchema, { description: '当前用户此刻可对这份报告执行的操作' }),
};

export const ReportViewSchema = Obj(ReportProperties, { title: 'Report' });
export const ReportListSchema = Obj({ items: Type.Array(ReportViewSchema) });

export const ReportValueSchema = Obj({ targetId: Type.Integer(), value: Type.Number() }, { title: 'ReportValue', description: '指标的实际完成值（累计）' });

export const ReportEventSchema = Obj(
  {
    id: Type.Integer(),
    at: Type.String(),
    actorUserId: Nullable(Type.Integer()),
    action: Type.String({ description: 'edit、approve、submit、accept、return、void' }),
    comment: Nullable(Type.String({ description: '审核意见或作废原因；无权查看意见的人看到 null' })),
  },
  { title: 'ReportEvent' },
);

export const ReachedMilestoneSchema = Obj(
  { milestoneId: Type.Integer(), reachedOn: Type.String(), title: Type.String(), dueOn: Type.String() },
  { title: 'ReachedMilestone', description: '报告所称已完成的工作方案节点' },
);

const Evidence = {
  milestones: Type.Array(ReachedMilestoneSchema),
  attachments: Type.Array(AttachmentViewSchema),
};

export const ReportDetailSchema = Obj(
  {
    ...ReportProperties,
    values: Type.Array(ReportValueSchema),
    events: Type.Array(ReportEventSchema, {
      description: '流转记录，按时间先后；报告各步骤（修改、审核、报送等）的答复只含最近 20 次修改和其他全部步骤，完整记录见 GET /api/reports/{id}',
    }),
    eventCount: Type.Integer({ description: '流转记录的总条数（含答复中省略的较早修改）' }),
    ...Evidence,
  },
  { title: 'ReportDetail', description: '报告详情：指标实际值、流转记录、已完成的节点和佐证材料' },
);

export const ReportInputSchema = Obj(
  { ...ReportProperties, values: Type.Array(ReportValueSchema), ...Evidence },
  { title: 'ReportInput', description: '协办单位已审核的报告，供主办单位汇总' },
);
export const ReportInputListSchema = Obj({ items: Type.Array(ReportInputSchema) });
