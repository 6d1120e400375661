/** Work plans (细化分解) as the API shows and takes them. */
import { Type } from 'typebox';
import { IsoDate, Literals, Name, Nullable, Obj, RowInteger, StepBody } from '../../server/http-schema.js';
import { Figure } from '../../server/number-schema.js';
import { ActionNameSchema } from '../auth/actions.schema.js';
import { WORK_PLAN_STATUSES } from './workplan.model.js';

const Id = RowInteger();
const Day = IsoDate();
export const WorkPlanPatch = Obj({
  version: RowInteger(),
  measures: Type.Optional(Type.String({ maxLength: 20000 })),
  coParts: Type.Optional(Type.Array(Obj({ unitId: Id, part: Type.String({ maxLength: 2000 }) }), { maxItems: 100 })),
  milestones: Type.Optional(
    Type.Array(Obj({ dueOn: Day, title: Name({ minLength: 0, maxLength: 500 }), unitId: Type.Union([Id, Type.Null()]) }), { maxItems: 200 }),
  ),
  values: Type.Optional(Type.Array(Obj({ targetId: Id, periodEnd: Day, value: Figure({ description: '计划累计值' }) }), { maxItems: 2000 })),
});
/** Steps whose body is optional also take a request without one (Fastify validates a missing body as null). */
export const NewRevision = Type.Union([Obj({ unitId: Type.Optional(Id) }), Type.Null()]);
export const SubmitBody = StepBody({});
export const ApproveBody = StepBody({ comment: Type.Optional(Type.String({ maxLength: 5000 })) });
export const ReturnBody = StepBody({ comment: Type.String({ minLength: 1, maxLength: 5000 }) });

export const WorkPlanStatusSchema = Literals(WORK_PLAN_STATUSES, {
  title: 'WorkPlanStatus',
  description: 'draft 草稿，submitted 已提交，returned 已退回，approved 现行（已批准），superseded 已被新版本取代',
});

export const WorkPlanViewSchema = Obj(
  {
    id: Type.Integer(),
    taskId: Type.Integer(),
    unitId: Type.Integer({ description: '主办单位' }),
    revision: Type.Integer({ description: '版本号' }),
    status: WorkPlanStatusSchema,
    measures: Type.String({ description: '工作措施' }),
    coParts: Type.Array(Obj({ unitId: Type.Integer(), part: Type.String() }, { title: 'CoPart', description: '协办单位的分工' })),
    milestones: Type.Array(
      Obj(
        { id: Type.Integer(), dueOn: Type.String(), title: Type.String(), unitId: Nullable(Type.Integer({ description: '完成单位；null 为主办单位' })) },
        { title: 'WorkPlanMilestone' },
      ),
    ),
    values: Type.Array(
      Obj({ targetId: Type.Integer(), periodEnd: Type.String(), value: Type.Number() }, { title: 'PlannedValue', description: '指标在月末或季末的计划累计值' }),
    ),
    authorId: Nullable(Type.Integer()),
    submittedAt: Nullable(Type.String()),
    decidedBy: Nullable(Type.Integer()),
    decidedAt: Nullable(Type.String()),
    decisionComment: Nullable(Type.String()),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    actions: Type.Array(ActionNameSchema, { description: '当前用户此刻可对这一版本执行的操作' }),
  },
  { title: 'WorkPlan' },
);
export const WorkPlanListSchema = Obj({ items: Type.Array(WorkPlanViewSchema) });
