/** Reporting rounds (调度) as the API shows and takes them. */
import { Type } from 'typebox';
import { IsoDate, Literals, Name, Nullable, Obj, RowInteger } from '../../server/http-schema.js';
import { LightSchema } from '../status/status.schema.js';
import { ROUND_KINDS } from './round.model.js';

const Id = RowInteger();
export const RoundBody = Obj({
  planId: Id,
  kind: Type.Union(ROUND_KINDS.map((k) => Type.Literal(k))),
  label: Name({ maxLength: 40, description: '期次：月度 2026-03，季度 2026-Q1，临时调度自拟' }),
  periodEnd: IsoDate({ description: '统计截止日期' }),
  dueOn: IsoDate({ description: '报送截止日期' }),
});
export const RoundQuery = Obj({ planId: Type.Optional(Id) });
export const CloseBody = Obj({ version: RowInteger({ description: '读取时的 version' }) });

const RoundProperties = {
  id: Type.Integer(),
  planId: Type.Integer(),
  kind: Literals(ROUND_KINDS, { title: 'RoundKind', description: 'monthly 月度，quarterly 季度，adhoc 临时' }),
  label: Type.String({ description: '期次：2026-03、2026-Q1 或自拟' }),
  periodEnd: Type.String({ description: '统计截止日期' }),
  dueOn: Type.String({ description: '报送截止日期' }),
  status: Literals(['open', 'closed']),
  createdBy: Nullable(Type.Integer()),
  createdAt: Type.String(),
  version: Type.Integer(),
  closedBy: Nullable(Type.Integer()),
  closedAt: Nullable(Type.String()),
  reports: Type.Optional(Type.Integer({ description: '发起时生成的报告草稿数（只在发起调度的回答中）' })),
};

export const RoundViewSchema = Obj(RoundProperties, { title: 'Round' });
export const RoundListSchema = Obj({ items: Type.Array(RoundViewSchema) });

export const ClosedRoundSchema = Obj(
  {
    ...RoundProperties,
    lights: Type.Array(Obj({ taskId: Type.Integer(), light: LightSchema }), { description: '各项任务在统计截止日的灯（已记入灯的历史）' }),
  },
  { title: 'ClosedRound' },
);
