/** The dashboard (驾驶舱) as the API shows it. */
import { Type } from 'typebox';
import { Nullable, Obj, RowInteger } from '../../server/http-schema.js';
import { AsOfDate, DataErrorSchema, LightCountsSchema, LightSchema, LightSourceSchema, PeriodSchema, ReasonsSchema } from '../status/status.schema.js';

const Int = Type.Integer();
const Text = Type.String();
const Counted = { total: Int, lights: LightCountsSchema };

export const DashboardQuery = Obj({
  planId: Type.Optional(RowInteger({ description: '默认最新年度的分解方案' })),
  asOf: Type.Optional(AsOfDate),
});

export const DashboardSchema = Obj(
  {
    planId: Int,
    asOf: Text,
    period: PeriodSchema,
    timeProgress: Type.Number({ description: '时序进度，0 至 1' }),
    lights: LightCountsSchema,
    total: Type.Integer({ description: '在办和已销号的任务数' }),
    bySection: Type.Array(Obj({ sectionId: Nullable(Int), number: Nullable(Text), title: Nullable(Text), ...Counted })),
    byLeader: Type.Array(Obj({ leaderId: Int, name: Text, ...Counted })),
    byUnit: Type.Array(
      Obj({
        unitId: Int,
        name: Text,
        ...Counted,
        owed: Int,
        onTime: Int,
        late: Int,
        returned: Int,
        onTimeRate: Nullable(Type.Number({ description: '按时报送率：按时 ÷（按时 + 逾期）；尚无报送时为 null' })),
      }),
      { description: '按主办单位计数；只协办的单位也列出其报送情况' },
    ),
    lagging: Type.Array(
      Obj({
        taskId: Int,
        key: Text,
        text: Text,
        light: LightSchema,
        behindPoints: Nullable(
          Type.Number({
            minimum: 0,
            description: '灯由指标落后而来时，同色指标中落后最多的百分点；灯由逾期未报、节点逾期、只减不增或单位自评而来时为 null',
          }),
        ),
        reportOverdue: Type.Boolean(),
        hostUnits: Type.Array(Text),
        leaders: Type.Array(Text),
        reasons: ReasonsSchema,
      }),
      { description: '黄灯和红灯任务，最严重的在前' },
    ),
    targets: Type.Array(
      Obj({
        targetId: Int,
        taskId: Int,
        text: Text,
        metric: Text,
        value: Nullable(Type.Number()),
        unit: Nullable(Text),
        actual: Nullable(Type.Number()),
        completion: Nullable(Type.Number({ description: '完成度（比值）' })),
        expected: Nullable(Type.Number({ description: '应完成比例：时序进度、单位计划进度或比率类的 1' })),
        light: LightSchema,
      }),
    ),
    tasks: Type.Array(
      Obj({
        taskId: Int,
        key: Text,
        sectionId: Nullable(Int),
        light: LightSchema,
        source: LightSourceSchema,
        dataError: DataErrorSchema,
        reportOverdue: Type.Boolean(),
        confidenceConflict: Type.Boolean(),
        behindPoints: Nullable(Type.Number({ description: '各指标中落后最多的百分点，负数为超前；无可比指标时为 null' })),
        reasons: ReasonsSchema,
      }),
    ),
  },
  { title: 'Dashboard' },
);
