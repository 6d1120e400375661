/** The dashboard (驾驶舱) as the API shows it. */
import { Type } from 'typebox';
import { Nullable, Obj, RowInteger } from '../../server/http-schema.js';
import { AsOfDate, DataErrorSchema, LightCountsSchema, LightSchema, LightSourceSchema, PeriodSchema, ReasonsSchema } from '../status/status.schema.js';

const Int = Type.Integer();
const Text = Type.String();
const Counted = { total: Int, lights: LightCountsSchema };

/** Page sizes: the answer is bounded whatever the plan's size. */
export const DASHBOARD_PAGES = {
  lagging: { default: 50, max: 500 },
  tasks: { default: 100, max: 1000 },
  groups: { default: 200, max: 2000 },
} as const;

const Offset = (description: string) => Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description }));
const Limit = (what: keyof typeof DASHBOARD_PAGES, description: string) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: DASHBOARD_PAGES[what].max, description: `${description}，默认 ${DASHBOARD_PAGES[what].default}` }));

export const DashboardQuery = Obj({
  planId: Type.Optional(RowInteger({ description: '默认最新年度的分解方案' })),
  asOf: Type.Optional(AsOfDate),
  laggingOffset: Offset('滞后任务从第几项起（0 起）'),
  laggingLimit: Limit('lagging', '滞后任务每页项数'),
  taskOffset: Offset('任务及其指标从第几项起（按通知顺序，0 起）'),
  taskLimit: Limit('tasks', '任务每页项数'),
  groupLimit: Limit('groups', '按部分、牵头领导、主办单位分组各列出的组数'),
});

const TaskLightEntry = Obj({
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
});

export const LightsQuery = Obj({
  planId: Type.Optional(RowInteger({ description: '默认最新年度的分解方案' })),
  asOf: Type.Optional(AsOfDate),
});

export const LightListSchema = Obj(
  { planId: Int, asOf: Text, items: Type.Array(TaskLightEntry, { description: '每项在办和已销号任务的灯及其原因，按通知顺序' }) },
  { title: 'LightList' },
);

const Page = Obj({ offset: Int, limit: Int, total: Type.Integer({ description: '共有项数' }) });

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
      { description: '黄灯和红灯任务，最严重的在前（一页，见 pages.lagging）' },
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
    tasks: Type.Array(TaskLightEntry, { description: '一页任务（按通知顺序，见 pages.tasks）；targets 为这些任务的指标' }),
    pages: Obj(
      {
        lagging: Page,
        tasks: Page,
        groups: Obj({ limit: Int, sections: Int, leaders: Int, units: Int }, { description: '各分组共有几组；每种最多列出 limit 组' }),
      },
      { description: '各列表的分页' },
    ),
  },
  { title: 'Dashboard' },
);
