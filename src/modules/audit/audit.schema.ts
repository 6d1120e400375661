/** The audit log as the API shows it. */
import { Type } from 'typebox';
import { Nullable, Obj, RowInteger } from '../../server/http-schema.js';

export const AuditQuery = Obj({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  beforeSeq: Type.Optional(RowInteger()),
});

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
export const AuditPageSchema = Obj({ items: Type.Array(AuditEntrySchema) });
