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

const Count = Type.Integer({ minimum: 0 });
const Share = Nullable(Type.Number({ minimum: 0, maximum: 1, description: '已报 ÷ 应报；应报为 0 时为 null' }));

export const RoundFigureSchema = Obj(
  {
    owed: Type.Integer({ minimum: 0, description: '应报报告：本期要求报送的报告（任务已销号或已删除而未报送的不计）' }),
    sent: Type.Integer({ minimum: 0, description: '已报：首次报送（主办单位报送、协办单位审核）的报告' }),
    onTime: Type.Integer({ minimum: 0, description: '其中在截止日（北京时间）当天或之前报送的' }),
    accepted: Type.Integer({ minimum: 0, description: '已采纳的报告' }),
    share: Share,
  },
  { title: 'RoundFigure', description: '本期报送情况：对每个角色都是同一组数；完成度 = 已报 ÷ 应报' },
);

export const RoundScopedFigureSchema = Obj(
  {
    scope: Literals(['unit', 'leader'], { title: 'RoundScope', description: 'unit 本单位的报告（单位负责人、联络员）；leader 分管任务的报告（牵头领导）' }),
    owed: Count,
    sent: Count,
    share: Share,
  },
  { title: 'RoundScopedFigure', description: '调用者自己的部分，与本期完成度分开显示：如“本单位：已报 3 / 应报 4”' },
);

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
  /** Only in the list of rounds. */
  figure: Type.Optional(RoundFigureSchema),
  /** Only in the list of rounds; null for those who have no part of their own (the office, observers). */
  mine: Type.Optional(Nullable(RoundScopedFigureSchema)),
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
