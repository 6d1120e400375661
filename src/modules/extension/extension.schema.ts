/** Extension requests (延期申请) as the API shows and takes them. */
import { Type } from 'typebox';
import { IsoDate, Literals, Nullable, Obj, RowInteger, StepBody } from '../../server/http-schema.js';
import { ActionNameSchema } from '../auth/actions.schema.js';
import { EXTENSION_STATUSES } from './extension.model.js';

const Id = RowInteger();
export const NewRequest = Obj({
  reason: Type.String({ minLength: 1, maxLength: 5000 }),
  newDeadline: IsoDate({ description: '申请延至的完成时限' }),
});
export const ExtensionQuery = Obj({ taskId: Type.Optional(Id), status: Type.Optional(Type.Union(EXTENSION_STATUSES.map((s) => Type.Literal(s)))) });
/** Also a request without a body (Fastify validates a missing body as null). */
export const ApproveBody = StepBody({ comment: Type.Optional(Type.String({ maxLength: 5000 })) });
export const RejectBody = StepBody({ comment: Type.String({ minLength: 1, maxLength: 5000 }) });

export const ExtensionViewSchema = Obj(
  {
    id: Type.Integer(),
    taskId: Type.Integer(),
    unitId: Type.Integer({ description: '申请的主办单位' }),
    requestedBy: Nullable(Type.Integer()),
    reason: Type.String(),
    fromDeadline: Nullable(Type.String({ description: '申请时任务的完成时限；未设时限为 null' })),
    toDeadline: Type.String({ description: '申请延至的完成时限' }),
    status: Literals(EXTENSION_STATUSES, { title: 'ExtensionStatus', description: 'pending 待决定，approved 已批准，rejected 不予延期，withdrawn 已撤回' }),
    decidedBy: Nullable(Type.Integer()),
    decidedAt: Nullable(Type.String()),
    decisionComment: Nullable(Type.String()),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    actions: Type.Array(ActionNameSchema, { description: '当前用户此刻可对这份申请执行的操作' }),
  },
  { title: 'Extension' },
);
export const ExtensionListSchema = Obj({ items: Type.Array(ExtensionViewSchema) });
