/** A plan's supervision settings: thresholds, reminders, order rules, scoring. */
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { SettingsPatch, SettingsViewSchema } from './settings.schema.js';
import { changePlanSettings, getPlanSettings } from './settings.service.js';

export function settingsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/plans/:id/settings',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: {
        tags: ['督办设置'],
        summary: '方案的督办设置：红黄灯阈值、催办、督办规则、考核分值、通报版头',
        params: IdParams,
        response: { 200: SettingsViewSchema, ...errorResponses },
      },
    },
    async (request) => getPlanSettings(deps.store.db, actorOf(request), request.params.id),
  );

  app.put(
    '/api/plans/:id/settings',
    {
      config: { policy: { action: 'plan.configure' } },
      schema: {
        tags: ['督办设置'],
        summary: '修改督办设置（只需给出要改的项；须带上读取时的 version）',
        params: IdParams,
        body: SettingsPatch,
        response: { 200: SettingsViewSchema, ...errorResponses },
      },
    },
    async (request) => changePlanSettings(deps.store.db, actorOf(request), request.params.id, request.body, deps.clock),
  );
}
