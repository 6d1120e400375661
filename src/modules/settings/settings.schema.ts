/** A plan's supervision settings document as the API shows and takes it. */
import { Type } from 'typebox';
import { Name, Obj, RowInteger } from '../../server/http-schema.js';
import { Count, PercentPoints, Score } from '../../server/number-schema.js';

const Points = Type.Number({ description: '分值（扣分为负数）' });
const Scored = Score({ description: '分值（扣分为负数）' });
/** Reminder and order days: the ranges settings.ts checks, said here so that the refusal names them. */
const Days = (max: number): ReturnType<typeof Count> => Count(max, { description: '天数' });
const LagMonths = Count(12, { description: '统计滞后的月数' });

export const SettingsPatch = Obj({
  version: RowInteger({ minimum: 0, description: '读取时的 version；尚未保存过设置时为 0' }),
  status: Type.Optional(
    Obj({
      yellowBehind: Type.Optional(PercentPoints({ description: '落后时序进度超过此百分点为黄灯' })),
      redBehind: Type.Optional(PercentPoints({ description: '超过此百分点为红灯' })),
      useSchedule: Type.Optional(Type.Boolean()),
      defaultLagMonths: Type.Optional(LagMonths),
      lagMonthsByMetric: Type.Optional(Type.Record(Name({ maxLength: 100 }), LagMonths)),
    }),
  ),
  reminders: Type.Optional(
    Obj({
      daysBefore: Type.Optional(Type.Array(Days(60), { maxItems: 10 })),
      onDueDay: Type.Optional(Type.Boolean()),
      overdueEveryDays: Type.Optional(Days(60)),
      escalateAfterDays: Type.Optional(Days(60)),
      escalateRed: Type.Optional(Type.Boolean()),
    }),
  ),
  orders: Type.Optional(
    Obj({
      overdueDays: Type.Optional(Days(120)),
      redAtClose: Type.Optional(Type.Boolean()),
      redRounds: Type.Optional(Count(12, { description: '期数' })),
      respondDays: Type.Optional(Days(120)),
    }),
  ),
  scoring: Type.Optional(
    Obj({
      base: Type.Optional(Scored),
      reportOnTime: Type.Optional(Scored),
      targetMet: Type.Optional(Scored),
      lateReport: Type.Optional(Scored),
      returned: Type.Optional(Scored),
      redMonth: Type.Optional(Scored),
      unmetTarget: Type.Optional(Scored),
      unansweredOrder: Type.Optional(Scored),
    }),
  ),
  bulletin: Type.Optional(
    Obj({
      organ: Type.Optional(Name({ minLength: 0, maxLength: 50, description: '发文机关；空则为“<政府名>办公室”' })),
      numberPrefix: Type.Optional(Name({ minLength: 0, maxLength: 30, description: '发文字号前缀（机关代字）；空则由政府名生成' })),
      recipients: Type.Optional(Name({ minLength: 0, maxLength: 300, description: '主送机关' })),
      copyTo: Type.Optional(Name({ minLength: 0, maxLength: 300, description: '抄送机关' })),
    }),
  ),
});

export const ScoringSchemeSchema = Obj(
  {
    base: Points,
    reportOnTime: Points,
    targetMet: Points,
    lateReport: Points,
    returned: Points,
    redMonth: Points,
    unmetTarget: Points,
    unansweredOrder: Points,
  },
  { title: 'ScoringScheme', description: '考核分值：基础分，和各项计分规则在比率为 100% 时的分值（单位得分 = 分值 × 比率）' },
);

export const PlanSettingsSchema = Obj(
  {
    status: Obj(
      {
        yellowBehind: Type.Number({ description: '落后时序进度超过此百分点为黄灯' }),
        redBehind: Type.Number({ description: '超过此百分点为红灯' }),
        useSchedule: Type.Boolean({ description: '有单位计划进度的指标按计划进度比较' }),
        defaultLagMonths: Type.Number({ description: '统计数据滞后的月数' }),
        lagMonthsByMetric: Type.Record(Type.String(), Type.Number(), { description: '按指标名称的统计滞后月数' }),
      },
      { title: 'StatusSettings' },
    ),
    reminders: Obj(
      {
        daysBefore: Type.Array(Type.Number(), { description: '截止前几天提醒（每项一次）' }),
        onDueDay: Type.Boolean(),
        overdueEveryDays: Type.Number({ description: '逾期后每隔几天再提醒；0 只提醒一次' }),
        escalateAfterDays: Type.Number({ description: '逾期几天后告知牵头领导' }),
        escalateRed: Type.Boolean({ description: '任务转为红灯时告知牵头领导' }),
      },
      { title: 'ReminderSettings' },
    ),
    orders: Obj(
      {
        overdueDays: Type.Number({ description: '报告逾期几天下发蓝色督办单；0 为不按此规则' }),
        redAtClose: Type.Boolean({ description: '调度结束时红灯的任务下发黄色督办单' }),
        redRounds: Type.Number({ description: '连续几期红灯下发红色督办单；0 为不按此规则' }),
        respondDays: Type.Number({ description: '督办单办理天数' }),
      },
      { title: 'OrderRules' },
    ),
    scoring: ScoringSchemeSchema,
    bulletin: Obj(
      {
        organ: Type.String({ description: '发文机关；空则为“<政府名>办公室”' }),
        numberPrefix: Type.String({ description: '发文字号前缀（机关代字）；空则由政府名生成' }),
        recipients: Type.String({ description: '主送机关' }),
        copyTo: Type.String({ description: '抄送机关' }),
      },
      { title: 'BulletinSettings' },
    ),
  },
  { title: 'PlanSettings' },
);

export const SettingsViewSchema = Obj(
  {
    planId: Type.Integer(),
    version: Type.Integer({ description: '尚未保存过设置（使用默认值）时为 0' }),
    settings: PlanSettingsSchema,
  },
  { title: 'SettingsView' },
);
