/** The audit log as the API shows it. */
import { Type } from 'typebox';
import { IsoDate, Name, Nullable, Obj, RowInteger } from '../../server/http-schema.js';

/** Who, what and when: the filters the log's page and its export share. */
const AuditFilters = {
  user: Type.Optional(Name({ maxLength: 64, description: '操作人的用户名' })),
  action: Type.Optional(Name({ maxLength: 64, description: '操作，如 user.password.reset；也可只写前段（user 即 user.create、user.unlock 等）' })),
  objectType: Type.Optional(Name({ maxLength: 64, description: '对象类型，如 task、report、user' })),
  from: Type.Optional(IsoDate({ description: '自这一天（北京时间，含）' })),
  to: Type.Optional(IsoDate({ description: '至这一天（北京时间，含）' })),
};

export const AuditQuery = Obj({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  beforeSeq: Type.Optional(RowInteger()),
  ...AuditFilters,
});

export const AuditExportQuery = Obj(AuditFilters);

export const AuditEntrySchema = Obj(
  {
    id: Type.Integer(),
    seq: Type.Integer({ description: '序号；按序号由 SM3 链接成链' }),
    at: Type.String(),
    actor: Obj({
      userId: Nullable(Type.Integer()),
      username: Nullable(Type.String()),
      unitId: Nullable(Type.Integer()),
      role: Nullable(Type.String()),
      ip: Nullable(Type.String()),
    }),
    action: Type.String(),
    object: Obj({ type: Type.String(), id: Nullable(Type.String()) }),
    // What changed is each action's own document: any JSON, shown as recorded.
    before: Type.Unknown({ description: '变更前（各操作自有的 JSON）；无则为 null' }),
    after: Type.Unknown({ description: '变更后（各操作自有的 JSON）；无则为 null' }),
    hash: Type.String({ description: '本条记录的 SM3 链式摘要' }),
  },
  { title: 'AuditEntry' },
);
export const AuditPageSchema = Obj({
  items: Type.Array(AuditEntrySchema),
  total: Type.Optional(Type.Integer({ description: '符合筛选条件的记录总数' })),
});

export const AuditVerificationSchema = Obj(
  {
    ok: Type.Boolean({ description: '哈希链与检查点均校验通过' }),
    rows: Type.Integer({ description: '校验的记录数' }),
    checkedAt: Type.String(),
    message: Type.String({ description: '校验结论（中文）' }),
    broken: Nullable(
      Obj({
        id: Type.Integer(),
        seq: Type.Integer(),
        reason: Type.String({ description: 'edited 被改动，missing 被删除，reordered 顺序被调换，relinked 链接不符' }),
        message: Type.String(),
      }),
    ),
    checkpoint: Obj({
      state: Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('none')], {
        description: 'ok 与最新检查点相符，failed 不符，none 本服务没有检查点可核对',
      }),
      latestAt: Nullable(Type.String({ description: '最新检查点的时刻' })),
      message: Type.String(),
    }),
  },
  { title: 'AuditVerification' },
);
