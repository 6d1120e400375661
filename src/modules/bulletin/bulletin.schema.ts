/** Bulletins (通报) and what they say (src/documents/bulletin-content.ts), as the API shows and takes them. */
import { Type } from 'typebox';
import { Literals, Nullable, Obj, RowInteger } from '../../server/http-schema.js';
import { ActionNameSchema } from '../auth/actions.schema.js';
import { LightCountsSchema, LightSchema } from '../status/status.schema.js';
import { OrderGradeSchema } from '../order/order.schema.js';
import { BULLETIN_STATUSES, MAX_REMARKS } from './bulletin.model.js';

const Id = RowInteger();
const Version = RowInteger({ description: '读取时的 version' });
export const ListQuery = Obj({ planId: Type.Optional(Id) });
export const CreateBody = Obj({
  planId: Type.Optional(Id),
  period: Type.String({ pattern: '^\\d{4}-(\\d{2}|Q[1-4])$', description: '通报期间：月度 2026-03，季度 2026-Q1' }),
});
export const ChangeBody = Obj({
  version: Version,
  remarks: Type.Optional(Type.String({ maxLength: MAX_REMARKS, description: '下步工作要求（督查室的话）' })),
  refresh: Type.Optional(Type.Boolean({ description: '按现时台账数据重新汇总' })),
});
export const IssueBody = Obj({ version: Version });

export const BulletinTaskSchema = Obj(
  {
    number: Type.Integer(),
    title: Type.String({ description: '任务的简称：第一句，约 40 字以内' }),
    hostUnits: Type.Array(Type.String()),
    leaders: Type.Array(Type.String()),
    light: LightSchema,
    progress: Nullable(Type.String({ description: '如“完成 35%，时间进度 50%”；无数据为 null' })),
    reason: Type.String({ description: '滞后或表扬的原因' }),
    reasons: Type.Optional(Type.Array(Type.String(), { description: '滞后任务的亮灯原因，每条一句、含数字；早先的草稿没有此项' })),
  },
  { title: 'BulletinTask' },
);

export const BulletinSectionSchema = Obj(
  { number: Type.String(), title: Type.String(), tasks: Type.Integer(), lights: LightCountsSchema },
  { title: 'BulletinSection' },
);

export const BulletinContentSchema = Obj(
  {
    issuer: Type.String({ description: '发文机关（落款）' }),
    mark: Type.Optional(Type.String({ description: '版头（发文机关标志）；早先的草稿没有，由发文机关生成' })),
    documentNumber: Type.String({ description: '发文字号；草稿为空，印发时编号' }),
    title: Type.String(),
    recipients: Type.String({ description: '主送机关' }),
    period: Type.String({ description: '2026-03 或 2026-Q1' }),
    periodLabel: Type.String({ description: '2026年3月' }),
    asOf: Type.String({ description: '数据截止日期' }),
    date: Type.String({ description: '落款日期' }),
    plan: Obj({ id: Type.Integer(), title: Type.String(), year: Type.Integer() }),
    timeProgress: Type.Number({ description: '时序进度，0 至 1' }),
    summary: Obj({
      tasks: Type.Integer(),
      lights: LightCountsSchema,
      completed: Type.Integer(),
      targetsReported: Type.Integer({ description: '有完成值的指标数' }),
      targetsOnPace: Type.Integer({ description: '其中不低于时序进度的' }),
      reportsOwed: Type.Integer(),
      reportsOnTime: Type.Integer(),
      reportsLate: Type.Integer(),
    }),
    sections: Type.Array(BulletinSectionSchema),
    lagging: Type.Array(BulletinTaskSchema, { description: '滞后的任务，红灯在前' }),
    goodExamples: Type.Array(BulletinTaskSchema, { description: '超过时序进度、予以表扬的任务' }),
    overdueReports: Type.Array(
      Obj(
        { taskNumber: Type.Integer(), taskTitle: Type.String(), unit: Type.String(), dueDate: Type.String(), daysLate: Type.Integer() },
        { title: 'BulletinOverdueReport' },
      ),
    ),
    openOrders: Type.Array(
      Obj(
        {
          number: Type.String(),
          grade: OrderGradeSchema,
          taskNumber: Type.Integer(),
          unit: Type.String(),
          issuedAt: Type.String(),
          respondBy: Type.String(),
          status: Type.String({ description: '督办单状态：issued 待签收，signed 已签收，answered 已回复' }),
        },
        { title: 'BulletinOpenOrder' },
      ),
    ),
    remarks: Type.String({ description: '下步工作要求' }),
    copyTo: Type.String({ description: '抄送' }),
    printedBy: Type.String({ description: '印发机关和日期' }),
  },
  { title: 'BulletinContent' },
);

export const BulletinViewSchema = Obj(
  {
    id: Type.Integer(),
    planId: Type.Integer(),
    period: Type.String(),
    periodLabel: Type.String(),
    asOf: Type.String(),
    status: Literals(BULLETIN_STATUSES, { title: 'BulletinStatus', description: 'draft 草稿，issued 已印发' }),
    serial: Nullable(Type.Integer()),
    documentNumber: Nullable(Type.String({ description: '印发后的发文字号' })),
    title: Type.String(),
    remarks: Type.String(),
    hasPdf: Type.Boolean(),
    createdAt: Type.String(),
    createdBy: Nullable(Type.String({ description: '起草人姓名' })),
    issuedAt: Nullable(Type.String()),
    issuedBy: Nullable(Type.String({ description: '印发人姓名' })),
    version: Type.Integer(),
    actions: Type.Array(ActionNameSchema, { description: '当前用户此刻可对这份通报执行的操作' }),
    content: Type.Optional(BulletinContentSchema),
  },
  { title: 'Bulletin', description: '通报；content 只在详情和改动的回答中' },
);
export const BulletinListSchema = Obj({ items: Type.Array(BulletinViewSchema) });
