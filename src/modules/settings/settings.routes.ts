/** A plan's supervision settings: thresholds, reminders, order rules, scoring. */
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, Obj, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { changePlanSettings, getPlanSettings } from './settings.service.js';

const Num = Type.Number();
const Days = Type.Integer({ minimum: 0 });
const SettingsPatch = Obj({
  version: Type.Integer({ minimum: 0, description: '读取时的 version；尚未保存过设置时为 0' }),
  status: Type.Optional(
    Obj({
      yellowBehind: Type.Optional(Num),
      redBehind: Type.Optional(Num),
      useSchedule: Type.Optional(Type.Boolean()),
      defaultLagMonths: Type.Optional(Days),
      lagMonthsByMetric: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Days)),
    }),
  ),
  reminders: Type.Optional(
    Obj({
      daysBefore: Type.Optional(Type.Array(Days, { maxItems: 10 })),
      onDueDay: Type.Optional(Type.Boolean()),
      overdueEveryDays: Type.Optional(Days),
      escalateAfterDays: Type.Optional(Days),
      escalateRed: Type.Optional(Type.Boolean()),
    }),
  ),
  orders: Type.Optional(
    Obj({
      overdueDays: Type.Optional(Days),
      redAtClose: Type.Optional(Type.Boolean()),
      redRounds: Type.Optional(Days),
      respondDays: Type.Optional(Days),
    }),
  ),
  scoring: Type.Optional(
    Obj({
      base: Type.Optional(Num),
      reportOnTime: Type.Optional(Num),
      targetMet: Type.Optional(Num),
      lateReport: Type.Optional(Num),
      returned: Type.Optional(Num),
      redMonth: Type.Optional(Num),
      unmetTarget: Type.Optional(Num),
      unansweredOrder: Type.Optional(Num),
    }),
  ),
  bulletin: Type.Optional(
    Obj({
      organ: Type.Optional(Type.String({ maxLength: 50, description: '发文机关；空则为“<政府名>办公室”' })),
      numberPrefix: Type.Optional(Type.String({ maxLength: 30, description: '发文字号前缀（机关代字）；空则由政府名生成' })),
      recipients: Type.Optional(Type.String({ maxLength: 300, description: '主送机关' })),
      copyTo: Type.Optional(Type.String({ maxLength: 300, description: '抄送机关' })),
    }),
  ),
});
const SettingsView = Type.Object({}, { additionalProperties: true });

export function settingsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/plans/:id/settings',
    { config: { policy: { action: 'ledger.read' } }, schema: { tags: ['督办设置'], summary: '方案的督办设置：红黄灯阈值、催办、督办规则、考核分值、通报版头', params: IdParams, response: { 200: SettingsView, ...errorResponses } } },
    async (request) => getPlanSettings(deps.store.db, actorOf(request), request.params.id),
  );

  app.put(
    '/api/plans/:id/settings',
    { config: { policy: { action: 'plan.configure' } }, schema: { tags: ['督办设置'], summary: '修改督办设置（只需给出要改的项；须带上读取时的 version）', params: IdParams, body: SettingsPatch, response: { 200: SettingsView, ...errorResponses } } },
    async (request) => changePlanSettings(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock),
  );
}
